import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { VisitRuleSet } from './visit-rule-set.entity';

/** A project's changes to the handbook's return-visit rules, one row per project. */
@Injectable()
export class VisitRuleSetsRepository {
  constructor(private readonly ds: DataSource) {}

  of(projectId: string, m: EntityManager = this.ds.manager): Promise<VisitRuleSet | null> {
    return m.getRepository(VisitRuleSet).findOneBy({ projectId });
  }

  async save(projectId: string, fields: { overrides: string; updatedById: string }): Promise<void> {
    const repo = this.ds.getRepository(VisitRuleSet);
    if (await repo.findOneBy({ projectId })) await repo.update({ projectId }, fields);
    else await repo.insert({ projectId, ...fields });
  }
}
