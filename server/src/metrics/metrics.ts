import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { OPEN_STATUSES } from '@wuye/shared';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource, In, LessThan, LessThanOrEqual } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
// Types only, the tables by entity name: metrics sit below the domains they count (test/boundaries.spec.ts).
import type { Job } from '../jobs/job.entity';
import type { Ticket } from '../tickets/entities';

/** What the database-derived gauges read, at most this often (every instance is scraped, each reads). */
const DB_GAUGES_TTL_MS = 10_000;

/** The pool events mysql2 documents (as mysql's): a connection made, taken, given back, or waited for. */
interface PoolEvents {
  on(event: 'connection' | 'acquire' | 'release' | 'enqueue', fn: () => void): unknown;
}

/**
 * Prometheus metrics of this instance at GET /metrics (docs/deployment.md "Metrics and alerts"): request latency
 * by route, tickets filed by kind and category, emergencies, the job queue's lag and failures, WeChat and SMS
 * sends by result, the database pool, and the process (CPU, memory, event-loop lag). Counters count what this
 * instance did (Prometheus sums the instances); the gauges read from the database are the same on every instance
 * (take max, not sum). One registry per app, so two apps in one process (tests) never share counts.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();
  private readonly r = [this.registry];

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
    registers: this.r,
  });
  readonly ticketsCreated = new Counter({
    name: 'wuye_tickets_created_total',
    help: 'Tickets filed, by kind (complaint, repair …) and complaint category (none when unclassified)',
    labelNames: ['kind', 'category'] as const,
    registers: this.r,
  });
  readonly emergencies = new Counter({
    name: 'wuye_emergencies_total',
    help: 'Tickets filed that were flagged as emergencies (dispatched at once)',
    labelNames: ['kind'] as const,
    registers: this.r,
  });
  readonly jobRuns = new Counter({
    name: 'wuye_job_runs_total',
    help: 'Durable job runs by type and result (done, retry: failed and scheduled again, failed: gave up)',
    labelNames: ['type', 'result'] as const,
    registers: this.r,
  });
  readonly jobStartDelay = new Histogram({
    name: 'wuye_job_start_delay_seconds',
    help: 'How late a durable job started after the time it was due',
    labelNames: ['type'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: this.r,
  });
  readonly wechatSends = new Counter({
    name: 'wuye_wechat_sends_total',
    help: 'WeChat subscribe-message sends by result (sent, refused, failed, error, unknown, no_quota, no_openid)',
    labelNames: ['result'] as const,
    registers: this.r,
  });
  readonly smsSends = new Counter({
    name: 'wuye_sms_sends_total',
    help: 'SMS sends by provider and result (sent, failed, error, unknown, capped, no_phone)',
    labelNames: ['provider', 'result'] as const,
    registers: this.r,
  });

  private readonly poolInUse = new Gauge({
    name: 'wuye_db_pool_connections_in_use',
    help: 'Database connections taken from the pool and not yet given back',
    registers: this.r,
  });
  private readonly poolCreated = new Counter({
    name: 'wuye_db_pool_connections_created_total',
    help: 'Database connections the pool opened since the app started (after migrations)',
    registers: this.r,
  });
  private readonly poolWaits = new Counter({
    name: 'wuye_db_pool_waits_total',
    help: 'Times a query waited because every pooled connection was taken',
    registers: this.r,
  });
  private readonly poolLimit = new Gauge({
    name: 'wuye_db_pool_connections_limit',
    help: 'The most connections the pool opens',
    registers: this.r,
  });

  private dbRead: { at: number; value: Promise<DbGauges> } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const self = this;
    const fromDb = (name: string, help: string, pick: (g: DbGauges) => number) =>
      new Gauge({
        name,
        help,
        registers: this.r,
        async collect() {
          this.set(pick(await self.dbGauges()));
        },
      });
    fromDb('wuye_jobs_due', 'Durable jobs due and not yet started (all instances)', (g) => g.due);
    fromDb(
      'wuye_jobs_lag_seconds',
      'How long the oldest due job has been waiting (0 when none is due)',
      (g) => g.lagSeconds,
    );
    fromDb(
      'wuye_jobs_failed',
      'Durable jobs that gave up after their last attempt (kept a week)',
      (g) => g.failed,
    );
    fromDb('wuye_tickets_overdue', 'Open tickets past their deadline (all projects)', (g) => g.overdue);
  }

  onModuleInit() {
    const driver = this.ds.driver as unknown as {
      pool?: PoolEvents & { config?: { connectionLimit?: number } };
    };
    const pool = driver.pool;
    if (!pool || typeof pool.on !== 'function') return; // SQLite: one connection, no pool
    this.poolLimit.set(pool.config?.connectionLimit ?? 0);
    pool.on('connection', () => this.poolCreated.inc());
    pool.on('acquire', () => this.poolInUse.inc());
    pool.on('release', () => this.poolInUse.dec());
    pool.on('enqueue', () => this.poolWaits.inc());
  }

  /** The gauges read from the database, shared by one scrape and cached a few seconds. */
  private dbGauges(): Promise<DbGauges> {
    const now = this.clock.nowMs();
    if (this.dbRead && now - this.dbRead.at < DB_GAUGES_TTL_MS && now >= this.dbRead.at)
      return this.dbRead.value;
    const value = this.readDb(new Date(now));
    this.dbRead = { at: now, value };
    value.catch(() => (this.dbRead = null));
    return value;
  }

  private async readDb(now: Date): Promise<DbGauges> {
    const jobs = this.ds.getRepository<Job>('Job');
    const [due, oldest, failed, overdue] = await Promise.all([
      jobs.countBy({ status: 'pending', runAt: LessThanOrEqual(now) }),
      jobs.findOne({
        select: { runAt: true },
        where: { status: 'pending', runAt: LessThanOrEqual(now) },
        order: { runAt: 'ASC' },
      }),
      jobs.countBy({ status: 'failed' }),
      this.ds
        .getRepository<Ticket>('Ticket')
        .countBy({ dueAt: LessThan(now), status: In([...OPEN_STATUSES]) }),
    ]);
    return {
      due,
      lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.runAt.getTime()) / 1000) : 0,
      failed,
      overdue,
    };
  }

  /** Express middleware: each answer's latency under its route pattern (/api/tickets/:id), not its URL. */
  timeRequests() {
    return (req: Request, res: Response, next: NextFunction) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : 'unmatched';
        this.httpDuration.observe(
          { method: req.method, route, status_code: String(res.statusCode) },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      });
      next();
    };
  }

  /** Express handler for GET /metrics: open without METRICS_TOKEN, else only with `Authorization: Bearer <token>`. */
  endpoint() {
    const token = this.config.metricsToken;
    return async (req: Request, res: Response) => {
      if (token) {
        const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '');
        const want = Buffer.from(token);
        if (given.length !== want.length || !timingSafeEqual(given, want)) {
          res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
          res
            .status(401)
            .json({ statusCode: 401, message: '需要监控令牌（METRICS_TOKEN）', error: 'Unauthorized' });
          return;
        }
      }
      try {
        const body = await this.registry.metrics();
        res.setHeader('Content-Type', this.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.send(body);
      } catch {
        res
          .status(503)
          .json({ statusCode: 503, message: '监控数据暂时不可用', error: 'Service Unavailable' });
      }
    };
  }
}

interface DbGauges {
  due: number;
  lagSeconds: number;
  failed: number;
  overdue: number;
}
