import { Module, forwardRef } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { OrgModule } from '../org/org.module';
import { StorageModule } from '../storage/storage.module';
import { PolicyModule } from '../policy/policy.module';
import { ClocksModule } from '../clocks/clocks.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RoutingModule } from '../routing/routing.module';
import { TicketIntakeHooks } from './intake-hooks';
import { LifecycleService } from './lifecycle.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { TicketsController } from './tickets.controller';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    EventsModule,
    OrgModule,
    StorageModule,
    PolicyModule,
    forwardRef(() => ClocksModule),
    forwardRef(() => IncidentsModule),
    forwardRef(() => PrivacyModule),
    forwardRef(() => RoutingModule),
  ],
  controllers: [TicketsController, StaffController],
  providers: [TicketsRepository, TicketsService, LifecycleService, StaffService, TicketIntakeHooks],
  exports: [TicketsRepository, TicketsService, LifecycleService, StaffService, TicketIntakeHooks],
})
export class TicketsModule {}
