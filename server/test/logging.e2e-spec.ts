import { Logger } from '@nestjs/common';
import { Household } from '../src/org/entities';
import { maskText, sanitize } from '../src/common/logging';
import { FakeWechat } from './support/fake-wechat';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/**
 * Structured logs (src/common/logging.ts): JSON lines through pino for the request log and every Nest Logger,
 * and nothing secret or personal in them — tokens, the WeChat app secret / login code / session key, passwords,
 * payment keys, phone numbers (masked 139****5678), in logged objects and in free text alike.
 */
describe('log redaction (unit)', () => {
  it('masks mainland mobile numbers in text, but not longer digit runs', () => {
    expect(maskText('请打13912345678或 +86 13812345678 联系')).toBe('请打139****5678或 +86 138****5678 联系');
    expect(maskText('工单 202611230001234567 已受理')).toBe('工单 202611230001234567 已受理');
    expect(maskText('电话 12345678901')).toBe('电话 12345678901'); // not a mobile prefix
  });

  it('redacts bearer tokens, JWTs and secret query parameters in text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const out = maskText(
      `Authorization: Bearer abc.def.ghi token ${jwt} GET /sns/jscode2session?appid=wx1&secret=S3CRET&js_code=C0DE&grant_type=authorization_code /api/files/1?exp=9&sig=abcdef`,
    );
    for (const secret of ['abc.def.ghi', jwt, 'S3CRET', 'C0DE', 'abcdef']) expect(out).not.toContain(secret);
    expect(out).toContain('appid=wx1');
    expect(out).toContain('grant_type=authorization_code');
    expect(maskText('{"code":"081AbCdEf","session_key":"SK=="}')).toBe(
      '{"code":"[Redacted]","session_key":"[Redacted]"}',
    );
    // Error codes stay readable.
    expect(maskText('{"code":"ER_DUP_ENTRY"} code=ECONNRESET')).toBe(
      '{"code":"ER_DUP_ENTRY"} code=ECONNRESET',
    );
  });

  it('redacts secret keys and masks phone keys at any depth of a logged object', () => {
    const out = sanitize({
      headers: { authorization: 'Bearer x', cookie: 'a=b', 'x-request-id': 'r1' },
      wechat: { appSecret: 'AS', session_key: 'SK', code: '0a1b2C', openid: 'oOpen' },
      pay: { apiV3Key: 'K'.repeat(32), privateKeyPem: '-----BEGIN', mchId: '1900000001' },
      user: { password: 'p', phone: '13912345678', contactPhone: '021-5555 1234' },
      err: { code: 'ECONNREFUSED' },
      list: [{ token: 't' }],
    });
    expect(out).toEqual({
      headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'x-request-id': 'r1' },
      wechat: {
        appSecret: '[Redacted]',
        session_key: '[Redacted]',
        code: '[Redacted]',
        openid: '[Redacted]',
      },
      pay: { apiV3Key: '[Redacted]', privateKeyPem: '[Redacted]', mchId: '1900000001' },
      user: { password: '[Redacted]', phone: '139****5678', contactPhone: '021****1234' },
      err: { code: 'ECONNREFUSED' },
      list: [{ token: '[Redacted]' }],
    });
  });
});

