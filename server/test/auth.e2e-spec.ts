import { JwtService } from '@nestjs/jwt';
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

  it('links a staff account to a WeChat account with a one-time invite from the project manager', async () => {
    const pm = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'pm' })).id;
    const engineer = await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'eng-1' });
    // Dev login is off here (WeChat configured): sign the manager in through WeChat via an invite of their own.
    const pmToken = t.app.get(JwtService).sign({ sub: pm });
    const invite = await t.http
      .post(`/api/auth/staff/${engineer.id}/invite`)
      .set('Authorization', `Bearer ${pmToken}`)
      .expect(201);
    expect(invite.body.code).toMatch(/^[A-Z2-9]{8}$/);

    wechat.codes.set('code-staff', 'oStaffOpenId');
    const login = await t.http.post('/api/auth/wechat-login').send({ code: 'code-staff' }).expect(200);
    expect(login.body.user.kind).toBe('resident');
    const claimed = await t.http
      .post('/api/auth/claim-staff')
      .set('Authorization', `Bearer ${login.body.token}`)
      .send({ code: invite.body.code.toLowerCase() })
      .expect(200);
    expect(claimed.body.user).toMatchObject({ id: engineer.id, kind: 'staff', name: '张师傅' });

    // From now on this WeChat account signs in as the engineer.
    wechat.codes.set('code-staff-2', 'oStaffOpenId');
    const next = await t.http.post('/api/auth/wechat-login').send({ code: 'code-staff-2' }).expect(200);
    expect(next.body.user.id).toBe(engineer.id);
    const reuse = await t.http
      .post('/api/auth/claim-staff')
      .set('Authorization', `Bearer ${login.body.token}`)
      .send({ code: invite.body.code })
      .expect(400);
    expect(reuse.body.message).toMatch(/微信登录|邀请码/);
    const resident = await t.login('resident-1').catch(() => null);
    expect(resident).toBeNull(); // dev login stays off
  });
});
