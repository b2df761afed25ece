import { Clock } from '../src/common/clock';
import { Like } from 'typeorm';
import { Job } from '../src/jobs/job.entity';
import { JobsService } from '../src/jobs/jobs.service';
import { Household, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);
const HOUR = 3600_000;

/**
 * Deadlines at work: reminders before a deadline, escalation step by step after it, the day's inventory,
 * and no reminder lost or sent twice across a restart or a killed instance — with a clock the test moves.
 */
describe.each(DRIVERS)('deadline clocks on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let household1: string;

  const login = async (app: TestApp) => {
    for (const k of ['resident-1', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'hq']) {
      tok[k] = await app.login(k);
      ids[k] = (await app.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
  };

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    await login(t);
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t?.close());

  const clock = (app = t) => app.app.get(Clock);
  const runDue = (app = t) => app.app.get(JobsService).runDue();
  const inbox = async (who: string, app = t) =>
    (
      await app.http
        .get('/api/notifications?pageSize=100')
        .set('Authorization', `Bearer ${tok[who]}`)
        .expect(200)
    ).body as {
      items: { kind: string; title: string; body: string; ticketId: string; read: boolean; id: string }[];
      unread: number;
    };
  const kinds = async (who: string, ticketId: string, app = t) =>
    (await inbox(who, app)).items
      .filter((n) => n.ticketId === ticketId)
      .map((n) => n.kind)
      .sort();
  const file = async (content: string, kind = 'complaint', app = t) =>
    (
      await app.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok['resident-1']}`)
        .set('Idempotency-Key', idemKey())
        .send({ kind, content, householdId: household1 })
        .expect(201)
    ).body;
  const act = async (id: string, who: string, body: Record<string, unknown>, app = t) => {
    const v = (await app.http.get(`/api/tickets/${id}`).set('Authorization', `Bearer ${tok['cs-lead']}`)).body
      .version;
    return app.http
      .post(`/api/tickets/${id}/actions`)
      .set('Authorization', `Bearer ${tok[who]}`)
      .send({ version: v, ...body })
      .expect(200);
  };

  it('tells the resident their ticket was received, in the in-app notification centre', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00'));
    const ticket = await file('楼道灯坏了一个星期了没人修');
    const mine = await inbox('resident-1');
    const received = mine.items.find((n) => n.ticketId === ticket.id)!;
    expect(received).toMatchObject({ kind: 'received', title: '您的投诉已受理', read: false });
    expect(received.body).toContain(ticket.number);
    expect(mine.unread).toBeGreaterThan(0);
    // Nobody else reads it, and marking it read is the owner's alone.
    await t.http
      .post(`/api/notifications/${received.id}/read`)
      .set('Authorization', `Bearer ${tok['eng-1']}`)
      .expect(404);
    const after = await t.http
      .post(`/api/notifications/${received.id}/read`)
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .expect(200);
    expect(after.body.unread).toBe(mine.unread - 1);
    await t.http
      .post('/api/notifications/not-an-id/read')
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .expect(400);
  });

  it('reminds the lead before an unanswered reply deadline, and escalates when it passes', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00')); // Thursday
    const ticket = await file('垃圾桶三天没清理，臭气熏天');
    expect(new Date(ticket.replyDueAt).toISOString()).toBe(BJ('2026-11-19T17:30:00').toISOString());
    clock().freeze(BJ('2026-11-19T15:00:00'));
    await runDue();
    // With automatic routing off, the complaint waits in the lead's triage queue, and the lead was told.
    expect(await kinds('cs-lead', ticket.id)).toEqual(['triage']); // 75% of 09:00→17:30 is 15:22:30
    clock().freeze(BJ('2026-11-19T15:23:00'));
    await runDue();
    expect(await kinds('cs-lead', ticket.id)).toEqual(['reminder', 'triage']); // nobody assigned yet: the lead
    // The complaint's handling deadline (one full working day: Friday 09:00) reminds at 75% too, 15:45.
    clock().freeze(BJ('2026-11-19T17:31:00'));
    await runDue();
    expect(await kinds('cs-lead', ticket.id)).toEqual(['escalated', 'reminder', 'reminder', 'triage']);
  });

  it('reminds the assignee at 75% of the working time, escalates to the lead at the deadline and to the PM a working day later', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00')); // Thursday
    const ticket = await file('卧室门把手松了，门关不上', 'repair');
    await act(ticket.id, 'front-desk', { action: 'confirm', note: '卫生间漏水' });
    await act(ticket.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(ticket.id, 'eng-1', { action: 'progress_note', note: '今天下午上门查看' }); // the reply
    expect(await kinds('eng-1', ticket.id)).toEqual(['assigned']);
    const due = (await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).handleDueAt!;
    expect(due.toISOString()).toBe(BJ('2026-11-24T17:30:00').toISOString()); // general repair: 3 working days

    clock().freeze(BJ('2026-11-24T08:30:00'));
    await runDue();
    expect(await kinds('eng-1', ticket.id)).toEqual(['assigned']); // 75% of 35.5 working hours: Tue 08:37:30

    clock().freeze(BJ('2026-11-24T08:38:00'));
    await runDue();
    expect(await kinds('eng-1', ticket.id)).toEqual(['assigned', 'reminder']);
    expect(await kinds('cs-lead', ticket.id)).not.toContain('escalated');

    clock().freeze(BJ('2026-11-24T17:31:00'));
    await runDue();
    await runDue(); // running again changes nothing
    expect(await kinds('eng-1', ticket.id)).toEqual(['assigned', 'escalated', 'reminder']);
    expect(await kinds('cs-lead', ticket.id)).toContain('escalated');
    expect(await kinds('pm', ticket.id)).not.toContain('escalated');
    const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect(row.overdueLevel).toBe(1);
    const events = await t.ds.getRepository(TicketEvent).findBy({ ticketId: ticket.id, action: 'overdue' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      internal: true,
      actorName: '系统',
      label: '处理超时，已报处理人、客服主管',
    });
    // The resident never sees the internal escalation.
    const residentView = (
      await t.http
        .get(`/api/tickets/${ticket.id}`)
        .set('Authorization', `Bearer ${tok['resident-1']}`)
        .expect(200)
    ).body;
    expect(JSON.stringify(residentView.events)).not.toContain('超时');

    clock().freeze(BJ('2026-11-25T17:31:00')); // the next close of business: the PM
    await runDue();
    expect(await kinds('pm', ticket.id)).toContain('escalated');
    expect(await kinds('hq', ticket.id)).toEqual([]); // group HQ only for major complaints
    clock().freeze(BJ('2026-11-30T17:31:00'));
    await runDue();
    expect(await kinds('hq', ticket.id)).toEqual([]);

    // Handled late: flagged for the KPIs.
    await act(ticket.id, 'eng-1', { action: 'start' });
    await act(ticket.id, 'eng-1', {
      action: 'mark_handled',
      note: '已修好',
      cause: { factor: '机', sub: '质量' },
    });
    expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).handleLate).toBe(true);
  });

  it('sends nothing for a deadline that was met, and flags work done late', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00'));
    const onTime = await file('单元门禁刷卡没反应，进不了门');
    await act(onTime.id, 'front-desk', { action: 'confirm', note: '门禁故障' }); // confirming is not a reply
    await act(onTime.id, 'front-desk', { action: 'progress_note', note: '已通知门禁厂家，今天下午来修' }); // this is
    clock().freeze(BJ('2026-11-19T17:31:00'));
    await runDue();
    expect(await kinds('cs-lead', onTime.id)).not.toContain('escalated');
    expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: onTime.id })).replyLate).toBe(false);

    clock().freeze(BJ('2026-11-19T10:00:00'));
    const late = await file('地下车库有积水，车开不进去');
    clock().freeze(BJ('2026-11-20T09:00:00'));
    await act(late.id, 'front-desk', { action: 'confirm', note: '车库积水' });
    await act(late.id, 'front-desk', { action: 'progress_note', note: '已安排抽水，今天中午前抽干' });
    expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: late.id })).replyLate).toBe(true);
  });

  it('pauses the clock while deferred: no escalation while waiting for an outside party', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00'));
    const ticket = await file('家里客厅的灯不亮了，开关没反应', 'repair');
    await act(ticket.id, 'front-desk', { action: 'confirm', note: '路灯不亮' });
    await act(ticket.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(ticket.id, 'eng-1', { action: 'start' });
    await act(ticket.id, 'eng-1', {
      action: 'defer',
      reason: '等待供电局更换线路',
      expectedDate: '2026-11-30',
    });
    clock().freeze(BJ('2026-11-27T17:31:00')); // past the 3-day limit, but the clock is paused
    await runDue();
    expect(await kinds('cs-lead', ticket.id)).not.toContain('escalated');
    expect(await kinds('eng-1', ticket.id)).toEqual(['assigned']);
  });

  it("sends the day's inventory to the lead and the project manager at the end of the working day", async () => {
    // An instance started that Monday morning (its clock frozen there before it starts) schedules the day's
    // 日盘点 for the close of business, whatever the real date and whatever days the tests before moved to.
    await t.close({ keep: true });
    t = await startTestApp(driver, {}, { sameDatabaseAs: t, startAt: BJ('2026-11-23T09:00:00') });
    await login(t);
    clock().freeze(BJ('2026-11-23T17:30:01')); // Monday close of business
    await runDue();
    const lead = (await inbox('cs-lead')).items.filter((n) => n.kind === 'inventory');
    expect(lead.map((n) => n.title)).toContain('2026-11-23 日盘点');
    expect((await inbox('pm')).items.some((n) => n.title === '2026-11-23 日盘点')).toBe(true);
    const snap = await t.ds.query('SELECT * FROM inventory_snapshots WHERE day = ?', ['2026-11-23']);
    expect(snap).toHaveLength(1);
    expect(Number(snap[0].open)).toBeGreaterThan(0);
    await runDue();
    expect((await inbox('cs-lead')).items.filter((n) => n.title === '2026-11-23 日盘点')).toHaveLength(1);
  });

  it('lets the project manager tune the clock, on the company calendar HQ keeps', async () => {
    const projectId = (await t.ds.query('SELECT id FROM projects'))[0].id as string;
    const put = (who: string, body: object) =>
      t.http
        .put(`/api/projects/${projectId}/clock-settings`)
        .set('Authorization', `Bearer ${tok[who]}`)
        .send(body);
    expect(
      (await put('front-desk', { workingHours: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] } }))
        .status,
    ).toBe(403);
    const bad = await put('pm', { workingHours: { start: '18:00', end: '09:00', weekdays: [1] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('工作时间');
    const tooLong = await put('pm', {
      deadlineRules: { repairByClass: { major: { handle: { type: 'working_days', days: 20 } } } },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('7 至 15 天');

    const ok = await put('pm', {
      deadlineRules: { repairByClass: { general: { handle: { type: 'working_days', days: 2 } } } },
      workingHours: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] },
    }).expect(200);
    expect(ok.body.effective.workingHours.end).toBe('18:00');
    // HQ gives the company Friday 2026-12-11 off.
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ extraHolidays: ['2026-12-11'] })
      .expect(403);
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({ extraHolidays: ['2026-13-45'] })
      .expect(400);
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({ extraHolidays: ['2026-12-11'] })
      .expect(200);

    clock().freeze(BJ('2026-12-09T10:00:00')); // Wednesday
    const repair = await file('阳台的下水管有点渗水', 'repair');
    // 2 working days after Wednesday: Thursday, then Monday (Friday is the company's day off), at 18:00.
    expect(new Date(repair.replyDueAt).toISOString()).toBe(BJ('2026-12-09T18:00:00').toISOString());
    const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: repair.id });
    expect(row.handleDueAt!.toISOString()).toBe(BJ('2026-12-14T18:00:00').toISOString());
    await put('pm', {}).expect(200); // back to the handbook's values
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({})
      .expect(200);
  });

  it('loses no reminder and sends none twice across a restart and an instance killed mid-job', async () => {
    clock().freeze(BJ('2026-12-01T09:00:00')); // Tuesday
    const ticket = await file('阳台晾衣架摇不动了，升降不了', 'repair');
    await act(ticket.id, 'front-desk', { action: 'confirm', note: '电梯按钮' });
    await act(ticket.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(ticket.id, 'eng-1', { action: 'progress_note', note: '明天上午上门' }); // the reply
    // The handling deadline is armed in the database, not in memory.
    const armed = await t.ds.query('SELECT `key`, status FROM jobs WHERE `key` LIKE ?', [
      `dl:${ticket.id}:%`,
    ]);
    expect(armed.length).toBeGreaterThan(0);

    // Restart: a new instance on the same database picks the jobs up.
    await t.close({ keep: true });
    t = await startTestApp(driver, {}, { sameDatabaseAs: t });
    await login(t);
    clock().freeze(BJ('2026-12-04T12:00:00')); // the reminder (Fri 08:37:30) is not lost
    await runDue();
    expect(await kinds('eng-1', ticket.id)).toContain('reminder');
    clock().freeze(BJ('2026-12-04T17:31:00')); // past the 3-working-day limit (Fri 17:30)

    // Meanwhile another instance claimed the escalation and died: its lease runs out and the job runs once.
    const claimed = await t.ds
      .getRepository(Job)
      .update(
        { key: Like(`dl:${ticket.id}:handle:%:L1`) },
        { status: 'running', lockedBy: 'dead-instance', lockedUntil: BJ('2026-12-04T17:00:00') },
      );
    expect(claimed.affected).toBe(1);
    await runDue();
    await runDue();
    expect((await kinds('eng-1', ticket.id)).filter((k) => k === 'escalated')).toHaveLength(1);
    expect((await kinds('eng-1', ticket.id)).filter((k) => k === 'reminder')).toHaveLength(1);
    expect((await kinds('cs-lead', ticket.id)).filter((k) => k === 'escalated')).toHaveLength(1);
    const left = await t.ds.query("SELECT COUNT(*) AS n FROM jobs WHERE status = 'running'");
    expect(Number(left[0].n)).toBe(0);

    // An instance died after the step's transaction committed, before the job was marked done (or marking it
    // done failed): the job runs again when its lease runs out and must record and tell nothing twice.
    await t.ds
      .getRepository(Job)
      .update(
        { key: Like(`dl:${ticket.id}:handle:%:L1`) },
        { status: 'running', lockedBy: 'dead-instance', lockedUntil: BJ('2026-12-04T17:00:00') },
      );
    await runDue();
    const again = await t.ds.getRepository(Job).findOneByOrFail({ key: Like(`dl:${ticket.id}:handle:%:L1`) });
    expect(again.status).toBe('done');
    expect(again.attempts).toBeGreaterThan(1); // it did run again
    expect((await kinds('eng-1', ticket.id)).filter((k) => k === 'escalated')).toHaveLength(1);
    const overdue = await t.ds.getRepository(TicketEvent).findBy({ ticketId: ticket.id, action: 'overdue' });
    expect(overdue).toHaveLength(1);
  });
});
