import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { addMonths, monthOf, monthRange, MonthKey } from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Project } from '../org/entities';
import { dialectOf, inList } from './sql';
import { VISIT_FACTS_PARAM_SETS, visitFactsSql } from './visit-facts';

/**
 * A rollup older than this is refreshed in the background when read: the current month changes all the
 * time (new tickets, deadlines passing), the previous one only by late closings and visits; older months are
 * left to the nightly rebuild.
 */
export const REFRESH_AFTER_MS = { current: 10 * 60_000, previous: 60 * 60_000 };

/** The working table of one rebuild (a temporary table: private to the connection). */
const BUILD_TABLE = 'report_build_tickets';

type ProjectRef = Pick<Project, 'id' | 'companyId'>;

/**
 * Readers share, a rebuild is exclusive. Only needed on SQLite, where every query goes through one
 * connection: a report read between a rebuild's DELETE and INSERT would see a half-built month.
 * (MariaDB's transactions keep readers on the committed rows.)
 */
class ReadWriteLock {
  private readers = 0;
  private writing = false;
  private waiting: (() => void)[] = [];

  async run<T>(write: boolean, fn: () => Promise<T>): Promise<T> {
    while (this.writing || (write && this.readers > 0)) await new Promise<void>((r) => this.waiting.push(r));
    if (write) this.writing = true;
    else this.readers++;
    try {
      return await fn();
    } finally {
      if (write) this.writing = false;
      else this.readers--;
      const w = this.waiting;
      this.waiting = [];
      w.forEach((f) => f());
    }
  }
}

/**
 * Keeps the report rollups (report_*_rollups): every (project, month) is rebuilt from the tickets with
 * INSERT … SELECT … GROUP BY — no ticket row passes through Node — so a company of a million tickets reads
 * its statistics from a few thousand rollup rows. Built on first read; the current and previous month
 * (still changing) are refreshed in the background once older than REFRESH_AFTER_MS when read; the
 * scheduler runs `refreshCurrent` every 10 minutes and `rebuildRecent` (13 months) nightly.
 */
@Injectable()
export class ReportRollupService implements OnModuleDestroy {
  private readonly log = new Logger('Reports');
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly lock = new ReadWriteLock();
  private readonly embedded: boolean;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {
    this.embedded = ds.options.type === 'better-sqlite3' || ds.options.type === 'sqljs';
  }

  /** Runs report reads so that no rebuild is half done under them (see ReadWriteLock). */
  read<T>(fn: () => Promise<T>): Promise<T> {
    return this.embedded ? this.lock.run(false, fn) : fn();
  }

  async onModuleDestroy() {
    await Promise.allSettled([...this.inflight.values()]);
  }

