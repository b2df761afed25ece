import { Injectable } from '@nestjs/common';
import { WITHDRAWN_STATUS } from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Ticket, TicketEvent } from '../../tickets/entities';
import { SpecialCase, SpecialCaseArchive, SpecialCaseArchiveEntry, SpecialCaseSync } from '../entities';
import { dialectOf, inList, num, toDate, toDateOrNull } from '../sql';

type Row = Record<string, unknown>;

/** A new major ticket or hot incident found by a sync. */
export interface FlaggedSubject {
  id: string;
  /** The ticket's text or the incident's title. */
  title: string;
  compensationYuan: number | null;
  /** When it became major (received) or hot. */
  flaggedAt: Date;
}

/** How far the complaints of an open case are closed: null while any is open (withdrawn ones aside). */
export interface CaseClosing {
  ticketId: string | null;
  incidentId: string | null;
  closedAt: Date | null;
}

/**
 * The major/hot register 重大/热点投诉台账 (special_cases, its sync state and its archives), and the tickets and
 * incidents it is synced from.
 */
@Injectable()
export class SpecialCasesRepository {
  constructor(private readonly ds: DataSource) {}

  // ── the sync ──

  async syncedUntil(projectId: string): Promise<Date | null> {
    const state = await this.ds.getRepository(SpecialCaseSync).findOneBy({ projectId });
    return state ? toDate(state.syncedUntil) : null;
  }

  async markSynced(projectId: string, until: Date, first: boolean): Promise<void> {
    const repo = this.ds.getRepository(SpecialCaseSync);
    if (!first) await repo.update({ projectId }, { syncedUntil: until });
    else await repo.insert({ projectId, syncedUntil: until }).catch(() => undefined);
  }

