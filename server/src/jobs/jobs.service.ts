import { hostname } from 'node:os';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUniqueViolation } from '../common/db-errors';
import { instance } from '../common/entity-helpers';
import { AfterCommit } from '../database/after-commit';
import { insertRows } from '../database/raw';
import { Metrics } from '../metrics/metrics';
import { Job } from './job.entity';
import { nextDailyAt } from './schedule';
import { JobRunner, createRunner } from './runners';

export interface JobSpec {
  type: string;
  /** Unique per job: scheduling the same key again is a no-op (or moves a still-pending job's time). */
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  /**
   * Due now and cannot wait (an emergency's message): once committed, this instance runs it itself at once (when
   * it runs jobs, and at most URGENT_AT_ONCE such at a time) instead of waiting for the runner's next look or for
   * the batch it is busy with. It is claimed like any job, so the runner finds it taken.
   */
  urgent?: boolean;
}

/** Urgent jobs an instance runs straight after their commit at the same time; more wait for the runner. */
const URGENT_AT_ONCE = 4;

export type JobHandler = (payload: Record<string, unknown>, job: Job) => Promise<void>;

/** A recurring job: after each run the next occurrence is scheduled under a key holding its time. */
export interface Recurring {
  type: string;
  next: (after: Date) => Date;
  run: (at: Date) => Promise<void>;
}

const MAX_ATTEMPTS = 6;

