import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth-user';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ApiOkResponse } from '@nestjs/swagger';
import { Health } from './responses';
import { CalendarOverrides, createCalendar } from '@wuye/shared';
import { describeCoverage } from '../clocks/clock-settings.service';
import { Clock } from '../common/clock';
import { Company } from '../org/entities';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * How far the working-day calendar reaches: the last day up to which every company's calendar has the
   * official holidays (shipped or imported by HQ), counted from this year; null when this year is missing.
   */
  private async calendar() {
    const now = this.clock.now();
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
      calendar: await this.calendar(),
    };
  }
}
