import { User } from '../src/org/entities';
import { FakeWechat } from './support/fake-wechat';
import { DRIVERS, startTestApp, TestApp } from './support/test-app';

describe.each(DRIVERS)('WeChat login on %s', (driver) => {
  const wechat = new FakeWechat('wx1234567890abcdef', 'app-secret-for-tests');
  let t: TestApp;

  beforeAll(async () => {
    const base = await wechat.start();
    t = await startTestApp(driver, {
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      WECHAT_API_BASE: base,
      DEV_LOGIN: '',
    });
  });
  afterAll(async () => {
    await t?.close();
    await wechat.stop();
  });

  it('exchanges a wx.login code for our token and creates the resident once', async () => {
    wechat.codes.set('code-1', 'oOpenId-1');
    const res = await t.http.post('/api/auth/wechat-login').send({ code: 'code-1' }).expect(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ kind: 'resident', role: 'resident' });
    expect(wechat.calls.at(-1)).toEqual({
      path: '/sns/jscode2session',
      query: {
        appid: wechat.appId,
        secret: wechat.appSecret,
        js_code: 'code-1',
        grant_type: 'authorization_code',
      },
    });
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body.households).toEqual([]);

    wechat.codes.set('code-2', 'oOpenId-1');
    const again = await t.http.post('/api/auth/wechat-login').send({ code: 'code-2' }).expect(200);
    expect(again.body.user.id).toBe(res.body.user.id);
    expect(await t.ds.getRepository(User).countBy({ openid: 'oOpenId-1' })).toBe(1);
  });

  it('refuses a used or invalid code (WeChat errcode 40029) with 401', async () => {
    const res = await t.http.post('/api/auth/wechat-login').send({ code: 'code-1' }).expect(401);
    expect(res.body.message).toMatch(/微信登录凭证无效/);
  });

  it('turns the development login off when WeChat is configured', async () => {
    await t.http.get('/api/auth/dev-accounts').expect(404);
    await t.http.post('/api/auth/dev-login').send({ accountId: 'x' }).expect(404);
  });
});
