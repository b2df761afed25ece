import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { VisitPreference } from '../entities';

export type PreferenceKey = { householdId: string } | { userId: string };

/** Refusals of return visits 拒绝回访, kept per household (or per resident without one). */
@Injectable()
export class VisitPreferencesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Whether the household or the resident refused visits (neither given: no). */
  async refused(
    who: { householdId: string | null; userId: string | null },
    m: EntityManager = this.ds.manager,
  ): Promise<boolean> {
    const ors: object[] = [];
    if (who.householdId) ors.push({ householdId: who.householdId, noVisit: true });
    if (who.userId) ors.push({ userId: who.userId, noVisit: true });
    return ors.length ? !!(await m.getRepository(VisitPreference).findOne({ where: ors })) : false;
  }

  ofHousehold(householdId: string): Promise<VisitPreference | null> {
    return this.ds.getRepository(VisitPreference).findOneBy({ householdId });
  }

  /** Sets the household's (or resident's) preference, making its row the first time. */
  async upsert(
    m: EntityManager,
    key: PreferenceKey,
    fields: Pick<VisitPreference, 'noVisit' | 'note' | 'recordedById' | 'recordedAt'>,
  ): Promise<void> {
    const repo = m.getRepository(VisitPreference);
    const row = await repo.findOneBy(key);
    if (row) await repo.update({ id: row.id }, fields);
    else await repo.insert({ householdId: null, userId: null, ...key, ...fields });
  }
}
