import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PolicyModule } from '../policy/policy.module';
import { TicketsModule } from '../tickets/tickets.module';
import { VisitsModule } from '../visits/visits.module';
import { IncidentWorkService } from './incident-work.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [NotificationsModule, PolicyModule, TicketsModule, VisitsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentWorkService],
  exports: [IncidentsService, IncidentWorkService],
})
export class IncidentsModule {}
