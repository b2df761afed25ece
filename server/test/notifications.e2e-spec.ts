import { randomUUID } from 'node:crypto';
import { Clock } from '../src/common/clock';
import { JobsService } from '../src/jobs/jobs.service';
import { WechatSend } from '../src/notifications/entities';
import { Household, User } from '../src/org/entities';
import { FakeWechat } from './support/fake-wechat';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const TEMPLATES = {
  ticket_received: {
    id: 'tpl-received',
    page: 'pages/ticket-detail/index?id={ticketId}',
    data: { character_string1: '{number}', thing2: '{title}', phrase3: '{status}', time4: '{time}' },
  },
  plan_proposed: { id: 'tpl-plan', data: { character_string1: '{number}', thing2: '{body}' } },
  ticket_handled: { id: 'tpl-handled', data: { character_string1: '{number}', thing2: '{title}' } },
  staff_assigned: { id: 'tpl-assigned', data: { character_string1: '{number}', thing2: '{title}' } },
};

/** Subscribe messages against a fake WeChat that checks tokens, parameters, field limits and the user's quota. */
describe.each(DRIVERS)('WeChat subscribe messages on %s', (driver) => {
  const wechat = new FakeWechat('wx1234567890abcdef', 'app-secret-for-tests');
  let t: TestApp;
  let resident: string;
  let household1: string;
  const openid = `o-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const base = await wechat.start();
    for (const tpl of Object.values(TEMPLATES)) wechat.templates.add(tpl.id);
    t = await startTestApp(driver, {
      WECHAT_APP_ID: wechat.appId,
      WECHAT_APP_SECRET: wechat.appSecret,
      WECHAT_API_BASE: base,
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(TEMPLATES),
    });
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    await t.ds.getRepository(User).update({ demoKey: 'resident-1' }, { openid });
    resident = await t.login('resident-1');
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await wechat.stop();
  });

  const runDue = () => t.app.get(JobsService).runDue();
  const file = async (content: string) =>
    (
      await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${resident}`)
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'complaint', content, householdId: household1 })
        .expect(201)
    ).body;
  const sendsFor = (ticketId: string) =>
    t.ds.query(
      'SELECT s.status, s.scene FROM wechat_sends s JOIN notifications n ON n.id = s.notificationId WHERE n.ticketId = ?',
      [ticketId],
    ) as Promise<{ status: string; scene: string }[]>;

  it('offers at most three templates at a tap, and only configured ones', async () => {
    const file = await t.http
      .get('/api/notifications/subscribe-templates?moment=file')
      .set('Authorization', `Bearer ${resident}`)
      .expect(200);
    expect(file.body.templates.map((x: { templateId: string }) => x.templateId)).toEqual([
      'tpl-received',
      'tpl-plan',
      'tpl-handled',
    ]);
    const rate = await t.http
      .get('/api/notifications/subscribe-templates?moment=rate')
      .set('Authorization', `Bearer ${resident}`)
      .expect(200);
    expect(rate.body.templates).toEqual([]);
    await t.http
      .get('/api/notifications/subscribe-templates?moment=everything')
      .set('Authorization', `Bearer ${resident}`)
      .expect(400);
  });

  it('sends what the resident allowed, once, with a cached token and fields inside WeChat’s limits', async () => {
    const sub = await t.http
      .post('/api/notifications/subscriptions')
      .set('Authorization', `Bearer ${resident}`)
      .send({
        results: { 'tpl-received': 'accept', 'tpl-plan': 'reject', 'tpl-handled': 'accept', errMsg: 'ok' },
      })
      .expect(200);
    expect(sub.body.accepted.sort()).toEqual(['ticket_handled', 'ticket_received']);
    expect(sub.body.quotas).toMatchObject({ ticket_received: 1, ticket_handled: 1 });
    wechat.grant(openid, 'tpl-received', 1);

    const ticket = await file('小区东门的道闸坏了，车辆进出很慢，每天早上都堵车，希望尽快修好');
    await runDue();
    await runDue();
    expect(wechat.sent).toHaveLength(1);
    const msg = wechat.sent[0];
    expect(msg).toMatchObject({
      touser: openid,
      template_id: 'tpl-received',
      page: `pages/ticket-detail/index?id=${ticket.id}`,
    });
    expect(msg.data.character_string1.value).toBe(ticket.number);
    expect([...msg.data.thing2.value].length).toBeLessThanOrEqual(20);
    expect(msg.data.time4.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(await sendsFor(ticket.id)).toEqual([{ status: 'sent', scene: 'ticket_received' }]);

    // The quota is used up: the next ticket is in the app only, and nothing is sent.
    const second = await file('二号楼电梯里的灯一闪一闪的，晚上坐电梯有点吓人');
    await runDue();
    expect(wechat.sent).toHaveLength(1);
    expect(await sendsFor(second.id)).toEqual([{ status: 'no_quota', scene: 'ticket_received' }]);
    const inbox = await t.http
      .get('/api/notifications')
      .set('Authorization', `Bearer ${resident}`)
      .expect(200);
    expect(inbox.body.items.some((n: { ticketId: string }) => n.ticketId === second.id)).toBe(true);
    expect(wechat.tokenCalls).toBe(1);
  });

  it('replaces a token WeChat calls invalid (40001), and retries an outage with backoff without sending twice', async () => {
    await t.http
      .post('/api/notifications/subscriptions')
      .set('Authorization', `Bearer ${resident}`)
      .send({ results: { 'tpl-received': 'accept' } })
      .expect(200);
    wechat.grant(openid, 'tpl-received', 2);
    wechat.expireTokens();
    const a = await file('垃圾房门口有很多垃圾没有清理，气味很大');
    await runDue();
    expect(await sendsFor(a.id)).toEqual([{ status: 'sent', scene: 'ticket_received' }]);
    expect(wechat.tokenCalls).toBe(2);

    await t.http
      .post('/api/notifications/subscriptions')
      .set('Authorization', `Bearer ${resident}`)
      .send({ results: { 'tpl-received': 'accept' } })
      .expect(200);
    wechat.failNextSends = 1;
    const before = wechat.sent.length;
    const b = await file('地下车库B区的灯坏了好几盏，很暗');
    await runDue();
    expect(await sendsFor(b.id)).toEqual([{ status: 'pending', scene: 'ticket_received' }]);
    t.app.get(Clock).advance(60_000); // past the backoff
    await runDue();
    await runDue();
    expect(await sendsFor(b.id)).toEqual([{ status: 'sent', scene: 'ticket_received' }]);
    expect(wechat.sent.length).toBe(before + 1);
  });

  it('never sends again a message whose send was cut off mid-call', async () => {
    await t.http
      .post('/api/notifications/subscriptions')
      .set('Authorization', `Bearer ${resident}`)
      .send({ results: { 'tpl-received': 'accept' } })
      .expect(200);
    wechat.grant(openid, 'tpl-received', 1);
    const c = await file('楼下邻居晚上十一点还在装修，电钻声音很吵');
    // The instance died between marking the send and WeChat's answer: the row says 'sending'.
    const residentId = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'resident-1' })).id;
    const n = await t.ds.query('SELECT id FROM notifications WHERE ticketId = ? AND userId = ?', [
      c.id,
      residentId,
    ]);
    expect(n).toHaveLength(1);
    await t.ds.getRepository(WechatSend).insert({
      notificationId: n[0].id,
      userId: residentId,
      scene: 'ticket_received',
      templateId: 'tpl-received',
      status: 'sending',
    });
    const before = wechat.sent.length;
    await runDue();
    expect(wechat.sent.length).toBe(before);
    expect(await sendsFor(c.id)).toEqual([{ status: 'unknown', scene: 'ticket_received' }]);
  });

  it('refuses malformed subscription reports with a readable message', async () => {
    const res = await t.http
      .post('/api/notifications/subscriptions')
      .set('Authorization', `Bearer ${resident}`)
      .send({ results: 'accept' })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('订阅结果格式不正确');
  });
});
