import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoInstance } from 'pino';
import { DataSource } from 'typeorm';
import { ArchiveModule } from './archive/archive.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { resolveJwtSecret } from './auth/auth.service';
import { ClassificationModule } from './classification/classification.module';
import { ClockPortModule } from './clocks/clock-port.module';
import { ClocksModule } from './clocks/clocks.module';
import { CoreModule } from './core.module';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { createAppLogger, requestLogOptions } from './common/logging';
import { validationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IncidentPortModule } from './incidents/incident-port.module';
import { IncidentsModule } from './incidents/incidents.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationsModule } from './notifications/notifications.module';
import { NotifierModule } from './notifications/notifier.module';
import { OrgModule } from './org/org.module';
import { PaidRepairGuardModule } from './payments/paid-repair-guard.module';
import { PaymentsModule } from './payments/payments.module';
import { PolicyModule } from './policy/policy.module';
import { PhrasePortModule } from './privacy/phrase-port.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RepliesModule } from './replies/replies.module';
import { ReportsModule } from './reports/reports.module';
import { DispatchPortModule } from './routing/dispatch-port.module';
import { RoutingModule } from './routing/routing.module';
import { StorageModule } from './storage/storage.module';
import { SurveysModule } from './surveys/surveys.module';
import { TicketsModule } from './tickets/tickets.module';
import { VisitsModule } from './visits/visits.module';
import { WechatModule } from './wechat/wechat.module';

/**
 * One module per domain (each folder's `*.module.ts`: its controllers, providers and what it exports), plus the
 * global infrastructure (CoreModule, the JWT keys, request logging) and the app-wide guard, pipe and filter.
 * The module map and the boundary rule are in docs/architecture.md.
 */
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
        CoreModule.forRoot(config, ds, `files:${secret}`),
        // The secret as a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM
        // key on every sign and verify, which cost 6% of a ticket intake's CPU (bench/results.md).
        JwtModule.register({
          global: true,
          secretOrKeyProvider: () => jwtKey,
          signOptions: { expiresIn: config.jwtTtlSeconds },
        }),
        // One JSON line per request, and the request id on every line logged while handling it.
        LoggerModule.forRoot({
          pinoHttp: requestLogOptions(logger),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
        // The order of the domains is the order their controllers' routes were registered in before.
        HealthModule,
        AuthModule,
        OrgModule,
        StorageModule,
        TicketsModule,
        RepliesModule,
        RoutingModule,
        IncidentsModule,
        NotificationsModule,
        NotifierModule,
        ClocksModule,
        PolicyModule,
        SurveysModule,
        PaymentsModule,
        PaidRepairGuardModule,
        VisitsModule,
        ReportsModule,
        ArchiveModule,
        PrivacyModule,
        ClassificationModule,
        EventsModule,
        JobsModule,
        WechatModule,
        // The tickets domain's ports (tickets/ports.ts), each provided by the domain that implements it.
        DispatchPortModule,
        ClockPortModule,
        PhrasePortModule,
        IncidentPortModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
