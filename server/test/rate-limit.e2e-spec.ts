import Redis from 'ioredis';
import { Household } from '../src/org/entities';
import { Ticket } from '../src/tickets/entities';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

// Each test speaks from its own address (TRUST_PROXY reads X-Forwarded-For), so per-IP counters do not mix.
let ipSeq = 0;
const freshIp = () => `203.0.113.${++ipSeq}`;

const LIMITS = {
  TRUST_PROXY: 'true',
  RATE_LIMIT_INTAKE: '3/60',
  RATE_LIMIT_INTAKE_IP: '5/60',
  RATE_LIMIT_LOGIN: '2/60',
  RATE_LIMIT_LOGIN_IP: '4/60',
  RATE_LIMIT_UPLOAD: '2/2',
  RATE_LIMIT_UPLOAD_IP: '100/60',
};

function expect429(res: { status: number; headers: Record<string, string>; body: { message: string } }) {
  expect(res.status).toBe(429);
  const wait = Number(res.headers['retry-after']);
  expect(Number.isInteger(wait)).toBe(true);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(60);
  expect(res.body.message).toBe(`操作太频繁，请 ${wait} 秒后再试`);
}

describe.each(DRIVERS)('rate limits on %s', (driver) => {
  // First: ioredis lingers ~2 s after closing a connection that never came up.
  describe('when Redis cannot be reached', () => {
    let t: TestApp;
    beforeAll(async () => {
      // Nothing listens on port 1: the limiter lets requests through rather than lock residents out.
      t = await startTestApp(driver, { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' });
    });
    afterAll(() => t?.close());

    it('still lets people sign in and file', async () => {
      const token = await t.login('resident-1');
      const household = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
      for (let i = 0; i < 4; i++)
        await t.http
          .post('/api/tickets')
          .set('Authorization', `Bearer ${token}`)
          .set('Idempotency-Key', idemKey())
          .send({ kind: 'suggestion', content: `没有 Redis 也能提交 ${i}`, householdId: household })
          .expect(201);
    });
  });

  describe('in memory (one instance)', () => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const households: Record<string, string> = {};

    beforeAll(async () => {
      t = await startTestApp(driver, LIMITS);
      await t.settings('UPDATE projects SET autoRoute = ?', [false]);
      for (const [key, label] of [
        ['resident-1', '1栋1单元101'],
        ['resident-2', '2栋2单元602'],
        ['resident-3', '3栋1单元302'],
      ]) {
        tokens[key] = await t.login(key);
        households[key] = (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;
      }
      tokens['front-desk'] = await t.login('front-desk');
    });
    afterAll(() => t?.close());

    let n = 0;
    const file = (who: string, ip: string, key = idemKey(), content = `小区绿化建议第 ${++n} 条`) =>
      t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('X-Forwarded-For', ip)
        .set('Idempotency-Key', key)
        .send(
          who === 'front-desk'
            ? { kind: 'suggestion', content, location: '东门岗亭' }
            : { kind: 'suggestion', content, householdId: households[who] },
        );

    it('lets a resident file up to RATE_LIMIT_INTAKE, then answers 429 with Retry-After and files nothing', async () => {
      const ip = freshIp();
      for (let i = 0; i < 3; i++) expect((await file('resident-1', ip)).status).toBe(201);
      const before = await t.ds.getRepository(Ticket).count();
      const res = await file('resident-1', ip);
      expect429(res);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(await t.ds.getRepository(Ticket).count()).toBe(before);
      // From another address the same person is still over their own limit.
      expect429(await file('resident-1', freshIp()));
    });

    it('does not count retries of a submission already accepted (same idempotency key)', async () => {
      const ip = freshIp();
      const key = idemKey();
      const first = await file('resident-2', ip, key, '重试不应计数的建议').expect(201);
      for (let i = 0; i < 5; i++) {
        const again = await file('resident-2', ip, key, '重试不应计数的建议');
        expect(again.status).toBe(200);
        expect(again.body.id).toBe(first.body.id);
      }
      expect(await t.ds.getRepository(Ticket).countBy({ idempotencyKey: key })).toBe(1);
      // Two more new tickets still fit in the allowance of 3; the fourth does not.
      expect((await file('resident-2', ip)).status).toBe(201);
      expect((await file('resident-2', ip)).status).toBe(201);
      expect429(await file('resident-2', ip));
    });

    it('limits one address across people (RATE_LIMIT_INTAKE_IP), other addresses unaffected', async () => {
      const ip = freshIp();
      expect((await file('resident-3', ip)).status).toBe(201);
      expect((await file('resident-3', ip)).status).toBe(201);
      expect((await file('front-desk', ip)).status).toBe(201);
      expect((await file('front-desk', ip)).status).toBe(201);
      expect((await file('front-desk', ip)).status).toBe(201);
      // Five from this address: resident-3 (2 of 3 used) is refused for the address, not for themself,
      // and the refused request does not use up their own allowance.
      expect429(await file('resident-3', ip));
      expect((await file('resident-3', freshIp())).status).toBe(201);
      expect429(await file('resident-3', freshIp()));
    });

    it('limits logins per account and per address, dev login and WeChat login alike', async () => {
      // Accounts not signed in yet in this suite (each account's counter starts empty).
      const id = async (key: string) =>
        (await t.ds.query(`SELECT id FROM users WHERE demoKey = ?`, [key]))[0].id as string;
      const [eng1, eng2, sec1] = [await id('eng-1'), await id('eng-2'), await id('sec-1')];
      const login = (accountId: string, ip: string) =>
        t.http.post('/api/auth/dev-login').set('X-Forwarded-For', ip).send({ accountId });
      const ip = freshIp();
      expect((await login(eng1, ip)).status).toBe(200);
      expect((await login(eng1, ip)).status).toBe(200);
      expect429(await login(eng1, ip)); // the account: 2 per minute, from any address
      expect429(await login(eng1, freshIp()));
      expect((await login(eng2, ip)).status).toBe(200);
      expect((await login(sec1, ip)).status).toBe(200);
      expect429(await login(sec1, ip)); // the address: 4 per minute (refused ones do not count)
      expect((await login(sec1, freshIp())).status).toBe(200);

      // WeChat login (not configured here: 503) is counted per address before anything else happens.
      const wip = freshIp();
      for (let i = 0; i < 4; i++)
        expect(
          (
            await t.http
              .post('/api/auth/wechat-login')
              .set('X-Forwarded-For', wip)
              .send({ code: `c${i}` })
          ).status,
        ).toBe(503);
      expect429(await t.http.post('/api/auth/wechat-login').set('X-Forwarded-For', wip).send({ code: 'c9' }));
    });

    it('limits uploads per person; the window ends after its seconds', async () => {
      const ip = freshIp();
      const up = () =>
        t.http
          .post('/api/uploads')
          .set('Authorization', `Bearer ${tokens['resident-3']}`)
          .set('X-Forwarded-For', ip)
          .attach('file', PNG_1x1, 'a.png');
      expect((await up()).status).toBe(201);
      expect((await up()).status).toBe(201);
      const res = await up();
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(2);
      expect(res.body.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/);
      await new Promise((r) => setTimeout(r, 2100));
      expect((await up()).status).toBe(201);
    });
  });

  describe('in Redis (shared by two instances)', () => {
    let a: TestApp;
    let b: TestApp;
    let household: string;
    const prefix = `wuye-rl-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = { ...LIMITS, REDIS_URL, JOBS_REDIS_PREFIX: prefix };

    beforeAll(async () => {
      a = await startTestApp(driver, env);
      b = await startTestApp(driver, env, { sameDatabaseAs: a });
      household = (await a.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
    });
    afterAll(async () => {
      await b?.close({ keep: true });
      await a?.close();
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}:*`);
      if (keys.length) await r.del(...keys);
      r.disconnect();
    });

    it('counts one person across instances and keeps the counters in Redis', async () => {
      const token = await a.login('resident-1');
      const ip = freshIp();
      let n = 0;
      const file = (app: TestApp) =>
        app.http
          .post('/api/tickets')
          .set('Authorization', `Bearer ${token}`)
          .set('X-Forwarded-For', ip)
          .set('Idempotency-Key', idemKey())
          .send({ kind: 'suggestion', content: `共享计数的建议 ${++n}`, householdId: household });
      expect((await file(a)).status).toBe(201);
      expect((await file(b)).status).toBe(201);
      expect((await file(a)).status).toBe(201);
      expect429(await file(b));
      expect429(await file(a));

      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}:rl:intake:*`);
      r.disconnect();
      expect(keys.sort()).toEqual([
        `${prefix}:rl:intake:ip:${ip}`,
        expect.stringMatching(/:rl:intake:user:/),
      ]);
    });
  });
});
