import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

/*
 * Fewer round trips to MySQL. Every statement costs one: a socket write, a wait and a parse, on the server and on
 * the database (the socket writes alone were 14% of intake's CPU on our 2-core VM, bench/results.md). Two ways
 * to share them, both sending several statements as one multi-statement query (the pool's connections are
 * opened with `multipleStatements`; every value still goes through the driver's escaping as a `?` parameter,
 * never spliced into the text):
 *
 * - `coalesced`: plain reads (and the ticket counter's upsert) issued in the same turn of the event loop, by one
 *   request or by many, go together on one pooled connection.
 * - `pipelinedTransaction`: a transaction's statements that need no answer (START, the INSERTs of `insertRows`)
 *   wait and go with the next statement that does, or with the COMMIT.
 *
 * On SQLite (one in-process file, no round trips) both are the plain calls.
 */

/**
 * A transaction whose statements reach MySQL in as few round trips as the work allows: an intake whose writes
 * are all inserts is one round trip from START to COMMIT.
 *
 * What changes for the work inside: a deferred INSERT that fails (a duplicate key) fails the statement that
 * carried it, at the latest the COMMIT, and the whole transaction rolls back as before. Nothing inside may catch
 * an insert's error and go on; no caller of `insertRows` within a transaction does.
 */
export async function pipelinedTransaction<T>(
  ds: DataSource,
  work: (m: EntityManager) => Promise<T>,
): Promise<T> {
  if (ds.options.type === 'better-sqlite3') return ds.transaction(work);
  const runner = ds.createQueryRunner();
  const pipe = new Pipeline(runner);
  pipes.set(runner, pipe);
  try {
    await runner.startTransaction();
    const out = await work(runner.manager);
    await runner.commitTransaction();
    return out;
  } catch (e) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    pipes.delete(runner);
    await runner.release();
  }
}

/**
 * Queues a statement whose answer nobody reads, when `m` runs in a pipelined transaction; answers false (and
 * queues nothing) otherwise, and the caller runs it itself.
 */
export function deferStatement(m: EntityManager, sql: string, params: unknown[]): boolean {
  const pipe = m.queryRunner && pipes.get(m.queryRunner);
  if (!pipe) return false;
  pipe.defer(sql, params);
  return true;
}

/** How many round trips a pipelined transaction's runner made: for tests. */
export function roundTripsOf(m: EntityManager): number | undefined {
  return m.queryRunner ? pipes.get(m.queryRunner)?.roundTrips : undefined;
}

const pipes = new WeakMap<QueryRunner, Pipeline>();

type Send = (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;

type Answer = { resolve: (v: unknown) => void; reject: (e: unknown) => void; structured: boolean };

/**
 * A transaction's statements, queued and sent together. A statement that needs no answer waits for one that does;
 * statements that need answers and are asked for in the same cascade of promise callbacks (`Promise.all` of two
 * reads) go together too: the queue is sent on `process.nextTick`, once every callback that could still add to it
 * has run. Batches go out one after another, in order.
 *
 * Fails closed: once a batch fails, the statements after the failing one never ran, so every later statement of
 * the transaction, its COMMIT included, fails with the same error, and only the ROLLBACK goes out. Nothing can
 * commit half of what was queued, even when a caller catches its own statement's error.
 */
class Pipeline {
  private queue: { sql: string; params: unknown[]; answer?: Answer }[] = [];
  private scheduled = false;
  private readonly send: Send;
  /** The batch last sent: the next waits for it. */
  private tail: Promise<unknown> = Promise.resolve();
  /** START TRANSACTION has been sent. */
  private started = false;
  private failed: unknown = null;
  roundTrips = 0;

  constructor(runner: QueryRunner) {
    this.send = runner.query.bind(runner) as Send;
    // Every statement of the transaction, TypeORM's own (START, COMMIT, ROLLBACK) included, passes here.
    runner.query = ((sql: string, params?: unknown[], structured?: boolean) =>
      this.run(sql, params ?? [], structured ?? false)) as QueryRunner['query'];
  }

  defer(sql: string, params: unknown[]): void {
    if (this.failed) throw this.failed;
    this.queue.push({ sql, params });
  }

  private run(sql: string, params: unknown[], structured: boolean): Promise<unknown> {
    if (sql === 'ROLLBACK') {
      // Whatever still waits was never sent; before the START went, there is nothing to undo.
      const dropped = this.queue;
      this.queue = [];
      for (const q of dropped) q.answer?.reject(new Error('transaction rolled back'));
      if (!this.started) return Promise.resolve(undefined);
      return (this.tail = this.tail.then(
        () => this.roundTrip(sql, params, structured),
        () => this.roundTrip(sql, params, structured),
      ));
    }
    if (this.failed) return Promise.reject(this.failed);
    if (sql === 'START TRANSACTION') {
      this.queue.push({ sql, params });
      return Promise.resolve(undefined);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ sql, params, answer: { resolve, reject, structured } });
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    this.tail = this.tail.then(() => this.sendBatch(batch)).catch(() => undefined);
  }

  private async sendBatch(batch: { sql: string; params: unknown[]; answer?: Answer }[]): Promise<void> {
    const answers = batch.filter((q) => q.answer);
    if (this.failed) {
      for (const q of answers) q.answer!.reject(this.failed);
      return;
    }
    try {
      if (batch.length === 1) {
        const [q] = batch;
        const result = await this.roundTrip(q.sql, q.params, q.answer?.structured ?? false);
        q.answer?.resolve(result);
        return;
      }
      const all = (await this.roundTrip(
        batch.map((q) => q.sql).join(';\n'),
        batch.flatMap((q) => q.params),
        false,
      )) as unknown[];
      // One result per statement, each in the shape the statement alone would have given its caller.
      batch.forEach((q, i) => q.answer?.resolve(q.answer.structured ? structuredResult(all[i]) : all[i]));
    } catch (e) {
      this.failed = e;
      for (const q of answers) q.answer!.reject(e);
    }
  }

  private roundTrip(sql: string, params: unknown[], structured: boolean): Promise<unknown> {
    this.roundTrips++;
    if (!this.started && /^START TRANSACTION\b/.test(sql)) this.started = true;
    return this.send(sql, params, structured);
  }
}

