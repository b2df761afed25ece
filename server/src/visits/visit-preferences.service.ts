import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Ticket } from '../tickets/entities';
import { inScope } from './access';
import { allowed } from '../common/permissions';
import { VISIT_PERMISSIONS } from './permissions';
import { VisitPreferenceDto } from './dto';
import { VisitPreference } from './entities';
import { VisitHouseholdsRepository } from './repositories/visit-households.repository';
import { PreferenceKey, VisitPreferencesRepository } from './repositories/visit-preferences.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { VisitTransactions } from './repositories/transactions';
import { VisitPlansService } from './visit-plans.service';
import { VISITABLE } from './visit-terms';

/**
 * A household's refusal of return visits 拒绝回访 (the customer-service handbook, 回访 6): set by the resident, by the front desk or a
 * lead on their behalf, or recorded when they say so at a visit or in their rating. Kept so nobody visits
 * again: the visits still owed are cancelled and the tickets close a week after handling.
 */
@Injectable()
export class VisitPreferencesService {
  constructor(
    private readonly tx: VisitTransactions,
    private readonly preferences: VisitPreferencesRepository,
    private readonly households: VisitHouseholdsRepository,
    private readonly tickets: VisitTicketsRepository,
    private readonly plans: VisitPlansService,
    private readonly clock: Clock,
  ) {}

  private async householdAccess(user: AuthUser, householdId: string) {
    const h = await this.households.find(householdId);
    if (!h) throw new NotFoundException('没有找到这户');
    const project = await this.households.project(h.projectId);
    if (user.kind === 'resident') {
      if (!(await this.households.isBound(user.id, householdId)))
        throw new ForbiddenException('只能设置您自己房屋的回访意愿');
    } else if (
      !inScope(user, { projectId: h.projectId, companyId: project.companyId }) ||
      !allowed(VISIT_PERMISSIONS.setPreference, user)
    ) {
      throw new ForbiddenException('由客服前台、客服主管或项目经理记录业主的回访意愿');
    }
    return h;
  }

  async preference(user: AuthUser, householdId: string) {
    await this.householdAccess(user, householdId);
    const row = await this.preferences.ofHousehold(householdId);
    return this.preferenceView(householdId, row);
  }

  async setPreference(user: AuthUser, householdId: string, dto: VisitPreferenceDto) {
    await this.householdAccess(user, householdId);
    const now = this.clock.now();
    await this.tx.run(async (m) => {
      await this.upsertPreference(m, { householdId }, dto.noVisit, dto.note ?? null, user.id, now);
      if (!dto.noVisit) return;
      const open = await this.tickets.ofHouseholdIn(m, householdId, VISITABLE);
      for (const t of open) {
        await this.plans.cancelPending(m, { ticketId: t.id }, 'declined');
        await this.plans.rearmAutoClose(m, t, `declined-${now.getTime()}`);
      }
    });
    return this.preference(user, householdId);
  }

  private async preferenceView(householdId: string, row: VisitPreference | null) {
    const by = row ? await this.households.person(row.recordedById) : null;
    return {
      householdId,
      noVisit: !!row?.noVisit,
      note: row?.note ?? null,
      recordedBy: by?.name ?? null,
      recordedAt: row?.recordedAt ?? null,
    };
  }

  /** Kept on the household's profile, or the resident's when the ticket names no household. */
  async savePreference(m: EntityManager, t: Ticket, by: AuthUser, noVisit: boolean, note: string, now: Date) {
    const key = t.householdId
      ? { householdId: t.householdId }
      : t.residentId
        ? { userId: t.residentId }
        : null;
    if (key) await this.upsertPreference(m, key, noVisit, note, by.id, now);
  }

  private async upsertPreference(
    m: EntityManager,
    key: PreferenceKey,
    noVisit: boolean,
    note: string | null,
    byId: string,
    now: Date,
  ) {
    await this.preferences.upsert(m, key, {
      noVisit,
      note: note?.slice(0, 200) ?? null,
      recordedById: byId,
      recordedAt: now,
    });
  }
}
