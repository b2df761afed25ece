import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  CalendarOverrides,
  calendarReach,
  CN_HOLIDAY_DATA,
  createCalendar,
  parseOfficialSchedule,
  WorkCalendar,
  DEFAULT_DEADLINE_RULES,
  DEFAULT_ESCALATION_RULES,
  DEFAULT_WORKING_HOURS,
  DeadlineRuleOverrides,
  EscalationRules,
  validatePolicy,
  WorkingHours,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { CLOCK_PERMISSIONS } from './permissions';
import { Company, Project } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
import type { ClockOptions } from '../tickets/deadline-fields';
import { TicketClockSettings } from '../tickets/ports';

/** What a project may tune (docs/domain-rules.md "Time limits": the handbook's values are the defaults). */
export interface ProjectClockSettings {
  deadlineRules?: DeadlineRuleOverrides;
  workingHours?: WorkingHours;
  escalation?: EscalationRules;
}

export interface ResolvedClock extends ClockOptions {
  escalation: EscalationRules;
}

/**
 * Each project's clock: its deadline rules, working hours and escalation steps, on its company's calendar — the
 * clock part of its ProjectPolicy (server/src/policy), resolved and cached there. This keeps the clock-settings
 * and calendar routes; their values are checked with the policy's bounds (docs/policy.md). The tickets domain
 * reads a project's clock through its TicketClockSettings port (clocks/clock-port.module.ts).
 */
