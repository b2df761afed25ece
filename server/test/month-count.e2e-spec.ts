import { Workbook } from 'exceljs';
import { Clock } from '../src/common/clock';
import { Incident } from '../src/incidents/incident.entity';
import { Household, User } from '../src/org/entities';
import { SpecialCasesService } from '../src/reports/special-cases.service';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { Rating } from '../src/visits/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/**
 * A month counted by hand from the handbook's rules (docs/domain-rules.md "Records, statistics and reports",
 * "Key figures"), then asked of the product: 阳光花园, November 2026 (72 households), under a faked clock.
 *
 * The month's tickets (Shanghai time):
 *
 * | ticket | filed        | kind       | final category | what happens                                                    |
 * | ------ | ------------ | ---------- | -------------- | --------------------------------------------------------------- |
 * | H1     | Thu  5 Nov   | complaint  | 设备管理类     | 3栋 lift, resident-1; handled 6 Nov, lead closes satisfied 7 Nov |
 * | M1     | Fri  6 Nov   | complaint  | 房屋管理类     | claims 20,000 yuan: text suggests 重大; the lead clears it       |
 * | A1     | Tue 10 Nov   | complaint  | 环境管理类     | rubbish at the south gate, solved on the spot (closed)           |
 * | H2     | Thu 12 Nov   | complaint  | 设备管理类     | 3栋 lift again, resident-2 (a week later): same event            |
 * | R1     | Mon 16 Nov   | complaint  | 设备管理类     | 2栋 stair light, resident-1; handled; resident rates ONLINE      |
 * |        |              |            |                | unsatisfied 18 Nov → reopened; handled again; lead closes sat.   |
 * | H3     | Thu 19 Nov   | complaint  | 设备管理类     | 3栋 lift again, resident-3: third complainant → HOT              |
 * | S1     | Fri 20 Nov   | suggestion | —              | more parcel lockers; left open                                   |
 * | X1     | Fri 27 Nov   | complaint  | 环境管理类     | lawn not mown, resident-3; open                                   |
 *
 * Hand count, calendar month (1–30 November), 顾客投诉分类统计表:
 *
 * | category   | items | times | people | same event | closed | major | hot |
 * | ---------- | ----- | ----- | ------ | ---------- | ------ | ----- | --- |
 * | 设备管理类 | 2     | 4     | 4      | 1          | 1      | 0     | 1   |  H1–H3 one event (3 people), R1 alone
 * | 房屋管理类 | 1     | 1     | 1      | 0          | 0      | 0     | 0   |  M1: major cleared → not major
 * | 环境管理类 | 2     | 2     | 2      | 0          | 1      | 0     | 0   |  A1 closed, X1 open
 * | total      | 5     | 7     | 7      | 1          | 2      | 0     | 1   |
 *
 * Key figures, calendar month:
 *
 * | figure                  | by hand                                                                 | value  |
 * | ----------------------- | ----------------------------------------------------------------------- | ------ |
 * | tickets received        | 8 (7 complaints + S1)                                                   | 8      |
 * | satisfaction rate       | answers: H1 lead-visit satisfied, R1 online UNSATISFIED, R1 lead-visit  | 2/3    |
 * |                         | satisfied → 2 satisfied of 3 rated (the online one counts)              |        |
 * | complaint resolution    | closed complaints H1, A1, R1 ÷ 7 complaints (S1 not in it)              | 3/7    |
 * | complaint rate          | 5 counted complaints ÷ 72 households on record                          | 5/72   |
 * | visit rate              | owed: H1, R1 (A1 on the spot owes none); both visited                   | 1      |
 * | reopen rate             | R1 ÷ handled (H1, A1, R1)                                               | 1/3    |
 * | mean score              | the one rating with scores: all 2                                       | 2      |
 * | on-time handling        | every complaint's handling deadline is one full working day from receipt | 2/6    |
 * |                         | (the handling-record limit): H1 due Fri 6 Nov 10:00, handled 14:00 late; |        |
 * |                         | M1 due Mon 9 Nov 09:00, open, late; A1 solved on the spot, on time; H2   |        |
 * |                         | due Fri 13 Nov 10:00, open, late; R1 first due Tue 17 Nov 10:00, handled |        |
 * |                         | 09:30 on time, reopened 18 Nov → due Thu 19 Nov 10:00, handled 09:00 on  |        |
 * |                         | time; H3 due Fri 20 Nov 10:00, open, late; X1 (due Mon 30 Nov) still     |        |
 * |                         | running on the 27th, not judged; S1 a suggestion, no handling deadline   |        |
 * |                         | → on time A1, R1 of H1, M1, A1, H2, R1, H3                               |        |
 *
 * Statistical month 26th–25th (HQ's setting): November is 26 Oct – 25 Nov, so X1 (27 Nov) is December's:
 * November 4 counted complaints (设备 2, 房屋 1, 环境 1) and 7 tickets; December 1 complaint, 1 ticket. The
 * November analysis is then due before 28 November (00:00 Shanghai); the calendar month's before 28 December.
 */
const BJ = (s: string) => new Date(`${s}+08:00`);
const MONTH = '2026-11';

describe.each(DRIVERS)('a month counted by hand, on %s', (driver) => {
  let t: TestApp;
  let clock: Clock;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const home: Record<string, string> = {};
  const tk: Record<string, string> = {};

  const auth = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
  const at = (s: string) => clock.set(BJ(s).toISOString());
  const ticket = (name: string) => t.ds.getRepository(Ticket).findOneByOrFail({ id: tk[name] });
  const file = async (name: string, who: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post('/api/tickets')
      .set(auth(who))
      .set('Idempotency-Key', idemKey())
      .send({ householdId: home[who], ...body });
    if (res.status !== 201) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    tk[name] = res.body.id;
  };
  const act = async (name: string, who: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post(`/api/tickets/${tk[name]}/actions`)
      .set(auth(who))
      .send({ version: (await ticket(name)).version, ...body });
    if (res.status !== 200)
      throw new Error(`${name} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const handle = async (name: string) => {
    if ((await ticket(name)).status === 'received')
      await act(name, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    if ((await ticket(name)).status === 'assigned') await act(name, 'eng-1', { action: 'start' });
    await act(name, 'eng-1', {
      action: 'mark_handled',
      note: '已处理完毕',
      cause: { factor: 'machine', sub: 'quality' },
    });
    await act(name, 'cs-lead', { action: 'verify' });
  };
  const get = async (path: string, who = 'cs-lead') => {
    const res = await t.http.get(path).set(auth(who));
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const setCategory = (name: string, category: string) =>
    t.ds.getRepository(Ticket).update({ id: tk[name] }, { category });

  beforeAll(async () => {
    t = await startTestApp(driver);
    clock = t.app.get(Clock);
    at('2026-11-05T10:00:00');
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const [k, label] of Object.entries({
      'resident-1': '1栋1单元101',
      'resident-2': '2栋2单元602',
      'resident-3': '3栋1单元302',
    }))
      home[k] = (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;
    for (const k of [
      'resident-1',
      'resident-2',
      'resident-3',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'hq',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }

    // ── the month, day by day ──
    await file('H1', 'resident-1', { kind: 'complaint', content: '3栋的电梯又坏了，停在5楼一动不动' });
    at('2026-11-06T09:00:00');
    await file('M1', 'resident-3', {
      kind: 'complaint',
      content: '楼上水管爆了，我家木地板全泡坏了，要求物业赔偿两万元',
    });
    at('2026-11-06T14:00:00');
    await handle('H1');
    at('2026-11-07T10:00:00');
    await act('H1', 'cs-lead', { action: 'close', satisfied: true, note: '电话回访，业主表示满意' });
    at('2026-11-10T10:00:00');
    await file('A1', 'resident-2', {
      kind: 'complaint',
      content: '小区南门口垃圾堆了三天没人清，臭死了',
      location: '南门口',
    });
    await act('A1', 'front-desk', { action: 'confirm', note: '业主反映南门口垃圾未清运' });
    await act('A1', 'front-desk', {
      action: 'resolve_on_spot',
      note: '已通知保洁当场清运，业主确认满意',
      satisfied: true,
    });
    at('2026-11-12T10:00:00');
    await file('H2', 'resident-2', { kind: 'complaint', content: '3栋电梯坏了，又停了，什么时候修好？' });
    at('2026-11-16T10:00:00');
    await file('R1', 'resident-1', { kind: 'complaint', content: '2栋楼道的灯坏了一个星期了，晚上黑漆漆的' });
    at('2026-11-17T09:30:00');
    await handle('R1');
    at('2026-11-18T10:00:00');
    // the resident rates online: unsatisfied
    const form = await get(`/api/tickets/${tk.R1}/rating`, 'resident-1');
    expect(form.canRate).toBe(true);
    const scores = Object.fromEntries(form.questions.map((q: { key: string }) => [q.key, 2]));
    const rated = await t.http
      .post(`/api/tickets/${tk.R1}/rating`)
      .set(auth('resident-1'))
      .send({ scores, satisfied: false, comment: '灯修了两天又不亮了' });
    if (rated.status !== 201) throw new Error(`rating: ${rated.status} ${JSON.stringify(rated.body)}`);
    at('2026-11-19T09:00:00');
    await handle('R1');
    at('2026-11-19T10:00:00');
    await file('H3', 'resident-3', { kind: 'complaint', content: '3栋电梯又坏了！我家老人下不了楼' });
    at('2026-11-20T10:00:00');
    await act('R1', 'cs-lead', { action: 'close', satisfied: true, note: '再次电话回访，业主表示满意' });
    await file('S1', 'resident-2', { kind: 'suggestion', content: '建议小区多装几个快递柜，现在经常放不下' });
    at('2026-11-27T10:00:00');
    await file('X1', 'resident-3', { kind: 'complaint', content: '3栋楼下的草坪好久没修剪了，杂草很高' });

    // the final categories as staff recorded them
    for (const n of ['H1', 'H2', 'H3', 'R1']) await setCategory(n, '设备管理类');
    await setCategory('M1', '房屋管理类');
    for (const n of ['A1', 'X1']) await setCategory(n, '环境管理类');
  });
  afterAll(() => t?.close());

  it('makes the three lift complaints a week apart one hot event, and keeps the rest alone', async () => {
    const [h1, h2, h3] = [await ticket('H1'), await ticket('H2'), await ticket('H3')];
    expect(h1.incidentId).toBeTruthy();
    expect(h2.incidentId).toBe(h1.incidentId);
    expect(h3.incidentId).toBe(h1.incidentId);
    const event = await t.ds.getRepository(Incident).findOneByOrFail({ id: h1.incidentId! });
    expect(event).toMatchObject({ ticketCount: 3, complainantCount: 3, hot: true });
    for (const n of ['M1', 'A1', 'R1', 'X1']) expect((await ticket(n)).incidentId).toBeNull();
    // and the hot event is in the register
    const register = await get('/api/reports/special');
    expect(register.items).toContainEqual(
      expect.objectContaining({ kind: 'hot', incidentId: h1.incidentId, stage: 'report_overdue' }),
    );
  });

  it('lets the lead clear the major flag the text suggested, with a reason; the register and the ticket follow', async () => {
    expect((await ticket('M1')).majorComplaint).toBe(true); // suggested by the text (20,000 yuan)
    let register = await get('/api/reports/special');
    const suggested = register.items.find((c: { ticketId: string }) => c.ticketId === tk.M1);
    expect(suggested).toMatchObject({
      kind: 'major',
      decision: null,
      decisionLabel: '系统根据内容提示，待主管确认',
    });

    // only the project's lead or manager decides, and never without a reason
    const path = `/api/reports/major-complaints/${tk.M1}`;
    await t.http.post(path).set(auth('front-desk')).send({ decision: 'clear', reason: '非重大' }).expect(403);
    const noReason = await t.http.post(path).set(auth('cs-lead')).send({ decision: 'clear' }).expect(400);
    expect(JSON.stringify(noReason.body.message)).toMatch(/理由/);
    await t.http.post(path).set(auth('cs-lead')).send({ decision: 'maybe', reason: '不确定' }).expect(400);

    const cleared = await t.http
      .post(path)
      .set(auth('cs-lead'))
      .send({ decision: 'clear', reason: '经核实为楼上业主私自改管所致，非我方服务失误' })
      .expect(200);
    expect(cleared.body).toMatchObject({ majorComplaint: false, decision: 'cleared' });
    expect((await ticket('M1')).majorComplaint).toBe(false);
    const event = await t.ds
      .getRepository(TicketEvent)
      .findOneByOrFail({ ticketId: tk.M1, action: 'major_clear' });
    expect(event).toMatchObject({
      actorId: ids['cs-lead'],
      note: '经核实为楼上业主私自改管所致，非我方服务失误',
    });
    register = await get('/api/reports/special');
    expect(register.items.find((c: { ticketId: string }) => c.ticketId === tk.M1)).toMatchObject({
      stage: 'cleared',
      overdue: false,
      decisionReason: '经核实为楼上业主私自改管所致，非我方服务失误',
    });
    // a cleared case owes no report
    const owed = await t.app.get(SpecialCasesService).dueMajorHotReports(clock.now());
    expect(owed.filter((o) => o.subjectId === suggested.id)).toEqual([]);
    // nothing to clear twice
    await t.http.post(path).set(auth('cs-lead')).send({ decision: 'clear', reason: '再次排除' }).expect(409);
  });

  it('keeps a report made after its deadline marked late', async () => {
    const register = await get('/api/reports/special');
    const hot = register.items.find((c: { kind: string }) => c.kind === 'hot');
    expect(hot.stage).toBe('report_overdue');
    await t.http
      .post(`/api/reports/special/${hot.id}/report`)
      .set(auth('cs-lead'))
      .send({
        reportedTo: '公司分管领导',
        content: '3栋电梯多次停运',
        cause: '主板老化',
        status: '已报厂家维修',
        difficulties: '配件需两周',
        helpNeeded: '请公司协调厂家',
      })
      .expect(200);
    const after = (await get(`/api/reports/special/${hot.id}`)) as Record<string, unknown>;
    expect(after).toMatchObject({ stage: 'reported', overdue: false, reportedLate: true });
  });

  it('counts the calendar month as the hand count says (顾客投诉分类统计表)', async () => {
    await t.http.post(`/api/reports/refresh?month=${MONTH}`).set(auth('cs-lead')).expect(200);
    const r = await get(`/api/reports/classification?month=${MONTH}`);
    const line = (x: Record<string, number>) => [
      x.items,
      x.times,
      x.people,
      x.eventItems,
      x.closedItems,
      x.majorItems,
      x.hotItems,
    ];
    const by = Object.fromEntries(
      r.table.rows
        .filter((x: { items: number }) => x.items > 0)
        .map((x: Record<string, number> & { category: string }) => [x.category, line(x)]),
    );
    //                  items times people event closed major hot
    expect(by).toEqual({
      设备管理类: [2, 4, 4, 1, 1, 0, 1],
      房屋管理类: [1, 1, 1, 0, 0, 0, 0],
      环境管理类: [2, 2, 2, 0, 1, 0, 0],
    });
    expect(line(r.table.total)).toEqual([5, 7, 7, 1, 2, 0, 1]);
  });

  it('computes the key figures by their definitions, the online unsatisfied rating included', async () => {
    const ratings = await t.ds.getRepository(Rating).findBy({ ticketId: tk.R1 });
    expect(ratings).toEqual([expect.objectContaining({ source: 'online', satisfied: false })]);
    const r = await get(`/api/reports/kpis?month=${MONTH}`);
    expect(r.kpis).toMatchObject({ tickets: 8, cancelled: 0, complaints: 5, households: 72, visitRate: 1 });
    expect(r.kpis.satisfactionRate).toBeCloseTo(2 / 3, 9); // not 2/2: the resident's own online answer counts
    expect(r.kpis.resolutionRate).toBeCloseTo(3 / 7, 9); // complaints only: not 3/8 with the suggestion
    expect(r.kpis.complaintRate).toBeCloseTo(5 / 72, 9);
    expect(r.kpis.reopenRate).toBeCloseTo(1 / 3, 9);
    expect(r.kpis.meanScore).toBeCloseTo(2, 9);
    // every complaint has a handling deadline from intake, so the on-time handling rate covers them
    expect(r.kpis.onTimeHandleRate).toBeCloseTo(2 / 6, 9);
    // by kind: the suggestion has no complaint resolution rate
    expect(r.byKind.find((k: { kind: string }) => k.kind === 'suggestion').kpis.resolutionRate).toBeNull();
  });

  it('cuts months 26th–25th when HQ says so: X1 moves to December, the analysis is due before 28 November', async () => {
    const lead = await get('/api/reports/settings');
    expect(lead).toMatchObject({ statisticalMonth: 'calendar' });
    await t.http
      .put('/api/reports/settings')
      .set(auth('cs-lead'))
      .send({ statisticalMonth: 'day26' })
      .expect(403);
    const bad = await t.http
      .put('/api/reports/settings')
      .set(auth('hq'))
      .send({ statisticalMonth: 'weekly' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/统计月份/);
    await t.http.put('/api/reports/settings').set(auth('hq')).send({ statisticalMonth: 'day26' }).expect(200);

    const nov = await get(`/api/reports/classification?month=${MONTH}`);
    expect(nov.table.total.items).toBe(4);
    expect((await get(`/api/reports/kpis?month=${MONTH}`)).kpis.tickets).toBe(7);
    // refresh honours ?month= (the query, not only the body)
    const refreshed = await t.http
      .post('/api/reports/refresh?month=2026-12')
      .set(auth('cs-lead'))
      .expect(200);
    expect(refreshed.body.month).toBe('2026-12');
    const dec = await get('/api/reports/kpis?month=2026-12');
    expect(dec.kpis).toMatchObject({ tickets: 1, complaints: 1 });
    // today (27 November) is already in December's statistical month
    expect((await get('/api/reports/kpis')).month).toBe('2026-12');

    const a = await get(`/api/reports/analysis?month=${MONTH}`);
    expect(a).toMatchObject({ period: '2026-10-26 至 2026-11-25', statisticalMonth: 'day26' });
    expect(new Date(a.dueAt)).toEqual(BJ('2026-11-28T00:00:00'));

    // the workbook states the period and when its figures were taken
    const link = (
      await t.http
        .post('/api/reports/exports')
        .set(auth('cs-lead'))
        .send({ report: 'analysis', month: MONTH })
        .expect(201)
    ).body;
    const res = await t.http
      .get(link.url)
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(res.body);
    const texts: string[] = [];
    wb.getWorksheet('总体分析')!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    const head = texts.find((x) => x.includes('数据提取时间'));
    expect(head).toContain('统计期间：2026-10-26 至 2026-11-25');
    expect(head).toContain('数据提取时间：2026-11-27（周五）10:00');

    await t.http
      .put('/api/reports/settings')
      .set(auth('hq'))
      .send({ statisticalMonth: 'calendar' })
      .expect(200);
    expect((await get(`/api/reports/classification?month=${MONTH}`)).table.total.items).toBe(5);
  });
});
