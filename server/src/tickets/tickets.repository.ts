import { Injectable } from '@nestjs/common';
import { shanghaiDate, TicketKind } from '@wuye/shared';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { retryOnDeadlock } from '../common/db-errors';
import { fillColumnDefaults, instance } from '../common/entity-helpers';
import { Batches } from '../database/batches';
import { allColumns, changedRows, insertRows, selectEntities } from '../database/raw';
import { Department, Household, User } from '../org/entities';
import { Ticket, TicketEvent, TicketPhoto } from './entities';
import { nextTicketNumber, nextTicketNumbers } from './numbering';
import { assertSameRequest } from './submission-key';

/** A new ticket for `TicketsRepository.storeNew`. */
export interface NewTicket<T> {
  /** The ticket and its first timeline records, as they will be stored; built afresh for each attempt. */
  build(): { t: Ticket; events: TicketEvent[] };
  /** What the transaction adds after them, on its manager; its answer is `storeNew`'s. */
  complete(m: EntityManager, t: Ticket, events: TicketEvent[]): Promise<T>;
  /** The row of its own that `complete` locks (an incident's id), if any. */
  locks: string | null;
}

/**
 * How many intake transactions run at once on MySQL; more intakes than this share them. Each holds a pooled
 * connection (20, data-source.ts) for a few round trips; the reads before them need connections too. SQLite has one
 * writer, and TypeORM one query runner for it, on which two transactions must not overlap: one at a time there.
 */
const WRITERS = 4;

/**
 * The ticket aggregate's statements: the ticket, its timeline, its photos and its number. The services hold the
 * rules and call these; nothing else here decides anything.
 *
 * One SQL style per job. Intake (every submission, the hot path) is hand-written on TypeORM's public
 * `EntityManager.query` (database/raw.ts): one statement per table, multi-row where a table takes several rows,
 * nothing read back. What a ticket's page shows is read through TypeORM's repositories, and the lists a user may
 * see through its query builder (tickets/access.ts adds the scope).
 */