@Injectable()
export class ClockSettingsService implements TicketClockSettings {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyService,
  ) {}

  /**
   * Inside a transaction pass its manager: a second pool connection taken while the transaction holds locks
   * (the ticket counter) can wait forever when every pool connection waits for those locks.
   */
  async forProject(projectId: string, m?: EntityManager): Promise<ResolvedClock> {
    const { policy, workTime } = await this.policies.forProject(projectId, m);
    return {
      rules: policy.deadlines,
      workingHours: workTime.workingHours,
      calendar: workTime.calendar,
      escalation: policy.escalation,
    };
  }

  private async projectFor(user: AuthUser, projectId: string, write: boolean) {
    const project = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    const mine =
      project &&
      user.kind === 'staff' &&
      (allowed(CLOCK_PERMISSIONS.anyProjectOfCompany, user)
        ? project.companyId === user.companyId
        : project.id === user.projectId);
    if (!project || !mine) throw new NotFoundException('没有找到这个小区');
    if (write && !allowed(CLOCK_PERMISSIONS.editProject, user))
      throw new ForbiddenException('时限规则由项目经理或集团总部设置');
    return project;
  }

  async get(user: AuthUser, projectId: string) {
    const project = await this.projectFor(user, projectId, false);
    const own = parse<ProjectClockSettings>(project.clockSettings) ?? {};
    const company = await this.ds.getRepository(Company).findOneByOrFail({ id: project.companyId });
    const { policy } = await this.policies.forProject(project.id);
    return {
      settings: own,
      effective: {
        deadlineRules: policy.deadlines,
        workingHours: policy.workingHours,
        escalation: policy.escalation,
      },
      defaults: {
        deadlineRules: DEFAULT_DEADLINE_RULES,
        workingHours: DEFAULT_WORKING_HOURS,
        escalation: DEFAULT_ESCALATION_RULES,
      },
      calendarOverrides: parse<CalendarOverrides>(company.calendarOverrides) ?? {},
    };
  }

  async update(user: AuthUser, projectId: string, settings: ProjectClockSettings) {
    const project = await this.projectFor(user, projectId, true);
    const checked = validatePolicy(
      {
        deadlines: settings.deadlineRules,
        workingHours: settings.workingHours,
        escalation: settings.escalation,
      },
      { allow: ['deadlines', 'workingHours', 'escalation'] },
    );
    if (!checked.ok) throw new BadRequestException(checked.problems.map((p) => p.message).join('；'));
    await this.ds
      .getRepository(Project)
      .update({ id: project.id }, { clockSettings: JSON.stringify(settings) });
    this.policies.invalidateProject(project.id);
    return this.get(user, projectId);
  }

  /** The company's own days off / working days (HQ only); imported official years are kept. */
  async updateCalendar(user: AuthUser, overrides: CalendarOverrides) {
    const companyId = this.hqCompany(user);
    const checked = validatePolicy({ calendar: overrides }, { allow: ['calendar'] });
    if (!checked.ok) throw new BadRequestException(checked.problems.map((p) => p.message).join('；'));
    const clean = {
      extraHolidays: overrides.extraHolidays ?? [],
      extraWorkdays: overrides.extraWorkdays ?? [],
    };
    const current = await this.companyOverrides(companyId);
    await this.saveOverrides(companyId, { ...clean, ...(current.years ? { years: current.years } : {}) });
    return clean;
  }

  /**
   * HQ imports a year's official schedule (holidays and make-up working days as the State Council publishes
   * them), pasted as a table (`parseOfficialSchedule`); a second import of the same year replaces it.
   */
  async importYear(
    user: AuthUser,
    year: number,
    body: { table?: string; notice?: string; published?: string },
  ) {
    const companyId = this.hqCompany(user);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new BadRequestException('年份不正确');
    if (CN_HOLIDAY_DATA.years[String(year)])
      throw new BadRequestException(`${year}年的放假安排已随系统提供，无需导入`);
    const parsed = parseOfficialSchedule(year, body.table ?? '', body);
    if (!parsed.ok)
      throw new BadRequestException({
        message: `放假安排有误：${parsed.errors.slice(0, 5).join('；')}`,
        code: 'invalid_field',
        errors: parsed.errors,
      });
    const current = await this.companyOverrides(companyId);
    await this.saveOverrides(companyId, { ...current, years: { ...current.years, [year]: parsed.year } });
    return { year, holidays: parsed.holidays, workdays: parsed.workdays, schedule: parsed.year };
  }

  /** How far the company's calendar reaches, which years are shipped and which HQ imported. */
  async coverage(user: AuthUser, now: Date) {
    const companyId = this.hqCompany(user, false);
    const own = await this.companyOverrides(companyId);
    return { ...describeCoverage(createCalendar(own), now), imported: own.years ?? {}, overrides: own };
  }

  private hqCompany(user: AuthUser, write = true): string {
    if (user.kind !== 'staff' || !user.companyId) throw new ForbiddenException('公司日历由集团总部设置');
    if (write && !allowed(CLOCK_PERMISSIONS.editCompanyCalendar, user))
      throw new ForbiddenException('公司日历由集团总部设置');
    return user.companyId;
  }

  private async companyOverrides(companyId: string): Promise<CalendarOverrides> {
    const company = await this.ds.getRepository(Company).findOneByOrFail({ id: companyId });
    return parse<CalendarOverrides>(company.calendarOverrides) ?? {};
  }

  private async saveOverrides(companyId: string, o: CalendarOverrides) {
    await this.ds.getRepository(Company).update({ id: companyId }, { calendarOverrides: JSON.stringify(o) });
    this.policies.invalidateCompany();
    calendarChanges.count++;
  }
}

/** Calendar changes on this instance (the health check's cached reach is read again after one). */
export const calendarChanges = { count: 0 };

/** The reach of a calendar seen from `now`: the years covered and the last one of the unbroken run from this year. */
export function describeCoverage(cal: WorkCalendar, now: Date) {
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now),
  );
  const through = calendarReach(cal, year);
  return {
    coveredYears: [...cal.coveredYears],
    shippedYears: Object.keys(CN_HOLIDAY_DATA.years).map(Number),
    coveredThrough: through >= year ? `${through}-12-31` : null,
    nextYearMissing: !cal.coveredYears.includes(year + 1),
  };
}

function parse<T>(raw: string | null | undefined): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
