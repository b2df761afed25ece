import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/config';
import { LocalDiskStorage, Storage } from './storage/storage';
import { FILE_URL_SECRET } from './storage/uploads.service';
import { Clock } from './common/clock';
import { RateLimiter, RateLimitGuard } from './common/rate-limit';

/**
 * What every domain module may inject without importing it: the configuration, the open database, the
 * clock, the file store and its link secret, and the rate limiter (its guard runs on routes of any domain).
 * Only infrastructure belongs here; a domain's services are reached by importing that domain's module.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, ds: DataSource, fileUrlSecret: string): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: DataSource, useValue: ds },
      { provide: Storage, useValue: new LocalDiskStorage(config.uploadDir) },
      { provide: FILE_URL_SECRET, useValue: fileUrlSecret },
      Clock,
      RateLimiter,
      RateLimitGuard,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
