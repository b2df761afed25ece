import { allColumns, insertRows, positional, selectEntities } from '../src/database/raw';
import { Notification } from '../src/notifications/entities';
import { Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, startTestApp, TestApp } from './support/test-app';

/**
 * The hand-written statements of the hot paths (database/raw.ts) read and write exactly what TypeORM does:
 * dates to the millisecond in UTC, booleans, nulls, floats, text with emoji, defaults.
 */
describe.each(DRIVERS)('hand-written statements on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t.close());

  const sampleTicket = async () => {
    const m = t.ds.manager;
    const project = (await m.getRepository(Project).find())[0];
    const [resident] = await m.getRepository(User).findBy({ demoKey: 'resident-1' });
    return Object.assign(new Ticket(), {
      companyId: project.companyId,
      projectId: project.id,
      number: `TS-RAW-${Math.random().toString(36).slice(2, 8)}`,
      kind: 'complaint',
      status: 'received',
      channel: 'miniapp',
      content: '楼道灯坏了三天 💡，𠮷 字也要存对',
      anonymous: true,
      householdId: null,
      location: '3栋 1单元',
      residentId: resident.id,
      contactName: resident.name,
      contactPhone: null,
      createdById: resident.id,
      idempotencyKey: `raw-${Math.random().toString(36).slice(2, 10)}`,
      requestHash: 'h'.repeat(64),
      version: 1,
      createdAt: new Date('2026-03-04T05:06:07.891Z'),
      updatedAt: new Date('2026-03-04T05:06:07.891Z'),
      replyDueAt: new Date('2026-03-05T01:00:00.123Z'),
      category: '公共秩序',
      categoryConfidence: 0.8125,
      emergency: true,
      priority: 7,
    } satisfies Partial<Ticket>);
  };

  it('insertRows stores what TypeORM reads back, defaults and nulls included', async () => {
    const m = t.ds.manager;
    const row = await sampleTicket();
    await insertRows(m, Ticket, [row]);
    const read = await m.getRepository(Ticket).findOneByOrFail({ id: row.id });
    expect(read.createdAt.toISOString()).toBe('2026-03-04T05:06:07.891Z');
    expect(read.replyDueAt?.toISOString()).toBe('2026-03-05T01:00:00.123Z');
    expect(read).toMatchObject({
      content: row.content,
      anonymous: true,
      emergency: true,
      triage: false, // left out: its literal default
      householdId: null,
      handledAt: null, // left out: null
      categoryConfidence: 0.8125,
      priority: 7,
      reopenCount: 0,
      peopleCount: 1,
    });
  });

  it('selectEntities reads rows as TypeORM does, and compares dates and booleans as stored', async () => {
    const m = t.ds.manager;
    const row = await sampleTicket();
    await insertRows(m, Ticket, [row]);
    const byOrm = await m.getRepository(Ticket).findOneByOrFail({ id: row.id });
    const [byHand] = await selectEntities(
      m,
      Ticket,
      `SELECT ${allColumns(m, Ticket, 't')} FROM \`tickets\` \`t\` WHERE \`t\`.\`id\` = ?`,
      [row.id],
    );
    expect(byHand).toBeInstanceOf(Ticket);
    expect(byHand).toEqual(byOrm);

    const since = (at: string, anonymous: boolean) =>
      selectEntities(
        m,
        Ticket,
        'SELECT `id` FROM `tickets` WHERE `id` = ? AND `createdAt` > ? AND `anonymous` = ?',
        [row.id, new Date(at), anonymous],
      );
    expect(await since('2026-03-04T05:06:07.890Z', true)).toHaveLength(1);
    expect(await since('2026-03-04T05:06:07.891Z', true)).toHaveLength(0);
    expect(await since('2026-03-04T05:06:07.890Z', false)).toHaveLength(0);
  });

  it('insertRows writes several rows in one statement; a column no row sets takes the database default', async () => {
    const m = t.ds.manager;
    const ticket = await sampleTicket();
    await insertRows(m, Ticket, [ticket]);
    const events = [1, 2].map((v) =>
      m.getRepository(TicketEvent).create({
        ticketId: ticket.id,
        ticketVersion: v,
        createdAt: new Date(`2026-03-04T05:06:0${v}.000Z`),
        action: v === 1 ? 'create' : 'assign',
        fromStatus: v === 1 ? null : 'received',
        toStatus: v === 1 ? 'received' : 'assigned',
        actorId: null,
        actorName: '系统',
        actorRole: 'system',
        internal: v === 2,
        label: `第${v}步`,
        data: v === 2 ? JSON.stringify({ auto: true }) : null,
      }),
    );
    await insertRows(m, TicketEvent, events);
    const read = await m
      .getRepository(TicketEvent)
      .find({ where: { ticketId: ticket.id }, order: { ticketVersion: 'ASC' } });
    expect(read.map((e) => [e.id, e.internal, e.note, e.data, e.createdAt.toISOString()])).toEqual([
      [events[0].id, false, null, null, '2026-03-04T05:06:01.000Z'],
      [events[1].id, true, null, '{"auto":true}', '2026-03-04T05:06:02.000Z'],
    ]);

    // Notification.createdAt left out of every row: CURRENT_TIMESTAMP.
    const [resident] = await m.getRepository(User).findBy({ demoKey: 'resident-1' });
    const n = m.getRepository(Notification).create({
      userId: resident.id,
      kind: 'received',
      title: '已受理',
      body: '编号 …',
    });
    const before = Date.now();
    await insertRows(m, Notification, [n]);
    const stored = await m.getRepository(Notification).findOneByOrFail({ id: n.id });
    expect(stored.readAt).toBeNull();
    expect(Math.abs(stored.createdAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('a row that misses a column the others set is refused before anything is written', async () => {
    const m = t.ds.manager;
    const [resident] = await m.getRepository(User).findBy({ demoKey: 'resident-1' });
    const a = m.getRepository(Notification).create({ userId: resident.id, kind: 'x', title: 'a', body: 'a' });
    const b = m.getRepository(Notification).create({ userId: resident.id, kind: 'x', title: 'b', body: 'b' });
    a.createdAt = new Date();
    await expect(insertRows(m, Notification, [a, b])).rejects.toThrow(/createdAt is missing/);
    expect(await m.getRepository(Notification).countBy({ id: a.id })).toBe(0);
  });

  it('positional turns named parameters and lists into placeholders, and refuses a missing value', async () => {
    const m = t.ds.manager;
    const row = await sampleTicket();
    await insertRows(m, Ticket, [row]);
    const q = positional(
      m,
      'SELECT id FROM tickets t WHERE t.id IN (:...ids) AND t.anonymous = :yes AND t.createdAt < :at',
      {
        ids: ['nope', row.id],
        yes: true,
        at: new Date('2027-01-01T00:00:00Z'),
      },
    );
    expect(q.sql).toBe(
      'SELECT id FROM tickets t WHERE t.id IN (?, ?) AND t.anonymous = ? AND t.createdAt < ?',
    );
    expect(await m.query(q.sql, q.params)).toEqual([{ id: row.id }]);
    expect(() => positional(m, 'SELECT 1 WHERE :a = :b', { a: 1 })).toThrow('no value for :b');
    expect(() => positional(m, 'SELECT 1 WHERE x IN (:...a)', { a: [] })).toThrow(/non-empty/);
  });
});
