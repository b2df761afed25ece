import { Building, Company, Household, HouseholdBinding, Project, Unit, User } from '../src/org/entities';
import { DRIVERS, startTestApp, TestApp } from './support/test-app';

/**
 * Small holes found by probing from outside (issue 24, item 9): each answer here was a 500, a stored absurdity, an
 * English JavaScript error, or more than a person should see or do.
 */
describe.each(DRIVERS)('small holes on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let companyA: string;
  let projectX: string;
  let flatX: string;
  let flatsA: string[];

  beforeAll(async () => {
    t = await startTestApp(driver, { RATE_LIMIT_BINDING: '5/60', RATE_LIMIT_BINDING_IP: '1000/60' });
    const seed = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    companyA = seed.companyId;
    // Another company with one compound, one flat and its own HQ.
    const x = await t.ds.getRepository(Company).save({ name: '别家物业有限公司' });
    projectX = (
      await t.ds.getRepository(Project).save({ companyId: x.id, name: '别家花园', address: '别处路 1 号' })
    ).id;
    const building = await t.ds.getRepository(Building).save({ projectId: projectX, name: '1栋', sort: 1 });
    const unit = await t.ds.getRepository(Unit).save({ buildingId: building.id, name: '1单元', sort: 1 });
    flatX = (
      await t.ds
        .getRepository(Household)
        .save({ projectId: projectX, unitId: unit.id, room: '101', label: '别家1栋1单元101' })
    ).id;
    await t.ds.getRepository(User).save({
      companyId: x.id,
      projectId: null,
      departmentId: null,
      kind: 'staff',
      role: 'hq',
      name: '别家总部',
      phone: null,
      openid: null,
      demoKey: 'hq-x',
    });
    flatsA = (
      await t.ds.getRepository(Household).find({ where: { projectId: seed.id }, order: { label: 'ASC' } })
    )
      .slice(10, 15)
      .map((h) => h.id);
    for (const k of [
      'resident-1',
      'resident-2',
      'resident-3',
      'resident-new',
      'pm',
      'hq',
      'hq-x',
      'front-desk',
    ])
      tok[k] = await t.login(k);
  });
  afterAll(() => t?.close());

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });

  it('answers 400 in Chinese, not 500, for a household profile update with nothing in it', async () => {
    const h = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' });
    const res = await t.http.put(`/api/households/${h.id}/profile`).set(as('front-desk')).send({});
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('请填写要修改的内容：重点客户类型、特殊需求、入住日期或紧急联系人');
    // Something to change still works.
    const ok = await t.http
      .put(`/api/households/${h.id}/profile`)
      .set(as('front-desk'))
      .send({ specialNeeds: '行动不便' })
      .expect(200);
    expect(ok.body.specialNeeds).toBe('行动不便');
  });

  it("bounds a price item's sort (0–9999), creating and editing", async () => {
    const add = (sort: unknown) =>
      t.http
        .post('/api/pay/price-items')
        .set(as('pm'))
        .send({ kind: 'labour', name: '疏通下水道', priceFen: 5000, sort });
    for (const [sort, message] of [
      [1e308, '排序不能大于 9999'],
      [2147483648, '排序不能大于 9999'],
      [-1, '排序不能为负数'],
      [1.5, '排序须为整数'],
    ] as const) {
      const res = await add(sort);
      expect({ sort, status: res.status, message: res.body.message }).toEqual({
        sort,
        status: 400,
        message: [message],
      });
    }
    const item = (await add(20).expect(201)).body;
    expect(item.sort).toBe(20);
    const put = await t.http.put(`/api/pay/price-items/${item.id}`).set(as('pm')).send({ sort: 1e308 });
    expect(put.status).toBe(400);
    expect(put.body.message).toEqual(['排序不能大于 9999']);
    const stored = await t.ds.query('SELECT sort FROM price_items WHERE id = ?', [item.id]);
    expect(Number(stored[0].sort)).toBe(20);
  });

  it('refuses field names an object inherits (hasOwnProperty, toString …) like any unknown field', async () => {
    for (const key of [
      'hasOwnProperty',
      'toString',
      'valueOf',
      'constructor',
      '__proto__',
      'isPrototypeOf',
    ]) {
      const res = await t.http
        .post('/api/bindings')
        .set(as('resident-1'))
        .set('Content-Type', 'application/json')
        .send(`{"code":"ABCDEFGH","${key}":"x"}`);
      expect({ key, status: res.status, message: res.body.message }).toEqual({
        key,
        status: 400,
        message: `不支持的字段：${key}`,
      });
    }
  });

  it('never ends a 400 in an English JavaScript error', async () => {
    const project = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    const english =
      /Cannot read|properties of|is not (?:a function|iterable)|undefined|bad time limit|no such day|is both/;
    for (const [who, path, body] of [
      ['pm', `/api/projects/${project.id}/clock-settings`, { deadlineRules: { replyByChannel: [null] } }],
      ['pm', `/api/projects/${project.id}/clock-settings`, { deadlineRules: { repairByClass: 'x' } }],
      [
        'pm',
        `/api/projects/${project.id}/clock-settings`,
        { deadlineRules: { replyByChannel: { email: { type: 'working_days', days: -1 } } } },
      ],
      ['hq', '/api/company/calendar', { extraHolidays: [null] }],
      ['hq', '/api/company/calendar', { extraHolidays: ['2026-10-09'], extraWorkdays: ['2026-10-09'] }],
      ['hq', '/api/company/calendar', { extraWorkdays: ['2026-13-01'] }],
    ] as const) {
      const res = await t.http.put(path).set(as(who)).send(body);
      const message = [res.body.message].flat().join(' ');
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
      expect({ body, message, english: english.test(message) }).toEqual({ body, message, english: false });
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const cal = await t.http
      .put('/api/company/calendar')
      .set(as('hq'))
      .send({ extraWorkdays: ['2026-13-01'] });
    // The policy's check names the entry and says what a date looks like (docs/policy.md "Bounds").
    expect(cal.body.message).toBe(
      '公司工作日第1项日期格式不正确（应为 2026-10-09，2000–2100年；名称不超过20字）',
    );
    // A rule's own Chinese message, naming the field, still comes through.
    const visits = await t.http
      .put('/api/visits/rules')
      .set(as('pm'))
      .send({ overrides: { repair: { plumbing: { visits: [] } } } });
    expect(visits.status).toBe(400);
    expect(visits.body.message).toMatch(/^回访规则 repair\.plumbing\.visits 不正确/);
    const limit = await t.http
      .put(`/api/projects/${project.id}/clock-settings`)
      .set(as('pm'))
      .send({ deadlineRules: { replyByChannel: { email: { type: 'working_days', days: -1 } } } });
    expect(limit.body.message).toBe('电子邮件答复时限（个工作日）应为 0 至 60 之间的整数');
  });

  it("lists only the person's own company's compounds; a resident in no company yet sees them all", async () => {
    const names = async (who: string) =>
      (await t.http.get('/api/org/projects').set(as(who)).expect(200)).body.map(
        (p: { name: string }) => p.name,
      );
    expect(await names('resident-1')).toEqual(['阳光花园']);
    expect(await names('front-desk')).toEqual(['阳光花园']);
    expect(await names('hq')).toEqual(['阳光花园']);
    expect(await names('hq-x')).toEqual(['别家花园']);
    expect((await names('resident-new')).sort()).toEqual(['别家花园', '阳光花园'].sort());
    expect(companyA).toBeTruthy();
  });

  it("does not let a resident apply for another company's flat, nor pile up applications", async () => {
    const apply = (who: string, householdId: string) =>
      t.http.post('/api/bindings').set(as(who)).send({ householdId, name: '申请人', phone: '13800001111' });
    // resident-1 lives in 阳光花园: 别家物业's front desk would see the name and phone of a stranger.
    const foreign = await apply('resident-1', flatX);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toBe('这户房屋不归您所在的物业公司管理，请到该小区客服前台领取绑定码后绑定');
    expect(await t.ds.getRepository(HouseholdBinding).countBy({ householdId: flatX })).toBe(0);
    // Three applications may wait at once; the fourth waits for the front desk.
    for (const h of flatsA.slice(0, 3)) expect((await apply('resident-3', h)).status).toBe(201);
    const fourth = await apply('resident-3', flatsA[3]);
    expect(fourth.status).toBe(409);
    expect(fourth.body.message).toBe('您已有 3 个绑定申请在等待审核，请等物业审核后再申请其他房屋');
    const resident3 = await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'resident-3' });
    expect(
      await t.ds.getRepository(HouseholdBinding).countBy({ userId: resident3.id, status: 'pending' }),
    ).toBe(3);
  });

  it('rate-limits POST /api/bindings per person (RATE_LIMIT_BINDING), e.g. guessing binding codes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.http
        .post('/api/bindings')
        .set(as('resident-2'))
        .send({ code: `WRONG${String(i).padStart(3, '2')}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(res.body.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/);
      }
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });
});
