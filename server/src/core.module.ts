import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/config';
import { createStorage } from './storage/create-storage';
import { Storage } from './storage/storage';
import { Metrics } from './metrics/metrics';
import { FILE_URL_SECRET } from './storage/uploads.service';
import { Clock } from './common/clock';
import { RateLimiter, RateLimitGuard } from './common/rate-limit';

/**
 * What every domain module may inject without importing it: the configuration, the open database, the
 * clock, the file store (local disk or S3, `createStorage`) and its link secret, the metrics registry, and the rate
 * limiter (its guard runs on routes of any domain).
 * Only infrastructure belongs here; a domain's services are reached by importing that domain's module.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, ds: DataSource, fileUrlSecret: string): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: DataSource, useValue: ds },
      { provide: Storage, useValue: createStorage(config) },
      { provide: FILE_URL_SECRET, useValue: fileUrlSecret },
      Clock,
      Metrics,
      RateLimiter,
      RateLimitGuard,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
