import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  CalendarOverrides,
  createCalendar,
  DEFAULT_DEADLINE_RULES,
  DEFAULT_ESCALATION_RULES,
  DEFAULT_WORKING_HOURS,
  DeadlineRuleOverrides,
  EscalationRules,
  resolveDeadlineRules,
  WorkingHours,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { ruleMessage } from '../common/rule-message';
import { TtlCache } from '../common/ttl-cache';
import { Company, Project } from '../org/entities';
import type { ClockOptions } from '../tickets/deadline-fields';

/** What a project may tune (docs/domain-rules.md "Time limits": the handbook's values are the defaults). */
export interface ProjectClockSettings {
  deadlineRules?: DeadlineRuleOverrides;
  workingHours?: WorkingHours;
  escalation?: EscalationRules;
}

export interface ResolvedClock extends ClockOptions {
  escalation: EscalationRules;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const CACHE_MS = 30_000;

/**
 * Each project's clock: its deadline rules, working hours and escalation steps, on its company's calendar.
 * Cached briefly; every instance re-reads within 30 s of a change.
 */
@Injectable()
export class ClockSettingsService {
  private cache = new TtlCache<ResolvedClock>(CACHE_MS);
  constructor(private readonly ds: DataSource) {}

  /**
   * Inside a transaction pass its manager: a second pool connection taken while the transaction holds locks
   * (the ticket counter) can wait forever when every pool connection waits for those locks.
   */
  forProject(projectId: string, m: EntityManager = this.ds.manager): Promise<ResolvedClock> {
    return this.cache.get(projectId, () => this.load(projectId, m));
  }

  private async load(projectId: string, m: EntityManager): Promise<ResolvedClock> {
    const project = await m.getRepository(Project).findOneBy({ id: projectId });
    const company = project ? await m.getRepository(Company).findOneBy({ id: project.companyId }) : null;
    const s = parse<ProjectClockSettings>(project?.clockSettings) ?? {};
    const cal = parse<CalendarOverrides>(company?.calendarOverrides);
    return {
      rules: resolveDeadlineRules(s.deadlineRules ?? {}),
      workingHours: s.workingHours,
      calendar: cal ? createCalendar(cal) : undefined,
      escalation: s.escalation ?? DEFAULT_ESCALATION_RULES,
    };
  }

  private async projectFor(user: AuthUser, projectId: string, write: boolean) {
    const project = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    const mine =
      project &&
      user.kind === 'staff' &&
      (user.role === 'hq' ? project.companyId === user.companyId : project.id === user.projectId);
    if (!project || !mine) throw new NotFoundException('没有找到这个小区');
    if (write && !['project_manager', 'hq'].includes(user.role))
      throw new ForbiddenException('时限规则由项目经理或集团总部设置');
    return project;
  }

  async get(user: AuthUser, projectId: string) {
    const project = await this.projectFor(user, projectId, false);
    const own = parse<ProjectClockSettings>(project.clockSettings) ?? {};
    const company = await this.ds.getRepository(Company).findOneByOrFail({ id: project.companyId });
    return {
      settings: own,
      effective: {
        deadlineRules: resolveDeadlineRules(own.deadlineRules ?? {}),
        workingHours: own.workingHours ?? DEFAULT_WORKING_HOURS,
        escalation: own.escalation ?? DEFAULT_ESCALATION_RULES,
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
    validate(settings);
    await this.ds
      .getRepository(Project)
      .update({ id: project.id }, { clockSettings: JSON.stringify(settings) });
    this.cache.delete(project.id);
    return this.get(user, projectId);
  }

  /** The company's own days off / working days (HQ only). */
  async updateCalendar(user: AuthUser, overrides: CalendarOverrides) {
    if (user.kind !== 'staff' || user.role !== 'hq' || !user.companyId)
      throw new ForbiddenException('公司日历由集团总部设置');
    try {
      createCalendar({ extraHolidays: overrides.extraHolidays, extraWorkdays: overrides.extraWorkdays });
    } catch {
      // The calendar's own errors are English (RangeError "no such day", a TypeError for null): name the entry.
      const wrong = [...(overrides.extraHolidays ?? []), ...(overrides.extraWorkdays ?? [])].find((d) => {
        try {
          createCalendar({ extraHolidays: [d] });
          return false;
        } catch {
          return true;
        }
      });
      if (wrong !== undefined)
        throw new BadRequestException(`日期格式不正确：${JSON.stringify(wrong)}（应为 2026-10-09）`);
      const both = (overrides.extraHolidays ?? []).find((d) => (overrides.extraWorkdays ?? []).includes(d));
      throw new BadRequestException(
        both ? `${both} 不能既是公司休息日又是公司工作日` : '公司日历不正确，请检查日期',
      );
    }
    const clean = {
      extraHolidays: overrides.extraHolidays ?? [],
      extraWorkdays: overrides.extraWorkdays ?? [],
    };
    await this.ds
      .getRepository(Company)
      .update({ id: user.companyId }, { calendarOverrides: JSON.stringify(clean) });
    this.cache.clear();
    return clean;
  }
}

function parse<T>(raw: string | null | undefined): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function validate(s: ProjectClockSettings) {
  const bad = (m: string) => new BadRequestException(m);
  if (s.deadlineRules !== undefined) {
    try {
      resolveDeadlineRules(s.deadlineRules);
    } catch (e) {
      // The deadline rules say where in English ("bad time limit at replyByChannel.email: {…}"): in Chinese here.
      const at = e instanceof RangeError ? /^bad time limit at (\S+): (.*)$/s.exec(e.message) : null;
      throw bad(
        `时限规则不正确：${at ? `${at[1]} 的值 ${at[2]} 不合要求` : ruleMessage(e, '每条规则应写明类型和时限')}`,
      );
    }
    const major = s.deadlineRules.repairByClass?.major?.handle;
    if (major && major.type === 'working_days' && (major.days < 7 || major.days > 15))
      throw bad('重大维修的解决时限应在 7 至 15 天之间（手册规定）');
  }
  if (s.workingHours !== undefined) {
    const w = s.workingHours;
    if (!w || !HHMM.test(w.start) || !HHMM.test(w.end) || w.start >= w.end)
      throw bad('工作时间格式应为 08:30 至 17:30，且开始早于结束');
    if (
      !Array.isArray(w.weekdays) ||
      !w.weekdays.length ||
      w.weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)
    )
      throw bad('工作日应为 0（周日）至 6（周六）中的若干天');
  }
  if (s.escalation !== undefined) {
    const e = s.escalation;
    if (!e || !(e.remindAt > 0 && e.remindAt < 1))
      throw bad('提醒时点应在 0 与 1 之间，例如 0.75 表示时限过去四分之三时提醒');
    const audiences = ['assignee', 'cs_lead', 'project_manager', 'hq'];
    if (
      !Array.isArray(e.steps) ||
      e.steps.some(
        (st) =>
          !Number.isInteger(st.level) ||
          !Number.isInteger(st.afterWorkingDays) ||
          st.afterWorkingDays < 0 ||
          st.afterWorkingDays > 30 ||
          !Array.isArray(st.notify) ||
          !st.notify.length ||
          st.notify.some((a) => !audiences.includes(a)),
      )
    )
      throw bad('升级步骤不正确：每一步需要级别、超时后的工作日数（0–30）和通知对象');
  }
}
