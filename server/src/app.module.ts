import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import { DataSource } from 'typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService, resolveJwtSecret } from './auth/auth.service';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { createAppLogger, requestLogOptions } from './common/logging';
import { validationPipe } from './common/validation';
import { RateLimiter, RateLimitGuard } from './common/rate-limit';
import { Clock } from './common/clock';
import { APP_CONFIG, AppConfig } from './config/config';
import { HealthController } from './health/health.controller';
import { OrgController } from './org/org.controller';
import { OrgService } from './org/org.service';
import { LocalDiskStorage, Storage } from './storage/storage';
import { UploadsController } from './storage/uploads.controller';
import { FILE_URL_SECRET, UploadsService } from './storage/uploads.service';
import { ClassifierService } from './classification/classifier.service';
import { NightlyRetrain } from './classification/nightly-retrain';
import { IncidentsController } from './incidents/incidents.controller';
import { IncidentWorkService } from './incidents/incident-work.service';
import { IncidentsService } from './incidents/incidents.service';
import { RepliesController } from './replies/replies.controller';
import { CorrectionService } from './routing/correction.service';
import { DispatchService } from './routing/dispatch.service';
import { RoutingController } from './routing/routing.controller';
import { RoutingService } from './routing/routing.service';
import { RepliesService } from './replies/replies.service';
import { LifecycleService } from './tickets/lifecycle.service';
import { StaffController } from './tickets/staff.controller';
import { StaffService } from './tickets/staff.service';
import { TicketsController } from './tickets/tickets.controller';
import { TicketsRepository } from './tickets/tickets.repository';
import { TicketsService } from './tickets/tickets.service';
import { WechatClient } from './wechat/wechat.client';
import { ClocksService } from './clocks/clocks.service';
import { ClockSettingsController } from './clocks/clock-settings.controller';
import { ClockSettingsService } from './clocks/clock-settings.service';
import { PolicyController } from './policy/policy.controller';
import { PolicyRepository } from './policy/policy.repository';
import { PolicyService } from './policy/policy.service';
import { TicketHooks } from './events/ticket-hooks';
import { JobsService } from './jobs/jobs.service';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { TicketNotices } from './notifications/ticket-notices';
import { CampaignsService } from './surveys/campaigns.service';
import { SurveyExportService } from './surveys/export.service';
import { QuestionnairesService } from './surveys/questionnaires.service';
import { SurveyResponsesService } from './surveys/responses.service';
import { SurveysController } from './surveys/surveys.controller';
import { ChargesService } from './payments/charges.service';
import { PaidRepairGuard } from './payments/paid-repair.guard';
import { PayNotificationsService } from './payments/pay-notifications.service';
import { PaymentsController } from './payments/payments.controller';
import { PaymentsService } from './payments/payments.service';
import { PaymentsSweepService } from './payments/payments-sweep.service';
import { PriceListService } from './payments/price-list.service';
import { QuotesService } from './payments/quotes.service';
import { ReconciliationService } from './payments/reconciliation.service';
import { RefundsService } from './payments/refunds.service';
import { PAYMENT_REPOSITORIES } from './payments/repositories';
import { QuoteSettlementService } from './payments/settlement.service';
import { WechatPayClient } from './payments/wechatpay.client';
import { TicketActionGuard } from './tickets/action-guard';
import { TicketIntakeHooks } from './tickets/intake-hooks';
import { RatingsService } from './visits/ratings.service';
import { RepeatComplaintsService } from './visits/repeat-complaints.service';
import { VISIT_REPOSITORIES } from './visits/repositories';
import { VisitClosingService } from './visits/visit-closing.service';
import { VisitPlansService } from './visits/visit-plans.service';
import { VisitPreferencesService } from './visits/visit-preferences.service';
import { VisitRulesService } from './visits/visit-rules.service';
import { VisitSettingsService } from './visits/visit-settings.service';
import { VisitsController } from './visits/visits.controller';
import { VisitsService } from './visits/visits.service';
import { REPORT_PROVIDERS } from './reports/providers';
import { ReportsController } from './reports/reports.controller';
import { ArchiveController } from './archive/archive.controller';
import { ArchiveService } from './archive/archive.service';
import { PrivacyController } from './privacy/privacy.controller';
import { PhrasesService } from './privacy/phrases.service';
import { NoticePublicationService, PrivacyService } from './privacy/privacy.service';

@Module({})
export class AppModule {
  /** The whole app for one configuration and an open (migrated) database; logs through `logger`. */
  static forRoot(
    config: AppConfig,
    ds: DataSource,
    logger: PinoInstance = createAppLogger({ level: config.logLevel }),
  ): DynamicModule {
    const secret = resolveJwtSecret(config);
    const jwtKey = createSecretKey(Buffer.from(secret, 'utf8'));
    return {
      module: AppModule,
      imports: [
        // The secret as a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM
        // key on every sign and verify, which cost 6% of a ticket intake's CPU (bench/results.md).
        JwtModule.register({
          secretOrKeyProvider: () => jwtKey,
          signOptions: { expiresIn: config.jwtTtlSeconds },
        }),
        // One JSON line per request, and the request id on every line logged while handling it.
        LoggerModule.forRoot({
          pinoHttp: requestLogOptions(logger),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        OrgController,
        UploadsController,
        TicketsController,
        StaffController,
        RepliesController,
        RoutingController,
        IncidentsController,
        NotificationsController,
        ClockSettingsController,
        PolicyController,
        SurveysController,
        PaymentsController,
        VisitsController,
        ReportsController,
        ArchiveController,
        PrivacyController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: ds },
        { provide: Storage, useValue: new LocalDiskStorage(config.uploadDir) },
        { provide: FILE_URL_SECRET, useValue: `files:${secret}` },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        Clock,
        RateLimiter,
        RateLimitGuard,
        WechatClient,
        AuthService,
        OrgService,
        UploadsService,
        PhrasesService,
        PrivacyService,
        NoticePublicationService,
        TicketsRepository,
        TicketsService,
        LifecycleService,
        StaffService,
        RepliesService,
        ClassifierService,
        RoutingService,
        DispatchService,
        CorrectionService,
        IncidentsService,
        IncidentWorkService,
        TicketHooks,
        JobsService,
        NotificationsService,
        TicketNotices,
        ClocksService,
        ClockSettingsService,
        PolicyRepository,
        PolicyService,
        NightlyRetrain,
        QuestionnairesService,
        CampaignsService,
        SurveyResponsesService,
        SurveyExportService,
        WechatPayClient,
        ...PAYMENT_REPOSITORIES,
        ChargesService,
        RefundsService,
        QuoteSettlementService,
        QuotesService,
        PaymentsService,
        PayNotificationsService,
        PaymentsSweepService,
        PaidRepairGuard,
        PriceListService,
        ReconciliationService,
        // LifecycleService consults payments: no handling before a paid repair is paid; cancel refunds.
        { provide: TicketActionGuard, useExisting: PaidRepairGuard },
        TicketIntakeHooks,
        ...VISIT_REPOSITORIES,
        VisitRulesService,
        VisitPlansService,
        VisitPreferencesService,
        VisitClosingService,
        VisitSettingsService,
        VisitsService,
        RatingsService,
        RepeatComplaintsService,
        ...REPORT_PROVIDERS,
        ArchiveService,
      ],
    };
  }
}
