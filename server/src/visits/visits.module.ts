import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { JobsModule } from '../jobs/jobs.module';
import { PolicyModule } from '../policy/policy.module';
import { StorageModule } from '../storage/storage.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TicketsModule } from '../tickets/tickets.module';
import { RatingsService } from './ratings.service';
import { RepeatComplaintsService } from './repeat-complaints.service';
import { VISIT_REPOSITORIES } from './repositories';
import { VisitClosingService } from './visit-closing.service';
import { VisitPlansService } from './visit-plans.service';
import { VisitPreferencesService } from './visit-preferences.service';
import { VisitRulesService } from './visit-rules.service';
import { VisitSettingsService } from './visit-settings.service';
import { VisitsController } from './visits.controller';
import { VisitsService } from './visits.service';

@Module({
  imports: [EventsModule, JobsModule, PolicyModule, StorageModule, NotificationsModule, TicketsModule],
  controllers: [VisitsController],
  providers: [
    ...VISIT_REPOSITORIES,
    VisitRulesService,
    VisitPlansService,
    VisitPreferencesService,
    VisitClosingService,
    VisitSettingsService,
    VisitsService,
    RatingsService,
    RepeatComplaintsService,
  ],
  exports: [
    ...VISIT_REPOSITORIES,
    VisitRulesService,
    VisitPlansService,
    VisitPreferencesService,
    VisitClosingService,
    VisitSettingsService,
    VisitsService,
    RatingsService,
    RepeatComplaintsService,
  ],
})
export class VisitsModule {}