  /** The project's major complaints received since then (tickets.majorComplaint, set at intake). */
  async majorTicketsSince(projectId: string, since: Date): Promise<FlaggedSubject[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT id, content, compensationYuan, createdAt FROM tickets
       WHERE projectId = ? AND createdAt >= ? AND kind = 'complaint' AND majorComplaint = 1`,
      [projectId, dialectOf(this.ds).time(since)],
    );
    return rows.map((t) => ({
      id: String(t.id),
      title: String(t.content),
      compensationYuan: t.compensationYuan === null ? null : num(t.compensationYuan),
      flaggedAt: toDate(t.createdAt as string),
    }));
  }

  /** The project's hot incidents with a complaint since then (incidents.hot). */
  async hotIncidentsSince(projectId: string, since: Date): Promise<FlaggedSubject[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT id, title, hotAt, lastAt FROM incidents WHERE projectId = ? AND lastAt >= ? AND hot = 1`,
      [projectId, dialectOf(this.ds).time(since)],
    );
    return rows.map((i) => ({
      id: String(i.id),
      title: String(i.title),
      compensationYuan: null,
      flaggedAt: toDate((i.hotAt ?? i.lastAt) as string),
    }));
  }

  /** Which of these subjects are in the register already. */
  async knownSubjects(subjectKeys: string[]): Promise<Set<string>> {
    if (!subjectKeys.length) return new Set();
    const rows = await this.ds.getRepository(SpecialCase).find({
      where: { subjectKey: In(subjectKeys) },
      select: { subjectKey: true },
    });
    return new Set(rows.map((r) => r.subjectKey));
  }

  /** Registers a case; one another instance registered a moment ago is left as it is. */
  async register(fields: Partial<SpecialCase>): Promise<void> {
    await this.ds
      .getRepository(SpecialCase)
      .insert(fields)
      .catch((e) => {
        if (!/ER_DUP_ENTRY|UNIQUE constraint/i.test(String(e))) throw e;
      });
  }

  /** Cases whose special report is not filed yet, of these projects (or of every project); cleared ones owe none. */
  async open(projectIds?: string[]): Promise<SpecialCase[]> {
    const rows = await this.ds.getRepository(SpecialCase).find({
      where: projectIds ? { projectId: In(projectIds), followUpAt: IsNull() } : { followUpAt: IsNull() },
    });
    return rows.filter((c) => c.decision !== 'cleared');
  }

  /** What deciding a major complaint reads of its ticket. */
  ticketForDecision(id: string) {
    return this.ds.getRepository(Ticket).findOne({
      where: { id },
      select: {
        id: true,
        companyId: true,
        projectId: true,
        kind: true,
        status: true,
        content: true,
        version: true,
        majorComplaint: true,
        compensationYuan: true,
        createdAt: true,
      },
    });
  }

  /** The register entry of a ticket's major complaint, if any. */
  majorCaseOf(ticketId: string): Promise<SpecialCase | null> {
    return this.ds.getRepository(SpecialCase).findOneBy({ subjectKey: `major:${ticketId}` });
  }

  /**
   * Whether the complaints of these cases are all closed or withdrawn (a case is closed then, and its special
   * report due), and when the last one closed.
   */
  async closings(cases: Pick<SpecialCase, 'ticketId' | 'incidentId'>[]): Promise<CaseClosing[]> {
    const ticketIds = inList(cases.map((c) => c.ticketId).filter(Boolean));
    const incidentIds = inList(cases.map((c) => c.incidentId).filter(Boolean));
    // settled: closed, or withdrawn (WITHDRAWN_STATUS, bound before the ids)
    const settled = `status IN ('closed', ?)`;
    const rows: Row[] = [
      ...(await this.ds.query(
        `SELECT id AS ticketId, NULL AS incidentId,
           CASE WHEN ${settled} THEN 0 ELSE 1 END AS open, closedAt
         FROM tickets WHERE id IN ${ticketIds.sql}`,
        [WITHDRAWN_STATUS, ...ticketIds.params],
      )),
      ...(await this.ds.query(
        `SELECT NULL AS ticketId, incidentId,
           SUM(CASE WHEN ${settled} THEN 0 ELSE 1 END) AS open, MAX(closedAt) AS closedAt
         FROM tickets WHERE incidentId IN ${incidentIds.sql} GROUP BY incidentId`,
        [WITHDRAWN_STATUS, ...incidentIds.params],
      )),
    ];
    return rows.map((r) => ({
      ticketId: r.ticketId === null ? null : String(r.ticketId),
      incidentId: r.incidentId === null ? null : String(r.incidentId),
      closedAt: num(r.open) === 0 ? toDateOrNull(r.closedAt) : null,
    }));
  }

  async setClosed(id: string, closedAt: Date | null, followUpDueAt: Date | null): Promise<void> {
    await this.ds.getRepository(SpecialCase).update({ id }, { closedAt, followUpDueAt });
  }

  // ── the register ──

  byId(id: string): Promise<SpecialCase | null> {
    return this.ds.getRepository(SpecialCase).findOneBy({ id });
  }

  /** The register of these projects, newest first (500 at most). */
  ofProjects(projectIds: string[]): Promise<SpecialCase[]> {
    return this.ds.getRepository(SpecialCase).find({
      where: { projectId: In(projectIds.length ? projectIds : ['-']) },
      order: { flaggedAt: 'DESC' },
      take: 500,
    });
  }

  /** Cases of these projects that became major or hot in [start, end), oldest first. */
  async flaggedBetween(projectIds: string[], start: Date, end: Date) {
    const d = dialectOf(this.ds);
    const p = inList(projectIds);
    const rows: Row[] = await this.ds.query(
      `SELECT id, kind, title, flaggedAt, reportDueAt, reportedAt, followUpAt, projectId FROM special_cases
       WHERE projectId IN ${p.sql} AND flaggedAt >= ? AND flaggedAt < ?
         AND (decision IS NULL OR decision <> 'cleared') ORDER BY flaggedAt`,
      [...p.params, d.time(start), d.time(end)],
    );
    return rows.map((s) => ({
      id: String(s.id),
      kind: String(s.kind),
      title: String(s.title),
      projectId: String(s.projectId),
      flaggedAt: toDate(s.flaggedAt as string),
      reportDueAt: toDate(s.reportDueAt as string),
      reportedAt: toDateOrNull(s.reportedAt),
      followUpAt: toDateOrNull(s.followUpAt),
    }));
  }

  /** The complaints of a case, oldest first: its ticket, or every ticket of its incident. */
  ticketsOf(c: Pick<SpecialCase, 'ticketId' | 'incidentId'>): Promise<Ticket[]> {
    return this.ds.getRepository(Ticket).find({
      where: c.ticketId ? { id: c.ticketId } : { incidentId: c.incidentId! },
      order: { createdAt: 'ASC' },
    });
  }

  eventsOf(ticketIds: string[]): Promise<TicketEvent[]> {
    return this.ds.getRepository(TicketEvent).find({
      where: { ticketId: In(ticketIds) },
      order: { createdAt: 'ASC', ticketVersion: 'ASC' },
    });
  }

  /** Updates the case if it is still at `version`; whether it was. */
  async updateAt(
    m: EntityManager | null,
    id: string,
    version: number,
    patch: Partial<SpecialCase>,
  ): Promise<boolean> {
    const res = await (m ?? this.ds.manager)
      .getRepository(SpecialCase)
      .update({ id, version }, { ...patch, version: version + 1 });
    return !!res.affected;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Files the case's archive and its documents, in order. */
  async archive(
    m: EntityManager,
    fields: Partial<SpecialCaseArchive>,
    docs: [entryType: string, payload: unknown][],
  ): Promise<void> {
    const archive = m.getRepository(SpecialCaseArchive).create(fields);
    await m.getRepository(SpecialCaseArchive).insert(archive);
    await m.getRepository(SpecialCaseArchiveEntry).insert(
      docs.map(([entryType, payload], position) => ({
        archiveId: archive.id,
        position,
        entryType,
        payload: JSON.stringify(payload),
      })),
    );
  }

  /** The case's archive with its documents in order, if filed. */
  async archiveOf(
    specialCaseId: string,
  ): Promise<{ archive: SpecialCaseArchive; entries: SpecialCaseArchiveEntry[] } | null> {
    const archive = await this.ds.getRepository(SpecialCaseArchive).findOneBy({ specialCaseId });
    if (!archive) return null;
    const entries = await this.ds
      .getRepository(SpecialCaseArchiveEntry)
      .find({ where: { archiveId: archive.id }, order: { position: 'ASC' } });
    return { archive, entries };
  }
}
