import sharp from 'sharp';
import { ClockSettingsService } from '../src/clocks/clock-settings.service';
import { IncidentsService } from '../src/incidents/incidents.service';
import { Household } from '../src/org/entities';
import { PhrasesService } from '../src/privacy/phrases.service';
import { DispatchService } from '../src/routing/dispatch.service';
import {
  ResidentTextCheck,
  TicketClockSettings,
  TicketDispatcher,
  TicketIncidents,
} from '../src/tickets/ports';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

describe.each(DRIVERS)('foundation on %s', (driver) => {
  let t: TestApp;
  let resident1: string;
  let resident2: string;
  let household1: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    // These suites drive the flow by hand; automatic routing has its own suite (routing.e2e-spec).
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    resident1 = await t.login('resident-1');
    resident2 = await t.login('resident-2');
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t?.close());

  const file = (token: string, body: Record<string, unknown>, key = idemKey()) =>
    t.http
      .post('/api/tickets')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body);

  describe('schema', () => {
    it('is created by migrations alone: the entities need no further change', async () => {
      const log = await t.ds.driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    });

    it('reports the database in /api/health', async () => {
      const res = await t.http.get('/api/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', database: { type: driver, ok: true } });
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.http.get('/api/docs/json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/tickets', '/api/uploads', '/api/auth/dev-login']),
      );
    });
  });

  describe("the tickets domain's ports", () => {
    it("are the implementing domains' own service instances", () => {
      const ports = [
        [TicketDispatcher, DispatchService],
        [TicketClockSettings, ClockSettingsService],
        [ResidentTextCheck, PhrasesService],
        [TicketIncidents, IncidentsService],
      ] as const;
      // The same instance, not a second one: routing's held picks and the domains' caches stay one.
      for (const [port, impl] of ports) {
        const found = t.app.get<unknown>(port, { strict: false });
        expect(found).toBeInstanceOf(impl);
        expect(found).toBe(t.app.get<unknown>(impl, { strict: false }));
      }
    });
  });

  describe('the demo compound', () => {
    it('has the standard departments and a staff member in every role', async () => {
      const depts = (await t.ds.query('SELECT name FROM departments'))
        .map((r: { name: string }) => r.name)
        .sort();
      expect(depts).toEqual(['品质部', '客服部', '工程部', '环境部', '秩序部'].sort());
      const roles = (await t.ds.query(`SELECT DISTINCT role FROM users WHERE kind = 'staff'`)).map(
        (r: { role: string }) => r.role,
      );
      expect(roles).toEqual(
        expect.arrayContaining(['front_desk', 'dept_staff', 'cs_lead', 'project_manager']),
      );
      expect(await t.ds.getRepository(Household).count()).toBe(72);
    });

    it('lists demo accounts for the development login, residents with their homes', async () => {
      const res = await t.http.get('/api/auth/dev-accounts').expect(200);
      expect(res.body.find((a: { name: string }) => a.name === '林女士')).toMatchObject({
        kind: 'resident',
        householdLabel: '1栋1单元101',
      });
    });

    it('tells a signed-in resident who they are and where they live', async () => {
      const res = await t.http.get('/api/me').set('Authorization', `Bearer ${resident1}`).expect(200);
      expect(res.body).toMatchObject({
        name: '林女士',
        kind: 'resident',
        projectName: '阳光花园',
        households: [{ label: '1栋1单元101' }],
      });
    });

    it('refuses requests without a valid token', async () => {
      await t.http.get('/api/tickets').expect(401);
      const res = await t.http.get('/api/tickets').set('Authorization', 'Bearer nonsense').expect(401);
      expect(res.body.message).toMatch(/登录/);
    });
  });

  describe('filing a ticket', () => {
    it('gets a human-readable number at once and a first timeline entry', async () => {
      const res = await file(resident1, {
        kind: 'complaint',
        content: '楼道灯坏了三天了，晚上回家很不安全',
        householdId: household1,
      }).expect(201);
      expect(res.body.number).toMatch(/^TS\d{8}-\d{4}$/);
      expect(res.body).toMatchObject({
        kind: 'complaint',
        status: 'received',
        statusLabel: '已受理',
        channel: 'miniapp',
        household: { label: '1栋1单元101' },
      });
      expect(res.body.events).toEqual([
        expect.objectContaining({ action: 'create', toStatus: 'received', actorName: '林女士' }),
      ]);
    });

    it('keeps emoji and rare characters (utf8mb4)', async () => {
      const content = '吉祥的𠮷字和表情😡🙏都要原样保存，𠮷野家楼下噪音';
      const res = await file(resident1, { kind: 'suggestion', content, location: '小区东门 🚪' }).expect(201);
      const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: res.body.id });
      expect(row.content).toBe(content);
      expect(row.location).toBe('小区东门 🚪');
    });

    it.each([
      [{ kind: 'complaint', content: '短', householdId: 'x' }, /房屋编号格式不正确|反馈内容需/],
      [{ kind: 'rant', content: '这是一条足够长的内容', location: '东门' }, /反馈类型/],
      [{ kind: 'complaint', content: '   这  ', location: '东门' }, /反馈内容需 \d+–2000 个字/],
      [{ kind: 'complaint', content: 'x'.repeat(2001), location: '东门' }, /反馈内容需/],
      [
        { kind: 'complaint', content: '这是一条足够长的内容', location: '东门', isAdmin: true },
        /不支持的字段：isAdmin/,
      ],
      [
        { kind: 'complaint', content: '这是一条足够长的内容', location: '东门', anonymous: 'yes' },
        /匿名开关/,
      ],
      [
        {
          kind: 'complaint',
          content: '这是一条足够长的内容',
          location: '东门',
          photoIds: Array(10).fill('8f0e5b5e-1111-4111-8111-111111111111'),
        },
        /最多上传 9 张照片/,
      ],
      // a repair needs a place to go to (a complaint never needs a room: docs/domain-rules.md "What each person sees")
      [{ kind: 'repair', content: '这是一条足够长的内容' }, /请选择房屋，或填写公共区域的具体位置/],
      [
        { kind: 'complaint', content: '这是一条足够长的内容', location: '东门', channel: 'phone' },
        /住户只能通过小程序/,
      ],
    ])('refuses bad input with a message a person understands (%#)', async (body, message) => {
      const before = await t.ds.getRepository(Ticket).count();
      const res = await file(resident1, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(await t.ds.getRepository(Ticket).count()).toBe(before);
    });

    it('answers malformed JSON with 400 and a Chinese message', async () => {
      const res = await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${resident1}`)
        .set('Content-Type', 'application/json')
        .send('{"kind": "complaint",');
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('请求内容不是合法的 JSON');
    });

    it('requires an idempotency key', async () => {
      const res = await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${resident1}`)
        .send({ kind: 'praise', content: '保安小王很负责，点赞', location: '南门' });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Idempotency-Key/);
    });

    it('refuses a household the resident is not bound to', async () => {
      const res = await file(resident2, {
        kind: 'repair',
        content: '厨房水龙头一直滴水',
        householdId: household1,
      }).expect(403);
      expect(res.body.message).toMatch(/已绑定的房屋/);
    });
  });

  describe('idempotency: retries never duplicate a ticket', () => {
    it('returns the same ticket for a retried submission', async () => {
      const key = idemKey();
      const body = { kind: 'repair', content: '卫生间地漏堵了，水排不下去', householdId: household1 };
      const first = await file(resident1, body, key).expect(201);
      const retry = await file(resident1, body, key).expect(200);
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.body.number).toBe(first.body.number);
      expect(await t.ds.getRepository(Ticket).countBy({ idempotencyKey: key })).toBe(1);
    });

    it('refuses the same key with different content', async () => {
      const key = idemKey();
      await file(
        resident1,
        { kind: 'repair', content: '阳台灯不亮了需要维修', householdId: household1 },
        key,
      ).expect(201);
      const res = await file(
        resident1,
        { kind: 'repair', content: '完全不同的一条内容哦', householdId: household1 },
        key,
      ).expect(422);
      expect(res.body.message).toMatch(/请求编号已用于另一条/);
    });

    it('creates exactly one ticket when the same submission arrives many times at once', async () => {
      const key = idemKey();
      const body = { kind: 'complaint', content: '双击提交按钮也只能有一条工单', location: '3栋电梯间' };
      const results = await Promise.all(Array.from({ length: 8 }, () => file(resident1, body, key)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await t.ds.getRepository(Ticket).countBy({ idempotencyKey: key })).toBe(1);
    });
  });

  describe('ticket numbers', () => {
    it('stay unique and consecutive per company and day under concurrent inserts', async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          file(resident2, {
            kind: 'inquiry',
            content: `请问物业费怎么交？第${i}次`,
            location: '物业服务中心',
          }),
        ),
      );
      results.forEach((r) => expect(r.status).toBe(201));
      const numbers = results.map((r) => r.body.number as string);
      expect(new Set(numbers).size).toBe(25);
      const seqs = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => seqs[0] + i));
    });
  });

  describe('who can read what', () => {
    let ticketId: string;
    beforeAll(async () => {
      ticketId = (
        await file(resident1, {
          kind: 'complaint',
          content: '楼上装修太吵了，中午也在砸墙',
          householdId: household1,
        }).expect(201)
      ).body.id;
    });

    it('a resident reads their own ticket with its timeline', async () => {
      const res = await t.http
        .get(`/api/tickets/${ticketId}`)
        .set('Authorization', `Bearer ${resident1}`)
        .expect(200);
      expect(res.body.events.length).toBeGreaterThan(0);
      expect(res.body.contact).toBeNull();
    });

    it('another household cannot read it, and cannot tell that it exists', async () => {
      const res = await t.http
        .get(`/api/tickets/${ticketId}`)
        .set('Authorization', `Bearer ${resident2}`)
        .expect(404);
      expect(res.body.message).toBe('没有找到这条反馈');
      const list = await t.http
        .get('/api/tickets?pageSize=50')
        .set('Authorization', `Bearer ${resident2}`)
        .expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(ticketId);
    });

    it('a resident lists only their own tickets', async () => {
      const list = await t.http
        .get('/api/tickets?pageSize=50')
        .set('Authorization', `Bearer ${resident1}`)
        .expect(200);
      const ids: string[] = list.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(ticketId);
      const owners = await t.ds
        .getRepository(Ticket)
        .find({ where: ids.map((id) => ({ id })), select: { residentId: true, householdId: true } });
      for (const o of owners)
        expect(o.residentId === owners[0].residentId || o.householdId === household1).toBe(true);
    });

    it('staff of the project see it; a malformed id is a 400', async () => {
      const lead = await t.login('cs-lead');
      await t.http.get(`/api/tickets/${ticketId}`).set('Authorization', `Bearer ${lead}`).expect(200);
      await t.http.get('/api/tickets/not-a-uuid').set('Authorization', `Bearer ${lead}`).expect(400);
    });
  });

  describe('photos', () => {
    it('uploads an image, attaches it, and serves it through a signed link', async () => {
      const up = await t.http
        .post('/api/uploads')
        .set('Authorization', `Bearer ${resident1}`)
        .attach('file', PNG_1x1, 'a.png')
        .expect(201);
      expect(up.body.url).toMatch(/^\/api\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
      const res = await file(resident1, {
        kind: 'repair',
        content: '墙面渗水发霉，见照片',
        householdId: household1,
        photoIds: [up.body.id],
      }).expect(201);
      expect(res.body.photos).toHaveLength(1);
      const img = await t.http.get(res.body.photos[0].url).expect(200);
      expect(img.headers['content-type']).toBe('image/png');
      // Re-encoded on upload (metadata stripped): the same pixels, not the same bytes.
      expect(await sharp(img.body).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
      expect((await sharp(img.body).raw().toBuffer()).equals(await sharp(PNG_1x1).raw().toBuffer())).toBe(
        true,
      );
      await t.http.get(res.body.photos[0].url.replace(/sig=[^&]+/, 'sig=forged')).expect(403);
    });

    it('checks the type by content, not by name', async () => {
      const res = await t.http
        .post('/api/uploads')
        .set('Authorization', `Bearer ${resident1}`)
        .attach('file', Buffer.from('<script>alert(1)</script>'), 'evil.png')
        .expect(400);
      expect(res.body.message).toMatch(/只能上传/);
    });

    it('refuses photos uploaded by someone else or already used', async () => {
      const up = await t.http
        .post('/api/uploads')
        .set('Authorization', `Bearer ${resident2}`)
        .attach('file', PNG_1x1, 'b.png')
        .expect(201);
      const res = await file(resident1, {
        kind: 'repair',
        content: '借用别人的照片不行',
        householdId: household1,
        photoIds: [up.body.id],
      }).expect(400);
      expect(res.body.message).toMatch(/照片无效或已被使用/);
    });
  });

  describe("staff register on a resident's behalf", () => {
    it('makes the front desk the first receiver (首问负责人)', async () => {
      const desk = await t.login('front-desk');
      const res = await file(desk, {
        kind: 'complaint',
        content: '住户来电反映地库灯不亮',
        location: '地下车库B区',
        channel: 'phone',
        contactName: '王先生',
        contactPhone: '13712345678',
      }).expect(201);
      const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: res.body.id });
      const desker = await t.ds.query(`SELECT id FROM users WHERE demoKey = 'front-desk'`);
      expect(row.firstReceiverId).toBe(desker[0].id);
      expect(res.body.contact).toEqual({ name: '王先生', phone: '13712345678' });
      const events = await t.ds.getRepository(TicketEvent).findBy({ ticketId: row.id });
      expect(events[0].note).toMatch(/代为登记/);
      // Not dispatched yet: the engineering department does not see it.
      const engineer = await t.login('eng-1');
      await t.http.get(`/api/tickets/${row.id}`).set('Authorization', `Bearer ${engineer}`).expect(404);
    });

    it('refuses the mini-program channel for staff registration', async () => {
      const desk = await t.login('front-desk');
      await file(desk, {
        kind: 'complaint',
        content: '员工不能选小程序渠道',
        location: '东门',
        channel: 'miniapp',
      }).expect(400);
    });
  });

  describe('binding a household', () => {
    it('an unbound resident cannot file until staff approve the application', async () => {
      const newcomer = await t.login('resident-new');
      await file(newcomer, {
        kind: 'complaint',
        content: '刚搬来就发现门禁坏了',
        location: '2栋大堂',
      }).expect(403);
      const h = await t.ds.getRepository(Household).findOneByOrFail({ label: '2栋1单元501' });
      const applied = await t.http
        .post('/api/bindings')
        .set('Authorization', `Bearer ${newcomer}`)
        .send({ householdId: h.id, relation: 'tenant', name: '郑先生', phone: '13611112222' })
        .expect(201);
      expect(applied.body.status).toBe('pending');
      await t.http
        .post('/api/bindings')
        .set('Authorization', `Bearer ${newcomer}`)
        .send({ householdId: h.id, name: '郑先生' })
        .expect(409);
      const desk = await t.login('front-desk');
      const pending = await t.http
        .get('/api/bindings/pending')
        .set('Authorization', `Bearer ${desk}`)
        .expect(200);
      expect(pending.body.map((b: { id: string }) => b.id)).toContain(applied.body.id);
      await t.http
        .post(`/api/bindings/${applied.body.id}/approve`)
        .set('Authorization', `Bearer ${newcomer}`)
        .send({})
        .expect(403);
      await t.http
        .post(`/api/bindings/${applied.body.id}/approve`)
        .set('Authorization', `Bearer ${desk}`)
        .send({})
        .expect(200);
      await file(newcomer, { kind: 'complaint', content: '刚搬来就发现门禁坏了', householdId: h.id }).expect(
        201,
      );
    });

    it('a one-time household code from the front desk binds at once, and only once', async () => {
      const desk = await t.login('front-desk');
      const h = await t.ds.getRepository(Household).findOneByOrFail({ label: '3栋2单元602' });
      const code = (
        await t.http.post(`/api/households/${h.id}/codes`).set('Authorization', `Bearer ${desk}`).expect(201)
      ).body.code;
      expect(code).toMatch(/^[A-Z2-9]{8}$/);
      const r2 = await t.login('resident-2');
      const res = await t.http
        .post('/api/bindings')
        .set('Authorization', `Bearer ${r2}`)
        .send({ code: code.toLowerCase() })
        .expect(201);
      expect(res.body).toMatchObject({ status: 'approved', household: { label: '3栋2单元602' } });
      const r3 = await t.login('resident-3');
      const again = await t.http
        .post('/api/bindings')
        .set('Authorization', `Bearer ${r3}`)
        .send({ code })
        .expect(400);
      expect(again.body.message).toMatch(/绑定码无效或已过期/);
    });
  });
});
