import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CampaignsService } from './campaigns.service';
import { SurveyExportService } from './export.service';
import { QuestionnairesService } from './questionnaires.service';
import { SurveyResponsesService } from './responses.service';
import { SurveysController } from './surveys.controller';

@Module({
  imports: [AuthModule],
  controllers: [SurveysController],
  providers: [QuestionnairesService, CampaignsService, SurveyResponsesService, SurveyExportService],
  exports: [QuestionnairesService, CampaignsService, SurveyResponsesService, SurveyExportService],
})
export class SurveysModule {}
