import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrgModule } from '../org/org.module';
import { PolicyModule } from '../policy/policy.module';
import { REPORT_PROVIDERS } from './providers';
import { ReportsController } from './reports.controller';

@Module({
  imports: [AuthModule, JobsModule, OrgModule, PolicyModule, NotificationsModule],
  controllers: [ReportsController],
  providers: [...REPORT_PROVIDERS],
  exports: [...REPORT_PROVIDERS],
})
export class ReportsModule {}
