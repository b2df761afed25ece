import { BadRequestException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { VisitRuleOverrides, VisitRules, resolveVisitRules } from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { ruleMessage } from '../common/rule-message';
import { TtlCache } from '../common/ttl-cache';
import { VisitRuleSetsRepository } from './repositories/visit-rule-sets.repository';

const RULES_CACHE_MS = 30_000;

/**
 * A project's return-visit rules 回访规则: the handbook's schedule and thresholds with the project's own
 * overrides, which its customer-service lead or manager may change.
 */
@Injectable()
export class VisitRulesService {
  private readonly ruleCache = new TtlCache<VisitRules>(RULES_CACHE_MS);
  private readonly log = new Logger('Visits');

  constructor(private readonly ruleSets: VisitRuleSetsRepository) {}

  /**
   * The project's rules: the handbook's defaults with its overrides. Cached briefly (every intake asks, for
   * repeat complaints): a change made here applies at once, one made on another instance within 30 s.
   */
  rules(projectId: string, m?: EntityManager): Promise<VisitRules> {
    return this.ruleCache.get(projectId, async () => {
      const row = await this.ruleSets.of(projectId, m);
      if (!row) return resolveVisitRules();
      try {
        return resolveVisitRules(JSON.parse(row.overrides) as VisitRuleOverrides);
      } catch (e) {
        this.log.error(`project ${projectId} has invalid visit rules, using the defaults: ${String(e)}`);
        return resolveVisitRules();
      }
    });
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
    if (user.kind !== 'staff' || !user.projectId || !['cs_lead', 'project_manager'].includes(user.role))
      throw new ForbiddenException('回访规则由客服主管或项目经理调整');
    try {
      resolveVisitRules(overrides as VisitRuleOverrides);
    } catch (e) {
      throw new BadRequestException(ruleMessage(e, '回访规则不正确，请检查每一项的写法'));
    }
    await this.ruleSets.save(user.projectId, { overrides: JSON.stringify(overrides), updatedById: user.id });
    this.ruleCache.delete(user.projectId);
    return this.projectRules(user);
  }
}
