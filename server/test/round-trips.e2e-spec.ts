import { randomUUID } from 'node:crypto';
import { In, QueryFailedError } from 'typeorm';
import { TtlCache } from '../src/common/ttl-cache';
import { StatementCounter, SentStatement } from '../src/database/statement-counter';
import { Job } from '../src/jobs/job.entity';
import { Notification } from '../src/notifications/entities';
import { Household, Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { nextTicketNumber } from '../src/tickets/numbering';
import { NewTicket, TicketsRepository } from '../src/tickets/tickets.repository';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

/**
 * What an intake costs the database: how many statements it sends (each one round trip), counted through
 * TypeORM's documented query hook (database/statement-counter.ts), and that its transaction only writes, one
 * multi-row INSERT per table. And the pool sends one statement per query: nothing can stack a second one.
 */
describe.each(DRIVERS)('round trips on %s', (driver) => {
  let t: TestApp;
  let resident: string;
  let household: string;
  beforeAll(async () => {
    t = await startTestApp(driver);
    resident = await t.login('resident-1');
    household = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t.close());

  const file = (body: Record<string, unknown>, key = idemKey()) =>
    t.http
      .post('/api/tickets')
      .set('Authorization', `Bearer ${resident}`)
      .set('Idempotency-Key', key)
      .send(body);

  /** The statements sent while `work` runs (nothing else runs: no job poller in tests). */
  async function statementsOf(work: () => Promise<unknown>): Promise<SentStatement[]> {
    const recording = StatementCounter.of(t.ds).record();
    try {
      await work();
    } finally {
      // The answer may leave before a released connection's last callback: let those finish.
      await new Promise((r) => setTimeout(r, 50));
    }
    return recording.stop();
  }
  const table = (sql: string) => /^INSERT INTO `?(\w+)`?/i.exec(sql)?.[1] ?? null;
  const isBegin = (sql: string) => /^(START TRANSACTION|BEGIN)/i.test(sql);

  it("a resident's complaint: a few reads, then one transaction of one INSERT per table", async () => {
    // The first intake of a project fills its caches (project, clock, routing, classifier, visit rules): all of them
    // afresh here, so that none expires during the intake measured.
    TtlCache.clearAll();
    await file({ kind: 'complaint', content: '小区门口的垃圾桶满了没人清理', householdId: household }).expect(
      201,
    );
    const sent = await statementsOf(() =>
      file({ kind: 'complaint', content: '楼下餐馆油烟太大，窗户都不敢开', householdId: household }).expect(
        201,
      ),
    );
    const begin = sent.findIndex((s) => isBegin(s.sql));
    expect(begin).toBeGreaterThan(0);
    const before = sent.slice(0, begin);
    const inside = sent.slice(begin);
    // Before: the signed-in user, the idempotency checks (tickets, repeat complaints), the flats, the repeat-complaint
    // search, the open loads, the incident search, the number, the leads: one statement each, no more.
    const shown = (list: SentStatement[]) => list.map((s) => s.sql.slice(0, 90));
    expect(before.length <= 9 ? 'at most 9' : shown(before)).toBe('at most 9');
    expect(before.every((s) => !s.inTransaction)).toBe(true);
    // Inside: START, the ticket, its timeline, its deadline jobs, its notices, COMMIT: writes only.
    expect(inside[0].sql).toMatch(/^(START TRANSACTION|BEGIN)/i);
    expect(inside.at(-1)!.sql).toMatch(/^COMMIT/i);
    const writes = inside.slice(1, -1).map((s) => s.sql);
    expect(writes.every((sql) => /^(INSERT|UPDATE)\b/i.test(sql))).toBe(true);
    const tables = writes.map(table).filter((x): x is string => !!x);
    expect(tables.slice(0, 2)).toEqual(['tickets', 'ticket_events']);
    expect(new Set(tables).size).toBe(tables.length); // one INSERT per table, however many rows
    expect(tables).toEqual(expect.arrayContaining(['jobs', 'notifications']));
    expect(inside.length <= 8 ? 'at most 8' : shown(inside)).toBe('at most 8');
    // Nothing after the COMMIT: the answer is built from what intake holds.
    expect(sent.length).toBe(before.length + inside.length);
  });

  it('a retried submission writes nothing, and is answered from a few reads', async () => {
    const key = idemKey();
    const body = { kind: 'repair', content: '卫生间地漏堵了，水排不下去', householdId: household };
    const first = await file(body, key).expect(201);
    let again: { body: { id: string } } | undefined;
    const sent = await statementsOf(async () => (again = await file(body, key).expect(200)));
    expect(again!.body.id).toBe(first.body.id);
    expect(sent.every((s) => /^SELECT\b/i.test(s.sql))).toBe(true);
    // The signed-in user, the idempotency checks (the ticket read whole), the flats, the photos, the timeline, the
    // department.
    expect(sent.length).toBeLessThanOrEqual(7);
  });

  it('several photos are attached by one UPDATE and stored by one INSERT', async () => {
    const ids: string[] = [];
    for (const name of ['a.png', 'b.png', 'c.png'])
      ids.push(
        (
          await t.http
            .post('/api/uploads')
            .set('Authorization', `Bearer ${resident}`)
            .attach('file', PNG_1x1, name)
            .expect(201)
        ).body.id,
      );
    let res: { body: { photos: { id: string }[] } } | undefined;
    const sent = await statementsOf(
      async () =>
        (res = await file({
          kind: 'repair',
          content: '墙面渗水发霉，三处都拍了',
          householdId: household,
          photoIds: ids,
        }).expect(201)),
    );
    expect(res!.body.photos.map((p) => p.id)).toEqual(ids);
    const inside = sent.filter((s) => s.inTransaction).map((s) => s.sql);
    expect(inside.filter((sql) => /^UPDATE `uploads`/i.test(sql))).toHaveLength(1);
    expect(inside.filter((sql) => table(sql) === 'ticket_photos')).toHaveLength(1);
  });

  it('a transaction that fails stores nothing of the intake: no ticket, timeline, job or notice', async () => {
    const key = idemKey();
    const other = await t.login('resident-2');
    const up = await t.http
      .post('/api/uploads')
      .set('Authorization', `Bearer ${other}`)
      .attach('file', PNG_1x1, 'x.png')
      .expect(201);
    const jobs = await t.ds.getRepository(Job).count();
    const notices = await t.ds.getRepository(Notification).count();
    const events = await t.ds.getRepository(TicketEvent).count();
    // The photo is someone else's: refused inside the transaction, after the ticket's own INSERTs.
    await file(
      { kind: 'repair', content: '借用别人的照片不行', householdId: household, photoIds: [up.body.id] },
      key,
    ).expect(400);
    expect(await t.ds.getRepository(Ticket).countBy({ idempotencyKey: key })).toBe(0);
    expect(await t.ds.getRepository(TicketEvent).count()).toBe(events);
    expect(await t.ds.getRepository(Job).count()).toBe(jobs);
    expect(await t.ds.getRepository(Notification).count()).toBe(notices);
  });

  describe('intakes at the same moment share their statements', () => {
    /** A new ticket as intake stores it, with its first timeline record; `fail` makes its own work fail. */
    const entry = (project: Project, who: User, fail = false): NewTicket<string> => {
      const at = new Date();
      const ids = { ticket: randomUUID(), event: randomUUID() };
      return {
        // The same ids on every attempt, as intake's drafts have.
        build: () => {
          const ticket = Object.assign(new Ticket(), {
            id: ids.ticket,
            companyId: project.companyId,
            projectId: project.id,
            number: `TS-BATCH-${Math.random().toString(36).slice(2, 10)}`,
            kind: 'suggestion',
            status: 'received',
            channel: 'miniapp',
            content: '同一时刻提交的建议',
            anonymous: false,
            householdId: null,
            location: '南门',
            residentId: who.id,
            contactName: who.name,
            contactPhone: null,
            createdById: who.id,
            idempotencyKey: `batch-${Math.random().toString(36).slice(2, 12)}`,
            requestHash: 'h'.repeat(64),
            version: 1,
            createdAt: at,
            updatedAt: at,
          } satisfies Partial<Ticket>);
          const event = Object.assign(new TicketEvent(), {
            id: ids.event,
            ticketId: ticket.id,
            ticketVersion: 1,
            createdAt: at,
            action: 'create',
            fromStatus: null,
            toStatus: 'received',
            actorId: who.id,
            actorName: who.name,
            actorRole: 'resident',
            note: null,
            internal: false,
            label: '已受理',
            data: null,
          } satisfies Partial<TicketEvent>);
          return { t: ticket, events: [event] };
        },
        complete: async (m, t) => {
          if (fail) throw new Error('照片无效');
          await m.query('UPDATE `tickets` SET `content` = ? WHERE `id` = ?', [
            '同一时刻提交的建议（已完成）',
            t.id,
          ]);
          return t.id;
        },
        locks: null,
      };
    };

    it('past the writers at work, the waiting tickets go in one transaction, one INSERT per table', async () => {
      const project = (await t.ds.getRepository(Project).find())[0];
      const [who] = await t.ds.getRepository(User).findBy({ demoKey: 'resident-1' });
      const repo = t.app.get(TicketsRepository);
      const entries = Array.from({ length: 10 }, () => entry(project, who));
      let ids: string[] = [];
      const sent = await statementsOf(
        async () => (ids = await Promise.all(entries.map((e) => repo.storeNew(e)))),
      );
      // The writers (four on MySQL, SQLite's one) each took one at once; the rest waited and shared the next
      // transaction.
      const writers = driver === 'mariadb' ? 4 : 1;
      expect(sent.filter((s) => /^COMMIT/i.test(s.sql))).toHaveLength(writers + 1);
      expect(sent.filter((s) => table(s.sql) === 'tickets')).toHaveLength(writers + 1);
      expect(new Set(ids).size).toBe(10);
      const stored = await t.ds.getRepository(Ticket).findBy({ id: In(ids) });
      expect(stored.map((x) => x.content)).toEqual(Array(10).fill('同一时刻提交的建议（已完成）'));
      expect(await t.ds.getRepository(TicketEvent).countBy({ ticketId: In(ids) })).toBe(10);
    });

    it('a shared transaction that fails is run again one ticket at a time: only the failing one fails', async () => {
      const project = (await t.ds.getRepository(Project).find())[0];
      const [who] = await t.ds.getRepository(User).findBy({ demoKey: 'resident-1' });
      const repo = t.app.get(TicketsRepository);
      // The last of those that wait fails: the ones before it, sharing its transaction, must still be stored.
      const entries = Array.from({ length: 8 }, (_, i) => entry(project, who, i === 6));
      const results = await Promise.allSettled(entries.map((e) => repo.storeNew(e)));
      expect(results.map((r) => r.status)).toEqual([...Array(6).fill('fulfilled'), 'rejected', 'fulfilled']);
      expect(((results[6] as PromiseRejectedResult).reason as Error).message).toBe('照片无效');
      const ids = entries.map((e) => e.build().t.id);
      const stored = await t.ds.getRepository(Ticket).findBy({ id: In(ids) });
      expect(stored.map((x) => x.id).sort()).toEqual(ids.filter((_, i) => i !== 6).sort());
    });

    it('idempotency checks asked together go as one statement, each with its own answer', async () => {
      const repo = t.app.get(TicketsRepository);
      const [who] = await t.ds.getRepository(User).findBy({ demoKey: 'resident-1' });
      const filed = await t.ds.getRepository(Ticket).findOneByOrFail({ createdById: who.id });
      const asked = [...Array(8)].map((_, i) => (i === 5 ? filed.idempotencyKey : `nothing-${i}-here`));
      let found: (Ticket | null)[] = [];
      const sent = await statementsOf(
        async () =>
          (found = await Promise.all(asked.map((k) => repo.bySubmission(who.id, k, filed.requestHash)))),
      );
      expect(found.map((x) => x?.id ?? null)).toEqual(asked.map((_, i) => (i === 5 ? filed.id : null)));
      // Two checks at once each alone, the six that waited together.
      expect(sent.filter((s) => /FROM `tickets`/.test(s.sql))).toHaveLength(3);
      // The same key with other content is still refused, for that submission alone.
      await expect(repo.bySubmission(who.id, filed.idempotencyKey, 'x'.repeat(64))).rejects.toThrow(
        /请求编号已用于/,
      );
    });
  });

  it('ticket numbers drawn together are all different, from fewer upserts of the counter', async () => {
    const project = (await t.ds.getRepository(Project).find())[0];
    const repo = t.app.get(TicketsRepository);
    const at = new Date();
    let numbers: string[] = [];
    const sent = await statementsOf(
      async () =>
        (numbers = await Promise.all(
          Array.from({ length: 20 }, () => repo.nextNumber(project.companyId, 'praise', at)),
        )),
    );
    expect(sent.filter((s) => /ticket_counters/.test(s.sql))).toHaveLength(2); // the first alone, then the 19
    const seqs = numbers.map((n) => Number(n.split('-')[1]));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0] + i)); // in the order asked
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

  // SQLite's driver runs one statement per prepared statement whatever the options; MySQL's would run several if
  // the pool allowed it (`multipleStatements`), which turns any injection into stacked queries.
  if (driver === 'mariadb')
    it('the pool runs one statement per query: a second one is refused, a value stays a value', async () => {
      const [resident1] = await t.ds.getRepository(User).findBy({ demoKey: 'resident-1' });
      const err = await t.ds
        .query('SELECT `id` FROM `users` WHERE `id` = ?; DELETE FROM `notifications`', [resident1.id])
        .catch((e) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(String(err.message)).toMatch(/syntax/i);
      expect(await t.ds.query('SELECT ? AS `v`', ['两个;\nSELECT 1'])).toEqual([{ v: '两个;\nSELECT 1' }]);
    });
});
