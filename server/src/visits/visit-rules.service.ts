import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import {
  CloseWindow,
  VisitRuleOverrides,
  VisitRules,
  WorkTimeOptions,
  closeWindowEnd,
  validatePolicy,
} from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { VISIT_PERMISSIONS } from './permissions';
import { PolicyService } from '../policy/policy.service';
import { VisitRuleSetsRepository } from '../policy/visit-rule-sets.repository';

/** A project's close window on its own working hours and calendar (ProjectPolicy.closing). */
export interface ClosingRules {
  window: CloseWindow;
  workTime: WorkTimeOptions;
  /** When the window of a ticket handled at `handledAt` ends. */
  endsAt(handledAt: Date): Date;
}

/**
 * A project's return-visit rules 回访规则 and close window: the visits part of its ProjectPolicy (server/src/policy,
 * resolved and cached there) — the handbook's schedule and thresholds with the project's own overrides, which its
 * customer-service lead or manager may change.
 */
@Injectable()
export class VisitRulesService {
  constructor(
    private readonly ruleSets: VisitRuleSetsRepository,
    private readonly policies: PolicyService,
  ) {}

  /** The project's rules (every intake asks, for repeat complaints): a change applies at once on this instance. */
  async rules(projectId: string, m?: EntityManager): Promise<VisitRules> {
    return (await this.policies.forProject(projectId, m)).policy.visits;
  }

  /** 处理完毕后一周 as the project set it: closing without a visit, reopening, rating, repeat complaints. */
  async closing(projectId: string, m?: EntityManager): Promise<ClosingRules> {
    const { policy, workTime } = await this.policies.forProject(projectId, m);
    const window = policy.closing.window;
    return { window, workTime, endsAt: (handledAt) => closeWindowEnd(handledAt, window, workTime) };
  }

  async projectRules(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看回访规则');
    const row = await this.ruleSets.of(user.projectId);
    return {
      overrides: row ? (JSON.parse(row.overrides) as VisitRuleOverrides) : {},
      effective: await this.rules(user.projectId),
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async setProjectRules(user: AuthUser, overrides: Record<string, unknown>) {
    if (user.kind !== 'staff' || !user.projectId || !allowed(VISIT_PERMISSIONS.editRules, user))
      throw new ForbiddenException('回访规则由客服主管或项目经理调整');
    const checked = validatePolicy({ visits: overrides }, { allow: ['visits'] });
    if (!checked.ok) throw new BadRequestException(checked.problems.map((p) => p.message).join('；'));
    await this.ruleSets.save(user.projectId, { overrides: JSON.stringify(overrides), updatedById: user.id });
    this.policies.invalidateProject(user.projectId);
    return this.projectRules(user);
  }
}