/**
 * Durable jobs. Every job is a row in `jobs`; a runner (database poller, or BullMQ when REDIS_URL is set)
 * decides when to look at it, and `runOne` claims it with a conditional UPDATE, so whatever delivers it
 * twice — two instances, a Redis replay, a restart — it runs once. A claimed job whose instance died is
 * released when its lease runs out and runs again; handlers are written so that a second run after a
 * crash changes nothing twice (unique keys on what they create).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, Recurring>();
  readonly instanceId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private runner: JobRunner | null = null;
  private running = new Set<Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    // Finished jobs are kept a week for inspection, then removed, at 03:00 Beijing time.
    this.every({
      type: 'jobs.cleanup',
      next: (after) => nextDailyAt(after, 3),
      run: async (at) => {
        const res = await this.ds.getRepository(Job).delete({
          status: In(['done', 'cancelled']),
          updatedAt: LessThan(new Date(at.getTime() - 7 * 24 * 3600_000)),
        });
        if (res.affected) this.log.log(`removed ${res.affected} finished job(s) older than a week`);
      },
    });
  }

  /** Registers what a job type does (in a service's constructor or onModuleInit). */
  handle(type: string, handler: JobHandler): void {
    this.handlers.set(type, handler);
  }

  /** Registers a recurring job; its first occurrence is scheduled at start. */
  every(spec: Recurring): void {
    this.recurring.set(spec.type, spec);
    this.handlers.set(spec.type, async (payload) => {
      const at = new Date(String(payload.at));
      await spec.run(at);
      // From now, not from the missed time: a server down for a day does not replay every missed minute.
      await this.scheduleRecurring(spec, new Date(Math.max(at.getTime(), this.clock.nowMs())));
    });
  }

  private async scheduleRecurring(spec: Recurring, after: Date) {
    const at = spec.next(after);
    await this.schedule({
      type: spec.type,
      key: `${spec.type}@${at.toISOString()}`,
      runAt: at,
      payload: { at },
    });
  }

  /** Has the runner look for due jobs now (after a commit that scheduled one due now). */
  nudge(): void {
    this.runner?.nudge();
  }

  get mode(): 'redis' | 'poller' | 'manual' {
    return this.runner?.mode ?? 'manual';
  }

  async onApplicationBootstrap() {
    for (const spec of this.recurring.values()) await this.scheduleRecurring(spec, this.clock.now());
    if (this.config.jobs.pollMs > 0) {
      this.runner = createRunner(this, this.config);
      await this.runner.start();
      this.log.log(`durable jobs: ${this.runner.mode} (instance ${this.instanceId})`);
    }
  }

  async onApplicationShutdown() {
    await this.runner?.stop();
    this.runner = null;
    await Promise.allSettled([...this.running]);
  }

  /**
   * Schedules a job, inside the caller's transaction when given one (the job exists exactly when the change
   * that asked for it was committed). An existing pending job with the same key moves to the new time.
   */
  async schedule(spec: JobSpec, m: EntityManager = this.ds.manager): Promise<void> {
    await this.scheduleMany([spec], m);
  }

  /**
   * Several jobs at once, as `schedule` does each: one lookup of their keys and one insert of the new ones.
   * `newKeys`: the keys name something created in the caller's transaction (a new ticket), so no job can have
   * them yet and the lookup is skipped.
   */
  async scheduleMany(
    specs: JobSpec[],
    m: EntityManager = this.ds.manager,
    opts: { newKeys?: boolean } = {},
  ): Promise<void> {
    if (!specs.length) return;
    const repo = m.getRepository(Job);
    const existing = new Map(
      (opts.newKeys
        ? []
        : await repo.findBy({ key: specs.length === 1 ? specs[0].key : In(specs.map((s) => s.key)) })
      ).map((j) => [j.key, j]),
    );
    const rows = new Map<string, Partial<Job>>(); // by key: the same key twice in one call, the first wins
    for (const spec of specs) {
      const payload = spec.payload ? JSON.stringify(spec.payload) : null;
      const found = existing.get(spec.key);
      if (!found) {
        if (!rows.has(spec.key))
          rows.set(spec.key, { type: spec.type, key: spec.key, runAt: spec.runAt, payload });
      } else if (found.status === 'pending' && found.runAt.getTime() !== spec.runAt.getTime())
        await repo.update(
          { id: found.id, status: 'pending' },
          { runAt: spec.runAt, payload, queuedAt: null },
        );
    }
    if (!rows.size) return;
    // A job due now (a WeChat send, a text message …) is looked at as soon as it is committed, not at the next tick.
    const soon = this.clock.nowMs() + this.config.jobs.pollMs;
    const dueSoon = [...rows.values()].some((r) => r.runAt!.getTime() <= soon);
    const jobs = [...rows.values()].map((r) => instance(Job, r));
    const urgentKeys = new Set(specs.filter((x) => x.urgent).map((x) => x.key));
    const nowMs = this.clock.nowMs();
    const urgent = jobs.filter((j) => urgentKeys.has(j.key) && j.runAt.getTime() <= nowMs).map((j) => j.id);
    if (m.queryRunner?.isTransactionActive) {
      if (dueSoon)
        AfterCommit.run(m, () => {
          this.runUrgent(urgent);
          this.nudge();
        });
      // A duplicate inside a transaction would abort it: the existence check above is what keeps it single
      // here; a concurrent twin is caught by the unique key and the outer transaction retried by its caller.
      await insertRows(m, Job, jobs);
      return;
    }
    const stored: string[] = [];
    for (const row of jobs)
      try {
        await repo.insert(row);
        stored.push(row.id);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // another instance scheduled the same job first
      }
    if (dueSoon) {
      this.runUrgent(urgent.filter((id) => stored.includes(id)));
      this.nudge();
    }
  }

  private urgentRunning = 0;

  /** Committed urgent jobs, run here now (see JobSpec.urgent); the rest, and any beyond the limit, by the runner. */
  private runUrgent(ids: string[]) {
    if (!this.runner) return; // no runner here (tests drive jobs by hand): nothing runs by itself
    for (const id of ids) {
      if (this.urgentRunning >= URGENT_AT_ONCE) return;
      this.urgentRunning++;
      void this.runOne(id)
        .catch((e) => this.log.warn(`urgent job ${id} failed: ${e instanceof Error ? e.message : e}`))
        .finally(() => this.urgentRunning--);
    }
  }

  /** Cancels pending jobs by key (e.g. a reminder whose ticket was handled in time). */
  async cancel(keys: string[], m: EntityManager = this.ds.manager): Promise<void> {
    if (keys.length)
      await m.getRepository(Job).update({ key: In(keys), status: 'pending' }, { status: 'cancelled' });
  }

  /** Due pending jobs, oldest first. */
  async due(limit = 50, horizonMs = 0): Promise<Pick<Job, 'id' | 'runAt' | 'queuedAt'>[]> {
    return this.ds.getRepository(Job).find({
      select: { id: true, runAt: true, queuedAt: true },
      where: { status: 'pending', runAt: LessThanOrEqual(new Date(this.clock.nowMs() + horizonMs)) },
      order: { runAt: 'ASC' },
      take: limit,
    });
  }

  /** Releases jobs claimed by an instance that died (lease ran out): they run again. */
  async releaseExpiredLeases(): Promise<number> {
    const res = await this.ds
      .getRepository(Job)
      .update(
        { status: 'running', lockedUntil: LessThan(this.clock.now()) },
        { status: 'pending', lockedBy: null, lockedUntil: null, queuedAt: null },
      );
    if (res.affected) this.log.warn(`released ${res.affected} job(s) left running by a stopped instance`);
    return res.affected ?? 0;
  }

  /**
   * Tests and the poller: run everything due now, until nothing is left. Tests run them one after the other (in
   * order of their time); the poller runs up to `concurrency` at once, as BullMQ's worker does, so a send due now
   * (an emergency's message) does not wait behind a long line of others. Each job is claimed before it runs.
   */
  async runDue(concurrency = 1): Promise<number> {
    let n = 0;
    await this.releaseExpiredLeases();
    for (let round = 0; round < 100; round++) {
      const jobs = await this.due();
      if (!jobs.length) break;
      let next = 0;
      const lane = async () => {
        for (let i = next++; i < jobs.length; i = next++) if (await this.runOne(jobs[i].id)) n++;
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, lane));
    }
    return n;
  }

  /** Claims one job and runs it; false when it was not due, already taken, or done. */
  async runOne(id: string): Promise<boolean> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.jobs.leaseMs);
    const claim = await this.ds
      .createQueryBuilder()
      .update(Job)
      .set({
        status: 'running',
        lockedBy: this.instanceId,
        lockedUntil: lease,
        attempts: () => 'attempts + 1',
      })
      .where('id = :id AND status = :s AND runAt <= :now', { id, s: 'pending', now })
      .execute();
    if (!claim.affected) return false;
    const job = await this.ds.getRepository(Job).findOneByOrFail({ id });
    const p = this.execute(job);
    this.running.add(p);
    try {
      await p;
    } finally {
      this.running.delete(p);
    }
    return true;
  }

  private async execute(job: Job) {
    const handler = this.handlers.get(job.type);
    const repo = this.ds.getRepository(Job);
    this.metrics.jobStartDelay.observe(
      { type: job.type },
      Math.max(0, (this.clock.nowMs() - job.runAt.getTime()) / 1000),
    );
    try {
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await handler(job.payload ? JSON.parse(job.payload) : {}, job);
      await repo.update(
        { id: job.id, lockedBy: this.instanceId },
        { status: 'done', doneAt: this.clock.now(), lockedBy: null, lockedUntil: null, lastError: null },
      );
      this.metrics.jobRuns.inc({ type: job.type, result: 'done' });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const last = job.attempts >= MAX_ATTEMPTS;
      this.metrics.jobRuns.inc({ type: job.type, result: last ? 'failed' : 'retry' });
      this.log.error(`job ${job.type} ${job.key} failed (attempt ${job.attempts}): ${message}`);
      // Backoff 10 s, 20 s, 40 s … before the next attempt.
      const retryAt = new Date(this.clock.nowMs() + 10_000 * 2 ** (job.attempts - 1));
      await repo.update(
        { id: job.id, lockedBy: this.instanceId },
        last
          ? { status: 'failed', lastError: message.slice(0, 2000), lockedBy: null, lockedUntil: null }
          : {
              status: 'pending',
              runAt: retryAt,
              lastError: message.slice(0, 2000),
              lockedBy: null,
              lockedUntil: null,
              queuedAt: null,
            },
      );
    }
  }

  /**
   * Marks jobs as handed to BullMQ, one row at a time by id: a multi-row UPDATE may scan the table and lock
   * the gaps that concurrent transactions insert their new jobs into, and deadlock with them (seen under load).
   */
  async markQueued(ids: string[]): Promise<void> {
    const at = this.clock.now();
    for (const id of ids)
      await this.ds.getRepository(Job).update({ id, status: 'pending' }, { queuedAt: at });
  }

  /** Redis lost what it was handed: every pending job is to be handed to it again (row by row, as above). */
  async unmarkQueued(): Promise<number> {
    const rows = await this.ds
      .getRepository(Job)
      .find({ select: { id: true }, where: { status: 'pending', queuedAt: Not(IsNull()) } });
    for (const { id } of rows)
      await this.ds.getRepository(Job).update({ id, status: 'pending' }, { queuedAt: null });
    return rows.length;
  }

  now(): Date {
    return this.clock.now();
  }
}
