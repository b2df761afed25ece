import { Injectable } from '@nestjs/common';
import { TicketKind } from '@wuye/shared';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { retryOnDeadlock } from '../common/db-errors';
import { fillColumnDefaults, instance } from '../common/entity-helpers';
import { allColumns, changedRows, insertRows, selectEntities } from '../database/raw';
import { Department, Household, User } from '../org/entities';
import { Ticket, TicketEvent, TicketPhoto } from './entities';
import { nextTicketNumber } from './numbering';
import { assertSameRequest } from './submission-key';

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
   * reads the whole ticket when there is one.
   */
  async bySubmission(userId: string, key: string, requestHash: string): Promise<Ticket | null> {
    const m = this.ds.manager;
    const [t] = await selectEntities(
      m,
      Ticket,
      `SELECT ${allColumns(m, Ticket)} FROM \`tickets\` WHERE \`createdById\` = ? AND \`idempotencyKey\` = ? LIMIT 1`,
      [userId, key],
    );
    if (!t) return null;
    assertSameRequest(t.requestHash, requestHash);
    return t;
  }

  /**
   * The next number for (company, kind, Shanghai day): an autocommitted upsert of the day's counter, outside the
   * intake's transaction, so the counter row is locked for that one statement only (numbering.ts).
   */
  nextNumber(companyId: string, kind: TicketKind, at: Date): Promise<string> {
    return nextTicketNumber(this.ds.manager, companyId, kind, at);
  }

  /**
   * Runs `work` in one transaction, again (from the start) when the database chose it as a deadlock victim. `work`
   * must be safe to run twice: it builds what it stores afresh on each run.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return retryOnDeadlock(() => this.ds.transaction(work));
  }

  /** A new ticket and its first timeline records: one INSERT each (database/raw.ts). Nothing is read back. */
  async insertNew(m: EntityManager, t: Ticket, events: TicketEvent[]): Promise<void> {
    await insertRows(m, Ticket, [t]);
    await insertRows(m, TicketEvent, events);
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
