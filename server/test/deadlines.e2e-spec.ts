import { Clock } from '../src/common/clock';
import { JobsService } from '../src/jobs/jobs.service';
import { Household, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => BJ(s).toISOString();

/** A 2027 schedule as HQ pastes it (test data in the published format, not the real notice). */
const TABLE_2027 = [
  '日期\t类型\t节日',
  '2027-01-01\t休\t元旦',
  '2027-01-02\t休\t元旦',
  '2027-01-03\t休\t元旦',
  '2027-02-06\t休\t春节',
  '2027-02-20\t班\t春节',
].join('\n');

/**
 * Deadlines over the turn of the year, reopening, deferral and downtime, under a clock the test moves
 * (docs/domain-rules.md "Time limits").
 */
describe.each(DRIVERS)('deadlines through the year on %s', (driver) => {
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
    // Started on 30 November 2026: the calendar reminder to HQ is due the next morning.
    t = await startTestApp(driver, {}, { startAt: BJ('2026-11-30T10:00:00') });
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
    ).body.items as { kind: string; title: string; body: string; ticketId: string | null }[];
  const kinds = async (who: string, ticketId: string, app = t) =>
    (await inbox(who, app))
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
  const letter = async (content: string) =>
    (
      await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok['front-desk']}`)
        .set('Idempotency-Key', idemKey())
        .send({
          kind: 'complaint',
          channel: 'letter',
          content,
          location: '小区南门',
          contactName: '钱先生',
          contactPhone: '13700000009',
        })
        .expect(201)
    ).body;
  const view = async (id: string, who = 'cs-lead') =>
    (await t.http.get(`/api/tickets/${id}`).set('Authorization', `Bearer ${tok[who]}`).expect(200)).body;
  const act = async (id: string, who: string, body: Record<string, unknown>, status = 200) => {
    const v = (await view(id)).version;
    return t.http
      .post(`/api/tickets/${id}/actions`)
      .set('Authorization', `Bearer ${tok[who]}`)
      .send({ version: v, ...body })
      .expect(status);
  };
  const row = (id: string) => t.ds.getRepository(Ticket).findOneByOrFail({ id });
  const dispatch = async (id: string) => {
    await act(id, 'front-desk', { action: 'confirm', note: '已复述要点' });
    await act(id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(id, 'eng-1', { action: 'start' });
  };

  let letterId: string;

  it('a letter on 2026-12-31 without 2027 in the calendar: weekends only, flagged, HQ reminded from 1 December', async () => {
    // 1 December, 09:00: HQ is told next year's holidays are missing.
    clock().freeze(BJ('2026-12-01T09:00:01'));
    await runDue();
    const reminders = (await inbox('hq')).filter((n) => n.kind === 'calendar');
    expect(reminders.map((n) => n.title)).toEqual(['请导入2027年节假日安排']);
    expect(reminders[0].body).toContain('工作日历只到 2026 年底');

    const health = (await t.http.get('/api/health').expect(200)).body;
    expect(health.calendar).toEqual({ coveredThrough: '2026-12-31', nextYearMissing: true });

    clock().freeze(BJ('2026-12-31T10:00:00')); // Thursday
    const tk = await letter('来信反映南门道闸经常抬不起来，车辆排长队');
    letterId = tk.id;
    // Two working days, counted on weekends only: Friday 1 January (really 元旦) and Monday the 4th.
    expect(new Date(tk.replyDueAt).toISOString()).toBe(iso('2027-01-04T17:30:00'));
    const seen = await view(tk.id);
    expect(seen.calendarUncertain).toBe(true);
    expect(seen.uncoveredYears).toEqual([2027]);
    const queue = (
      await t.http
        .get('/api/staff/queue?scope=project')
        .set('Authorization', `Bearer ${tok['cs-lead']}`)
        .expect(200)
    ).body;
    const item = (queue.items as { id: string; calendarUncertain: boolean }[]).find((i) => i.id === tk.id);
    expect(item?.calendarUncertain).toBe(true);
  });

  it('the same after HQ imports 2027: validated, open deadlines recomputed and re-armed, flag gone', async () => {
    const put = (who: string, body: object, year = '2027') =>
      t.http.put(`/api/company/calendar/years/${year}`).set('Authorization', `Bearer ${tok[who]}`).send(body);
    expect((await put('pm', { table: TABLE_2027 })).status).toBe(403);
    const bad = await put('hq', { table: '2027-01-01 休 元旦\n2027-01-04 班 元旦' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('第2行：2027-01-04 是工作日');
    expect((await put('hq', { table: TABLE_2027 }, 'next')).status).toBe(400);
    expect((await put('hq', { table: TABLE_2027 }, '2026')).body.message).toContain('已随系统提供');

    const ok = await put('hq', { table: TABLE_2027 }).expect(200);
    expect(ok.body).toMatchObject({ year: 2027, holidays: 4, workdays: 1 });
    expect(ok.body.recomputed).toBeGreaterThanOrEqual(1);

    // Friday 1st to Sunday 3rd off: Monday the 4th and Tuesday the 5th.
    const after = await row(letterId);
    expect(after.replyDueAt!.toISOString()).toBe(iso('2027-01-05T17:30:00'));
    // The handling deadline (one full working day) moves too: Thursday 10:00 → Monday the 4th, 10:00.
    expect(after.handleDueAt!.toISOString()).toBe(iso('2027-01-04T10:00:00'));
    expect(after.dueAt!.toISOString()).toBe(iso('2027-01-04T10:00:00'));
    expect((await view(letterId)).calendarUncertain).toBe(false);
    const recorded = await t.ds
      .getRepository(TicketEvent)
      .findBy({ ticketId: letterId, action: 'recompute_deadlines' });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ internal: true, actorName: '系统' });
    expect(recorded[0].note).toContain('2027-01-05');

    const health = (await t.http.get('/api/health').expect(200)).body;
    expect(health.calendar.coveredThrough).toBe('2027-12-31');
    const coverage = (
      await t.http.get('/api/company/calendar').set('Authorization', `Bearer ${tok['hq']}`).expect(200)
    ).body;
    expect(coverage.coveredYears).toEqual([2025, 2026, 2027]);

    // A new letter that day is due on the 5th straight away.
    const again = await letter('来信反映物业费账单上多收了两个月的公摊费用');
    expect(new Date(again.replyDueAt).toISOString()).toBe(iso('2027-01-05T17:30:00'));

    // The old reply deadline's escalation was cancelled: nothing on the 4th, the escalation on the 5th.
    const replyEscalations = async () =>
      (await inbox('cs-lead')).filter(
        (n) => n.ticketId === letterId && n.kind === 'escalated' && n.body.startsWith('回复时限'),
      );
    clock().freeze(BJ('2027-01-04T17:31:00'));
    await runDue();
    expect(await replyEscalations()).toHaveLength(0);
    clock().freeze(BJ('2027-01-05T17:31:00'));
    await runDue();
    expect(await replyEscalations()).toHaveLength(1);

    // A company day off also moves open tickets (not only those filed afterwards).
    const mid = await letter('来信反映垃圾站异味');
    expect(new Date(mid.replyDueAt).toISOString()).toBe(iso('2027-01-07T17:30:00'));
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({ extraHolidays: ['2027-01-06'] })
      .expect(200);
    expect((await row(mid.id)).replyDueAt!.toISOString()).toBe(iso('2027-01-08T17:30:00'));
    // The imported year is kept when the company's days change.
    expect((await row(letterId)).replyDueAt!.toISOString()).toBe(iso('2027-01-05T17:30:00'));
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({})
      .expect(200);
    expect((await row(mid.id)).replyDueAt!.toISOString()).toBe(iso('2027-01-07T17:30:00'));
  });

  it('a reply is a public message with content; the agreed reply time is the deadline; the resident hears the progress after 24 h', async () => {
    clock().freeze(BJ('2027-03-02T09:00:00')); // Tuesday
    const tk = await file('楼下烧烤摊油烟很大，窗户都不敢开');
    await act(tk.id, 'front-desk', { action: 'confirm', note: '烧烤油烟扰民' });
    expect((await row(tk.id)).repliedAt).toBeNull(); // confirming is not a reply
    clock().freeze(BJ('2027-03-02T09:30:00'));
    await act(tk.id, 'front-desk', {
      action: 'schedule_reply',
      replyBy: BJ('2027-03-02T16:00:00').toISOString(),
    });
    const scheduled = await row(tk.id);
    expect(scheduled.replyDueAt!.toISOString()).toBe(iso('2027-03-02T16:00:00'));
    expect(scheduled.dueAt!.toISOString()).toBe(iso('2027-03-02T16:00:00'));
    // Reminded before the agreed time, escalated when it passes without a reply.
    clock().freeze(BJ('2027-03-02T15:00:00'));
    await runDue();
    expect(await kinds('cs-lead', tk.id)).toContain('reminder');
    expect(await kinds('cs-lead', tk.id)).not.toContain('escalated');
    clock().freeze(BJ('2027-03-02T16:01:00'));
    await runDue();
    expect(await kinds('cs-lead', tk.id)).toContain('escalated');
    await act(tk.id, 'front-desk', { action: 'progress_note', note: '已联系城管，本周内清理烧烤摊' });
    const replied = await row(tk.id);
    expect(replied.repliedAt!.toISOString()).toBe(iso('2027-03-02T16:01:00'));
    expect(replied.replyLate).toBe(true);

    // 24 hours after it came in, still unsolved: the resident is told where it stands, once.
    clock().freeze(BJ('2027-03-03T08:59:00'));
    await runDue();
    expect(
      (await inbox('resident-1')).filter((n) => n.ticketId === tk.id && n.kind === 'progress'),
    ).toHaveLength(0);
    clock().freeze(BJ('2027-03-03T09:00:01'));
    await runDue();
    await runDue();
    const progress = (await inbox('resident-1')).filter((n) => n.ticketId === tk.id && n.kind === 'progress');
    expect(progress).toHaveLength(1);
    expect(progress[0].body).toContain('正在处理中');
  });

  it('the front desk can still settle, or agree a reply time for, a complaint already routed to a department', async () => {
    clock().freeze(BJ('2027-03-04T10:00:00')); // Thursday
    const a = await file('小区垃圾桶好几天没人清理，臭气熏天');
    await act(a.id, 'cs-lead', { action: 'assign', departmentCode: 'env' }); // as routing at intake does
    expect((await row(a.id)).status).toBe('assigned');
    await act(a.id, 'front-desk', {
      action: 'schedule_reply',
      replyBy: BJ('2027-03-04T15:00:00').toISOString(),
    });
    const agreed = await row(a.id);
    expect(agreed.status).toBe('assigned'); // stays with the department
    expect(agreed.replyDueAt!.toISOString()).toBe(iso('2027-03-04T15:00:00'));

    const b = await file('物业费为什么比去年涨了');
    await act(b.id, 'cs-lead', { action: 'assign', departmentCode: 'cs' });
    await act(b.id, 'front-desk', {
      action: 'resolve_on_spot',
      note: '已当面解释：今年物业费标准经业主大会表决通过，并出示了公示',
      satisfied: true,
    });
    const settled = await row(b.id);
    expect(settled.status).toBe('closed');
    expect(settled.repliedAt!.toISOString()).toBe(iso('2027-03-04T10:00:00'));
  });

  it('a reopened ticket gets a new clock: reminder, escalation and the overdue flag', async () => {
    clock().freeze(BJ('2027-03-08T09:00:00')); // Monday
    const tk = await file('厨房下水道堵了，水下不去', 'repair');
    await dispatch(tk.id);
    await act(tk.id, 'eng-1', { action: 'progress_note', note: '下午上门疏通' });
    clock().freeze(BJ('2027-03-08T15:00:00'));
    await act(tk.id, 'eng-1', { action: 'mark_handled', note: '已疏通' });
    clock().freeze(BJ('2027-03-09T10:00:00'));
    await act(tk.id, 'resident-1', { action: 'reopen', reason: '今天又堵了' });
    const reopened = await row(tk.id);
    expect(reopened.status).toBe('in_progress');
    expect(reopened.repliedAt).toBeNull();
    expect(reopened.replyDueAt!.toISOString()).toBe(iso('2027-03-09T17:30:00')); // reply the same day
    expect(reopened.handleDueAt!.toISOString()).toBe(iso('2027-03-09T17:30:00')); // a blockage: fixed the same day
    expect(reopened.dueAt!.toISOString()).toBe(iso('2027-03-09T17:30:00'));
    clock().freeze(BJ('2027-03-09T15:40:00')); // 75% of 10:00→17:30 is 15:37:30
    await runDue();
    expect(await kinds('eng-1', tk.id)).toContain('reminder');
    expect(
      (await t.ds.getRepository(TicketEvent).findBy({ ticketId: tk.id, action: 'overdue' })).length,
    ).toBe(0);
    clock().freeze(BJ('2027-03-09T17:31:00'));
    await runDue();
    expect(await kinds('eng-1', tk.id)).toContain('escalated');
    expect((await view(tk.id)).overdue).toBe(true);
  });

  it('deferral: resuming on a Saturday adds the paused working time, and the expected date gets a reminder', async () => {
    clock().freeze(BJ('2027-03-16T09:00:00')); // Tuesday
    const tk = await file('客厅插座没电，可能是线路问题', 'repair');
    await dispatch(tk.id);
    await act(tk.id, 'eng-1', { action: 'progress_note', note: '需要供电局配合检查' });
    expect((await row(tk.id)).handleDueAt!.toISOString()).toBe(iso('2027-03-19T17:30:00')); // Friday
    clock().freeze(BJ('2027-03-18T10:00:00')); // Thursday: 16.5 working hours left
    await act(tk.id, 'eng-1', { action: 'defer', reason: '等待供电局检修线路', expectedDate: '2027-03-19' });
    // The morning the outside party expected to be done: the handler is reminded to follow up.
    clock().freeze(BJ('2027-03-19T08:31:00'));
    await runDue();
    const expected = (await inbox('eng-1')).filter(
      (n) => n.ticketId === tk.id && n.title.startsWith('外部单位预计完成'),
    );
    expect(expected).toHaveLength(1);
    await runDue();
    expect((await kinds('eng-1', tk.id)).filter((k) => k === 'escalated')).toHaveLength(0);
    clock().freeze(BJ('2027-03-20T10:00:00')); // Saturday
    await act(tk.id, 'eng-1', { action: 'resume' });
    // Not Sunday 17:30 (wall-clock) but Tuesday 16:00: the 16.5 working hours left run from Monday morning.
    expect((await row(tk.id)).handleDueAt!.toISOString()).toBe(iso('2027-03-23T16:00:00'));
  });

  it('repairs: the type sets the fix time, staff set the class at dispatch (a major one with its date in 7–15 working days)', async () => {
    clock().freeze(BJ('2027-04-13T09:00:00')); // Tuesday
    const drain = await file('卫生间马桶堵了，冲不下去', 'repair');
    expect(new Date(drain.handleDueAt).toISOString()).toBe(iso('2027-04-13T17:30:00')); // not 3 working days
    expect(drain.repairClass).toBe('small');
    const seep = await file('卧室墙角渗水，墙皮发霉', 'repair');
    expect(new Date(seep.handleDueAt).toISOString()).toBe(iso('2027-04-15T17:30:00')); // seepage: 2 working days
    const roof = await file('顶楼屋面防水层老化，下雨天楼道漏水，需要重做防水', 'repair');
    const seen = await view(roof.id);
    expect(seen.repairClassSuggestion).toMatchObject({ repairClass: 'major', label: '重大事情' });

    await act(roof.id, 'front-desk', { action: 'confirm', note: '屋面防水' });
    const assign = { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] };
    // Outside 7–15 working days, a class for a complaint, a date for a general repair: refused in words.
    const early = await act(
      roof.id,
      'cs-lead',
      { ...assign, repairClass: 'major', fixBy: '2027-04-16' },
      400,
    );
    expect(early.body.message).toContain('第 7 至第 15 个工作日');
    const wrong = await act(roof.id, 'cs-lead', { ...assign, repairClass: 'huge' }, 400);
    expect(String(wrong.body.message)).toContain('维修分级应为');
    const general = await act(
      roof.id,
      'cs-lead',
      { ...assign, repairClass: 'general', fixBy: '2027-04-28' },
      400,
    );
    expect(general.body.message).toContain('只有重大维修');
    const complaint = await file('保安态度很差');
    await act(complaint.id, 'front-desk', { action: 'confirm', note: '保安态度' });
    expect(
      (await act(complaint.id, 'cs-lead', { ...assign, repairClass: 'small' }, 400)).body.message,
    ).toContain('只有报修');

    await act(roof.id, 'cs-lead', { ...assign, repairClass: 'major', fixBy: '2027-04-28' });
    const major = await row(roof.id);
    expect(major.repairClass).toBe('major');
    expect(major.handleDueAt!.toISOString()).toBe(iso('2027-04-28T17:30:00'));
    expect(major.replyDueAt!.toISOString()).toBe(iso('2027-04-16T17:30:00')); // reply within 3 working days
    const assigned = await t.ds
      .getRepository(TicketEvent)
      .findOneByOrFail({ ticketId: roof.id, action: 'assign' });
    expect(JSON.parse(assigned.data!)).toMatchObject({ repairClass: 'major', previousRepairClass: 'major' });
    // Recomputing from the history keeps the date staff set.
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({ extraHolidays: ['2027-04-14'] })
      .expect(200);
    expect((await row(roof.id)).handleDueAt!.toISOString()).toBe(iso('2027-04-28T17:30:00'));
    expect((await row(roof.id)).replyDueAt!.toISOString()).toBe(iso('2027-04-19T17:30:00'));
    await t.http
      .put('/api/company/calendar')
      .set('Authorization', `Bearer ${tok['hq']}`)
      .send({})
      .expect(200);
  });

  it('after downtime over a reminder: no 即将超时 after the deadline, the overdue notice once', async () => {
    clock().freeze(BJ('2027-04-06T09:00:00')); // Tuesday
    const tk = await file('卫生间地漏返味很重', 'repair');
    await dispatch(tk.id);
    await act(tk.id, 'eng-1', { action: 'progress_note', note: '明天上门查看' });
    expect((await row(tk.id)).handleDueAt!.toISOString()).toBe(iso('2027-04-09T17:30:00'));
    // Down from Tuesday until Friday evening, past the reminder (Friday 08:37) and the deadline.
    await t.close({ keep: true });
    t = await startTestApp(driver, {}, { sameDatabaseAs: t, startAt: BJ('2027-04-09T18:00:00') });
    await login(t);
    await runDue();
    await runDue();
    const mine = await kinds('eng-1', tk.id);
    expect(mine).not.toContain('reminder');
    expect(mine.filter((k) => k === 'escalated')).toHaveLength(1);
    const restarted = await t.ds.getRepository(TicketEvent).findBy({ ticketId: tk.id, action: 'overdue' });
    expect(restarted).toHaveLength(1);
  });

  it('日盘点: the morning list at the start of work, the close counts what became overdue that day, missed days rebuilt', async () => {
    await t.close({ keep: true });
    t = await startTestApp(driver, {}, { sameDatabaseAs: t, startAt: BJ('2027-05-10T08:00:00') }); // Monday
    await login(t);
    clock().freeze(BJ('2027-05-10T08:30:01'));
    await runDue();
    const morning = (await inbox('cs-lead')).find((n) => n.title === '2027-05-10 早间盘点');
    expect(morning?.body).toMatch(/未结 \d+ 件，已超时 \d+ 件/);

    clock().freeze(BJ('2027-05-10T09:00:00'));
    const tk = await file('小区门口的垃圾桶满了没人清');
    // The close of business: the deadline of 17:30 and the record of the day fall at the same moment.
    clock().freeze(BJ('2027-05-10T17:30:00'));
    await runDue();
    const snaps = async () =>
      Object.fromEntries(
        (
          (await t.ds.query(
            'SELECT day, overdue, detail FROM inventory_snapshots WHERE day >= ? ORDER BY day',
            ['2027-05-10'],
          )) as { day: string; overdue: number; detail: string }[]
        ).map((r) => [r.day, { overdue: Number(r.overdue), ...JSON.parse(r.detail) }]),
      );
    const monday = (await snaps())['2027-05-10'];
    expect(monday.becameOverdue).toContain(tk.number);
    expect(monday.overdue).toContain(tk.number);
    expect(monday.rebuilt).toBe(false);

    // Down on Tuesday and Wednesday; back on Thursday.
    await t.close({ keep: true });
    t = await startTestApp(driver, {}, { sameDatabaseAs: t, startAt: BJ('2027-05-13T09:00:00') });
    await login(t);
    await runDue(); // Tuesday's record, missed, is made now from the history
    clock().freeze(BJ('2027-05-13T17:30:01'));
    await runDue();
    const all = await snaps();
    expect(Object.keys(all)).toEqual(['2027-05-10', '2027-05-11', '2027-05-12', '2027-05-13']);
    expect(all['2027-05-11'].rebuilt).toBe(true);
    expect(all['2027-05-11'].overdue).toContain(tk.number); // still overdue on Tuesday evening
    expect(all['2027-05-11'].becameOverdue).not.toContain(tk.number); // but not new that day
    expect(all['2027-05-13'].rebuilt).toBe(false);
    const titles = (await inbox('cs-lead')).map((n) => n.title);
    expect(titles).toEqual(
      expect.arrayContaining(['2027-05-11 日盘点（补记）', '2027-05-12 日盘点（补记）', '2027-05-13 日盘点']),
    );
  });
  it('every complaint gets a handling deadline at intake; an agreed solution replaces it, a missed one stays missed', async () => {
    clock().freeze(BJ('2027-06-04T10:00:00')); // Friday
    const tk = await file('楼道里堆满了装修垃圾，好几天没人清');
    const filed = await row(tk.id);
    // One full working day of working time (the handling-record limit): Friday 10:00 → Monday 10:00.
    expect(filed.handleDueAt!.toISOString()).toBe(iso('2027-06-07T10:00:00'));
    expect(filed.handlingRecordDueAt!.toISOString()).toBe(iso('2027-06-07T10:00:00'));
    expect(filed.dueAt!.toISOString()).toBe(iso('2027-06-04T17:30:00')); // the reply comes first
    expect(new Date((await view(tk.id)).handleDueAt).toISOString()).toBe(iso('2027-06-07T10:00:00'));
    await dispatch(tk.id);
    await act(tk.id, 'eng-1', { action: 'progress_note', note: '已安排保洁，下周一前清运' }); // replied
    expect((await row(tk.id)).dueAt!.toISOString()).toBe(iso('2027-06-07T10:00:00'));

    // Reminded before it, escalated once it passes, like every other clock.
    clock().freeze(BJ('2027-06-07T09:00:00'));
    await runDue();
    const reminders = (await inbox('eng-1')).filter((n) => n.ticketId === tk.id && n.kind === 'reminder');
    expect(reminders.map((n) => n.body).join()).toContain('处理时限 2027-06-07');
    expect(await kinds('eng-1', tk.id)).not.toContain('escalated');
    clock().freeze(BJ('2027-06-07T10:01:00'));
    await runDue();
    expect(await kinds('eng-1', tk.id)).toContain('escalated');
    const overdue = await t.ds.getRepository(TicketEvent).findBy({ ticketId: tk.id, action: 'overdue' });
    expect(overdue.map((e) => JSON.parse(e.data!).kind)).toEqual(['handle']);
    expect((await view(tk.id)).overdue).toBe(true);

    // A solution agreed after the deadline passed: its own same-day deadline, but the ticket stays late.
    clock().freeze(BJ('2027-06-07T11:00:00'));
    await act(tk.id, 'eng-1', { action: 'propose_solution', note: '今天下午清运全部装修垃圾，并提醒装修户' });
    await act(tk.id, 'resident-1', { action: 'accept_solution' });
    const agreed = await row(tk.id);
    expect(agreed.handleDueAt!.toISOString()).toBe(iso('2027-06-07T17:30:00'));
    expect(agreed.handleLate).toBe(true);
    clock().freeze(BJ('2027-06-07T15:00:00'));
    await act(tk.id, 'eng-1', {
      action: 'mark_handled',
      note: '已清运',
      cause: { factor: 'method', sub: 'process' },
    });
    expect((await row(tk.id)).handleLate).toBe(true);

    // Agreed in time: the agreed solution's deadline replaces the intake one, whose escalation is cancelled.
    clock().freeze(BJ('2027-06-08T09:00:00')); // Tuesday
    const b = await file('单元门禁刷卡没反应');
    expect((await row(b.id)).handleDueAt!.toISOString()).toBe(iso('2027-06-09T09:00:00'));
    await dispatch(b.id);
    clock().freeze(BJ('2027-06-08T10:00:00'));
    await act(b.id, 'eng-1', { action: 'propose_solution', note: '今天更换门禁读卡器' });
    await act(b.id, 'resident-1', { action: 'accept_solution' });
    expect((await row(b.id)).handleDueAt!.toISOString()).toBe(iso('2027-06-08T17:30:00'));
    clock().freeze(BJ('2027-06-08T16:00:00'));
    await act(b.id, 'eng-1', {
      action: 'mark_handled',
      note: '读卡器已更换',
      cause: { factor: 'machine', sub: 'quality' },
    });
    expect((await row(b.id)).handleLate).toBe(false);
    clock().freeze(BJ('2027-06-09T09:01:00'));
    await runDue();
    expect(await kinds('eng-1', b.id)).not.toContain('escalated');
    expect((await t.ds.getRepository(TicketEvent).findBy({ ticketId: b.id, action: 'overdue' })).length).toBe(
      0,
    );
  });
});