@Injectable()
export class TicketsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The data source's own manager: statements outside any transaction, for collaborators that take a manager. */
  get manager(): EntityManager {
    return this.ds.manager;
  }

  // ── intake ──

  /** A new ticket with these fields, every column left out holding what the database would store for it. */
  blank(fields: Partial<Ticket>): Ticket {
    return fillColumnDefaults(this.ds.getMetadata(Ticket), instance(Ticket, fields));
  }

  /**
   * The ticket this creator filed under this idempotency key, or null. A key reused for different content is
   * refused (422, submission-key.ts). Every submission asks, and almost always hears "none": one statement, which
   * reads the whole ticket when there is one, and which the submissions asked about together share (`Batches`).
   */
  async bySubmission(userId: string, key: string, requestHash: string): Promise<Ticket | null> {
    const t = await this.submissions.add({ userId, key });
    if (!t) return null;
    assertSameRequest(t.requestHash, requestHash);
    return t;
  }

  private readonly submissions = new Batches<{ userId: string; key: string }, Ticket | null>({
    maxRunning: 2,
    maxBatch: 64,
    run: (keys) => this.submitted(keys),
    one: async (key) => (await this.submitted([key]))[0],
  });

  /** The tickets filed under these (creator, idempotency key) pairs, by pair (null: none), in one statement. */
  private async submitted(keys: { userId: string; key: string }[]): Promise<(Ticket | null)[]> {
    const m = this.ds.manager;
    const found = await selectEntities(
      m,
      Ticket,
      `SELECT ${allColumns(m, Ticket)} FROM \`tickets\` WHERE ` +
        keys.map(() => '(`createdById` = ? AND `idempotencyKey` = ?)').join(' OR '),
      keys.flatMap((k) => [k.userId, k.key]),
    );
    // Matched as the database compares them: MySQL's collation ignores case, SQLite's does not.
    const fold =
      m.connection.options.type === 'better-sqlite3' ? (s: string) => s : (s: string) => s.toLowerCase();
    const byPair = new Map(found.map((t) => [`${fold(t.createdById)} ${fold(t.idempotencyKey)}`, t]));
    return keys.map((k) => byPair.get(`${fold(k.userId)} ${fold(k.key)}`) ?? null);
  }

  /**
   * The next number for (company, kind, Shanghai day): an autocommitted upsert of the day's counter, outside the
   * intake's transaction, so the counter row is locked for that one statement only (numbering.ts). Numbers asked
   * for together come from one upsert (`Batches`), consecutive in the order they were asked.
   */
  nextNumber(companyId: string, kind: TicketKind, at: Date): Promise<string> {
    const counter = `${companyId} ${kind} ${shanghaiDate(at)}`;
    let draws = this.counters.get(counter);
    if (!draws) {
      // A day's counter is drawn from on that day only: the idle entries of other days go.
      if (this.counters.size >= 64) for (const [k, d] of this.counters) if (d.idle) this.counters.delete(k);
      const m = this.ds.manager;
      draws = new Batches<void, string>({
        maxRunning: 1,
        maxBatch: 64,
        run: (asked) => nextTicketNumbers(m, companyId, kind, at, asked.length),
        one: () => nextTicketNumber(m, companyId, kind, at),
      });
      this.counters.set(counter, draws);
    }
    return draws.add();
  }

  private readonly counters = new Map<string, Batches<void, string>>();

  /**
   * Runs `work` in one transaction, again (from the start) when the database chose it as a deadlock victim. `work`
   * must be safe to run twice: it builds what it stores afresh on each run.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return retryOnDeadlock(() => this.ds.transaction(work));
  }

  /**
   * Stores a new ticket, its first timeline records, and what its transaction adds after them (`complete`: photos,
   * incident, the listeners' jobs and notices), answering what `complete` answers. Intakes that reach this point
   * together share a transaction (`Batches`): their tickets in one INSERT, their timelines in one INSERT, then each
   * one's own work in turn, one COMMIT. Alone, an intake has its own. A shared transaction that fails is run again
   * as one transaction per intake, so that each hears its own answer; a deadlock's victim is run again first.
   */
  storeNew<T>(entry: NewTicket<T>): Promise<T> {
    return this.writes.add(entry) as Promise<T>;
  }

  private readonly writes = new Batches<NewTicket<unknown>, unknown>({
    maxRunning: this.ds.options.type === 'better-sqlite3' ? 1 : WRITERS,
    maxBatch: 32,
    run: (entries) => this.transaction((m) => this.store(m, entries)),
    one: async (entry) => (await this.transaction((m) => this.store(m, [entry])))[0],
  });

  private async store(m: EntityManager, entries: NewTicket<unknown>[]): Promise<unknown[]> {
    // Built afresh for each attempt: a retry starts again from the drafts.
    const built = entries.map((e) => e.build());
    await insertRows(
      m,
      Ticket,
      built.map((b) => b.t),
    );
    await insertRows(
      m,
      TicketEvent,
      built.flatMap((b) => b.events),
    );
    // Those that lock a row of their own (an incident) last, in one order: two shared transactions never wait for
    // each other's locks in opposite orders.
    const order = entries
      .map((e, i) => ({ i, lock: e.locks }))
      .sort((a, b) => (a.lock ?? '').localeCompare(b.lock ?? '') || a.i - b.i);
    const answers: unknown[] = new Array(entries.length);
    for (const { i } of order) answers[i] = await entries[i].complete(m, built[i].t, built[i].events);
    return answers;
  }

  /**
   * Attaches the uploader's own unused uploads to a new ticket, in order: false (nothing attached, the caller
   * aborts its transaction) when one of them is someone else's, already attached, or missing.
   */
  async attachPhotos(
    m: EntityManager,
    uploaderId: string,
    ticketId: string,
    uploadIds: string[],
  ): Promise<boolean> {
    if (!uploadIds.length) return true;
    const attached = await changedRows(
      m,
      `UPDATE \`uploads\` SET \`ticketId\` = ? WHERE \`id\` IN (${uploadIds.map(() => '?').join(', ')}) ` +
        'AND `uploaderId` = ? AND `ticketId` IS NULL',
      [ticketId, ...uploadIds, uploaderId],
    );
    if (attached !== uploadIds.length) return false;
    await insertRows(
      m,
      TicketPhoto,
      uploadIds.map((uploadId, position) =>
        Object.assign(new TicketPhoto(), { ticketId, uploadId, position }),
      ),
    );
    return true;
  }

  // ── what a ticket's page shows ──

  photos(ticketId: string): Promise<TicketPhoto[]> {
    return this.ds.getRepository(TicketPhoto).find({ where: { ticketId }, order: { position: 'ASC' } });
  }

  /** The whole timeline, oldest first. */
  timeline(ticketId: string): Promise<TicketEvent[]> {
    return this.ds.getRepository(TicketEvent).find({ where: { ticketId }, order: { ticketVersion: 'ASC' } });
  }

  async householdLabels(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(Household).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((h) => [h.id, h.label]));
  }

  async peopleNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(User).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  department(id: string): Promise<Department | null> {
    return this.ds.getRepository(Department).findOneBy({ id });
  }

  household(id: string): Promise<Household | null> {
    return this.ds.getRepository(Household).findOneBy({ id });
  }

  // ── lists (scoped by the caller: tickets/access.ts) ──

  /** The tickets aliased `t`, for the caller to scope. */
  query(): SelectQueryBuilder<Ticket> {
    return this.ds.getRepository(Ticket).createQueryBuilder('t');
  }

  /** One page of `scoped`, newest first, with the count of all. */
  page(scoped: SelectQueryBuilder<Ticket>, page: number, pageSize: number): Promise<[Ticket[], number]> {
    return scoped
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
