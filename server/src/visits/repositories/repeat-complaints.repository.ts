import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { positional, selectEntities } from '../../database/raw';
import { TicketCondition } from '../../tickets/access';
import { Ticket } from '../../tickets/entities';
import { keyedSubmission } from '../../tickets/submission-key';
import { RepeatComplaint } from '../entities';

/**
 * Repeat complaints 再次反馈: the links from a submission to the handled ticket it reopened, and the search
 * for that ticket. Every submission of a visited kind asks, so the search is hand-written (database/raw.ts).
 */
@Injectable()
export class RepeatComplaintsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The ticket a submission with this key already reopened (a retry), if any. */
  replay(userId: string, key: string, requestHash: string): Promise<string | null> {
    return keyedSubmission(
      this.ds.manager,
      'repeat_complaints',
      'originalTicketId',
      userId,
      key,
      requestHash,
    );
  }

  /**
   * The household's tickets of this kind handled since `since` and still waiting for their visit, among
   * those the submitter may see (`scope`, tickets/access.ts), with what the comparison, the reopen and its
   * notices read.
   */
  candidates(
    scope: TicketCondition,
    q: { householdId: string; kind: string; statuses: string[]; since: Date },
  ): Promise<Ticket[]> {
    const s = positional(
      this.ds.manager,
      'SELECT t.id, t.companyId, t.projectId, t.number, t.kind, t.status, t.householdId, t.category, t.content,' +
        ' t.trade, t.handledAt, t.assigneeId, t.version FROM tickets t' +
        ` WHERE (${scope.sql}) AND t.householdId = :h AND t.kind = :k AND t.status IN (:...st)` +
        ' AND t.handledAt >= :since',
      { ...scope.params, h: q.householdId, k: q.kind, st: q.statuses, since: q.since },
    );
    return selectEntities(this.ds.manager, Ticket, s.sql, s.params);
  }

  async insert(m: EntityManager, link: Omit<RepeatComplaint, 'id'>): Promise<void> {
    await m.getRepository(RepeatComplaint).insert(link);
  }
}
