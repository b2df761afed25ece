import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth-user';
import { RateLimiter } from '../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiOkResponse } from '@nestjs/swagger';
import { Health } from './responses';
import { CalendarOverrides, createCalendar } from '@wuye/shared';
import { calendarChanges, describeCoverage } from '../clocks/clock-settings.service';
import { Clock } from '../common/clock';
import { Company } from '../org/entities';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * How far the working-day calendar reaches: the last day up to which every company's calendar has the
   * official holidays (shipped or imported by HQ), counted from this year; null when this year is missing.
   * Read from every company's calendar at most once a minute (and after a calendar change on this instance):
   * health checks come often and must stay cheap.
   */
  private calendarCache: {
    at: number;
    changes: number;
    value: { coveredThrough: string | null; nextYearMissing: boolean };
  } | null = null;

  private async calendar() {
    const now = this.clock.now();
    if (this.calendarCache && Math.abs(now.getTime() - this.calendarCache.at) < 60_000)
      return this.calendarCache.value;
    const value = await this.readCalendar(now);
    this.calendarCache = { at: now.getTime(), changes: calendarChanges.count, value };
    return value;
  }

  private async readCalendar(now: Date) {
    const companies = await this.ds
      .getRepository(Company)
      .find({ select: { id: true, calendarOverrides: true } });
    const each = (companies.length ? companies : [{ calendarOverrides: null }]).map((c) => {
      let o: CalendarOverrides = {};
      try {
        o = c.calendarOverrides ? (JSON.parse(c.calendarOverrides) as CalendarOverrides) : {};
      } catch {
        o = {};
      }
      return describeCoverage(createCalendar({ years: o.years }), now);
    });
    const through = each.map((e) => e.coveredThrough);
    return {
      coveredThrough: through.includes(null) ? null : [...(through as string[])].sort()[0],
      nextYearMissing: each.some((e) => e.nextYearMissing),
    };
  }

  /**
   * Whether the database answers (503, with Retry-After via the filter, when it does not) and whether rate limits
   * count. With REDIS_URL set and Redis unreachable the limits let every request through: the instance still
   * serves (200) but says `degraded`, with `rateLimits.ok: false`, so monitoring sees it. Not a 503: every
   * instance shares that Redis, and a balancer taking them all out would stop the service for a brake.
   */
  @Public()
  @Get()
  @ApiOkResponse({ type: Health })
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
      calendar: await this.calendar(),
      rateLimits: rateLimits.ok
        ? rateLimits
        : { ...rateLimits, message: 'Redis 不可用，限流暂停（所有请求放行）' },
    };
  }
}
