import { Workbook } from 'exceljs';
import {
  addSums,
  answersOf,
  ComplaintForCount,
  computeKpis,
  countComplaints,
  monthRange,
  ticketSums,
  visitFactsFromEvents,
} from '@wuye/shared';
import { Clock } from '../src/common/clock';
import { Incident } from '../src/incidents/incident.entity';
import { Company, Household, Project, User } from '../src/org/entities';
import { ReportRollupService } from '../src/reports/rollup.service';
import { SpecialCasesService } from '../src/reports/special-cases.service';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { Rating } from '../src/visits/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/** Monday 12 October 2026, 10:00 Shanghai: the month the suite fills. */
const START = '2026-10-12T02:00:00Z';
const MONTH = '2026-10';

describe.each(DRIVERS)('statistics and reports on %s', (driver) => {
  let t: TestApp;
  let clock: Clock;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const tk: Record<string, { id: string; number: string }> = {};
  let projectA: Project;
  let projectB: Project;
  let projectC: Project;
  const home: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    clock = t.app.get(Clock);
    clock.set(START);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    projectA = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    for (const [k, label] of Object.entries({
      'resident-1': '1栋1单元101',
      'resident-2': '2栋2单元602',
      'resident-3': '3栋1单元302',
    }))
      home[k] = (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;

    // A second project of the same company, and a second company with its own HQ.
    projectB = await t.ds.getRepository(Project).save({ companyId: projectA.companyId, name: '碧水湾' });
    const other = await t.ds.getRepository(Company).save({ name: '别家物业有限公司' });
    projectC = await t.ds.getRepository(Project).save({ companyId: other.id, name: '别家小区' });
    await t.ds.getRepository(User).save({
      companyId: other.id,
      projectId: null,
      departmentId: null,
      kind: 'staff',
      role: 'hq',
      name: '别家总部',
      phone: null,
      openid: null,
      demoKey: 'hq-2',
    });
    await t.ds.getRepository(User).save({
      companyId: projectA.companyId,
      projectId: projectB.id,
      departmentId: null,
      kind: 'staff',
      role: 'cs_lead',
      name: '碧水湾主管',
      phone: null,
      openid: null,
      demoKey: 'lead-b',
    });
    for (const k of [
      'resident-1',
      'resident-2',
      'resident-3',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'hq',
      'hq-2',
      'lead-b',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    await seedMonth();
  });
  afterAll(() => t?.close());

  const auth = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
  const file = async (name: string, who: string, body: Record<string, unknown>) => {
    const res = await t.http
      .post('/api/tickets')
      .set(auth(who))
      .set('Idempotency-Key', idemKey())
      .send(who.startsWith('resident') && !body.location ? { householdId: home[who], ...body } : body)
      .expect(201);
    tk[name] = { id: res.body.id, number: res.body.number };
    return res.body;
  };
  const act = async (name: string, who: string, body: Record<string, unknown>, status = 200) => {
    const v = (await t.http.get(`/api/tickets/${tk[name].id}`).set(auth('cs-lead')).expect(200)).body.version;
    const res = await t.http
      .post(`/api/tickets/${tk[name].id}/actions`)
      .set(auth(who))
      .send({ version: v, ...body });
    if (res.status !== status)
      throw new Error(`${name} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const setTicket = (name: string, patch: Partial<Ticket>) =>
    t.ds.getRepository(Ticket).update({ id: tk[name].id }, patch);
  const handle = async (name: string, cause: { factor: string; sub: string } | null, kind = 'complaint') => {
    await act(name, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(name, 'eng-1', { action: 'start' });
    await act(name, 'eng-1', {
      action: 'mark_handled',
      note: '已处理完毕',
      ...(kind === 'complaint' ? { cause } : {}),
    });
    await act(name, 'cs-lead', { action: 'verify' });
  };
  let seq = 0;
  const insertTicket = (project: Project, over: Partial<Ticket>) =>
    t.ds.getRepository(Ticket).insert({
      companyId: project.companyId,
      projectId: project.id,
      number: `TS20261015-9${String(++seq).padStart(3, '0')}`,
      kind: 'complaint',
      status: 'received',
      channel: 'phone',
      content: '直接写入的投诉',
      location: '公共区域',
      createdById: ids['front-desk'],
      idempotencyKey: idemKey(),
      requestHash: 'x',
      category: '其它类',
      createdAt: new Date('2026-10-15T02:00:00Z'),
      ...over,
    });

  /**
   * The month, hand-checked (阳光花园, October 2026):
   * - E1–E3: three residents about the 3栋 lift → one hot event, 设备管理类; E1 handled (机·质量合格性), visited satisfied
   * - A2: rubbish at the south gate (public place), solved on the spot, 环境管理类
   * - D1: a neighbour's dog (业户纠纷类), with the complainant's name and phone in the text; replied late
   * - M1: water damage, 20,000 yuan claimed → 重大投诉, 房屋管理类, handled (人·服务技能), visited satisfied
   * - F1: a wrong fee invoice, corrected by staff to 综合服务类
   * - O1, O2: two online posts on one event (停车费), 综合服务类
   * - DV: a developer legacy complaint, 开发商相关类
   * - P1: a collective complaint by 4 people (phone) → hot by itself, 安全管理类
   * - C1: withdrawn (not counted); R1: a repair, visited unsatisfied, handled again, visited satisfied
   */
  async function seedMonth() {
    await file('E1', 'resident-1', { kind: 'complaint', content: '3栋的电梯又坏了，停在5楼一动不动' });
    await file('E2', 'resident-2', { kind: 'complaint', content: '3栋电梯坏了，又停了，什么时候修好？' });
    await file('E3', 'resident-3', { kind: 'complaint', content: '3栋电梯又坏了！我家老人下不了楼' });
    await file('A2', 'resident-1', {
      kind: 'complaint',
      content: '小区南门口垃圾堆了三天没人清，臭死了',
      location: '南门口',
    });
    await file('D1', 'resident-2', {
      kind: 'complaint',
      content: '楼上2栋2单元702的狗天天晚上叫，我是黄先生，电话13900000002',
    });
    await file('M1', 'resident-3', {
      kind: 'complaint',
      content: '楼上水管爆了，我家木地板全泡坏了，要求物业赔偿两万元',
    });
    await file('F1', 'resident-1', { kind: 'complaint', content: '上个月的物业费发票开错了，抬头不对' });
    await file('O1', 'front-desk', {
      kind: 'complaint',
      channel: 'online',
      content: '业主群里说停车费要涨价，物业没有公示',
      location: '业主论坛',
      contactName: '网友甲',
      contactPhone: '13600000001',
    });
    await file('O2', 'front-desk', {
      kind: 'complaint',
      channel: 'online',
      content: '跟帖：停车费涨价没有经过业主大会',
      location: '业主论坛',
      contactName: '网友乙',
      contactPhone: '13600000002',
    });
    await file('DV', 'resident-2', { kind: 'complaint', content: '交房两年外墙一直渗水，开发商遗留问题' });
    await file('P1', 'front-desk', {
      kind: 'complaint',
      content: '小区北门门禁坏了，四位业主一起来反映进不了门',
      location: '北门',
      contactName: '何阿姨',
      contactPhone: '13700000000',
      peopleCount: 4,
    });
    await file('C1', 'resident-1', { kind: 'complaint', content: '楼道灯不亮了，麻烦看一下' });
    await file('R1', 'resident-1', { kind: 'repair', content: '厨房下水道堵了，水排不下去' });

    // Final categories (the classifier's guesses aside), one of them by a staff correction.
    const lift = (await t.ds.getRepository(Ticket).findOneByOrFail({ id: tk.E1.id })).incidentId!;
    expect(lift).toBeTruthy();
    for (const n of ['E1', 'E2', 'E3']) await setTicket(n, { category: '设备管理类', incidentId: lift });
    await t.ds.getRepository(Incident).update({ id: lift }, { category: '设备管理类' });
    await setTicket('A2', { category: '环境管理类' });
    await setTicket('D1', { category: '业户纠纷类' });
    await setTicket('M1', { category: '房屋管理类' });
    await setTicket('F1', { category: '房屋管理类' });
    await t.http
      .post(`/api/tickets/${tk.F1.id}/category`)
      .set(auth('cs-lead'))
      .send({ category: '综合服务类' })
      .expect(200);
    const parking = await t.ds.getRepository(Incident).save({
      companyId: projectA.companyId,
      projectId: projectA.id,
      category: '综合服务类',
      title: '停车费涨价未公示',
      ticketCount: 2,
      complainantCount: 2,
      firstAt: clock.now(),
      lastAt: clock.now(),
    });
    for (const n of ['O1', 'O2']) await setTicket(n, { category: '综合服务类', incidentId: parking.id });
    await setTicket('DV', { category: '开发商相关类', incidentId: null });
    await setTicket('P1', { category: '安全管理类' });
    expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: tk.P1.id })).incidentId).toBeTruthy();
    expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: tk.M1.id })).majorComplaint).toBe(true);
    await setTicket('C1', { category: '设备管理类' });

    // The handling.
    await handle('E1', { factor: 'machine', sub: 'quality' });
    await act('E1', 'cs-lead', { action: 'close', satisfied: true });
    await handle('M1', { factor: 'people', sub: 'skills' });
    await act('M1', 'cs-lead', { action: 'close', satisfied: true });
    await act('A2', 'front-desk', { action: 'confirm', note: '业主反映南门口垃圾未清运' });
    await act('A2', 'front-desk', {
      action: 'resolve_on_spot',
      note: '已通知保洁当场清运，业主确认满意',
      satisfied: true,
    });
    await act('C1', 'resident-1', { action: 'cancel', reason: '灯已经好了' });
    await handle('R1', null, 'repair');
    await act('R1', 'cs-lead', { action: 'reopen', reason: '回访时业主说还是排水慢' });
    await act('R1', 'eng-1', { action: 'mark_handled', note: '再次疏通，已通畅' });
    await act('R1', 'cs-lead', { action: 'verify' });
    await act('R1', 'cs-lead', { action: 'close', satisfied: true });
    // D1 answered two days late
    clock.advance(2 * 24 * 3600_000);
    await act('D1', 'cs-lead', {
      action: 'progress_note',
      note: '已上门与702业主林女士沟通，对方同意夜间看管好狗',
    });

    // Project B (same company): two complaints; project C (another company): one.
    await insertTicket(projectB, {});
    await insertTicket(projectB, { category: '环境管理类' });
    await insertTicket(projectC, {});
  }

  const get = (path: string, who: string, status = 200) =>
    t.http
      .get(path)
      .set(auth(who))
      .expect(status)
      .then((r) => r.body);

  /** The month's complaints of a project read straight from the tables, to check what the rollup read. */
  async function complaintsOf(project: Project): Promise<ComplaintForCount[]> {
    const { start, end } = monthRange(MONTH);
    const rows = await t.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.projectId = :p AND t.kind = :k AND t.createdAt >= :s AND t.createdAt < :e', {
        p: project.id,
        k: 'complaint',
        s: start,
        e: end,
      })
      .getMany();
    const incidents = await t.ds.getRepository(Incident).find();
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      incidentId: r.incidentId,
      channel: r.channel,
      status: r.status,
      complainantKey: r.residentId ?? r.contactPhone,
      peopleCount: r.peopleCount,
      major: r.majorComplaint,
      hot: !!incidents.find((i) => i.id === r.incidentId)?.hot,
    }));
  }

  const line = (r: Record<string, number>) => [
    r.items,
    r.times,
    r.people,
    r.eventItems,
    r.onlineItems,
    r.onlineHeat,
    r.closedItems,
    r.majorItems,
    r.hotItems,
  ];

  it('counts the month by the handbook’s rules (顾客投诉分类统计表), every complaint of it through the shared rules', async () => {
    const r = await get(`/api/reports/classification?month=${MONTH}`, 'cs-lead');
    expect(r.scope).toMatchObject({ projectId: projectA.id, label: '阳光花园', company: false });
    const by = Object.fromEntries(r.table.rows.map((x: Record<string, number>) => [x.category, line(x)]));
    //                        items times people event online heat closed major hot
    expect(by).toEqual({
      房屋管理类: [1, 1, 1, 0, 0, 0, 1, 1, 0],
      设备管理类: [1, 3, 3, 1, 0, 0, 0, 0, 1],
      安全管理类: [1, 1, 4, 1, 0, 0, 0, 0, 1],
      环境管理类: [1, 1, 1, 0, 0, 0, 1, 0, 0],
      综合服务类: [2, 3, 3, 1, 1, 2, 0, 0, 0],
      业户纠纷类: [1, 1, 1, 0, 0, 0, 0, 0, 0],
      开发商相关类: [1, 1, 1, 0, 0, 0, 0, 0, 0],
      其它类: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(line(r.table.total)).toEqual([8, 11, 14, 3, 1, 2, 2, 1, 2]);
    // the rollup read every complaint of the month: the shared rules over the rows read straight from the tables
    expect(JSON.parse(JSON.stringify(countComplaints(await complaintsOf(projectA))))).toEqual(r.table);
  });

  it('computes the key figures per kind, department and staff member, every ticket of the month through the shared rules', async () => {
    // The residents' scores on two visits (the mean satisfaction score is theirs: 4.5 and 3 → 3.75), and one
    // rating without scores, which counts for no score.
    const rating = (name: string, round: number, average: number | null) =>
      t.ds.getRepository(Rating).insert({
        ticketId: tk[name].id,
        projectId: projectA.id,
        round,
        seq: 1,
        taskId: null,
        attemptId: null,
        kind: 'complaint',
        source: 'online',
        recordedById: ids['resident-1'],
        scores: '{}',
        average,
        satisfied: true,
        chargeCorrect: null,
        comment: null,
        photoIds: null,
        createdAt: clock.now(),
      });
    await rating('E1', 0, 4.5);
    await rating('M1', 0, 3);
    await rating('R1', 0, null);
    await t.http.post('/api/reports/refresh').set(auth('cs-lead')).send({ month: MONTH }).expect(200);
    const r = await get(`/api/reports/kpis?month=${MONTH}`, 'cs-lead');
    const asOf = new Date(r.asOf);
    const { start, end } = monthRange(MONTH);
    const tickets = await t.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.projectId = :p AND t.createdAt >= :s AND t.createdAt < :e', {
        p: projectA.id,
        s: start,
        e: end,
      })
      .getMany();
    // what the rollup must have summed: every ticket of the month, with its events and ratings, through the rules
    const events = await t.ds.getRepository(TicketEvent).find();
    const ratings = await t.ds.getRepository(Rating).find();
    const sums = addSums(
      ...tickets.map((x) =>
        ticketSums(
          {
            ...x,
            ...visitFactsFromEvents(events.filter((e) => e.ticketId === x.id)),
            visits: answersOf(
              visitFactsFromEvents(events.filter((e) => e.ticketId === x.id)).visits,
              ratings.filter((y) => y.ticketId === x.id),
            ),
            scores: ratings.filter((y) => y.ticketId === x.id && y.average !== null).map((y) => y.average!),
          },
          asOf,
        ),
      ),
    );
    const households = await t.ds.getRepository(Household).countBy({ projectId: projectA.id });
    const expected = computeKpis(sums, { complaints: 8, households });
    expect(r.kpis.tickets).toBe(expected.tickets);
    for (const [k, v] of Object.entries(expected))
      if (typeof v === 'number') expect(r.kpis[k]).toBeCloseTo(v, 6);
      else expect(r.kpis[k]).toBe(v);
    // hand-checked: 13 tickets, 1 withdrawn; visits owed for E1, M1 and R1 (A2 solved on the spot), all visited;
    // answers: the lead's four (R1's first unsatisfied) and the three ratings (satisfied) → 6 of 7 satisfied;
    // complaints resolved: E1, M1, A2 of the 11 not withdrawn; 8 complaints over 72 households
    expect(r.kpis).toMatchObject({
      tickets: 13,
      cancelled: 1,
      visitRate: 1,
      satisfactionRate: 6 / 7,
      reopenRate: 1 / 4,
      resolutionRate: 3 / 11,
      complaints: 8,
      households: 72,
    });
    expect(r.kpis.meanScore).toBeCloseTo(3.75, 6);
    expect(r.kpis.complaintRate).toBeCloseTo(8 / 72);
    expect(r.kpis.onTimeReplyRate).toBeLessThan(1); // D1 replied two days late
    expect(r.byKind.find((k: { kind: string }) => k.kind === 'repair').kpis.tickets).toBe(1);
    // key figures count received tickets, the withdrawn C1 included (it is left out of every rate)
    expect(r.byCategory.find((c: { category: string }) => c.category === '设备管理类').kpis).toMatchObject({
      tickets: 4,
      cancelled: 1,
    });
    expect(r.byDepartment.find((d: { name: string }) => d.name === '工程部').kpis.tickets).toBe(3);
    const zhang = r.byStaff.find((s: { userId: string }) => s.userId === ids['eng-1']);
    expect(zhang).toMatchObject({ name: '张师傅', kpis: { tickets: 3, visitRate: 1 } });
    expect(r.trend).toHaveLength(12);
    expect(r.trend[11]).toMatchObject({ month: MONTH, kpis: { tickets: 13, complaints: 8 } });
    expect(r.trend[0]).toMatchObject({ month: '2025-11', kpis: { tickets: 0 } });
  });

  it('downloads the table as an Excel file through a signed, expiring link', async () => {
    const link = (
      await t.http
        .post('/api/reports/exports')
        .set(auth('cs-lead'))
        .send({ report: 'classification', month: MONTH })
        .expect(201)
    ).body;
    expect(link.url).toMatch(/^\/api\/reports\/download\?token=/);
    expect(link.filename).toBe('顾客投诉分类统计表-2026-10.xlsx');
    const res = await t.http
      .get(link.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('分类统计表')!;
    expect(String(ws.getCell('A1').value)).toBe('阳光花园 2026年10月 顾客投诉分类统计表');
    const rows = new Map<string, unknown[]>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect(rows.get('投诉类别')).toEqual(expect.arrayContaining(['投诉件数', '受理次数', '涉及人数']));
    expect(rows.get('设备管理类')!.slice(0, 4)).toEqual(['设备管理类', 1, 3, 3]);
    expect(rows.get('安全管理类')!.slice(0, 4)).toEqual(['安全管理类', 1, 1, 4]);
    expect(rows.get('合计')!.slice(0, 4)).toEqual(['合计', 8, 11, 14]);
    expect(rows.get('综合服务类')![9]).toBeCloseTo(2 / 8); // 占比, a number with a % format
    expect(ws.getRow([...rows.keys()].indexOf('综合服务类') + 1).getCell(10).numFmt).toBe('0.0%');

    // the KPI workbook
    const kLink = (
      await t.http
        .post('/api/reports/exports')
        .set(auth('pm'))
        .send({ report: 'kpis', month: MONTH })
        .expect(201)
    ).body;
    const kRes = await t.http
      .get(kLink.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const kb = new Workbook();
    await kb.xlsx.load(kRes.body);
    const ks = kb.getWorksheet('本月指标')!;
    const values = new Map<string, unknown>();
    ks.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('受理量')).toBe(13);
    expect(values.get('回访率')).toBe(1);
    expect(kb.getWorksheet('近12个月趋势')!.rowCount).toBe(2 + 12);

    // a tampered or expired link is refused
    await t.http.get(link.url.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'))).expect(403);
    clock.advance(11 * 60_000);
    const expired = await t.http.get(link.url).expect(403);
    expect(expired.body.message).toMatch(/过期/);
  });

  it('shows reports only to leads, managers and HQ, each within their own project or company', async () => {
    for (const who of ['resident-1', 'eng-1', 'front-desk']) {
      const r = await get(`/api/reports/classification?month=${MONTH}`, who, 403);
      expect(r.message).toMatch(/客服主管、项目经理和集团总部/);
      await t.http.post('/api/reports/exports').set(auth(who)).send({ report: 'kpis' }).expect(403);
    }
    await get(`/api/reports/kpis?month=${MONTH}&projectId=${projectB.id}`, 'cs-lead', 403);
    await get(`/api/reports/classification?month=${MONTH}&projectId=${projectA.id}`, 'lead-b', 403);

    // HQ: the whole company (both projects) or one project; never the other company
    const company = await get(`/api/reports/classification?month=${MONTH}`, 'hq');
    expect(company.scope).toMatchObject({ projectId: null, company: true, label: '幸福里物业服务有限公司' });
    expect(company.table.total.items).toBe(10);
    expect(company.byProject).toEqual([
      expect.objectContaining({ name: '碧水湾', items: 2 }),
      expect.objectContaining({ name: '阳光花园', items: 8 }),
    ]);
    const b = await get(`/api/reports/classification?month=${MONTH}&projectId=${projectB.id}`, 'hq');
    expect(b.table.total.items).toBe(2);
    const kpis = await get(`/api/reports/kpis?month=${MONTH}`, 'hq');
    expect(kpis.kpis.tickets).toBe(15);
    expect(kpis.byProject.map((p: { name: string }) => p.name)).toEqual(['碧水湾', '阳光花园']);
    await get(`/api/reports/classification?month=${MONTH}&projectId=${projectC.id}`, 'hq', 403);
    await get(`/api/reports/classification?month=${MONTH}&projectId=${projectA.id}`, 'hq-2', 403);
    await t.http
      .post('/api/reports/exports')
      .set(auth('hq-2'))
      .send({ report: 'classification', month: MONTH, projectId: projectA.id })
      .expect(403);
    const theirs = await get(`/api/reports/classification?month=${MONTH}`, 'hq-2');
    expect(theirs.table.total.items).toBe(1);
    expect((await get('/api/reports/projects', 'hq-2')).projects).toEqual([
      { id: projectC.id, name: '别家小区' },
    ]);
    expect((await get('/api/reports/projects', 'pm')).projects).toEqual([
      { id: projectA.id, name: '阳光花园' },
    ]);
  });

  it('writes the monthly public notice without any resident’s name, phone or room', async () => {
    const n = await get(`/api/reports/notice?month=${MONTH}`, 'pm');
    expect(n.title).toBe('阳光花园2026年10月投诉处理情况公示');
    expect(n.items.map((i: { reason: string }) => i.reason)).toEqual([
      'public_area',
      'common_interest',
      'common_interest',
      'common_interest',
      'dispute',
    ]);
    const lift = n.items.find((i: { category: string }) => i.category === '设备管理类');
    expect(lift).toMatchObject({ times: 3, people: 3, place: '3栋', statusLabel: '处理中' });
    const dog = n.items.find((i: { reason: string }) => i.reason === 'dispute');
    expect(dog.summary).toMatch(/狗天天晚上叫/);
    expect(dog.handling).toMatch(/已上门/);
    // what goes on the board; the scope's project id is a random UUID that may hold "302" by chance
    const text = JSON.stringify({ ...n, scope: { label: n.scope.label } });
    const residents = await t.ds.getRepository(User).findBy({ kind: 'resident' });
    for (const secret of [
      ...residents.map((r) => r.name),
      ...residents.map((r) => r.phone).filter(Boolean),
      '13600000001',
      '13700000000',
      '网友甲',
      '何阿姨',
      '101',
      '602',
      '302',
      '702',
    ])
      expect(text).not.toContain(secret);
    // a household's private matter (the invoice) stays off the board
    expect(text).not.toMatch(/发票/);
    await get(`/api/reports/notice?month=${MONTH}`, 'hq', 400);
    const link = (
      await t.http
        .post('/api/reports/exports')
        .set(auth('pm'))
        .send({ report: 'notice', month: MONTH })
        .expect(201)
    ).body;
    const file = await t.http
      .get(link.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.body);
    let all = '';
    wb.getWorksheet('公示')!.eachRow((row) => (all += JSON.stringify(row.values)));
    expect(all).toContain('狗天天晚上叫');
    for (const secret of ['黄先生', '林女士', '13900000002', '702', '602']) expect(all).not.toContain(secret);
  });

  it('lists major and hot complaints with their deadlines, takes the reports, and archives the special report', async () => {
    clock.set('2026-10-14T03:00:00Z'); // Wednesday 11:00
    const list = await get('/api/reports/special', 'cs-lead');
    expect(list.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['hot', 'hot', 'major']);
    const major = list.items.find((i: { kind: string }) => i.kind === 'major');
    const lift = list.items.find((i: { title: string }) => i.title.includes('电梯'));
    expect(major).toMatchObject({ kindLabel: '重大投诉', compensationYuan: 20000, reportTo: '公司分管领导' });
    // filed Monday 10:00 → report within one working day: Tuesday 10:00, now overdue
    expect(Math.abs(new Date(major.reportDueAt).getTime() - Date.parse('2026-10-13T02:00:00Z'))).toBeLessThan(
      60_000,
    );
    expect(major.stage).toBe('report_overdue');
    expect(lift.stage).toBe('report_due');

    const special = t.app.get(SpecialCasesService);
    const due = await special.dueMajorHotReports(clock.now());
    expect(
      due
        .filter((d) => d.projectId === projectA.id)
        .map((d) => d.kind)
        .sort(),
    ).toEqual(['hot_report', 'hot_report', 'major_report']);
    const overdue = await special.overdueReports(clock.now());
    expect(overdue.filter((o) => o.kind !== 'monthly_analysis').map((o) => [o.kind, o.subjectId])).toEqual([
      ['major_report', major.id],
    ]);
    // nobody submitted August's analysis (due before 28 September) either; September's is due before 28 October
    expect(
      overdue.filter((o) => o.kind === 'monthly_analysis').map((o) => [o.projectName, o.subjectId]),
    ).toEqual(
      expect.arrayContaining([
        ['阳光花园', '2026-08'],
        ['碧水湾', '2026-08'],
        ['别家小区', '2026-08'],
      ]),
    );

    // only the project's lead or manager reports; HQ and department staff read
    await t.http
      .post(`/api/reports/special/${major.id}/report`)
      .set(auth('eng-1'))
      .send({ reportedTo: '张总' })
      .expect(403);
    await t.http
      .post(`/api/reports/special/${major.id}/report`)
      .set(auth('hq'))
      .send({ reportedTo: '张总' })
      .expect(403);
    const missing = await t.http
      .post(`/api/reports/special/${major.id}/report`)
      .set(auth('cs-lead'))
      .send({ reportedTo: '公司分管领导 张总', content: '木地板泡水' })
      .expect(400);
    expect(missing.body.message).toMatch(/产生原因/);
    const reported = (
      await t.http
        .post(`/api/reports/special/${major.id}/report`)
        .set(auth('cs-lead'))
        .send({
          reportedTo: '公司分管领导 张总',
          content: '业主家木地板被楼上爆管泡坏，索赔两万元',
          cause: '公共水管老化爆裂',
          status: '已维修水管，正在协商赔偿',
        })
        .expect(200)
    ).body;
    // M1 was already closed: reported, and the special report is now due
    expect(reported).toMatchObject({
      reportedByName: '王建国',
      reportedTo: '公司分管领导 张总',
      stage: 'follow_up_due',
    });
    await t.http
      .post(`/api/reports/special/${major.id}/report`)
      .set(auth('pm'))
      .send({ reportedTo: 'x', content: 'x', cause: 'x', status: 'x' })
      .expect(409);

    // the hot lift event: reported, but its special report waits until every complaint is closed
    await t.http
      .post(`/api/reports/special/${lift.id}/report`)
      .set(auth('pm'))
      .send({
        reportedTo: '公司及分管领导',
        content: '3栋电梯多次停运',
        cause: '主板老化',
        status: '已报维保单位',
        difficulties: '配件需从厂家订货',
        helpNeeded: '请集团协调维保单位加快供货',
      })
      .expect(200);
    const early = await t.http
      .post(`/api/reports/special/${lift.id}/follow-up`)
      .set(auth('pm'))
      .send({ content: 'x', cause: 'x', handling: 'x', lessons: 'x' })
      .expect(409);
    expect(early.body.message).toMatch(/全部办结后/);

    const filed = (
      await t.http
        .post(`/api/reports/special/${major.id}/follow-up`)
        .set(auth('cs-lead'))
        .send({
          content: '业主家木地板被楼上公共水管爆裂泡坏',
          cause: '公共水管老化，巡检未发现',
          handling: '当日更换水管，协商赔偿',
          result: '赔偿一万二千元，业主满意',
          lessons: '老旧管道须纳入季度巡检',
          corrective: '全小区立管排查，更换老化管段',
        })
        .expect(200)
    ).body;
    expect(filed).toMatchObject({ stage: 'archived', followUpByName: '王建国' });
    expect(filed.archive.entries.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['case', 'ticket', 'event', 'report', 'follow_up']),
    );
    expect(filed.archive.entries.find((e: { type: string }) => e.type === 'ticket').number).toBe(
      tk.M1.number,
    );
    const after = await special.overdueReports(clock.now());
    expect(after.find((o) => o.subjectId === major.id)).toBeUndefined();

    // the register as Excel, for HQ
    const link = (
      await t.http.post('/api/reports/exports').set(auth('hq')).send({ report: 'special' }).expect(201)
    ).body;
    const file = await t.http
      .get(link.url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.getWorksheet('重大热点投诉台账')!;
    const found: unknown[][] = [];
    ws.eachRow((row) => found.push((row.values as unknown[]).slice(1)));
    const majorRow = found.find((r) => r[0] === '重大投诉')!;
    expect(majorRow).toEqual(
      expect.arrayContaining(['阳光花园', 20000, '王建国', '公司分管领导 张总', '已归档']),
    );
  });

  it('builds the monthly analysis: causes, corrective actions, representative cases, and the submission to HQ', async () => {
    const action = await t.http
      .post('/api/reports/corrective-actions')
      .set(auth('cs-lead'))
      .send({
        month: MONTH,
        category: '设备管理类',
        causeFactor: 'machine',
        causeSub: 'quality',
        problem: '3栋电梯主板老化，当月多次停运',
        action: '更换主板，维保单位每周巡检',
        owner: '工程部 张师傅',
        dueDate: '2026-11-15',
      })
      .expect(201);
    await t.http
      .post('/api/reports/corrective-actions')
      .set(auth('cs-lead'))
      .send({ month: MONTH, causeFactor: 'machine', causeSub: 'skills', problem: '错配', action: '错配' })
      .expect(400);
    await t.http
      .post('/api/reports/corrective-actions')
      .set(auth('hq'))
      .send({ month: MONTH, projectId: projectA.id, problem: '总部代写', action: '不允许' })
      .expect(403);
    await t.http
      .put(`/api/reports/corrective-actions/${action.body.id}`)
      .set(auth('pm'))
      .send({ status: 'in_progress' })
      .expect(200);
    await t.http
      .post('/api/reports/cases')
      .set(auth('pm'))
      .send({ month: MONTH, ticketNumber: tk.M1.number, keyPoints: '索赔金额大', lessons: '管道巡检' })
      .expect(201);
    await t.http
      .post('/api/reports/cases')
      .set(auth('lead-b'))
      .send({ month: MONTH, ticketNumber: tk.M1.number })
      .expect(404); // not a ticket of their project

    const r = await get(`/api/reports/analysis?month=${MONTH}`, 'pm');
    expect(r.totals).toMatchObject({ complaints: 8, previous: 0, people: 14, times: 11 });
    expect(r.trend.at(-1)).toMatchObject({
      month: MONTH,
      complaints: 8,
      tickets: { complaint: 12, repair: 1 },
    });
    const machine = r.causes.find((c: { factor: string }) => c.factor === 'machine');
    expect(machine.items).toBe(1);
    expect(machine.subs.find((s: { sub: string }) => s.sub === 'quality').items).toBe(1);
    expect(r.causes.find((c: { factor: string }) => c.factor === 'people').items).toBe(1);
    expect(r.correctiveActions).toEqual([
      expect.objectContaining({ status: 'in_progress', owner: '工程部 张师傅' }),
    ]);
    expect(r.cases).toEqual([expect.objectContaining({ number: tk.M1.number, keyPoints: '索赔金额大' })]);
    expect(r.specialCases.map((s: { kind: string }) => s.kind).sort()).toEqual(['hot', 'hot', 'major']);
    expect(new Date(r.dueAt).toISOString()).toBe('2026-11-27T16:00:00.000Z'); // before 28 November, Shanghai
    expect(r).toMatchObject({ period: '2026-10-01 至 2026-10-31', statisticalMonth: 'calendar' });
    expect(r.submission).toBeNull();

    // after the 28th that follows the month, unsubmitted monthly analyses are overdue; a submitted one is not
    const special = t.app.get(SpecialCasesService);
    clock.set('2026-11-27T15:00:00Z'); // 27 November 23:00: not yet
    expect(
      (await special.overdueReports(clock.now())).filter(
        (o) => o.kind === 'monthly_analysis' && o.subjectId === MONTH,
      ),
    ).toEqual([]);
    clock.set('2026-11-28T02:00:00Z');
    const before = await special.overdueReports(clock.now());
    expect(
      before
        .filter((o) => o.kind === 'monthly_analysis')
        .map((o) => o.projectName)
        .sort(),
    ).toEqual(['别家小区', '碧水湾', '阳光花园']);
    await t.http
      .post('/api/reports/submissions')
      .set(auth('pm'))
      .send({ kind: 'monthly_analysis', period: MONTH })
      .expect(201);
    const afterSubmit = await special.overdueReports(clock.now());
    expect(
      afterSubmit
        .filter((o) => o.kind === 'monthly_analysis')
        .map((o) => o.projectName)
        .sort(),
    ).toEqual(['别家小区', '碧水湾']);
    expect((await get(`/api/reports/analysis?month=${MONTH}`, 'pm')).submission.submittedByName).toBe(
      '陈志强',
    );

    // the workbook has every part
    const link = (
      await t.http
        .post('/api/reports/exports')
        .set(auth('pm'))
        .send({ report: 'analysis', month: MONTH })
        .expect(201)
    ).body;
    const file = await t.http
      .get(link.url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new Workbook();
    await wb.xlsx.load(file.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总体分析',
      '月度趋势',
      '分类分析',
      '原因分析',
      '纠正措施',
      '代表性案例',
      '重大热点投诉',
    ]);
    let causes = '';
    wb.getWorksheet('原因分析')!.eachRow((row) => (causes += JSON.stringify(row.values)));
    expect(causes).toContain('质量合格性');
  });

  it('summarises developer-related complaints per quarter', async () => {
    const r = await get('/api/reports/developer?quarter=2026-Q4', 'cs-lead');
    expect(r.quarterLabel).toBe('2026年第4季度');
    expect(r.months.map((m: { items: number }) => m.items)).toEqual([1, 0, 0]);
    expect(r.total.items).toBe(1);
    expect(r.items).toEqual([expect.objectContaining({ number: tk.DV.number, place: '2栋2单元602' })]);
    const hq = await get('/api/reports/developer?quarter=2026-Q4', 'hq');
    expect(hq.items).toEqual([]);
    expect(hq.byProject).toEqual([
      expect.objectContaining({ name: '碧水湾', items: 0 }),
      expect.objectContaining({ name: '阳光花园', items: 1 }),
    ]);
  });

  it('answers from the rollups and refreshes a changing month in the background', async () => {
    clock.set('2026-10-30T02:00:00Z');
    await t.http.post('/api/reports/refresh').set(auth('cs-lead')).send({ month: MONTH }).expect(200);
    await setTicket('F1', { category: '其它类' });
    const served = await get(`/api/reports/classification?month=${MONTH}`, 'cs-lead');
    expect(served.table.rows.find((r: { category: string }) => r.category === '其它类').items).toBe(0);
    clock.advance(11 * 60_000);
    await get(`/api/reports/classification?month=${MONTH}`, 'cs-lead'); // stale: served, refresh started
    await t.app.get(ReportRollupService).settled();
    const fresh = await get(`/api/reports/classification?month=${MONTH}`, 'cs-lead');
    expect(fresh.table.rows.find((r: { category: string }) => r.category === '其它类').items).toBe(1);
    expect(new Date(fresh.asOf).getTime()).toBeGreaterThan(new Date(served.asOf).getTime());
    // the scheduler's jobs rebuild every project
    expect(await t.app.get(ReportRollupService).refreshCurrent(clock.now())).toBe(3);
    expect(await t.app.get(ReportRollupService).rebuildRecent(clock.now(), 2)).toBe(3 * 2);
    await setTicket('F1', { category: '综合服务类' });
  });

  it('refuses nonsense parameters in plain Chinese', async () => {
    const r = await get('/api/reports/classification?month=2026-13', 'cs-lead', 400);
    expect(JSON.stringify(r.message)).toMatch(/月份格式/);
    await get('/api/reports/classification?projectId=abc', 'hq', 400);
    await t.http.post('/api/reports/exports').set(auth('cs-lead')).send({ report: 'secrets' }).expect(400);
    await t.http.get('/api/reports/download?token=abc.def').expect(403);
  });
});
