import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth-user';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiOkResponse } from '@nestjs/swagger';
import { Health } from './responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reports whether the database answers; 503 (with Retry-After via the filter) when it does not. */
  @Public()
  @Get()
  @ApiOkResponse({ type: Health })
  async health() {
    const started = Date.now();
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({
        status: 'degraded',
        database: { type: this.config.database.type, ok: false },
        message: '数据库暂时不可用',
      });
    }
    return {
      status: 'ok',
      database: { type: this.config.database.type, ok: true, latencyMs: Date.now() - started },
    };
  }
}
