import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { JobsModule } from '../jobs/jobs.module';
import { WechatModule } from '../wechat/wechat.module';
import { RoutingModule } from '../routing/routing.module';
import { SmsModule } from '../sms/sms.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { TicketNotices } from './ticket-notices';

@Module({
  imports: [EventsModule, JobsModule, SmsModule, WechatModule, RoutingModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, TicketNotices],
  exports: [NotificationsService, TicketNotices],
})
export class NotificationsModule {}
