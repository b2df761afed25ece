import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { SmsClient } from './sms.client';
import { SmsService } from './sms.service';

/** Texts for what cannot wait (docs/deployment.md "SMS"): the provider's client and the durable send jobs. */
@Module({
  imports: [JobsModule],
  providers: [SmsClient, SmsService],
  exports: [SmsService],
})
export class SmsModule {}
