import { Injectable } from '@nestjs/common';
import {
  HANDLING_NOTE_ACTIONS,
  monthRange,
  MonthKey,
  StatisticalMonth,
  VISIT_EVENT_ACTIONS,
  WITHDRAWN_STATUS,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Ticket } from '../../tickets/entities';
import { RatingScore, TicketFacts, VisitEvent } from '../rollup-rows';
import { dialectOf, inList, num, toDate, toDateOrNull } from '../sql';

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown) => v === true || num(v) === 1;

/** A complaint of a project's month, as the public notice chooses and groups them. */
export interface NoticeCandidate {
  id: string;
  category: string | null;
  householdId: string | null;
  incidentId: string | null;
  status: string;
}

/**
 * Tickets, their events and ratings as the reports read them: a project's month for the rollup, the public
 * notice's complaints, the developer complaints of a quarter, the tickets picked as cases. Every query is
 * bounded by project and time (or by ids); what counts is decided by the rules of @wuye/shared, whose
 * constants (VISIT_EVENT_ACTIONS, HANDLING_NOTE_ACTIONS, WITHDRAWN_STATUS) the WHERE clauses take.
 */
@Injectable()
export class ReportTicketsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * (projectId, start, end) of a statistical month as the project's company cuts it (`kind`: calendar, or
   * 26th–25th; the company's policy), for `t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ?`.
   */
  private month(m: EntityManager | DataSource, projectId: string, month: MonthKey, kind: StatisticalMonth) {
    const d = dialectOf(m);
    const { start, end } = monthRange(month, kind);
    return [projectId, d.time(start), d.time(end)];
  }

  /** Every ticket received in the project's month, with its event's hot flag. */
  async monthTickets(
    m: EntityManager,
    projectId: string,
    month: MonthKey,
    kind: StatisticalMonth,
  ): Promise<TicketFacts[]> {
    const rows: Row[] = await m.query(
      `SELECT t.id, t.kind, t.category, t.departmentId, t.assigneeId, t.status, t.anonymous, t.channel,
         t.createdAt, t.repliedAt, t.replyDueAt, t.handledAt, t.handleDueAt, t.handleLate, t.closedAt, t.reopenCount,
         t.incidentId, t.residentId, t.contactPhone, t.peopleCount, t.majorComplaint, i.hot AS hot,
         t.causeFactor, t.causeSub
       FROM tickets t LEFT JOIN incidents i ON i.id = t.incidentId
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ?`,
      this.month(m, projectId, month, kind),
    );
    return rows.map((r) => ({
      id: String(r.id),
      kind: String(r.kind),
      category: str(r.category),
      departmentId: str(r.departmentId),
      assigneeId: str(r.assigneeId),
      status: String(r.status),
      anonymous: bool(r.anonymous),
      channel: String(r.channel),
      createdAt: toDate(r.createdAt as string),
      repliedAt: toDateOrNull(r.repliedAt),
      replyDueAt: toDateOrNull(r.replyDueAt),
      handledAt: toDateOrNull(r.handledAt),
      handleDueAt: toDateOrNull(r.handleDueAt),
      handleLate: bool(r.handleLate),
      closedAt: toDateOrNull(r.closedAt),
      reopenCount: num(r.reopenCount),
      incidentId: str(r.incidentId),
      residentId: str(r.residentId),
      contactPhone: str(r.contactPhone),
      peopleCount: num(r.peopleCount),
      majorComplaint: bool(r.majorComplaint),
      hot: bool(r.hot),
      causeFactor: str(r.causeFactor),
      causeSub: str(r.causeSub),
    }));
  }

  /** The events of the month's tickets that return visits are read from. */
  async monthVisitEvents(
    m: EntityManager,
    projectId: string,
    month: MonthKey,
    kind: StatisticalMonth,
  ): Promise<VisitEvent[]> {
    const actions = inList(VISIT_EVENT_ACTIONS);
    const rows: Row[] = await m.query(
      `SELECT e.ticketId, e.action, e.fromStatus, e.actorRole, e.data
       FROM ticket_events e JOIN tickets t ON t.id = e.ticketId
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ? AND e.action IN ${actions.sql}`,
      [...this.month(m, projectId, month, kind), ...actions.params],
    );
    return rows.map((r) => ({
      ticketId: String(r.ticketId),
      action: String(r.action),
      fromStatus: str(r.fromStatus),
      actorRole: String(r.actorRole),
      data: str(r.data),
    }));
  }

  /** The residents' ratings of visits to the month's tickets (online or recorded by staff), satisfied or not. */
  async monthRatings(
    m: EntityManager,
    projectId: string,
    month: MonthKey,
    kind: StatisticalMonth,
  ): Promise<RatingScore[]> {
    const rows: Row[] = await m.query(
      `SELECT r.ticketId, r.average, r.satisfied FROM ratings r JOIN tickets t ON t.id = r.ticketId
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ?`,
      this.month(m, projectId, month, kind),
    );
    return rows.map((r) => ({
      ticketId: String(r.ticketId),
      average: r.average === null || r.average === undefined ? null : num(r.average),
      satisfied: bool(r.satisfied),
    }));
  }

  // ── the public notice ──

  /** The project's complaints of the month, oldest first: what the notice chooses from. */
  async noticeCandidates(
    projectId: string,
    month: MonthKey,
    kind: StatisticalMonth,
  ): Promise<NoticeCandidate[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT t.id, t.category, t.householdId, t.incidentId, t.status FROM tickets t
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ? AND t.kind = 'complaint'
       ORDER BY t.createdAt`,
      this.month(this.ds, projectId, month, kind),
    );
    return rows.map((r) => ({
      id: String(r.id),
      category: str(r.category),
      householdId: str(r.householdId),
      incidentId: str(r.incidentId),
      status: String(r.status),
    }));
  }

  /** What the notice shows of these complaints (and must redact): text, places, who complained. */
  async noticeDetails(ids: string[]) {
    const list = inList(ids);
    const rows: Row[] = await this.ds.query(
      `SELECT t.id, h.label AS householdLabel, i.title AS incidentTitle, t.location, t.content,
         t.residentId, t.contactPhone, t.contactName, t.peopleCount
       FROM tickets t
       LEFT JOIN households h ON h.id = t.householdId
       LEFT JOIN incidents i ON i.id = t.incidentId
       WHERE t.id IN ${list.sql}`,
      list.params,
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          householdLabel: str(r.householdLabel),
          incidentTitle: str(r.incidentTitle),
          location: str(r.location),
          content: String(r.content),
          residentId: str(r.residentId),
          contactPhone: str(r.contactPhone),
          contactName: str(r.contactName),
          peopleCount: num(r.peopleCount),
        },
      ]),
    );
  }

  /** The latest note of each ticket that staff showed the resident about the handling (`HANDLING_NOTE_ACTIONS`). */
  async latestHandlingNotes(ids: string[]): Promise<Map<string, string>> {
    const list = inList(ids);
    const actions = inList(HANDLING_NOTE_ACTIONS);
    const rows: Row[] = await this.ds.query(
      `SELECT e.ticketId, e.note, e.ticketVersion FROM ticket_events e
       WHERE e.ticketId IN ${list.sql} AND e.internal = 0 AND e.note IS NOT NULL AND e.action IN ${actions.sql}
       ORDER BY e.ticketVersion`,
      [...list.params, ...actions.params],
    );
    const out = new Map<string, string>();
    for (const n of rows) out.set(String(n.ticketId), String(n.note));
    return out;
  }

  // ── the developer summary ──

  /**
   * A project's complaints of one category received in [start, end), withdrawn ones left out: how many,
   * and the first 500 with their place and cause.
   */
  async complaintsOfCategory(projectId: string, category: string, start: Date, end: Date) {
    const d = dialectOf(this.ds);
    const params = [projectId, d.time(start), d.time(end), category, WITHDRAWN_STATUS];
    const where = `t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ? AND t.kind = 'complaint' AND t.category = ? AND t.status <> ?`;
    const [count] = await this.ds.query(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where}`, params);
    const rows: Row[] = await this.ds.query(
      `SELECT t.id, t.number, t.createdAt, t.content, t.location, h.label AS household, t.status, t.causeFactor, t.causeSub
       FROM tickets t LEFT JOIN households h ON h.id = t.householdId
       WHERE ${where} ORDER BY t.createdAt LIMIT 500`,
      params,
    );
    return {
      count: num(count?.n),
      rows: rows.map((r) => ({
        id: String(r.id),
        number: String(r.number),
        createdAt: toDate(r.createdAt as string),
        content: String(r.content),
        place: String(r.household ?? r.location ?? ''),
        status: String(r.status),
        causeFactor: str(r.causeFactor),
        causeSub: str(r.causeSub),
      })),
    };
  }

  // ── representative cases ──

  /** The tickets picked as cases: number, text, category and status. */
  summaries(ids: string[]): Promise<Ticket[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.number', 't.content', 't.category', 't.status', 't.kind', 't.createdAt'])
      .where('t.id IN (:...ids)', { ids })
      .getMany();
  }

  /** A ticket of the project by id, or by its number. */
  findInProject(projectId: string, by: { id?: string; number?: string }) {
    return this.ds.getRepository(Ticket).findOne({
      where: by.id ? { id: by.id, projectId } : { number: by.number, projectId },
      select: { id: true, number: true },
    });
  }
}
