import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { OrgModule } from '../org/org.module';
import { StorageModule } from '../storage/storage.module';
import { PolicyModule } from '../policy/policy.module';
import { TicketIntakeHooks } from './intake-hooks';
import { LifecycleService } from './lifecycle.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { TicketsController } from './tickets.controller';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

@Module({
  // Routing, clocks, privacy and incidents depend on tickets, not the other way round: what tickets needs of them
  // comes through its ports (ports.ts), provided by each of those domains' global port module.
  imports: [EventsModule, OrgModule, StorageModule, PolicyModule],
  controllers: [TicketsController, StaffController],
  providers: [TicketsRepository, TicketsService, LifecycleService, StaffService, TicketIntakeHooks],
  exports: [TicketsRepository, TicketsService, LifecycleService, StaffService, TicketIntakeHooks],
})
export class TicketsModule {}