describe.each(DRIVERS)('structured logs on %s', (driver) => {
  const wechat = new FakeWechat('wx1234567890abcdef', 'app-secret-for-tests-7Q9');
  const lines: string[] = [];
  let t: TestApp;
  const LOGIN_CODE = '081LoginCodeXyZ123';
  const PHONE_IN_TEXT = '13987654321';
  const CONTACT_PHONE = '13712345678';
  let token = '';

  beforeAll(async () => {
    const base = await wechat.start();
    t = await startTestApp(
      driver,
      {
        WECHAT_APP_ID: wechat.appId,
        WECHAT_APP_SECRET: wechat.appSecret,
        WECHAT_API_BASE: base,
        DEV_LOGIN: 'true',
        LOG_LEVEL: 'debug',
      },
      { logStream: { write: (line: string) => void lines.push(line) } },
    );

    // A WeChat login with a code, a resident filing a ticket with phone numbers in it, and error paths.
    wechat.codes.set(LOGIN_CODE, 'oOpenIdForLogs');
    const login = await t.http.post('/api/auth/wechat-login').send({ code: LOGIN_CODE }).expect(200);
    token = login.body.token;
    await t.http.post('/api/auth/wechat-login').send({ code: LOGIN_CODE }).expect(401); // used: errcode 40029

    const resident = await t.login('resident-1');
    const home = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' });
    await t.http
      .post('/api/tickets')
      .set('Authorization', `Bearer ${resident}`)
      .set('Idempotency-Key', idemKey())
      .set('X-Request-Id', 'req-logging-test-1')
      .send({
        kind: 'repair',
        content: `厨房水管漏水，请打 ${PHONE_IN_TEXT} 联系我`,
        householdId: home.id,
        contactPhone: CONTACT_PHONE,
      })
      .expect(201);
    await t.http
      .get('/api/tickets/00000000-0000-4000-8000-00000000dead')
      .set('Authorization', `Bearer ${resident}`)
      .expect(404);
    await t.http.get('/api/me').set('Authorization', `Bearer ${token}x`).expect(401);
    await t.http.get(`/api/reports/download?token=${token}`).expect(403);

    // The app's own Nest loggers write through pino too, and are masked the same way.
    new Logger('Payments').error(
      `退款失败：业主 ${PHONE_IN_TEXT}，secret=${wechat.appSecret}`,
      new Error(`boom for ${CONTACT_PHONE}`).stack,
    );
    new Logger('Wechat').warn({ msg: 'jscode2session answered', session_key: 'SESSION-KEY-9', openid: 'oX' });
    await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await t?.close();
    await wechat.stop();
  });

  const parsed = () => lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l));

  it('writes JSON lines with a level, a time and a message', () => {
    expect(lines.length).toBeGreaterThan(5);
    for (const entry of parsed()) {
      expect(entry).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String) }));
      expect(typeof entry.msg).toBe('string');
    }
  });

  it('logs one line per request with method, path, status, time and request id', () => {
    const requests = parsed().filter((e) => e.req && e.res);
    const filed = requests.find((e) => e.req.method === 'POST' && e.req.url === '/api/tickets');
    expect(filed).toMatchObject({
      level: 'info',
      req: { id: 'req-logging-test-1', method: 'POST', url: '/api/tickets' },
      res: { statusCode: 201 },
      responseTime: expect.any(Number),
    });
    expect(filed.msg).toMatch(/^POST \/api\/tickets 201 \d+ms$/);
    const missing = requests.find((e) => e.req.url.startsWith('/api/tickets/0000'));
    expect(missing).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
    expect(requests.some((e) => e.req.url === '/api/auth/wechat-login' && e.res.statusCode === 401)).toBe(
      true,
    );
    // Request lines carry no headers and no bodies.
    for (const e of requests)
      expect(Object.keys(e.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
  });

  it('routes the Nest loggers of the app through pino, with their context', () => {
    const entries = parsed();
    expect(entries.find((e) => e.context === 'Payments')).toMatchObject({ level: 'error' });
    expect(entries.find((e) => e.context === 'Wechat')).toMatchObject({
      level: 'warn',
      session_key: '[Redacted]',
      openid: '[Redacted]',
    });
  });

  it('never shows a phone number, token, secret or code', () => {
    const all = lines.join('');
    expect(all).toContain('139****4321'); // the masked number is there: it was logged, and masked
    for (const secret of [
      PHONE_IN_TEXT,
      CONTACT_PHONE,
      token,
      token.split('.')[2],
      LOGIN_CODE,
      wechat.appSecret,
      'SESSION-KEY-9',
      '13900000001', // resident-1's phone in the demo data
    ])
      expect(all).not.toContain(secret);
  });
});
