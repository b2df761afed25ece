import { Global, Module } from '@nestjs/common';
import { Notifier } from '../events/notifier';
import { NotificationsModule } from './notifications.module';
import { NotificationsService } from './notifications.service';

/** NotificationsService as the app-wide Notifier port (events/notifier.ts), for domains that may not import it. */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [{ provide: Notifier, useExisting: NotificationsService }],
  exports: [Notifier],
})
export class NotifierModule {}
