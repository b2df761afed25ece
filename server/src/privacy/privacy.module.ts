import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { TicketsModule } from '../tickets/tickets.module';
import { PhrasesService } from './phrases.service';
import { PrivacyController } from './privacy.controller';
import { NoticePublicationService, PrivacyService } from './privacy.service';

@Module({
  imports: [ReportsModule, TicketsModule],
  controllers: [PrivacyController],
  providers: [PhrasesService, PrivacyService, NoticePublicationService],
  exports: [PhrasesService, PrivacyService, NoticePublicationService],
})
export class PrivacyModule {}
