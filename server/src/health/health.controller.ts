import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth-user';
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Whether the database answers (503, with Retry-After via the filter, when it does not) and whether rate limits
   * count. With REDIS_URL set and Redis unreachable the limits let every request through: the instance still
   * serves (200) but says `degraded`, with `rateLimits.ok: false`, so monitoring sees it. Not a 503: every
   * instance shares that Redis, and a balancer taking them all out would stop the service for a brake.
   */
  @Public()
  @Get()
  async health() {
    const started = Date.now();
    const rateLimits = this.limiter.state();
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException({
        status: 'degraded',
        database: { type: this.config.database.type, ok: false },
        rateLimits,
        message: '数据库暂时不可用',
      });
    }
    return {
      status: rateLimits.ok ? 'ok' : 'degraded',
      database: { type: this.config.database.type, ok: true, latencyMs: Date.now() - started },
      rateLimits: rateLimits.ok
        ? rateLimits
        : { ...rateLimits, message: 'Redis 不可用，限流暂停（所有请求放行）' },
    };
  }
}
