import { CATEGORY_NAMES } from '@wuye/shared';
import { Clock } from '../src/common/clock';
import { Job } from '../src/jobs/job.entity';
import { JobsService } from '../src/jobs/jobs.service';
import {
  Building,
  Company,
  Department,
  Household,
  HouseholdBinding,
  Project,
  Unit,
  User,
} from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);

/**
 * ProjectPolicy (docs/policy.md): a project's settings are one policy, set per project over the company's
 * defaults, and every setting is bounded — a value refused through the API, and one written into the database
 * behind the API's back, can neither hang nor fail an intake.
 */
describe.each(DRIVERS)('project policy on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let projectA: Project;
  let projectB: Project;
  const home: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    projectA = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    // A second compound of the same company, with its own lead, engineer and resident.
    projectB = await t.ds.getRepository(Project).save({ companyId: projectA.companyId, name: '月亮湾' });
    const eng = await t.ds
      .getRepository(Department)
      .save({ projectId: projectB.id, code: 'eng', name: '工程部' });
    const building = await t.ds
      .getRepository(Building)
      .save({ projectId: projectB.id, name: '1栋', sort: 1 });
    const unit = await t.ds.getRepository(Unit).save({ buildingId: building.id, name: '1单元', sort: 1 });
    const flat = await t.ds.getRepository(Household).save({
      projectId: projectB.id,
      unitId: unit.id,
      room: '101',
      label: '月亮湾1栋1单元101',
      moveInDate: null,
    });
    const person = (demoKey: string, role: string, fields: Partial<User> = {}) =>
      t.ds.getRepository(User).save({
        companyId: projectA.companyId,
        projectId: projectB.id,
        departmentId: null,
        kind: role === 'resident' ? 'resident' : 'staff',
        role,
        name: demoKey,
        phone: null,
        openid: null,
        demoKey,
        ...fields,
      } as User);
    await person('b-lead', 'cs_lead');
    await person('b-eng', 'dept_staff', { departmentId: eng.id });
    const resident = await person('b-resident', 'resident', { phone: '13900000009' });
    await t.ds.getRepository(HouseholdBinding).save({
      userId: resident.id,
      householdId: flat.id,
      projectId: projectB.id,
      relation: 'owner',
      status: 'approved',
      name: '月亮湾业主',
      phone: '13900000009',
      decidedById: null,
      decidedAt: new Date(),
      decisionNote: null,
    });
    home['b-resident'] = flat.id;
    home['resident-1'] = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
    for (const k of ['resident-1', 'cs-lead', 'pm', 'eng-1', 'hq', 'b-lead', 'b-eng', 'b-resident']) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
  });
  afterAll(() => t?.close());

  const clock = () => t.app.get(Clock);
  const auth = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const ticket = (id: string) => t.ds.getRepository(Ticket).findOneByOrFail({ id });
  const file = async (who: string, kind: string, content: string, extra: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/tickets')
      .set(auth(who))
      .set('Idempotency-Key', idemKey())
      .send({ kind, content, householdId: home[who], ...extra });
    if (res.status !== 201) throw new Error(`filing: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; replyDueAt: string };
  };
  const act = async (id: string, who: string, body: Record<string, unknown>, status = 200) => {
    const res = await t.http
      .post(`/api/tickets/${id}/actions`)
      .set(auth(who))
      .send({ version: (await ticket(id)).version, ...body });
    if (res.status !== status)
      throw new Error(
        `${who} ${String(body.action)}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body;
  };
  const handle = async (id: string, lead: string, engineer: string) => {
    await act(id, lead, { action: 'assign', departmentCode: 'eng', assigneeId: ids[engineer] });
    await act(id, engineer, { action: 'start' });
    await act(id, engineer, {
      action: 'mark_handled',
      note: '已处理完毕',
      cause: { factor: 'people', sub: 'attitude' },
    });
  };

  describe('settings bounds', () => {
    // Each of these once passed the checks: the first blocked the server for seconds per ticket, the others made
    // every intake of the project answer 500.
    const BAD: Array<[string, Record<string, unknown>]> = [
      ['working days 1000000', { replyByChannel: { miniapp: { type: 'working_days', days: 1000000 } } }],
      ['hours 1e300', { replyByChannel: { miniapp: { type: 'hours', hours: 1e300 } } }],
      ['calendar days 1e9', { replyByChannel: { miniapp: { type: 'calendar_days', days: 1e9 } } }],
      ['kindsWithoutReply 5', { kindsWithoutReply: 5 }],
      ['an unknown limit type', { replyByChannel: { miniapp: { type: 'fortnights', days: 1 } } }],
    ];

    it.each(BAD)('refuses %s with a 400 in Chinese, through either route', async (_name, deadlineRules) => {
      for (const [url, body] of [
        [`/api/projects/${projectA.id}/clock-settings`, { deadlineRules }],
        [`/api/projects/${projectA.id}/policy`, { deadlines: deadlineRules }],
      ] as const) {
        const res = await t.http.put(url).set(auth('pm')).send(body).expect(400);
        expect(JSON.stringify(res.body.message)).toMatch(/[\u4e00-\u9fa5]/);
      }
      const stored = await t.ds.getRepository(Project).findOneByOrFail({ id: projectA.id });
      expect(stored.clockSettings ?? '').not.toContain('miniapp');
    });

    it('refuses working hours, escalation steps and a calendar out of bounds', async () => {
      const put = (body: Record<string, unknown>) =>
        t.http.put(`/api/projects/${projectA.id}/clock-settings`).set(auth('pm')).send(body);
      const msg = async (body: Record<string, unknown>) => String((await put(body).expect(400)).body.message);
      expect(await msg({ workingHours: { start: '08:30', end: '17:30', weekdays: [9] } })).toContain(
        '工作日',
      );
      expect(await msg({ workingHours: { start: '25:00', end: '17:30', weekdays: [1] } })).toContain(
        '工作时间',
      );
      expect(
        await msg({
          escalation: {
            remindAt: 0.75,
            steps: Array.from({ length: 50 }, (_, i) => ({ level: 1, afterWorkingDays: i, notify: ['hq'] })),
          },
        }),
      ).toContain('不超过5步');
      expect(
        await msg({
          escalation: { remindAt: 0.75, steps: [{ level: 1, afterWorkingDays: 1e9, notify: ['hq'] }] },
        }),
      ).toContain('0 至 30');
      const calendar = (body: Record<string, unknown>) =>
        t.http.put('/api/company/calendar').set(auth('hq')).send(body).expect(400);
      const many = Array.from({ length: 101 }, (_, i) =>
        new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      );
      expect(String((await calendar({ extraHolidays: many })).body.message)).toContain('不超过100');
      expect(String((await calendar({ extraWorkdays: ['9999-12-31'] })).body.message)).toContain('日期格式');
      expect(
        String(
          (await calendar({ extraHolidays: [{ day: '2026-12-01', name: 'x'.repeat(500) }] })).body.message,
        ),
      ).toContain('名称');
    });

    beforeAll(async () => {
      // One intake first, so what is measured below is the settings' cost, not a cold start (the model, caches).
      clock().freeze(BJ('2026-11-19T09:00:00'));
      await file('resident-1', 'complaint', '电梯按钮失灵了好几天');
    });

    it.each(BAD)(
      'files a ticket quickly on the default deadline when %s was written into the database directly',
      async (_name, deadlineRules) => {
        clock().freeze(BJ('2026-11-19T10:00:00')); // Thursday: the mini-program's reply is due the same day
        await t.settings('UPDATE projects SET clockSettings = ? WHERE id = ?', [
          JSON.stringify({ deadlineRules }),
          projectA.id,
        ]);
        const started = Date.now();
        const filed = await file('resident-1', 'complaint', '楼下垃圾桶满了好几天没人清理');
        expect(Date.now() - started).toBeLessThan(5000); // the working-days case took 14 s per ticket
        expect(new Date(filed.replyDueAt).toISOString()).toBe(BJ('2026-11-19T17:30:00').toISOString());
        // The project's settings page still answers, showing what is in force.
        const view = await t.http
          .get(`/api/projects/${projectA.id}/clock-settings`)
          .set(auth('pm'))
          .expect(200);
        expect(view.body.effective.deadlineRules.replyByChannel.miniapp).toEqual({
          type: 'same_working_day',
        });
      },
    );

    it('files a ticket when the company calendar or the working hours stored are nonsense', async () => {
      clock().freeze(BJ('2026-11-19T10:00:00'));
      for (const [sql, value] of [
        ['UPDATE companies SET calendarOverrides = ?', JSON.stringify({ extraHolidays: 5 })],
        ['UPDATE companies SET calendarOverrides = ?', '{not json'],
        [
          'UPDATE companies SET calendarOverrides = ?',
          JSON.stringify({ extraHolidays: Array.from({ length: 5000 }, () => '2026-11-19') }),
        ],
        [
          'UPDATE projects SET clockSettings = ?',
          JSON.stringify({ workingHours: { start: 'x', end: 'y', weekdays: [] } }),
        ],
        [
          'UPDATE projects SET policy = ?',
          JSON.stringify({ closing: { window: { type: 'working_days', days: 1e9 } } }),
        ],
      ] as const) {
        await t.settings(sql, [value]);
        const started = Date.now();
        const filed = await file('resident-1', 'complaint', '小区门口的路灯晚上不亮');
        expect(Date.now() - started).toBeLessThan(5000); // the working-days case took 14 s per ticket
        expect(new Date(filed.replyDueAt).toISOString()).toBe(BJ('2026-11-19T17:30:00').toISOString());
        await t.settings(sql.replace('= ?', '= NULL'));
      }
    });
  });

  describe('one policy per project', () => {
    beforeAll(() => t.settings('UPDATE projects SET clockSettings = NULL, policy = NULL'));

    it('closes five working days after handling in one project while the other keeps the week', async () => {
      // The project manager of 阳光花园 changes one setting; 月亮湾 is left alone.
      const set = await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ closing: { window: { type: 'working_days', days: 5 } } })
        .expect(200);
      expect(set.body.effective.closing.window).toEqual({ type: 'working_days', days: 5 });
      // Nobody else's project: a project manager sets only their own.
      await t.http
        .put(`/api/projects/${projectB.id}/policy`)
        .set(auth('pm'))
        .send({ closing: { window: { type: 'working_days', days: 5 } } })
        .expect(404);
      const other = await t.http.get(`/api/projects/${projectB.id}/policy`).set(auth('hq')).expect(200);
      expect(other.body.effective.closing.window).toEqual({ type: 'calendar_days', days: 7 });

      // Both handled on Wednesday 30 September 2026 at 10:00, just before the National Day holiday (1–7 October).
      clock().freeze(BJ('2026-09-30T09:00:00'));
      const a = await file('resident-1', 'complaint', '晚上十点以后楼下广场还有人放音乐跳舞', {
        anonymous: true,
      });
      const b = await file('b-resident', 'complaint', '晚上十点以后楼下广场还有人放音乐跳舞', {
        anonymous: true,
      });
      clock().freeze(BJ('2026-09-30T10:00:00'));
      await handle(a.id, 'cs-lead', 'eng-1');
      await handle(b.id, 'b-lead', 'b-eng');
      const closeJob = async (id: string) =>
        (
          await t.ds.getRepository(Job).findOneByOrFail({ key: `visit.autoclose:${id}:r0` })
        ).runAt.toISOString();
      // Five working days after 30 September: 8, 9, 10 (a 调休 Saturday worked), 12 and 13 October.
      expect(await closeJob(a.id)).toBe(BJ('2026-10-13T10:00:00').toISOString());
      expect(await closeJob(b.id)).toBe(BJ('2026-10-07T10:00:00').toISOString());

      // 8 October: a week has passed, five working days have not.
      clock().freeze(BJ('2026-10-08T10:00:00'));
      await t.app.get(JobsService).runDue();
      expect((await ticket(a.id)).status).toBe('handled');
      expect((await ticket(b.id)).status).toBe('closed');
      const lastOf = async (id: string) =>
        (
          await t.ds
            .getRepository(TicketEvent)
            .find({ where: { ticketId: id }, order: { ticketVersion: 'ASC' } })
        ).at(-1)!;
      expect(await lastOf(b.id)).toMatchObject({
        action: 'auto_close',
        label: '处理完毕一周内无再次投诉，已办结',
      });
      // The resident of 阳光花园 may still ask for it to be handled again; the table offers it.
      const view = await t.http.get(`/api/tickets/${a.id}`).set(auth('resident-1')).expect(200);
      expect(view.body.allowedActions).toContain('reopen');

      clock().freeze(BJ('2026-10-13T10:00:00'));
      await t.app.get(JobsService).runDue();
      expect((await ticket(a.id)).status).toBe('closed');
      expect(await lastOf(a.id)).toMatchObject({
        action: 'auto_close',
        label: '处理完毕5个工作日内无再次投诉，已办结',
      });
    });

    it("refuses a reopen after the project's window, in the window's words", async () => {
      clock().freeze(BJ('2026-11-02T10:00:00')); // Monday
      const a = await file('resident-1', 'repair', '厨房水龙头一直滴水关不紧');
      await handle(a.id, 'cs-lead', 'eng-1');
      // The visitor's page names the project's window (the mini-program's "mark sensitive" question uses it).
      const visits = (await t.http.get(`/api/tickets/${a.id}/visits`).set(auth('cs-lead')).expect(200)).body;
      const task = (await t.http.get(`/api/visits/${visits.tasks[0].id}`).set(auth('cs-lead')).expect(200))
        .body;
      expect(task.closeWindowLabel).toBe('5个工作日');
      clock().freeze(BJ('2026-11-09T10:01:00')); // five working days and a minute
      const view = await t.http.get(`/api/tickets/${a.id}`).set(auth('resident-1')).expect(200);
      expect(view.body.allowedActions).not.toContain('reopen');
      const refused = await act(a.id, 'resident-1', { action: 'reopen', reason: '还是滴水' }, 400);
      expect(refused.message).toBe(
        '处理完毕已超过5个工作日，不能再要求重新处理；如问题仍然存在，请重新提交反馈。',
      );
    });

    it('applies the company\'s "photos when handled" to its projects unless a project says otherwise', async () => {
      await t.http
        .put('/api/company/policy')
        .set(auth('hq'))
        .send({ transitions: { photosRequiredOnHandled: ['repair'] } })
        .expect(200);
      await t.http.put('/api/company/policy').set(auth('pm')).send({ transitions: {} }).expect(403);
      clock().freeze(BJ('2026-11-10T10:00:00'));
      const a = await file('resident-1', 'repair', '卫生间下水道堵了');
      await act(a.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
      await act(a.id, 'eng-1', { action: 'start' });
      const refused = await act(a.id, 'eng-1', { action: 'mark_handled', note: '已疏通' }, 400);
      expect(refused).toMatchObject({ code: 'missing_fields', fields: ['photos'] });
      const photo = (
        await t.http.post('/api/uploads').set(auth('eng-1')).attach('file', PNG_1x1, 'p.png').expect(201)
      ).body.id;
      await act(a.id, 'eng-1', { action: 'mark_handled', note: '已疏通', photoIds: [photo] });

      // The project opts out: its own setting wins over the company's.
      await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ transitions: { photosRequiredOnHandled: [] } })
        .expect(200);
      const b = await file('resident-1', 'repair', '阳台灯不亮了');
      await act(b.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
      await act(b.id, 'eng-1', { action: 'start' });
      await act(b.id, 'eng-1', { action: 'mark_handled', note: '已更换灯泡' });
      await t.http.put('/api/company/policy').set(auth('hq')).send({ transitions: null }).expect(200);
    });

    it("holds an agreed reply time to the project's own limit", async () => {
      await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ deadlines: { promisedReply: { type: 'hours', hours: 4 } } })
        .expect(200);
      clock().freeze(BJ('2026-11-11T10:00:00'));
      const a = await file('resident-1', 'complaint', '物业费账单金额和去年不一样想问问');
      await act(a.id, 'cs-lead', { action: 'confirm', note: '业主询问物业费账单' });
      const refused = await act(
        a.id,
        'cs-lead',
        { action: 'schedule_reply', replyBy: BJ('2026-11-11T16:00:00').toISOString() },
        400,
      );
      expect(refused.message).toContain('4小时内');
      await act(a.id, 'cs-lead', {
        action: 'schedule_reply',
        replyBy: BJ('2026-11-11T13:00:00').toISOString(),
      });
      // Another project keeps the handbook's 24 hours.
      const other = await t.http.get(`/api/projects/${projectB.id}/policy`).set(auth('hq')).expect(200);
      expect(other.body.effective.deadlines.promisedReply).toEqual({ type: 'hours', hours: 24 });
    });

    it('sets routing through the policy, seen by the routing pages and the next intake', async () => {
      await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: { categories: { 宠物类: 'sec' } } })
        .expect(400);
      await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: { trades: { elevator: 'kitchen' } } })
        .expect(400);
      const set = await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: { autoRoute: true, categories: { 环境管理类: 'cs' }, trades: { elevator: 'sec' } } })
        .expect(200);
      expect(set.body.settings.routing).toMatchObject({ autoRoute: true, categories: { 环境管理类: 'cs' } });
      const table = (await t.http.get('/api/routing').set(auth('cs-lead')).expect(200)).body;
      expect(table['环境管理类']).toBe('cs');
      const trades = (await t.http.get('/api/routing/trades').set(auth('cs-lead')).expect(200)).body;
      expect(trades.table.elevator).toBe('sec');
      // The older route still changes the same table.
      await t.http
        .put(`/api/routing/${encodeURIComponent('环境管理类')}`)
        .set(auth('pm'))
        .send({ departmentCode: 'env' })
        .expect(200);
      const after = (await t.http.get(`/api/projects/${projectA.id}/policy`).set(auth('pm')).expect(200))
        .body;
      expect(after.effective.routing.categories['环境管理类']).toBe('env');
      // Back to the defaults, automatic routing off as the rest of this suite expects.
      await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: null })
        .expect(200);
      await t.settings('UPDATE projects SET autoRoute = ?', [false]);
      const reset = (await t.http.get(`/api/projects/${projectA.id}/policy`).set(auth('pm')).expect(200))
        .body;
      expect(reset.effective.routing).toMatchObject({ autoRoute: false, categories: { 环境管理类: 'env' } });
    });

    it("keeps the company's defaults under every project and shows where each value comes from", async () => {
      await t.http
        .put('/api/company/policy')
        .set(auth('hq'))
        .send({ closing: { window: { type: 'calendar_days', days: 10 } } })
        .expect(200);
      const a = (await t.http.get(`/api/projects/${projectA.id}/policy`).set(auth('pm')).expect(200)).body;
      const b = (await t.http.get(`/api/projects/${projectB.id}/policy`).set(auth('hq')).expect(200)).body;
      expect(a.effective.closing.window).toEqual({ type: 'working_days', days: 5 }); // its own
      expect(b.effective.closing.window).toEqual({ type: 'calendar_days', days: 10 }); // the company's
      expect(b.company.closing.window).toEqual({ type: 'calendar_days', days: 10 });
      expect(b.defaults.closing.window).toEqual({ type: 'calendar_days', days: 7 });
      await t.http
        .put('/api/company/policy')
        .set(auth('hq'))
        .send({ closing: { window: { type: 'calendar_days', days: 1e9 } } })
        .expect(400);
      const company = await t.ds.getRepository(Company).findOneByOrFail({ id: projectA.companyId });
      expect(JSON.parse(company.policy!).closing.window.days).toBe(10);
    });
  });

  describe('the statistical month is a company setting of the policy', () => {
    const kpiMonth = async (who: string) =>
      (await t.http.get('/api/reports/kpis').set(auth(who)).expect(200)).body.month as string;
    const builds = async () =>
      Number(
        (
          await t.ds.query('SELECT COUNT(*) AS n FROM report_rollup_builds WHERE companyId = ?', [
            projectA.companyId,
          ])
        )[0].n,
      );

    it('is set through the company policy or /api/reports/settings, and the KPI month follows either', async () => {
      // 27 November: in November as a calendar month, already in December's 26th–25th month.
      clock().set(BJ('2026-11-27T10:00:00'));
      expect((await t.http.get('/api/reports/settings').set(auth('hq')).expect(200)).body).toMatchObject({
        statisticalMonth: 'calendar',
      });
      expect(await kpiMonth('cs-lead')).toBe('2026-11');
      expect(await builds()).toBeGreaterThan(0);

      // A project cannot count its own way: HQ adds its projects up month by month.
      for (const who of ['pm', 'hq']) {
        const refused = await t.http
          .put(`/api/projects/${projectA.id}/policy`)
          .set(auth(who))
          .send({ reports: { statisticalMonth: 'day26' } })
          .expect(400);
        expect(refused.body.message).toContain('统计月份由集团总部为全公司统一设置');
      }
      const weekly = await t.http
        .put('/api/company/policy')
        .set(auth('hq'))
        .send({ reports: { statisticalMonth: 'weekly' } })
        .expect(400);
      expect(weekly.body.message).toContain('统计月份应为');
      await t.http
        .put('/api/company/policy')
        .set(auth('pm'))
        .send({ reports: { statisticalMonth: 'day26' } })
        .expect(403);

      const set = await t.http
        .put('/api/company/policy')
        .set(auth('hq'))
        .send({ reports: { statisticalMonth: 'day26' } })
        .expect(200);
      expect(set.body.settings.reports).toEqual({ statisticalMonth: 'day26' });
      expect(set.body.effective.reports).toEqual({ statisticalMonth: 'day26' });
      // Kept in its column, not in the company's JSON settings; the rollups cut the old way are gone.
      const company = await t.ds.getRepository(Company).findOneByOrFail({ id: projectA.companyId });
      expect(company.statisticalMonth).toBe('day26');
      expect(JSON.parse(company.policy ?? '{}').reports).toBeUndefined();
      expect(await builds()).toBe(0);

      // Every report reader of every project of the company, and the older settings route, see it.
      expect(await kpiMonth('cs-lead')).toBe('2026-12');
      expect(await kpiMonth('b-lead')).toBe('2026-12');
      expect(await kpiMonth('hq')).toBe('2026-12');
      expect((await t.http.get('/api/reports/settings').set(auth('cs-lead')).expect(200)).body).toEqual({
        statisticalMonth: 'day26',
        label: '上月26日至本月25日',
        choices: [
          { value: 'calendar', label: '自然月（1日至月末）' },
          { value: 'day26', label: '上月26日至本月25日' },
        ],
      });
      const a = (await t.http.get(`/api/projects/${projectA.id}/policy`).set(auth('pm')).expect(200)).body;
      expect(a.effective.reports).toEqual({ statisticalMonth: 'day26' });
      expect(a.company.reports).toEqual({ statisticalMonth: 'day26' });
      expect(a.settings.reports).toBeUndefined();

      // Back through the older route: the policy follows, and so does the KPI month.
      expect(await builds()).toBeGreaterThan(0);
      const back = await t.http
        .put('/api/reports/settings')
        .set(auth('hq'))
        .send({ statisticalMonth: 'calendar' })
        .expect(200);
      expect(back.body).toMatchObject({ statisticalMonth: 'calendar', label: '自然月（1日至月末）' });
      expect(await builds()).toBe(0);
      const policy = (await t.http.get('/api/company/policy').set(auth('hq')).expect(200)).body;
      expect(policy.effective.reports).toEqual({ statisticalMonth: 'calendar' });
      expect(await kpiMonth('cs-lead')).toBe('2026-11');
      expect(await kpiMonth('b-lead')).toBe('2026-11');
    });

    it("ignores a project's statistical month written into the database behind the API's back", async () => {
      await t.settings('UPDATE projects SET policy = ? WHERE id = ?', [
        JSON.stringify({ reports: { statisticalMonth: 'day26' } }),
        projectB.id,
      ]);
      expect(await kpiMonth('b-lead')).toBe('2026-11');
      const b = (await t.http.get(`/api/projects/${projectB.id}/policy`).set(auth('hq')).expect(200)).body;
      expect(b.effective.reports).toEqual({ statisticalMonth: 'calendar' });
      await t.settings('UPDATE projects SET policy = NULL WHERE id = ?', [projectB.id]);
    });
  });

  describe('the categories a project shows its staff', () => {
    const ELEVATOR = '3栋的电梯又坏了，一直停在5楼不动，老人上不去';
    const staffView = async (id: string, who: string) =>
      (await t.http.get(`/api/tickets/${id}`).set(auth(who)).expect(200)).body;
    const categories = async (who: string) =>
      (await t.http.get('/api/routing/categories').set(auth(who)).expect(200)).body;

    it('hides a category in one project: the picker and the correction follow, the classifier still knows it', async () => {
      await t.settings('UPDATE projects SET autoRoute = ?', [true]);
      // Project B shows all eight: the elevator complaint is classified and routed at once.
      const inB = await file('b-resident', 'complaint', ELEVATOR);
      expect(await ticket(inB.id)).toMatchObject({ category: '设备管理类', triage: false });

      for (const [shown, message] of [
        [[], '至少要保留一项'],
        [['宠物类'], '无效的值'],
      ] as const) {
        const refused = await t.http
          .put(`/api/projects/${projectA.id}/policy`)
          .set(auth('pm'))
          .send({ routing: { shownCategories: shown } })
          .expect(400);
        expect(refused.body.message).toContain(message);
      }
      const seven = CATEGORY_NAMES.filter((c) => c !== '设备管理类');
      const set = await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: { shownCategories: [...seven].reverse() } })
        .expect(200);
      expect(set.body.effective.routing.shownCategories).toEqual(seven);
      expect(set.body.settings.routing.shownCategories).toEqual([...seven].reverse());
      // The departments are untouched.
      expect(set.body.effective.routing.categories['设备管理类']).toBe('eng');

      // The screens: project A offers seven, project B all eight.
      const a = await categories('cs-lead');
      expect(a.shown).toEqual(seven);
      expect(a.categories).toHaveLength(8);
      expect(a.categories.find((c: { name: string }) => c.name === '设备管理类')).toEqual({
        name: '设备管理类',
        departmentCode: 'eng',
        shown: false,
      });
      expect((await categories('b-lead')).shown).toHaveLength(8);

      // The classifier still reads all eight: A's elevator complaint keeps its category but waits for the lead.
      const inA = await file('resident-1', 'complaint', ELEVATOR);
      const waiting = await ticket(inA.id);
      expect(waiting).toMatchObject({ category: '设备管理类', triage: true, status: 'received' });
      expect(JSON.parse(waiting.classification!).triageReason).toBe(
        '本小区未使用“设备管理类”分类，请主管确认分类',
      );
      const view = await staffView(inA.id, 'cs-lead');
      expect(view.categoryChoices).toEqual(seven);
      const residentView = (await t.http.get(`/api/tickets/${inA.id}`).set(auth('resident-1')).expect(200))
        .body;
      expect(residentView.categoryChoices).toBeUndefined();
      expect((await staffView(inB.id, 'b-lead')).categoryChoices).toHaveLength(8);

      // Correcting to the hidden category is refused; to one of the project's own, it is routed.
      const refused = await t.http
        .post(`/api/tickets/${inA.id}/category`)
        .set(auth('cs-lead'))
        .send({ category: '设备管理类' })
        .expect(400);
      expect(refused.body.message).toContain('本小区未使用“设备管理类”分类');
      expect(refused.body.message).toContain('请从以下分类中选择：房屋管理类、安全管理类');
      const corrected = await t.http
        .post(`/api/tickets/${inA.id}/category`)
        .set(auth('cs-lead'))
        .send({ category: '环境管理类' })
        .expect(200);
      expect(corrected.body).toMatchObject({ category: '环境管理类', status: 'assigned' });
      // Project B may still pick it.
      await t.http
        .post(`/api/tickets/${inB.id}/category`)
        .set(auth('b-lead'))
        .send({ category: '设备管理类' })
        .expect(200);

      // Back to all eight, automatic routing off as the rest of this suite expects.
      const reset = await t.http
        .put(`/api/projects/${projectA.id}/policy`)
        .set(auth('pm'))
        .send({ routing: null })
        .expect(200);
      expect(reset.body.effective.routing.shownCategories).toHaveLength(8);
      await t.settings('UPDATE projects SET autoRoute = ?', [false]);
      expect((await categories('cs-lead')).shown).toHaveLength(8);
    });
  });
});
