import { QueryFailedError } from 'typeorm';
import { insertRows } from '../src/database/raw';
import { coalesced, coalescedStats, pipelinedTransaction, roundTripsOf } from '../src/database/round-trips';
import { isUniqueViolation } from '../src/common/db-errors';
import { Notification } from '../src/notifications/entities';
import { Project, User } from '../src/org/entities';
import { nextTicketNumber } from '../src/tickets/numbering';
import { DRIVERS, startTestApp, TestApp } from './support/test-app';

/**
 * Statements sent together (database/round-trips.ts): each caller still gets its own answer or its own error, and
 * a transaction commits all of what it queued or none of it. On SQLite the same calls run one by one.
 */
describe.each(DRIVERS)('round trips on %s', (driver) => {
  let t: TestApp;
  let resident: User;
  beforeAll(async () => {
    t = await startTestApp(driver);
    [resident] = await t.ds.getRepository(User).findBy({ demoKey: 'resident-1' });
  });
  afterAll(() => t.close());

  const notice = (title: string) =>
    t.ds.getRepository(Notification).create({
      userId: resident.id,
      kind: 'test',
      title,
      body: title,
      createdAt: new Date('2026-05-06T07:08:09.123Z'),
    });
  const stored = (ids: string[]) =>
    t.ds.getRepository(Notification).count({ where: ids.map((id) => ({ id })) });

  it('reads asked in the same turn go as one round trip, each with its own rows', async () => {
    const before = coalescedStats(t.ds);
    const [users, projects, none] = (await Promise.all([
      coalesced(t.ds, 'SELECT `id` FROM `users` WHERE `id` = ?', [resident.id]),
      coalesced(t.ds, 'SELECT COUNT(*) AS `n` FROM `projects`', []),
      coalesced(t.ds, 'SELECT `id` FROM `users` WHERE `id` = ?', ['nobody']),
    ])) as { id?: string; n?: number }[][];
    expect(users).toEqual([{ id: resident.id }]);
    expect(Number(projects[0].n)).toBe(await t.ds.getRepository(Project).count());
    expect(none).toEqual([]);
    const after = coalescedStats(t.ds);
    if (driver === 'mariadb')
      expect(after).toEqual({
        roundTrips: before.roundTrips + 1,
        statements: before.statements + 3,
      });
  });

  it('a failing statement fails only its own caller; the others still get their rows', async () => {
    const results = await Promise.allSettled([
      coalesced(t.ds, 'SELECT `id` FROM `users` WHERE `id` = ?', [resident.id]),
      coalesced(t.ds, 'SELECT `nope` FROM `users`', []),
      coalesced(t.ds, 'SELECT ? AS `v`', ['两个;\nSELECT 1']),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: [{ id: resident.id }] });
    expect(results[1].status).toBe('rejected');
    const err = (results[1] as PromiseRejectedResult).reason;
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError).query).toBe('SELECT `nope` FROM `users`'); // its own statement, alone
    // A value that looks like a second statement stays a value.
    expect(results[2]).toEqual({ status: 'fulfilled', value: [{ v: '两个;\nSELECT 1' }] });
  });

  it('ticket numbers drawn together are all different', async () => {
    const project = (await t.ds.getRepository(Project).find())[0];
    const at = new Date('2026-05-06T07:08:09Z');
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () => nextTicketNumber(t.ds.manager, project.companyId, 'suggestion', at)),
    );
    expect(new Set(numbers).size).toBe(20);
    const seqs = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]).toBe(19);
  });

  it('a transaction of inserts is one round trip, and its rows are there after', async () => {
    const rows = [notice('一'), notice('二'), notice('三')];
    let trips: number | undefined;
    await pipelinedTransaction(t.ds, async (m) => {
      await insertRows(m, Notification, rows.slice(0, 2));
      await insertRows(m, Notification, rows.slice(2));
      trips = roundTripsOf(m);
    });
    expect(await stored(rows.map((r) => r.id))).toBe(3);
    const read = await t.ds.getRepository(Notification).findOneByOrFail({ id: rows[1].id });
    expect(read.createdAt.toISOString()).toBe('2026-05-06T07:08:09.123Z');
    if (driver === 'mariadb') expect(trips).toBe(0); // nothing sent until the COMMIT carries it all
  });

  it('a read inside sees the queued inserts; reads asked together share a round trip', async () => {
    const a = notice('读一');
    const b = notice('读二');
    const seen = await pipelinedTransaction(t.ds, async (m) => {
      await insertRows(m, Notification, [a, b]);
      const [x, y] = await Promise.all([
        m.query('SELECT `title` FROM `notifications` WHERE `id` = ?', [a.id]),
        m.query('SELECT `title` FROM `notifications` WHERE `id` = ?', [b.id]),
      ]);
      return { x, y, trips: roundTripsOf(m) };
    });
    expect(seen.x).toEqual([{ title: '读一' }]);
    expect(seen.y).toEqual([{ title: '读二' }]);
    if (driver === 'mariadb') expect(seen.trips).toBe(1);
    // A statement asked for a structured result gets one, affected rows included.
    const affected = await pipelinedTransaction(t.ds, async (m) => {
      await insertRows(m, Notification, [notice('改')]);
      return (
        await m
          .createQueryBuilder()
          .update(Notification)
          .set({ body: '改过' })
          .where('id IN (:...ids)', { ids: [a.id, b.id] })
          .execute()
      ).affected;
    });
    expect(affected).toBe(2);
  });

  it('a queued insert that fails rolls back everything, what went before it in the same batch included', async () => {
    const first = notice('先');
    const twin = notice('重');
    await insertRows(t.ds.manager, Notification, [twin]);
    const err = await pipelinedTransaction(t.ds, async (m) => {
      await insertRows(m, Notification, [first]);
      await insertRows(m, Notification, [Object.assign(notice('重'), { id: twin.id })]);
    }).catch((e) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(await stored([first.id])).toBe(0);
    // The connection went back to the pool clean: the next transaction commits.
    const next = notice('后');
    await pipelinedTransaction(t.ds, (m) => insertRows(m, Notification, [next]));
    expect(await stored([next.id])).toBe(1);
  });

  // Only where statements share batches: there a caller could otherwise swallow an error that was a queued
  // insert's. (On SQLite each statement fails alone, and a caught error is the caller's own.)
  if (driver === 'mariadb')
    it('fails closed: after a failed batch, catching the error commits nothing', async () => {
      const kept = notice('不应提交');
      const after = notice('之后');
      const err = await pipelinedTransaction(t.ds, async (m) => {
        await insertRows(m, Notification, [kept]);
        await m.query('SELECT `nope` FROM `notifications`').catch(() => undefined); // swallowed
        await insertRows(m, Notification, [after]);
      }).catch((e) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(await stored([kept.id, after.id])).toBe(0);
    });
});
