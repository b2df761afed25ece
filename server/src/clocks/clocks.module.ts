import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { JobsModule } from '../jobs/jobs.module';
import { PolicyModule } from '../policy/policy.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ClockSettingsController } from './clock-settings.controller';
import { ClockSettingsService } from './clock-settings.service';
import { ClocksService } from './clocks.service';

@Module({
  imports: [EventsModule, JobsModule, PolicyModule, NotificationsModule, TicketsModule],
  controllers: [ClockSettingsController],
  providers: [ClocksService, ClockSettingsService],
  exports: [ClocksService, ClockSettingsService],
})
export class ClocksModule {}