  /** Rebuilds one project's month now (one build at a time per pair in this instance). */
  build(project: ProjectRef, month: MonthKey): Promise<void> {
    const key = `${project.id}/${month}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.buildWithRetry(project, month).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async buildWithRetry(project: ProjectRef, month: MonthKey) {
    for (let attempt = 1; ; attempt++) {
      try {
        const rebuild = () => this.ds.transaction((m) => this.rebuild(m, project, month, this.clock.now()));
        await (this.embedded ? this.lock.run(true, rebuild) : rebuild());
        return;
      } catch (e) {
        // Two instances rebuilding the same month at once: one deadlocks or collides; try again once.
        if (attempt >= 3 || !/deadlock|ER_DUP_ENTRY|UNIQUE constraint|SQLITE_BUSY/i.test(String(e))) throw e;
      }
    }
  }

  private async rebuild(m: EntityManager, project: ProjectRef, month: MonthKey, now: Date) {
    const d = dialectOf(m);
    const { start, end } = monthRange(month);
    const head = [project.companyId, project.id, month];
    const range = [project.id, d.time(start), d.time(end)];
    for (const table of ['report_category_rollups', 'report_kpi_rollups', 'report_cause_rollups'])
      await m.query(`DELETE FROM ${table} WHERE projectId = ? AND month = ?`, [project.id, month]);

    // One pass over the month's tickets (and their events) into a working table: the rows of a month are
    // scattered over the tickets table, so every extra pass would cost as much as this one.
    await m.query(d.dropTemp(BUILD_TABLE));
    const v = visitFactsSql('tk');
    await m.query(
      `CREATE TEMPORARY TABLE ${BUILD_TABLE} AS
       SELECT t.id AS id, t.kind AS kind, COALESCE(t.category, '') AS category,
         COALESCE(t.departmentId, '') AS departmentId, COALESCE(t.assigneeId, '') AS assigneeId,
         t.status AS status, CASE WHEN t.status = 'cancelled' THEN 1 ELSE 0 END AS cancelled,
         CASE WHEN t.anonymous = 1 THEN 1 ELSE 0 END AS anonymous, t.channel AS channel,
         t.createdAt AS createdAt, t.repliedAt AS repliedAt, t.replyDueAt AS replyDueAt,
         COALESCE(t.handledAt, CASE WHEN t.status = 'closed' THEN t.closedAt END) AS handledEff,
         t.handleDueAt AS handleDueAt, t.reopenCount AS reopenCount,
         CASE WHEN t.incidentId IS NULL THEN 0 ELSE 1 END AS inEvent,
         COALESCE(t.incidentId, t.id) AS groupKey,
         COALESCE(t.residentId, t.contactPhone, t.id) AS complainant, t.peopleCount AS peopleCount,
         CASE WHEN t.majorComplaint = 1 THEN 1 ELSE 0 END AS major,
         CASE WHEN i.hot = 1 THEN 1 ELSE 0 END AS hot,
         t.causeFactor AS causeFactor, COALESCE(t.causeSub, '') AS causeSub,
         COALESCE(v.visits, 0) AS visits, COALESCE(v.satisfiedVisits, 0) AS satisfiedVisits,
         COALESCE(v.noVisitNeeded, 0) AS noVisit, COALESCE(v.scoreSum, 0) AS scoreSum,
         COALESCE(v.scoreCount, 0) AS scoreCount
       FROM tickets t
       LEFT JOIN incidents i ON i.id = t.incidentId
       LEFT JOIN (${v}) v ON v.ticketId = t.id
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ?`,
      [...Array.from({ length: VISIT_FACTS_PARAM_SETS }, () => range).flat(), ...range],
    );

    // 顾客投诉分类统计表 by the counting rules (@wuye/shared reports/counting): withdrawn complaints left out;
    // one counted item per (final category, event or lone complaint).
    await m.query(
      `INSERT INTO report_category_rollups (companyId, projectId, month, category, items, times, people,
         eventItems, onlineItems, onlineHeat, closedItems, majorItems, hotItems)
       SELECT ?, ?, ?, g.category, COUNT(*), SUM(g.times), SUM(g.people), SUM(g.inEvent), SUM(g.isOnline),
         SUM(g.posts), SUM(g.allClosed), SUM(g.major), SUM(g.hot)
       FROM (
         SELECT f.category AS category, COUNT(*) AS times,
           COUNT(DISTINCT f.complainant) + SUM(f.peopleCount - 1) AS people,
           MAX(f.inEvent) AS inEvent,
           MAX(CASE WHEN f.channel = 'online' THEN 1 ELSE 0 END) AS isOnline,
           SUM(CASE WHEN f.channel = 'online' THEN 1 ELSE 0 END) AS posts,
           MIN(CASE WHEN f.status = 'closed' THEN 1 ELSE 0 END) AS allClosed,
           MAX(f.major) AS major, MAX(f.hot) AS hot
         FROM ${BUILD_TABLE} f
         WHERE f.kind = 'complaint' AND f.cancelled = 0
         GROUP BY f.category, f.groupKey
       ) g
       GROUP BY g.category`,
      head,
    );

    // Key-figure sums (@wuye/shared reports/kpis ticketSums), judged now.
    const live = 'f.cancelled = 0';
    const handledEver = `(f.handledEff IS NOT NULL OR f.reopenCount > 0)`;
    const visitNeeded = `${live} AND ${handledEver} AND f.kind IN ('complaint', 'repair') AND f.noVisit = 0 AND f.anonymous = 0`;
    const sum = (cond: string, value = '1') => `SUM(CASE WHEN ${cond} THEN ${value} ELSE 0 END)`;
    await m.query(
      `INSERT INTO report_kpi_rollups (companyId, projectId, month, departmentId, assigneeId, kind, category,
         tickets, cancelled, replyJudged, repliedOnTime, replied, responseMinutes, handleJudged, handledOnTime,
         handledEver, closed, reopened, visitNeeded, visited, visits, satisfiedVisits, scoreSum, scoreCount)
       SELECT ?, ?, ?, f.departmentId, f.assigneeId, f.kind, f.category,
         COUNT(*),
         SUM(f.cancelled),
         ${sum(`${live} AND f.replyDueAt IS NOT NULL AND (f.repliedAt IS NOT NULL OR f.replyDueAt < ?)`)},
         ${sum(`${live} AND f.repliedAt IS NOT NULL AND f.replyDueAt IS NOT NULL AND f.repliedAt <= f.replyDueAt`)},
         ${sum(`${live} AND f.repliedAt IS NOT NULL`)},
         ${sum(`${live} AND f.repliedAt IS NOT NULL AND f.repliedAt > f.createdAt`, d.minutes('f.createdAt', 'f.repliedAt'))},
         ${sum(`${live} AND f.handleDueAt IS NOT NULL AND (f.handledEff IS NOT NULL OR f.handleDueAt < ?)`)},
         ${sum(`${live} AND f.handledEff IS NOT NULL AND f.handleDueAt IS NOT NULL AND f.handledEff <= f.handleDueAt`)},
         ${sum(`${live} AND ${handledEver}`)},
         ${sum(`${live} AND f.status = 'closed'`)},
         ${sum(`${live} AND f.reopenCount > 0`)},
         ${sum(visitNeeded)},
         ${sum(`${visitNeeded} AND f.visits > 0`)},
         ${sum(live, 'f.visits')},
         ${sum(live, 'f.satisfiedVisits')},
         ${sum(live, 'f.scoreSum')},
         ${sum(live, 'f.scoreCount')}
       FROM ${BUILD_TABLE} f
       GROUP BY f.departmentId, f.assigneeId, f.kind, f.category`,
      [...head, d.time(now), d.time(now)],
    );

    // Cause factors 人/机/料/法/环 of counted complaints: an event counts once, factor and sub-factor of one
    // ticket together (the smallest "factor:sub" pair of the item).
    await m.query(
      `INSERT INTO report_cause_rollups (companyId, projectId, month, category, causeFactor, causeSub, items)
       SELECT ?, ?, ?, g.category, g.causeFactor, g.causeSub, COUNT(*)
       FROM (
         SELECT p.category AS category,
           SUBSTR(p.pair, 1, INSTR(p.pair, ':') - 1) AS causeFactor,
           SUBSTR(p.pair, INSTR(p.pair, ':') + 1) AS causeSub
         FROM (
           SELECT f.category AS category, MIN(${d.concat('f.causeFactor', "':'", 'f.causeSub')}) AS pair
           FROM ${BUILD_TABLE} f
           WHERE f.kind = 'complaint' AND f.cancelled = 0 AND f.causeFactor IS NOT NULL
           GROUP BY f.category, f.groupKey
         ) p
       ) g
       GROUP BY g.category, g.causeFactor, g.causeSub`,
      head,
    );
    await m.query(d.dropTemp(BUILD_TABLE));

    await m.query(`DELETE FROM report_rollup_builds WHERE projectId = ? AND month = ?`, [project.id, month]);
    await m.query(
      `INSERT INTO report_rollup_builds (projectId, month, companyId, builtAt) VALUES (?, ?, ?, ?)`,
      [project.id, month, project.companyId, d.time(now)],
    );
  }

  /**
   * Makes sure the rollups of these projects and months exist before they are read: missing ones are built
   * now; the current and previous month, when older than REFRESH_AFTER_MS, are refreshed in the background
   * (this answer uses what is there). Returns the oldest build time among them (统计截至).
   */
  async ensure(projects: ProjectRef[], months: MonthKey[], now = this.clock.now()): Promise<Date | null> {
    const current = monthOf(now);
    const wanted = months.filter((mo) => mo <= current);
    if (!projects.length || !wanted.length) return null;
    const built = await this.builds(
      projects.map((p) => p.id),
      wanted,
    );
    const maxAge = new Map([
      [current, REFRESH_AFTER_MS.current],
      [addMonths(current, -1), REFRESH_AFTER_MS.previous],
    ]);
    const stale: [ProjectRef, MonthKey][] = [];
    for (const p of projects)
      for (const mo of wanted) {
        const at = built.get(`${p.id}/${mo}`);
        const age = maxAge.get(mo);
        if (!at) await this.build(p, mo);
        else if (age !== undefined && now.getTime() - at.getTime() > age) stale.push([p, mo]);
      }
    if (stale.length) void this.refreshInBackground(stale);
    const after = await this.read(() =>
      this.builds(
        projects.map((p) => p.id),
        wanted,
      ),
    );
    const times = [...after.values()].map((t) => t.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  private async refreshInBackground(pairs: [ProjectRef, MonthKey][]) {
    for (const [p, mo] of pairs)
      await this.build(p, mo).catch((e) =>
        this.log.warn(`refreshing report rollup ${p.id}/${mo} failed: ${e instanceof Error ? e.message : e}`),
      );
  }

  /** Waits for background refreshes (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight.values()]);
  }

  private async builds(projectIds: string[], months: MonthKey[]): Promise<Map<string, Date>> {
    const p = inList(projectIds);
    const mo = inList(months);
    const rows: { projectId: string; month: string; builtAt: Date | string }[] = await this.ds.query(
      `SELECT projectId, month, builtAt FROM report_rollup_builds WHERE projectId IN ${p.sql} AND month IN ${mo.sql}`,
      [...p.params, ...mo.params],
    );
    return new Map(rows.map((r) => [`${r.projectId}/${r.month}`, toDate(r.builtAt)]));
  }

  /** Scheduler, every 10 minutes: the current month of every project. */
  async refreshCurrent(now = this.clock.now()): Promise<number> {
    return this.rebuildMonths([monthOf(now)]);
  }

  /** Scheduler, nightly: the last `count` months of every project (late closings, visits, corrections). */
  async rebuildRecent(now = this.clock.now(), count = 13): Promise<number> {
    return this.rebuildMonths(Array.from({ length: count }, (_, i) => addMonths(monthOf(now), -i)));
  }

  private async rebuildMonths(months: MonthKey[]): Promise<number> {
    const projects = await this.ds.getRepository(Project).find({ select: { id: true, companyId: true } });
    let n = 0;
    for (const p of projects)
      for (const mo of months) {
        await this.build(p, mo);
        n++;
      }
    return n;
  }
}

/** SQLite hands back datetimes as UTC text without a zone. */
export function toDate(v: Date | string | null): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(v)) ? String(v) : `${String(v).replace(' ', 'T')}Z`);
}
