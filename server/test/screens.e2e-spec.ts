import { Workbook } from 'exceljs';
import { Household, HouseholdBinding, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>;

/**
 * The staff screens that close loops (issue 26): binding approvals that tell both sides, the front desk's
 * search and 我登记的, and a 服务上移 that reaches someone and keeps a deadline.
 */
describe.each(DRIVERS)('staff screens that close every loop on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of [
      'resident-1',
      'resident-3',
      'resident-new',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'hq',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
  });
  afterAll(() => t?.close());

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const get = (path: string, who: string) => t.http.get(path).set(as(who));
  const post = (path: string, who: string, body: object = {}) => t.http.post(path).set(as(who)).send(body);
  const file = async (who: string, body: Json) => {
    const res = await post('/api/tickets', who, body).set('Idempotency-Key', idemKey());
    if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const act = async (id: string, who: string, body: Json) => {
    const { version } = (await get(`/api/tickets/${id}`, 'cs-lead').expect(200)).body;
    return post(`/api/tickets/${id}/actions`, who, { version, ...body });
  };
  const notices = async (who: string) =>
    (await get('/api/notifications?pageSize=50', who).expect(200)).body.items as Json[];
  const household = async (label: string) =>
    (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;

  describe('household bindings', () => {
    it('tells the service centre of an application, and the resident of the approval', async () => {
      const h = await household('2栋1单元101');
      const applied = await post('/api/bindings', 'resident-new', {
        householdId: h,
        relation: 'tenant',
        name: '新住户',
        phone: '13811112222',
      }).expect(201);
      expect(applied.body.status).toBe('pending');
      // The front desk, the lead and the manager hear of it; an engineer does not.
      for (const who of ['front-desk', 'cs-lead', 'pm']) {
        const n = (await notices(who)).find((x) => x.kind === 'binding');
        expect(n).toMatchObject({
          title: '待审核：2栋1单元101 绑定申请',
          page: '/staff/pages/bindings/index',
        });
      }
      expect((await notices('eng-1')).some((x) => x.kind === 'binding')).toBe(false);
      const pending = (await get('/api/bindings/pending', 'front-desk').expect(200)).body as Json[];
      expect(pending.find((p) => p.id === applied.body.id)).toMatchObject({
        phone: '13811112222',
        relation: 'tenant',
        household: { label: '2栋1单元101' },
      });

      const ok = await post(`/api/bindings/${applied.body.id}/approve`, 'front-desk', {
        note: '已核对租赁合同',
      }).expect(200);
      expect(ok.body).toMatchObject({ status: 'approved', decisionNote: '已核对租赁合同' });
      const told = (await notices('resident-new')).find((x) => x.kind === 'binding_approved');
      expect(told).toMatchObject({ title: '房屋绑定已通过：2栋1单元101', page: '/pages/file/index' });
      expect(told!.body).toContain('已核对租赁合同');
      // Gone from the list; deciding twice is refused.
      expect(
        ((await get('/api/bindings/pending', 'cs-lead').expect(200)).body as Json[]).some(
          (p) => p.id === applied.body.id,
        ),
      ).toBe(false);
      await post(`/api/bindings/${applied.body.id}/reject`, 'cs-lead', { note: '重复' }).expect(409);
    });

    it('refuses only with a reason, which the resident reads', async () => {
      const h = await household('2栋1单元102');
      const applied = (
        await post('/api/bindings', 'resident-new', {
          householdId: h,
          relation: 'owner',
          name: '新住户',
        }).expect(201)
      ).body;
      const bare = await post(`/api/bindings/${applied.id}/reject`, 'cs-lead', { note: '  ' }).expect(400);
      expect(bare.body.message).toBe('请填写驳回原因，住户会看到');
      await post(`/api/bindings/${applied.id}/reject`, 'eng-1', { note: '不是业主' }).expect(403);
      const no = await post(`/api/bindings/${applied.id}/reject`, 'cs-lead', {
        note: '产权人登记信息不符',
      }).expect(200);
      expect(no.body.status).toBe('rejected');
      const told = (await notices('resident-new')).find((x) => x.kind === 'binding_rejected');
      expect(told).toMatchObject({ title: '房屋绑定未通过：2栋1单元102', page: '/pages/bind/index' });
      expect(told!.body).toContain('产权人登记信息不符');
      const row = await t.ds.getRepository(HouseholdBinding).findOneByOrFail({ id: applied.id });
      expect(row).toMatchObject({ decidedById: ids['cs-lead'], decisionNote: '产权人登记信息不符' });
    });

    it("issues a household's one-time 登记码 at the centre only", async () => {
      const h = await household('2栋1单元102');
      const code = (await post(`/api/households/${h}/codes`, 'front-desk').expect(201)).body;
      expect(code).toMatchObject({ code: expect.stringMatching(/^[A-Z2-9]{8}$/), household: { id: h } });
      await post(`/api/households/${h}/codes`, 'eng-1').expect(403);
      const bound = await post('/api/bindings', 'resident-new', { code: code.code }).expect(201);
      expect(bound.body.status).toBe('approved');
    });
  });

  describe('front desk search and 我登记的', () => {
    let phoneTicket: Json;
    let ownTicket: Json;
    beforeAll(async () => {
      phoneTicket = await file('front-desk', {
        kind: 'complaint',
        channel: 'phone',
        content: '北门岗亭晚上没人值班，外来车辆随便进',
        location: '北门岗亭',
        contactName: '赵先生',
        contactPhone: '13700004321',
      });
      ownTicket = await file('resident-1', {
        kind: 'repair',
        content: '厨房水槽下水很慢，需要疏通',
        householdId: await household('1栋1单元101'),
      });
      await file('front-desk', {
        kind: 'complaint',
        channel: 'phone',
        anonymous: true,
        content: '有人在楼道里堆放杂物（匿名）',
        location: '5栋楼道',
        contactPhone: '13700009999',
      });
    });
    const search = async (query: string, who = 'front-desk') =>
      (await get(`/api/staff/search?${query}`, who).expect(200)).body;

    it('finds what the front desk registered, whatever its status, under 我登记的', async () => {
      await act(phoneTicket.id, 'cs-lead', { action: 'cancel', reason: '住户来电撤销' }).then((r) =>
        expect(r.status).toBe(200),
      );
      const mine = await search('registered=true');
      expect(mine.items.map((i: Json) => i.id)).toContain(phoneTicket.id);
      expect(mine.items.map((i: Json) => i.id)).not.toContain(ownTicket.id);
      expect(mine.items.find((i: Json) => i.id === phoneTicket.id)).toMatchObject({ status: 'cancelled' });
      // The lead registered nothing.
      expect((await search('registered=true', 'cs-lead')).total).toBe(0);
    });

    it('searches by number, phone tail, address and words, with filters', async () => {
      const ids = async (q: string) => (await search(q)).items.map((i: Json) => i.id);
      expect(await ids(`q=${encodeURIComponent(phoneTicket.number)}`)).toEqual([phoneTicket.id]);
      expect(await ids('q=4321')).toEqual([phoneTicket.id]);
      // Anonymous callers are not found by their number.
      expect(await ids('q=9999')).toEqual([]);
      expect(await ids(`q=${encodeURIComponent('1栋1单元101')}`)).toContain(ownTicket.id);
      expect(await ids(`q=${encodeURIComponent('岗亭')}`)).toEqual([phoneTicket.id]);
      expect(await ids(`q=${encodeURIComponent('水槽')}&kind=repair&status=open`)).toEqual([ownTicket.id]);
      expect(await ids(`q=${encodeURIComponent('水槽')}&kind=complaint`)).toEqual([]);
      expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect(await ids(`q=${encodeURIComponent('水槽')}&from=${today}&to=${today}`)).toEqual([ownTicket.id]);
      expect(await ids(`q=${encodeURIComponent('水槽')}&to=2020-01-01`)).toEqual([]);
      // An engineer sees only his own part of the project.
      expect((await search(`q=${encodeURIComponent('岗亭')}`, 'eng-1')).items).toEqual([]);
      const bad = await get('/api/staff/search?status=whatever&from=2026/1/1', 'front-desk').expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining(['没有这个工单状态', '开始日期格式应为 YYYY-MM-DD']),
      );
      await get('/api/staff/search?q=x', 'resident-1').expect(403);
    });
  });

  describe('服务上移', () => {
    it('tells the project manager, puts it in his 我的待办 and keeps the reply deadline', async () => {
      const c = await file('resident-1', {
        kind: 'complaint',
        content: '物业费涨价没有公示，我要求给个说法',
        householdId: await household('1栋1单元101'),
      });
      const before = await t.ds.getRepository(Ticket).findOneByOrFail({ id: c.id });
      expect(before.replyDueAt).toBeTruthy();
      const res = await act(c.id, 'front-desk', {
        action: 'escalate',
        escalateTo: 'project_manager',
        reason: '住户情绪激动，要求经理出面',
      });
      expect(res.status).toBe(200);
      const after = await t.ds.getRepository(Ticket).findOneByOrFail({ id: c.id });
      expect(after.escalationLevel).toBe('project_manager');
      // Passing it up is no reply to the resident: the reply deadline keeps running.
      expect(after.repliedAt).toBeNull();
      expect(after.dueAt?.getTime()).toBe(before.replyDueAt!.getTime());
      const n = (await notices('pm')).find((x) => x.kind === 'escalated' && x.ticketId === c.id);
      expect(n).toMatchObject({
        title: `服务上移：${c.number}`,
        page: `/staff/pages/ticket/index?id=${c.id}`,
      });
      expect(n!.body).toContain('李晓梅将投诉上移给项目经理');
      expect((await notices('front-desk')).some((x) => x.kind === 'escalated' && x.ticketId === c.id)).toBe(
        false,
      );
      const queue = (await get('/api/staff/queue?scope=mine', 'pm').expect(200)).body.items as Json[];
      expect(queue.find((i) => i.id === c.id)).toMatchObject({
        escalationLevel: 'project_manager',
        dueAt: before.replyDueAt!.toISOString(),
      });
      // Not in the lead's own list: it went past him.
      const lead = (await get('/api/staff/queue?scope=mine', 'cs-lead').expect(200)).body.items as Json[];
      expect(lead.some((i) => i.id === c.id)).toBe(false);
    });

    it('gives the person it goes to a fresh 24 hours when no deadline was left running', async () => {
      // A suggestion answered already: its reply deadline is met and it has no handling deadline (a complaint
      // always has one since every complaint gets a handling deadline at intake), so nothing is on the clock.
      const c = await file('resident-1', {
        kind: 'suggestion',
        content: '建议装修管理规定贴到每个单元门口，楼上装修噪音一直没人管',
        householdId: await household('1栋1单元101'),
      });
      expect(
        (await act(c.id, 'front-desk', { action: 'progress_note', note: '已记录，马上联系装修户' })).status,
      ).toBe(200);
      const answered = await t.ds.getRepository(Ticket).findOneByOrFail({ id: c.id });
      expect(answered.repliedAt).toBeTruthy();
      expect(answered.dueAt).toBeNull();
      const at = Date.now();
      expect(
        (
          await act(c.id, 'front-desk', {
            action: 'escalate',
            escalateTo: 'cs_lead',
            reason: '装修户拒不配合',
          })
        ).status,
      ).toBe(200);
      const after = await t.ds.getRepository(Ticket).findOneByOrFail({ id: c.id });
      expect(after.dueAt).toBeTruthy();
      expect(Math.abs(after.dueAt!.getTime() - (at + 24 * 3600_000))).toBeLessThan(60_000);
      const event = await t.ds
        .getRepository(TicketEvent)
        .findOneByOrFail({ ticketId: c.id, action: 'escalate' });
      expect(JSON.parse(event.data!)).toMatchObject({
        escalateTo: 'cs_lead',
        renewedDueAt: expect.any(String),
      });
      const queue = (await get('/api/staff/queue?scope=mine', 'cs-lead').expect(200)).body.items as Json[];
      expect(queue.find((i) => i.id === c.id)?.dueAt).toBe(after.dueAt!.toISOString());
      expect((await notices('cs-lead')).some((x) => x.kind === 'escalated' && x.ticketId === c.id)).toBe(
        true,
      );
    });
  });

  describe('重点客户 / 特殊需求台账', () => {
    it('keeps emergency contacts on the profile and lists the ledger by reason, needs and words', async () => {
      const frail = await household('3栋1单元302');
      const put = await t.http
        .put(`/api/households/${frail}/profile`)
        .set(as('front-desk'))
        .send({
          specialNeeds: '家中有制氧机，停电须提前电话告知',
          emergencyContacts: [{ name: '何小军', phone: '13600000001', relation: '儿子' }],
        })
        .expect(200);
      expect(put.body.emergencyContacts).toEqual([
        { name: '何小军', phone: '13600000001', relation: '儿子' },
      ]);
      const tooMany = await t.http
        .put(`/api/households/${frail}/profile`)
        .set(as('front-desk'))
        .send({ emergencyContacts: [1, 2, 3, 4].map((n) => ({ name: `联系人${n}`, phone: '13600000001' })) })
        .expect(400);
      expect(tooMany.body.message).toEqual(['紧急联系人最多 3 位']);
      await t.http
        .put(`/api/households/${frail}/profile`)
        .set(as('front-desk'))
        .send({ emergencyContacts: [{ name: '何小军', phone: 'abc' }] })
        .expect(400);

      const ledger = async (query: string, who = 'front-desk') =>
        (await get(`/api/households/ledger${query}`, who).expect(200)).body;
      const all = await ledger('');
      const row = all.items.find((i: Json) => i.household.label === '3栋1单元302');
      expect(row).toMatchObject({
        specialNeeds: '家中有制氧机，停电须提前电话告知',
        emergencyContacts: [{ name: '何小军', phone: '13600000001' }],
        residents: [expect.objectContaining({ name: '何阿姨', phone: expect.any(String) })],
      });
      expect(row.keyCustomerReasons.length).toBeGreaterThan(0);
      // 2栋2单元602 is on the owners' committee (the demo data): found by its reason, not by the other's.
      const committee = await ledger('?reason=owners_committee');
      expect(committee.items.map((i: Json) => i.household.label)).toContain('2栋2单元602');
      expect(committee.items.map((i: Json) => i.household.label)).not.toContain('3栋1单元302');
      expect((await ledger('?specialNeeds=true')).items.map((i: Json) => i.household.label)).toEqual([
        '3栋1单元302',
      ]);
      expect((await ledger(`?q=${encodeURIComponent('制氧机')}`)).total).toBe(1);
      await get('/api/households/ledger?reason=vip', 'front-desk').expect(400);
      await get('/api/households/ledger', 'eng-1').expect(403);
      await get('/api/households/ledger', 'resident-1').expect(403);
    });

    it('exports the ledger to Excel for the service centre', async () => {
      const link = (await post('/api/reports/exports', 'front-desk', { report: 'ledger' }).expect(201)).body;
      expect(link.filename).toBe('重点客户及特殊需求台账.xlsx');
      await post('/api/reports/exports', 'eng-1', { report: 'ledger' }).expect(403);
      const res = await t.http
        .get(link.url)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(res.body);
      const ws = wb.getWorksheet('台账')!;
      expect(String(ws.getCell('A1').value)).toBe('阳光花园重点客户及特殊需求台账');
      const rows: unknown[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      const frail = rows.find((r) => r[1] === '3栋1单元302')!;
      expect(frail[3]).toBe('家中有制氧机，停电须提前电话告知');
      expect(frail[4]).toBe('何小军（儿子） 13600000001');
    });

    it("puts the household's emergency contacts on an emergency ticket, for staff only", async () => {
      const e = await file('resident-3', {
        kind: 'repair',
        content: '家里闻到很浓的煤气味，快来人',
        householdId: await household('3栋1单元302'),
      });
      const staffView = (await get(`/api/tickets/${e.id}`, 'cs-lead').expect(200)).body;
      expect(staffView.flags.emergency).toBe(true);
      expect(staffView.emergencyContacts).toEqual([
        { name: '何小军', phone: '13600000001', relation: '儿子' },
      ]);
      const own = (await get(`/api/tickets/${e.id}`, 'resident-3').expect(200)).body;
      expect(own.emergencyContacts).toBeUndefined();
      // Not an emergency: nothing extra.
      const plain = await file('resident-3', {
        kind: 'repair',
        content: '阳台晾衣架松了',
        householdId: await household('3栋1单元302'),
      });
      expect(
        (await get(`/api/tickets/${plain.id}`, 'cs-lead').expect(200)).body.emergencyContacts,
      ).toBeUndefined();
    });
  });
});
