import { Household } from '../src/org/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const SQL = ["' OR 1=1 --", "'; DROP TABLE tickets; --", "1'; DELETE FROM ticket_events WHERE '1'='1"];
const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg onload=alert(1)>',
];
const UUID0 = '00000000-0000-4000-8000-000000000000';

type Res = { status: number; body: { message?: unknown }; headers: Record<string, string> };

/** 400 with a message a person can read (a string, or a list of them), each in Chinese. */
function expectChinese400(res: Res, label: unknown) {
  const messages = ([] as unknown[]).concat(res.body.message ?? []);
  expect({ label, status: res.status }).toEqual({ label, status: 400 });
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fa5]/);
}

function expectJsonData(res: Res) {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
}

describe.each(DRIVERS)('hostile input on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let household1: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of ['resident-1', 'front-desk', 'cs-lead']) tok[k] = await t.login(k);
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
    const res = await post('/api/tickets', 'resident-1', {
      kind: 'repair',
      content: '楼道灯坏了，晚上看不见路',
      householdId: household1,
    }).expect(201);
    ticketId = res.body.id;
  });
  afterAll(() => t?.close());

  function post(path: string, who: string | null, body: unknown, key: string | null = idemKey()) {
    let r = t.http.post(path);
    if (who) r = r.set('Authorization', `Bearer ${tok[who]}`);
    if (key) r = r.set('Idempotency-Key', key);
    return r.send(body as object);
  }
  const counts = async () => {
    const q = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return {
      tickets: await q('tickets'),
      events: await q('ticket_events'),
      ratings: await q('ratings'),
      responses: await q('survey_responses'),
      users: await q('users'),
    };
  };
  const version = async () =>
    (await t.http.get(`/api/tickets/${ticketId}`).set('Authorization', `Bearer ${tok['cs-lead']}`)).body
      .version as number;

  describe('transport', () => {
    it('refuses a JSON body over 64 kB with 413 and a Chinese message, before sign-in is even checked', async () => {
      for (const [path, who] of [
        ['/api/tickets', 'resident-1'],
        ['/api/auth/dev-login', null],
      ] as const) {
        const res = await post(path, who, { content: 'x'.repeat(70 * 1024) });
        expect(res.status).toBe(413);
        expect(res.body.message).toBe('请求内容过大');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('refuses malformed JSON with 400', async () => {
      const before = await counts();
      for (const raw of [
        '{"kind": "complaint", "content": ',
        "{'kind': 'complaint'}",
        '{"a":1,}',
        '\u0000{}',
      ]) {
        const res = await t.http
          .post('/api/tickets')
          .set('Authorization', `Bearer ${tok['resident-1']}`)
          .set('Content-Type', 'application/json')
          .send(raw);
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('请求内容不是合法的 JSON');
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a body that is not an object (array, string, number, null) with 400', async () => {
      const before = await counts();
      for (const raw of [
        '[]',
        '[{"kind":"complaint","content":"一二三四五","householdId":"x"}]',
        '"text"',
        '42',
        'null',
      ]) {
        const res = await t.http
          .post('/api/tickets')
          .set('Authorization', `Bearer ${tok['resident-1']}`)
          .set('Idempotency-Key', idemKey())
          .set('Content-Type', 'application/json')
          .send(raw);
        expectChinese400(res, raw);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses very deep nesting with 400, not a crash (was a 500: stack overflow in validation)', async () => {
      const deep = `{"kind":"complaint","content":${'['.repeat(20000)}${']'.repeat(20000)}}`;
      const res = await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok['resident-1']}`)
        .set('Idempotency-Key', idemKey())
        .set('Content-Type', 'application/json')
        .send(deep);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('请求内容层级过深');
      await t.http.get('/api/health').expect(200);
    });

    it('does not let __proto__ in a body reach any object', async () => {
      const raw = JSON.stringify({
        kind: 'complaint',
        content: '原型污染测试内容',
        householdId: household1,
      }).replace(
        /^\{/,
        '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},',
      );
      const before = await counts();
      const res = await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok['resident-1']}`)
        .set('Idempotency-Key', idemKey())
        .set('Content-Type', 'application/json')
        .send(raw);
      expectChinese400(res, '__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(await counts()).toEqual(before);
    });
  });

  describe('wrong types on the main write endpoints: 400 with a message, nothing stored', () => {
    const good = () => ({ kind: 'complaint', content: '电梯经常停运很不方便', householdId: household1 });
    const wrong: unknown[] = [123, 1.5, true, ['text'], { $ne: null }, null];

    it('ticket intake', async () => {
      const before = await counts();
      const cases: Record<string, unknown>[] = [];
      for (const v of wrong) {
        cases.push({ ...good(), content: v }, { ...good(), kind: v });
        if (v !== null) cases.push({ ...good(), householdId: v }, { ...good(), location: v });
        if (v !== null && typeof v !== 'boolean') cases.push({ ...good(), anonymous: v });
        if (v !== null) cases.push({ ...good(), photoIds: v });
      }
      cases.push(
        { ...good(), photoIds: [1, 2] },
        { ...good(), photoIds: [{}] },
        { ...good(), anonymous: 'true' },
      );
      cases.push(
        { ...good(), peopleCount: [3] },
        { ...good(), peopleCount: true },
        { ...good(), peopleCount: '3 OR 1=1' },
      );
      cases.push({ ...good(), content: undefined }, {});
      for (const body of cases) expectChinese400(await post('/api/tickets', 'resident-1', body), body);
      // The idempotency key in the body or header is checked as well.
      expectChinese400(
        await post('/api/tickets', 'resident-1', { ...good(), idempotencyKey: 12345678 }, null),
        'key',
      );
      expectChinese400(await post('/api/tickets', 'resident-1', good(), SQL[0]), 'key header');
      expect(await counts()).toEqual(before);
    });

    it('ticket actions (replies, notes, moves)', async () => {
      const before = await counts();
      const v = await version();
      const cases: Record<string, unknown>[] = [];
      for (const w of wrong) {
        cases.push({ action: 'confirm', version: v, note: w === null ? 5 : w }, { action: w, version: v });
        if (w !== 123) cases.push({ action: 'internal_note', version: w, note: '备注' }); // 123: a stale version, 409
        cases.push({ action: 'cancel', version: v, reason: w === null ? [] : w });
      }
      cases.push({ action: 'internal_note', version: `${v}; DROP TABLE tickets`, note: '备注' });
      cases.push({ action: 'internal_note', version: [v], note: '备注' });
      cases.push(
        { action: 'close', version: v, satisfied: 'yes' },
        { action: 'assign', version: v, assigneeId: SQL[0] },
      );
      cases.push(
        { action: 'mark_handled', version: v, cause: 'x' },
        { action: 'mark_handled', version: v, cause: { factor: 1 } },
      );
      for (const body of cases)
        expectChinese400(await post(`/api/tickets/${ticketId}/actions`, 'front-desk', body, null), body);
      expect(await counts()).toEqual(before);
      expect(await version()).toBe(v);
    });

    it('rating', async () => {
      const before = await counts();
      const good = { scores: { overall: 5 }, satisfied: true };
      const cases: Record<string, unknown>[] = [];
      for (const w of wrong) {
        if (typeof w !== 'boolean') cases.push({ ...good, satisfied: w });
        cases.push({ ...good, comment: w === null ? 1 : w });
        if (typeof w !== 'object' || w === null || Array.isArray(w)) cases.push({ ...good, scores: w });
      }
      cases.push({ ...good, photoIds: SQL[1] }, { ...good, chargeCorrect: 'no' });
      for (const body of cases)
        expectChinese400(await post(`/api/tickets/${ticketId}/rating`, 'resident-1', body, null), body);
      expect(await counts()).toEqual(before);
    });

    it('survey answers', async () => {
      const before = await counts();
      const path = `/api/surveys/campaigns/${UUID0}/households/${household1}/submit`;
      const cases: unknown[] = [
        { answers: 'all good' },
        { answers: null },
        { answers: { questionId: UUID0 } },
        { answers: [{ questionId: 5 }] },
        { answers: [{ questionId: SQL[0] }] },
        { answers: [{ questionId: UUID0, point: '5' }] },
        { answers: [{ questionId: UUID0, point: [5] }] },
        { answers: [{ questionId: UUID0, text: { html: HTML[0] } }] },
        { answers: [{ questionId: UUID0, text: 42 }] },
        { answers: ['x'] },
        { answers: [], idempotencyKey: 5 },
      ];
      for (const body of cases) expectChinese400(await post(path, 'resident-1', body), body);
      for (const body of cases.slice(0, 3))
        expectChinese400(
          await t.http
            .put(`/api/surveys/campaigns/${UUID0}/households/${household1}/draft`)
            .set('Authorization', `Bearer ${tok['resident-1']}`)
            .send(body as object),
          body,
        );
      expect(await counts()).toEqual(before);
    });

    it('login', async () => {
      const before = await counts();
      for (const w of wrong)
        expectChinese400(await post('/api/auth/dev-login', null, { accountId: w }, null), w);
      for (const w of wrong)
        expectChinese400(await post('/api/auth/wechat-login', null, { code: w }, null), w);
      expectChinese400(await post('/api/auth/dev-login', null, {}, null), 'empty');
      // A string that is SQL is just an unknown account.
      for (const s of SQL) {
        const res = await post('/api/auth/dev-login', null, { accountId: s }, null);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.token).toBeUndefined();
      }
      expect(await counts()).toEqual(before);
    });

    it('ids in paths and queries', async () => {
      for (const p of [`/api/tickets/${encodeURIComponent(SQL[0])}`, `/api/tickets/1%20OR%201=1`]) {
        const res = await t.http.get(p).set('Authorization', `Bearer ${tok['resident-1']}`);
        expect(res.status).toBe(400);
        expect(res.body.message).toBe('编号格式不正确');
      }
      const q = await t.http
        .get(`/api/tickets?page=${encodeURIComponent("1' OR 1=1 --")}`)
        .set('Authorization', `Bearer ${tok['resident-1']}`);
      expectChinese400(q, 'page');
    });
  });

  describe('SQL and script text is data: stored and returned verbatim as JSON', () => {
    it('in every text field of intake', async () => {
      const before = await counts();
      const texts = [...SQL, ...HTML];
      const filed: { id: string; content: string; location: string }[] = [];
      for (const [i, s] of texts.entries()) {
        const content = `${s} 第${i}条`;
        const location = HTML[i % HTML.length] + SQL[i % SQL.length];
        const res = await post('/api/tickets', 'resident-1', {
          kind: 'suggestion',
          content,
          location,
        }).expect(201);
        expectJsonData(res);
        expect(res.body).toMatchObject({ content, location });
        filed.push({ id: res.body.id, content, location });
      }
      // Staff registration: the caller's name too; a phone that is not a phone is refused.
      const name = `${HTML[1]}${SQL[0]}`.slice(0, 50);
      const mid = await counts();
      expectChinese400(
        await post('/api/tickets', 'front-desk', {
          kind: 'complaint',
          content: '来电反映噪音扰民问题',
          location: '3号楼',
          contactName: name,
          contactPhone: SQL[0],
        }),
        'phone',
      );
      expect(await counts()).toEqual(mid);
      const staff = await post('/api/tickets', 'front-desk', {
        kind: 'complaint',
        content: `${HTML[0]}来电反映噪音扰民`,
        location: '3号楼',
        contactName: name,
        contactPhone: '13912345678',
      }).expect(201);
      expect(staff.body).toMatchObject({ content: `${HTML[0]}来电反映噪音扰民`, contact: { name } });

      for (const f of filed) {
        const got = await t.http
          .get(`/api/tickets/${f.id}`)
          .set('Authorization', `Bearer ${tok['resident-1']}`);
        expect(got.status).toBe(200);
        expectJsonData(got);
        expect(got.body).toMatchObject({ content: f.content, location: f.location });
        const [row] = await t.ds.query('SELECT content, location FROM tickets WHERE id = ?', [f.id]);
        expect(row).toEqual({ content: f.content, location: f.location });
      }
      const after = await counts();
      expect(after.tickets).toBe(before.tickets + texts.length + 1);
      const list = await t.http
        .get('/api/tickets?pageSize=50')
        .set('Authorization', `Bearer ${tok['resident-1']}`);
      expectJsonData(list);
      expect(JSON.stringify(list.body)).toContain(JSON.stringify(HTML[0]).slice(1, -1));
    });

    it('in replies and notes on a ticket', async () => {
      const notes = [
        { who: 'front-desk', action: 'confirm', note: `${SQL[1]} ${HTML[0]}` },
        { who: 'front-desk', action: 'internal_note', note: `${HTML[1]} ${SQL[0]}` },
        { who: 'resident-1', action: 'add_info', note: `${HTML[2]}${SQL[2]}` },
      ];
      for (const n of notes) {
        const res = await post(
          `/api/tickets/${ticketId}/actions`,
          n.who,
          { action: n.action, version: await version(), note: n.note },
          null,
        );
        expect({ action: n.action, status: res.status }).toEqual({ action: n.action, status: 200 });
        expectJsonData(res);
      }
      const got = await t.http
        .get(`/api/tickets/${ticketId}`)
        .set('Authorization', `Bearer ${tok['cs-lead']}`);
      expectJsonData(got);
      const shown = JSON.stringify(got.body);
      for (const n of notes) expect(shown).toContain(JSON.stringify(n.note).slice(1, -1));
      const stored = (await t.ds.query('SELECT note FROM ticket_events WHERE ticketId = ?', [ticketId])).map(
        (r: { note: string | null }) => r.note,
      );
      for (const n of notes) expect(stored).toContain(n.note);

      // The reply checker reads such text as text too.
      const check = await post('/api/reply-check', 'front-desk', { text: `${HTML[0]}${SQL[1]}` }, null);
      expect(check.status).toBe(200);
      expectJsonData(check);
    });

    it('leaves every table in place', async () => {
      for (const table of ['tickets', 'ticket_events', 'users', 'households'])
        expect(Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)).toBeGreaterThan(0);
    });
  });

  describe('security headers', () => {
    it('are on API answers, errors included', async () => {
      for (const res of [
        await t.http.get('/api/health'),
        await t.http.get('/api/tickets'),
        await t.http.get('/api/nope'),
      ]) {
        expectJsonData(res);
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('leave the API docs working (Swagger UI and its assets load)', async () => {
      const page = await t.http.get('/api/docs').redirects(1);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['content-security-policy']).toBeUndefined();
      const assets = [...page.text.matchAll(/(?:src|href)="(\.\/[^"]+|\/api\/docs\/[^"]+)"/g)].map((m) =>
        m[1].startsWith('./') ? `/api/docs/${m[1].slice(2)}` : m[1],
      );
      expect(assets.length).toBeGreaterThan(1);
      for (const a of assets) expect({ a, status: (await t.http.get(a)).status }).toEqual({ a, status: 200 });
      await t.http.get('/api/docs/json').expect(200);
    });
  });
});
