import { Workbook } from 'exceljs';
import { monthOf } from '@wuye/shared';
import { Household, User } from '../src/org/entities';
import { PrivacyAccessLog, TicketCallback } from '../src/privacy/entities';
import { Ticket } from '../src/tickets/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/**
 * What each person sees (docs/domain-rules.md "What each person sees"): anonymous complaints stay anonymous,
 * internal records stay internal, what a resident reads is checked, the public notice carries no personal data,
 * residents see outcomes, and the emergency path offers the duty phone.
 */
describe.each(DRIVERS)('privacy and trust on %s', (driver) => {
  let t: TestApp;
  let household1: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of ['resident-1', 'resident-2', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'eng-2', 'hq']) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t?.close());

  const auth = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const file = (body: Record<string, unknown>, who = 'resident-1') =>
    t.http.post('/api/tickets').set(auth(who)).set('Idempotency-Key', idemKey()).send(body);
  const get = async (path: string, who: string, status = 200) =>
    (await t.http.get(path).set(auth(who)).expect(status)).body;
  const act = async (id: string, who: string, body: Record<string, unknown>, status = 200) => {
    const { version } = await get(`/api/tickets/${id}`, 'cs-lead');
    const res = await t.http
      .post(`/api/tickets/${id}/actions`)
      .set(auth(who))
      .send({ version, ...body });
    if (res.status !== status)
      throw new Error(`${who} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  describe('1. anonymous complaints', () => {
    let anon: { id: string };

    beforeAll(async () => {
      // An older mini-program may still send the flat along with 匿名: it is not kept.
      const res = await file({
        kind: 'complaint',
        content: '楼上半夜拖椅子，吵得睡不着',
        householdId: household1,
        anonymous: true,
        callbackPhone: '13912345678',
      }).expect(201);
      anon = res.body;
      await act(anon.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    });

    it('keeps no household on the ticket, and staff see neither household, person nor rank', async () => {
      expect((await t.ds.getRepository(Ticket).findOneByOrFail({ id: anon.id })).householdId).toBeNull();
      for (const who of ['front-desk', 'cs-lead', 'pm', 'eng-1', 'hq']) {
        const v = await get(`/api/tickets/${anon.id}`, who);
        expect({ who, household: v.household, contact: v.contact, reason: v.priorityReason ?? null }).toEqual(
          {
            who,
            household: null,
            contact: null,
            reason: null,
          },
        );
        expect(JSON.stringify(v)).not.toContain('1栋1单元101');
        expect(JSON.stringify(v)).not.toContain('13912345678');
        expect(v.events[0].actorName).toBe('匿名住户');
      }
      // the resident still finds it under 我的反馈
      expect((await get('/api/tickets', 'resident-1')).items.map((i: { id: string }) => i.id)).toContain(
        anon.id,
      );
    });

    it('shows no household in queues and lists, also for an older anonymous ticket that still holds one', async () => {
      const old = (
        await file({ kind: 'complaint', content: '旧版本匿名投诉', householdId: household1 }).expect(201)
      ).body;
      await t.ds.getRepository(Ticket).update({ id: old.id }, { anonymous: true });
      for (const id of [anon.id, old.id]) {
        const queue = await get('/api/staff/queue?scope=project&pageSize=50', 'cs-lead');
        const item = queue.items.find((i: { id: string }) => i.id === id);
        expect(item).toMatchObject({ household: null, anonymous: true, priorityReason: null });
        const list = await get('/api/tickets?pageSize=50', 'cs-lead');
        expect(list.items.find((i: { id: string }) => i.id === id).household).toBeNull();
        expect(
          (await get(`/api/tickets/${id}`, 'eng-1', id === anon.id ? 200 : 404)).household ?? null,
        ).toBeNull();
        expect((await get(`/api/tickets/${id}`, 'front-desk')).household).toBeNull();
      }
    });

    it('shows the call-back number to the customer-service lead only, and logs each view', async () => {
      for (const who of ['front-desk', 'pm', 'eng-1', 'hq'])
        await get(`/api/tickets/${anon.id}/callback-phone`, who, 403);
      expect((await get(`/api/tickets/${anon.id}`, 'cs-lead')).hasCallbackPhone).toBe(true);
      expect((await get(`/api/tickets/${anon.id}`, 'front-desk')).hasCallbackPhone).toBeUndefined();
      expect(await t.ds.getRepository(PrivacyAccessLog).countBy({ ticketId: anon.id })).toBe(0);
      const seen = await get(`/api/tickets/${anon.id}/callback-phone`, 'cs-lead');
      expect(seen.phone).toBe('13912345678');
      const logs = await t.ds.getRepository(PrivacyAccessLog).findBy({ ticketId: anon.id });
      expect(logs).toEqual([
        expect.objectContaining({ viewerId: ids['cs-lead'], viewerRole: 'cs_lead', what: 'callback_phone' }),
      ]);
      const log = await get(`/api/tickets/${anon.id}/access-log`, 'pm');
      expect(log).toEqual([expect.objectContaining({ viewerRole: 'cs_lead', what: 'callback_phone' })]);
      await get(`/api/tickets/${anon.id}/access-log`, 'front-desk', 403);
      expect(await t.ds.getRepository(TicketCallback).countBy({ ticketId: anon.id })).toBe(1);
    });

    it('never requires a room or a name for a complaint; a call-back number only with 匿名', async () => {
      await file({ kind: 'complaint', content: '邻居家的狗天天晚上叫', anonymous: true }).expect(201);
      await file({ kind: 'complaint', content: '邻居装修把我家墙弄裂了' }).expect(201);
      await file({ kind: 'repair', content: '水管漏水' }).expect(400);
      const res = await file({ kind: 'complaint', content: '楼下烧烤油烟大', callbackPhone: '13912345678' });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('匿名');
    });
  });

  describe('2. internal stays internal / 5. outcomes, not internals', () => {
    it('the resident reads an escalation and the routing as labels, never their reasons', async () => {
      const ticket = (
        await file({
          kind: 'complaint',
          content: '电梯三天两头坏，物业到底管不管',
          householdId: household1,
        }).expect(201)
      ).body;
      await act(ticket.id, 'front-desk', {
        action: 'escalate',
        escalateTo: 'cs_lead',
        reason: '业主情绪激动，反复拍桌子，需主管出面',
      });
      await act(ticket.id, 'cs-lead', { action: 'internal_note', note: '该户去年起诉过物业' });
      await act(ticket.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
      await act(ticket.id, 'eng-1', {
        action: 'transfer',
        assigneeId: ids['eng-2'],
        reason: '换人跟进：原处理人休假',
      });
      await act(ticket.id, 'eng-2', { action: 'start' });
      await act(ticket.id, 'eng-2', { action: 'progress_note', note: '已联系电梯维保单位，明天上午检修' });

      const mine = await get(`/api/tickets/${ticket.id}`, 'resident-1');
      const text = JSON.stringify(mine);
      for (const secret of ['情绪激动', '拍桌子', '起诉', '置信度', '服务上移', 'confidence', '换人跟进'])
        expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
      const labels = mine.events.map((e: { label: string }) => e.label);
      expect(labels).toContain('已请上级主管跟进');
      expect(mine.events.find((e: { action: string }) => e.action === 'escalate').note).toBeNull();
      // what is written for the resident reaches them
      expect(mine.events.find((e: { action: string }) => e.action === 'progress_note').note).toBe(
        '已联系电梯维保单位，明天上午检修',
      );
      // the department in words; no classifier details
      expect(mine.department.name).toBe('工程部');
      expect(mine.classification).toBeUndefined();
      expect(mine.category).toBeUndefined();
      // staff still read every reason
      const staff = JSON.stringify(await get(`/api/tickets/${ticket.id}`, 'cs-lead'));
      for (const s of ['情绪激动', '起诉']) expect(staff).toContain(s);
    });

    it('the automatic assignment keeps its classifier reasoning from the resident', async () => {
      await t.settings('UPDATE projects SET autoRoute = ?', [true]);
      try {
        const ticket = (
          await file({
            kind: 'complaint',
            content: '3栋电梯又坏了，困了两个人',
            householdId: household1,
          }).expect(201)
        ).body;
        const mine = JSON.stringify(await get(`/api/tickets/${ticket.id}`, 'resident-1'));
        const staff = await get(`/api/tickets/${ticket.id}`, 'cs-lead');
        const assign = staff.events.find((e: { action: string }) => e.action === 'assign');
        if (assign) expect(assign.note).toMatch(/派至/);
        expect(mine).not.toMatch(/置信度|confidence|按最终原因/);
        const preview = await t.http
          .post('/api/classification/preview')
          .set(auth('resident-1'))
          .send({ text: '3栋电梯又坏了', kind: 'complaint' })
          .expect(200);
        expect(preview.body.confidence).toBeUndefined();
        expect(preview.body.department).toMatch(/部$/);
      } finally {
        await t.settings('UPDATE projects SET autoRoute = ?', [false]);
      }
    });
  });

  describe('3. everything a resident reads is checked', () => {
    let id: string;
    beforeAll(async () => {
      id = (await file({ kind: 'repair', content: '客厅灯不亮了', householdId: household1 }).expect(201)).body
        .id;
      await act(id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
      await act(id, 'eng-1', { action: 'start' });
    });

    it.each(['这不归我们管', '我也没办法', '你找开发商去'])(
      'refuses a plan with "%s" and names the better wording',
      async (p) => {
        const res = await act(id, 'eng-1', { action: 'propose_solution', note: `您好，${p}。` }, 400);
        expect(res.code).toBe('forbidden_phrase');
        expect(res.message).toContain('建议改为');
        expect(res.hits[0].better.length).toBeGreaterThan(5);
      },
    );

    it('refuses a text with an unfilled placeholder, and says which', async () => {
      const res = await act(
        id,
        'eng-1',
        { action: 'progress_note', note: '师傅将于{时间}到{区域}处理' },
        400,
      );
      expect(res).toMatchObject({ code: 'unfilled_placeholder', placeholders: ['时间', '区域'] });
      expect(res.message).toContain('{时间}');
    });

    it('staff read staff wording; the resident reads theirs', async () => {
      await act(id, 'eng-1', { action: 'propose_solution', note: '今天下午3点上门更换灯管。' });
      expect((await get(`/api/tickets/${id}`, 'eng-1')).statusLabel).toBe('方案待业主确认');
      expect((await get(`/api/tickets/${id}`, 'resident-1')).statusLabel).toBe('方案待您确认');
      const queue = await get('/api/staff/queue?scope=mine', 'eng-1');
      expect(queue.items.find((i: { id: string }) => i.id === id).statusLabel).toBe('方案待业主确认');
    });

    it('the forbidden phrases are a list the company edits, bounded', async () => {
      const seeded = await get('/api/forbidden-phrases', 'front-desk');
      expect(seeded.items.map((i: { phrase: string }) => i.phrase)).toEqual(
        expect.arrayContaining(['这不归我们管', '我也没办法', '你找开发商去', '这是公司的规定']),
      );
      expect(seeded.items.every((i: { better: string }) => i.better.length > 0)).toBe(true);
      const items = [...seeded.items, { phrase: '等着吧', better: '我们今天下班前一定给您答复。' }];
      await t.http.put('/api/forbidden-phrases').set(auth('front-desk')).send({ items }).expect(403);
      const saved = await t.http.put('/api/forbidden-phrases').set(auth('cs-lead')).send({ items });
      expect([saved.status, saved.body.message]).toEqual([200, undefined]);
      const check = await t.http
        .post('/api/reply-check')
        .set(auth('eng-1'))
        .send({ text: '您先等着吧' })
        .expect(200);
      expect(check.body.hits[0].better).toBe('我们今天下班前一定给您答复。');
      const res = await act(id, 'cs-lead', { action: 'progress_note', note: '您先等着吧' }, 400);
      expect(res.code).toBe('forbidden_phrase');
      // bounds: how many, how long, never empty
      const many = Array.from({ length: 201 }, (_, i) => ({ phrase: `禁语${i}号`, better: '好' }));
      await t.http.put('/api/forbidden-phrases').set(auth('cs-lead')).send({ items: many }).expect(400);
      await t.http
        .put('/api/forbidden-phrases')
        .set(auth('cs-lead'))
        .send({ items: [{ phrase: '长'.repeat(41), better: '好' }] })
        .expect(400);
      await t.http
        .put('/api/forbidden-phrases')
        .set(auth('cs-lead'))
        .send({ items: [{ phrase: '等着吧', better: 'x'.repeat(201) }] })
        .expect(400);
      await t.http.put('/api/forbidden-phrases').set(auth('cs-lead')).send({ items: [] }).expect(400);
      // staff-only texts are staff's own business
      await act(id, 'cs-lead', { action: 'internal_note', note: '业主原话：你们就会说等着吧' });
    });
  });

  describe('4. the monthly public notice', () => {
    it('carries no personal data, is approved by the project manager, and the Excel follows the same rules', async () => {
      const resident2 = await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'resident-2' });
      const neighbour = resident2.name;
      const dispute = (
        await file({
          kind: 'complaint',
          content: `楼上${neighbour}家的狗天天晚上叫，我电话13812345678，微信wxid_abc12345，车牌沪A12345`,
        }).expect(201)
      ).body;
      await t.ds.getRepository(Ticket).update({ id: dispute.id }, { category: '业户纠纷类' });
      const hall = (
        await file({
          kind: 'complaint',
          content: '大堂天花板掉灰，请联系１３９ ００００ １１１１',
          location: '2栋大堂',
        }).expect(201)
      ).body;
      await act(hall.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
      await act(hall.id, 'eng-1', { action: 'start' });
      await act(hall.id, 'eng-1', {
        action: 'mark_handled',
        note: '已修补，302天花板修补费由开发商承担，联系人王建国 138****1234',
        cause: { factor: 'material', sub: 'durability' },
      });
      const month = monthOf(new Date());
      const preview = await get(`/api/reports/notice?month=${month}`, 'pm');
      const text = JSON.stringify(preview);
      expect(text).toContain('狗');
      expect(text).toContain('天花板');
      for (const secret of [
        neighbour,
        '13812345678',
        'wxid_abc12345',
        '沪A12345',
        '１３９',
        '0000',
        '302',
        '王建国',
        '138****1234',
      ])
        expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });

      // not published until the project manager approves it
      await get(`/api/notice?month=${month}`, 'resident-1', 404);
      await t.http.post('/api/reports/notice/approval').set(auth('cs-lead')).send({ month }).expect(403);
      expect((await get(`/api/reports/notice/approval?month=${month}`, 'pm')).approved).toBe(false);
      await t.http.post('/api/reports/notice/approval').set(auth('pm')).send({ month }).expect(200);
      expect((await get(`/api/reports/notice/approval?month=${month}`, 'cs-lead')).approved).toBe(true);
      const published = await get(`/api/notice?month=${month}`, 'resident-1');
      expect(published.items.length).toBe(preview.items.length);
      expect(JSON.stringify(published)).not.toContain('13812345678');

      const link = (
        await t.http
          .post('/api/reports/exports')
          .set(auth('pm'))
          .send({ report: 'notice', month })
          .expect(201)
      ).body;
      const xlsx = await t.http
        .get(link.url)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const wb = new Workbook();
      await wb.xlsx.load(xlsx.body);
      let all = '';
      wb.eachSheet((ws) => ws.eachRow((row) => (all += JSON.stringify(row.values))));
      expect(all).toContain('狗');
      for (const secret of [neighbour, '13812345678', 'wxid_abc12345', '沪A12345', '302', '王建国'])
        expect({ secret, leaked: all.includes(secret) }).toEqual({ secret, leaked: false });
    });
  });

  describe('6. the emergency path', () => {
    it('accepts 电梯困人 (four characters), files it at once, and the preview offers the duty phone', async () => {
      const preview = await t.http
        .post('/api/classification/preview')
        .set(auth('resident-1'))
        .send({ text: '电梯困人', kind: 'complaint' })
        .expect(200);
      expect(preview.body).toMatchObject({ emergency: true, dutyPhone: '021-58880110' });
      expect(preview.body.emergencyLabel).toEqual(expect.any(String));
      const quiet = await t.http
        .post('/api/classification/preview')
        .set(auth('resident-1'))
        .send({ text: '建议多种些花', kind: 'suggestion' })
        .expect(200);
      expect(quiet.body.dutyPhone).toBeNull();
      const ticket = (
        await file({ kind: 'complaint', content: '电梯困人', householdId: household1 }).expect(201)
      ).body;
      expect(ticket.number).toMatch(/^TS/);
      expect((await get(`/api/tickets/${ticket.id}`, 'cs-lead')).flags.emergency).toBe(true);
      expect(await get('/api/duty-phone', 'resident-1')).toMatchObject({ dutyPhone: '021-58880110' });
      await t.http
        .put(`/api/projects/${(await get('/api/duty-phone', 'pm')).projectId}/duty-phone`)
        .set(auth('front-desk'))
        .send({ dutyPhone: '110' })
        .expect(403);
    });
  });
});
