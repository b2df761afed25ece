import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  CalendarOverrides,
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
import { Company, Project } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
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

/**
 * Each project's clock: its deadline rules, working hours and escalation steps, on its company's calendar — the
 * clock part of its ProjectPolicy (server/src/policy), resolved and cached there. This keeps the clock-settings
 * and calendar routes; their values are checked with the policy's bounds (docs/policy.md).
 */
@Injectable()
export class ClockSettingsService {
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

  /** The company's own days off / working days (HQ only). */
  async updateCalendar(user: AuthUser, overrides: CalendarOverrides) {
    if (user.kind !== 'staff' || user.role !== 'hq' || !user.companyId)
      throw new ForbiddenException('公司日历由集团总部设置');
    const checked = validatePolicy({ calendar: overrides }, { allow: ['calendar'] });
    if (!checked.ok) throw new BadRequestException(checked.problems.map((p) => p.message).join('；'));
    const clean = {
      extraHolidays: overrides.extraHolidays ?? [],
      extraWorkdays: overrides.extraWorkdays ?? [],
    };
    await this.ds
      .getRepository(Company)
      .update({ id: user.companyId }, { calendarOverrides: JSON.stringify(clean) });
    this.policies.invalidateCompany();
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