/** A statement's raw result as TypeORM's MySQL query runner gives it when asked for a structured one. */
function structuredResult(raw: unknown): QueryResult {
  const result = new QueryResult();
  result.raw = raw;
  if (Array.isArray(raw)) result.records = raw;
  if (raw && typeof raw === 'object' && 'affectedRows' in raw)
    result.affected = (raw as { affectedRows: number }).affectedRows;
  return result;
}

type Waiting = {
  sql: string;
  params: unknown[];
  resolve: (result: unknown) => void;
  reject: (e: unknown) => void;
};

/** At most this many statements in one coalesced query (a bound on its size and on one slow read's company). */
const MAX_COALESCED = 32;

const coalescers = new WeakMap<DataSource, ReadCoalescer>();

/**
 * Runs a statement outside any transaction with the others issued in this turn of the event loop, as one round
 * trip: a read, or an autocommit write that may safely run twice (the ticket counter's upsert: a second run only
 * leaves a number unused). Each statement is still its own, with its own snapshot, as if sent alone; when one of
 * them fails, they are all sent again one by one, so each caller gets its own answer or its own error.
 */
export function coalesced(ds: DataSource, sql: string, params: unknown[]): Promise<unknown> {
  if (ds.options.type === 'better-sqlite3') return ds.query(sql, params);
  let c = coalescers.get(ds);
  if (!c) coalescers.set(ds, (c = new ReadCoalescer(ds)));
  return c.add(sql, params);
}

/**
 * A statement on `m`, sharing a round trip where it can: inside a transaction on its connection (queued with the
 * others of a pipelined one), outside with the other statements of this turn (`coalesced`).
 */
export function sharedRoundTrip(m: EntityManager, sql: string, params: unknown[]): Promise<unknown> {
  return m.queryRunner ? m.query(sql, params) : coalesced(m.connection, sql, params);
}

/** How many round trips the coalesced statements of `ds` made, and how many statements they carried: for tests. */
export function coalescedStats(ds: DataSource): { roundTrips: number; statements: number } {
  const c = coalescers.get(ds);
  return { roundTrips: c?.roundTrips ?? 0, statements: c?.statements ?? 0 };
}

interface PooledConnection {
  query(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown) => void): void;
  release(): void;
}

class ReadCoalescer {
  private waiting: Waiting[] = [];
  private scheduled = false;
  roundTrips = 0;
  statements = 0;

  constructor(private readonly ds: DataSource) {}

  add(sql: string, params: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ sql, params, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: whatever they asked for goes together.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.waiting;
    this.waiting = [];
    for (let i = 0; i < all.length; i += MAX_COALESCED) void this.send(all.slice(i, i + MAX_COALESCED));
  }

  private async send(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [w] = batch;
      return this.run(w.sql, w.params, 1).then((rows) => w.resolve(rows), w.reject);
    }
    let results: unknown[];
    try {
      results = (await this.run(
        batch.map((w) => w.sql).join(';\n'),
        batch.flatMap((w) => w.params),
        batch.length,
      )) as unknown[];
    } catch {
      // One of them failed (or the connection did): each again on its own, for its own answer.
      await Promise.all(batch.map((w) => this.send([w])));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  /** One round trip on a pooled connection, past TypeORM's query runner (nothing of it is needed here). */
  private async run(sql: string, params: unknown[], statements: number): Promise<unknown> {
    this.roundTrips++;
    this.statements += statements;
    const driver = this.ds.driver as unknown as { obtainMasterConnection(): Promise<PooledConnection> };
    let conn: PooledConnection;
    try {
      conn = await driver.obtainMasterConnection();
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
    return new Promise((resolve, reject) =>
      conn.query(sql, params, (err, rows) => {
        conn.release();
        if (err) reject(new QueryFailedError(sql, params, err));
        else resolve(rows);
      }),
    );
  }
}
