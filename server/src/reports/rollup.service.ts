import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { addMonths, monthOf, MonthKey, StatisticalMonth } from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Project } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
import { ReportScopes } from './report-scope';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportRollupsRepository } from './repositories/report-rollups.repository';
import { ReportTicketsRepository } from './repositories/report-tickets.repository';
import { rollupRows } from './rollup-rows';

/**
 * A rollup older than this is refreshed in the background when read: the current month changes all the
 * time (new tickets, deadlines passing), the previous one only by late closings and visits; older months are
 * left to the nightly rebuild.
 */
export const REFRESH_AFTER_MS = { current: 10 * 60_000, previous: 60 * 60_000 };

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
 * Keeps the report rollups (report_*_rollups): every (project, month) is rebuilt from that month's tickets,
 * their visit events and ratings, put through the rules of @wuye/shared (rollup-rows.ts), so a company of a
 * million tickets reads its statistics from a few thousand rollup rows summed in SQL. Built on first read;
 * the current and previous month (still changing) are refreshed in the background once older than
 * REFRESH_AFTER_MS when read; the scheduler runs `refreshCurrent` every 10 minutes and `rebuildRecent`
 * (13 months) nightly.
 */
@Injectable()
export class ReportRollupService implements OnModuleDestroy {
  private readonly log = new Logger('Reports');
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly lock = new ReadWriteLock();
  private readonly embedded: boolean;

  constructor(
    private readonly clock: Clock,
    private readonly rollups: ReportRollupsRepository,
    private readonly tickets: ReportTicketsRepository,
    private readonly org: ReportOrgRepository,
    private readonly scopes: ReportScopes,
    private readonly policies: PolicyService,
  ) {
    this.embedded = rollups.embedded;
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
        const rebuild = () =>
          this.rollups.transaction((m) => this.rebuild(m, project, month, this.clock.now()));
        await (this.embedded ? this.lock.run(true, rebuild) : rebuild());
        return;
      } catch (e) {
        // Two instances rebuilding the same month at once: one deadlocks or collides; try again once.
        if (attempt >= 3 || !/deadlock|ER_DUP_ENTRY|UNIQUE constraint|SQLITE_BUSY/i.test(String(e))) throw e;
      }
    }
  }

  /** A project's month read (tickets, visit events, ratings), put through the rules and stored in place of the old. */
  private async rebuild(m: EntityManager, project: ProjectRef, month: MonthKey, now: Date) {
    // Read now, not from the cache: what is stored here must be cut as the company cuts months at this moment.
    const kind = (await this.policies.forProject(project.id, m, { fresh: true })).policy.reports
      .statisticalMonth;
    const rows = rollupRows(
      await this.tickets.monthTickets(m, project.id, month, kind),
      await this.tickets.monthVisitEvents(m, project.id, month, kind),
      await this.tickets.monthRatings(m, project.id, month, kind),
      now,
    );
    await this.rollups.replace(m, project, month, rows, now);
  }

  /**
   * Makes sure the rollups of these projects and months exist before they are read: missing ones are built
   * now; the current and previous month, when older than REFRESH_AFTER_MS, are refreshed in the background
   * (this answer uses what is there). Returns the oldest build time among them (统计截至). `kind`: how the
   * projects' company cuts its statistical months (which month is the current one).
   */
  async ensure(
    projects: ProjectRef[],
    months: MonthKey[],
    kind: StatisticalMonth = 'calendar',
    now = this.clock.now(),
  ): Promise<Date | null> {
    const current = monthOf(now, kind);
    const wanted = months.filter((mo) => mo <= current);
    if (!projects.length || !wanted.length) return null;
    const built = await this.rollups.builds(
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
      this.rollups.builds(
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

  /**
   * Rebuilds a month's rollups for the user's scope now (刷新数据): the month asked for (`?month=` or in the
   * body), else the current statistical month.
   */
  async refresh(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month = q.month ?? monthOf(this.clock.now(), scope.statisticalMonth);
    for (const p of scope.projects) await this.build(p, month);
    return { month, projects: scope.projects.length, asOf: this.clock.now() };
  }

  /** Scheduler, every 10 minutes: the current statistical month of every project. */
  async refreshCurrent(now = this.clock.now()): Promise<number> {
    return this.rebuildMonths((kind) => [monthOf(now, kind)]);
  }

  /** Scheduler, nightly: the last `count` months of every project (late closings, visits, corrections). */
  async rebuildRecent(now = this.clock.now(), count = 13): Promise<number> {
    return this.rebuildMonths((kind) =>
      Array.from({ length: count }, (_, i) => addMonths(monthOf(now, kind), -i)),
    );
  }

  /** Every project's months, as its company cuts them. */
  private async rebuildMonths(monthsOf: (kind: StatisticalMonth) => MonthKey[]): Promise<number> {
    const projects = await this.org.allProjects();
    let n = 0;
    for (const p of projects)
      for (const mo of monthsOf(await this.policies.statisticalMonthOf(p.companyId))) {
        await this.build(p, mo);
        n++;
      }
    return n;
  }
}
