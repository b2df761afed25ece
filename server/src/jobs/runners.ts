import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { AppConfig } from '../config/config';
import type { JobsService } from './jobs.service';

export interface JobRunner {
  readonly mode: 'redis' | 'poller';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A job due now was just committed: look now rather than at the next tick. */
  nudge(): void;
}

export function createRunner(jobs: JobsService, config: AppConfig): JobRunner {
  return config.redisUrl ? new BullRunner(jobs, config) : new PollerRunner(jobs, config.jobs.pollMs);
}

/** Jobs the poller runs at once (BullMQ's worker below runs as many). */
const POLLER_CONCURRENCY = 4;

/** The embedded default: every `pollMs` the database is asked what is due. */
class PollerRunner implements JobRunner {
  readonly mode = 'poller' as const;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> | null = null;
  private readonly log = new Logger('Jobs');

  constructor(
    private readonly jobs: JobsService,
    private readonly pollMs: number,
  ) {}

  private again = false;

  async start() {
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.timer.unref?.();
    this.tick();
  }

  /** One look at what is due; asked while one runs, it looks once more after. */
  private tick() {
    if (!this.timer) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.jobs
      .runDue(POLLER_CONCURRENCY)
      .catch((e) => this.log.warn(`job poll failed: ${e instanceof Error ? e.message : e}`))
      .finally(() => {
        this.busy = null;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  nudge() {
    this.tick();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.busy;
  }
}

/**
 * REDIS_URL set: BullMQ delivers each job at its time to one worker among all instances (a job's BullMQ id
 * is its row id, so handing it over twice is harmless). The database stays the truth: a sync loop hands
 * over what is due within the next minutes, hands again what Redis lost (Redis restarted without
 * persistence), and runs directly what is overdue while Redis is unreachable.
 */
class BullRunner implements JobRunner {
  readonly mode = 'redis' as const;
  private readonly log = new Logger('Jobs');
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> | null = null;
  private connections: IORedis[] = [];
  private marker: IORedis | null = null;
  /** The marker this instance last saw in Redis; another value (or none) means Redis lost its data. */
  private epoch: string | null = null;
  /** The "Redis unavailable" warning was logged in this outage. */
  private unreachableSaid = false;
  private static readonly HORIZON_MS = 5 * 60_000;
  private static readonly REQUEUE_AFTER_MS = 2 * 60_000;
  private static readonly OVERDUE_MS = 30_000;
  /**
   * A job this long past its time and still pending was delivered to a worker that did not claim it: the
   * instance died between BullMQ's hand-over and runOne's claim (the BullMQ job stays "active" under the dead
   * worker until the stall check). It is handed again now rather than left for the overdue fallback.
   */
  private static readonly UNCLAIMED_MS = 5_000;

  constructor(
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  private connection() {
    const c = new IORedis(this.config.redisUrl!, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    c.on('error', () => undefined); // reconnects by itself; the sync loop logs what matters
    this.connections.push(c);
    return c;
  }

  async start() {
    const prefix = this.config.jobs.redisPrefix;
    this.queue = new Queue('jobs', { connection: this.connection(), prefix });
    this.queue.on('error', () => undefined);
    this.worker = new Worker('jobs', async (job) => void (await this.jobs.runOne(String(job.data.id))), {
      connection: this.connection(),
      prefix,
      concurrency: 4,
    });
    this.worker.on('error', () => undefined);
    this.marker = this.connection();
    this.timer = setInterval(() => this.tick(), this.config.jobs.pollMs);
    this.timer.unref?.();
    this.tick();
  }

  private again = false;

  /** One sync; asked while one runs, it syncs once more after (a job due now is handed without waiting a tick). */
  private tick() {
    if (!this.timer) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = this.sync()
      .catch((e) => this.log.warn(`job sync failed: ${e instanceof Error ? e.message : e}`))
      .finally(() => {
        this.busy = null;
        if (this.again) {
          this.again = false;
          this.tick();
        }
      });
  }

  nudge() {
    this.tick();
  }

  private async sync() {
    await this.jobs.releaseExpiredLeases();
    const reachable = await this.noticeRedisLoss();
    const now = this.jobs.now().getTime();
    const soon = await this.jobs.due(200, BullRunner.HORIZON_MS);
    const hand = soon.filter(
      (j) =>
        !j.queuedAt ||
        now - j.queuedAt.getTime() > BullRunner.REQUEUE_AFTER_MS ||
        now - Math.max(j.runAt.getTime(), j.queuedAt.getTime()) > BullRunner.UNCLAIMED_MS,
    );
    // Redis did not answer the marker: handing over would only pile commands up in the client's offline queue
    // (and wait 2 s each time); what is overdue runs here below. Said once per outage, not every tick.
    if (!reachable) {
      if (hand.length && !this.unreachableSaid) {
        this.log.warn(
          `Redis unavailable: ${hand.length} job(s) wait to be handed to it; overdue ones run here`,
        );
        this.unreachableSaid = true;
      }
    } else if (hand.length) {
      try {
        await Promise.race([
          this.queue!.addBulk(
            hand.map((j) => ({
              name: 'run',
              data: { id: j.id },
              opts: {
                // A new id for every hand-off: a job handed again after its instance died (lease released) would
                // otherwise be the same BullMQ job, still "active" under the dead worker until BullMQ's stall
                // check (30 s) notices. Two hand-offs of one job are harmless: runOne's claim runs it once.
                jobId: `${j.id}.${now}`,
                delay: Math.max(0, j.runAt.getTime() - now),
                removeOnComplete: true,
                removeOnFail: true,
                // runOne throws only when the database did not answer (claim or bookkeeping failed): try again
                // soon rather than wait for the overdue fallback below.
                attempts: 6,
                backoff: { type: 'exponential', delay: 1000 },
              },
            })),
          ),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('Redis did not answer')), 2000).unref(),
          ),
        ]);
        await this.jobs.markQueued(hand.map((j) => j.id));
      } catch (e) {
        this.log.warn(`Redis unavailable (${e instanceof Error ? e.message : e}); running due jobs directly`);
      }
    }
    // Whatever is well past due was lost on the way (Redis down or flushed): run it here; the claim keeps it single.
    for (const j of soon) if (now - j.runAt.getTime() > BullRunner.OVERDUE_MS) await this.jobs.runOne(j.id);
  }

  /**
   * Redis restarted without persistence (or flushed) has lost every job handed to it: a marker key tells. When
   * it vanished or changed, every pending job is handed again at once instead of after REQUEUE_AFTER_MS.
   */
  private async noticeRedisLoss(): Promise<boolean> {
    const key = `${this.config.jobs.redisPrefix}:jobs:epoch`;
    let seen: string | null;
    try {
      seen = await Promise.race([
        this.marker!.set(key, randomUUID(), 'NX').then(() => this.marker!.get(key)),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('Redis did not answer')), 2000).unref(),
        ),
      ]);
    } catch {
      return false; // unreachable: the overdue path in sync() runs what is due
    }
    if (this.epoch && seen !== this.epoch) {
      const n = await this.jobs.unmarkQueued();
      this.log.warn(`Redis lost its queue (restarted or flushed): handing ${n} pending job(s) to it again`);
    }
    this.epoch = seen;
    if (this.unreachableSaid) this.log.log('Redis answers again: handing due jobs to it');
    this.unreachableSaid = false;
    return true;
  }

  /**
   * Stops handing and taking jobs. BullMQ's close waits for Redis (it finishes the worker's blocking read and
   * the queue's pending commands); with Redis unreachable that wait never ends and the process would never exit
   * on SIGTERM. So each close gets CLOSE_WAIT_MS, then the worker is closed by force and the connections are cut:
   * a job this instance had claimed keeps its lease in the database and is run again after it expires.
   */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const within = (p: Promise<unknown> | undefined | null) =>
      Promise.race([
        Promise.resolve(p).then(
          () => true,
          () => true,
        ),
        new Promise<boolean>((r) => setTimeout(() => r(false), BullRunner.CLOSE_WAIT_MS).unref()),
      ]);
    await within(this.busy);
    const closed = (await within(this.worker?.close())) && (await within(this.queue?.close()));
    if (!closed) {
      this.log.warn('Redis did not answer while stopping: closing the job queue without it');
      this.worker?.close(true).catch(() => undefined);
    }
    for (const c of this.connections) c.disconnect();
    this.connections = [];
  }
  private static readonly CLOSE_WAIT_MS = 2000;
}
