import { Clock } from '../src/common/clock';
import { JobsService } from '../src/jobs/jobs.service';
import { Job } from '../src/jobs/job.entity';
import { Notification } from '../src/notifications/entities';
import { NotificationsService } from '../src/notifications/notifications.service';
import { User } from '../src/org/entities';
import { SmsSend } from '../src/sms/entities';
import { FakeSms } from './support/fake-sms';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);
const CASES = DRIVERS.flatMap((d) => (['aliyun', 'tencent'] as const).map((p) => [d, p] as const));

describe.each(CASES)('SMS for what cannot wait on %s through %s', (driver, provider) => {
  let t: TestApp;
  let sms: FakeSms;
  const users: Record<string, User> = {};
  const template = {
    emergency: provider === 'aliyun' ? 'SMS_100001' : '100001',
    escalation: provider === 'aliyun' ? 'SMS_100002' : '100002',
  };

  beforeAll(async () => {
    sms = new FakeSms(provider, 'LTAI-test-key', 'test-secret-of-the-key');
    const base = await sms.start();
    t = await startTestApp(
      driver,
      {
        SMS_PROVIDER: provider,
        SMS_API_BASE: base,
        SMS_ACCESS_KEY_ID: 'LTAI-test-key',
        SMS_ACCESS_KEY_SECRET: 'test-secret-of-the-key',
        SMS_SIGN_NAME: '幸福里物业',
        SMS_TEMPLATE_EMERGENCY: template.emergency,
        SMS_TEMPLATE_ESCALATION: template.escalation,
        ...(provider === 'tencent' ? { SMS_SDK_APP_ID: '1400000001' } : {}),
        SMS_DAILY_CAP: '2',
      },
      { startAt: BJ('2026-10-12T23:30:00') },
    );
    for (const u of await t.ds.getRepository(User).find()) if (u.demoKey) users[u.demoKey] = u;
  });
  afterAll(async () => {
    await t?.close();
    await sms?.stop();
  });

  const clock = () => t.app.get(Clock);
  const jobs = () => t.app.get(JobsService);
  const file = async (content: string, kind = 'complaint') => {
    const auth = { Authorization: `Bearer ${await t.login('resident-1')}` };
    const [h] = await t.ds.query(`SELECT id FROM households WHERE label = ?`, ['1栋1单元101']);
    return (
      await t.http
        .post('/api/tickets')
        .set(auth)
        .set('Idempotency-Key', idemKey())
        .send({ kind, content, householdId: h.id })
        .expect(201)
    ).body as { id: string; number: string };
  };
  /** A staff member with a phone and no tickets: no deadline of theirs escalates during the test. */
  let phoneSeq = 0;
  const person = async (name: string) => {
    const pm = users['pm'];
    return t.ds.getRepository(User).save({
      companyId: pm.companyId,
      projectId: pm.projectId,
      kind: 'staff',
      role: 'dept_staff',
      name,
      phone: `1370000${String(++phoneSeq).padStart(4, '0')}`,
    });
  };
  const to = (phone: string | null) => sms.messages.filter((m) => m.phone === phone);
  const sendsOf = (ticketId: string) =>
    t.ds
      .getRepository(SmsSend)
      .createQueryBuilder('s')
      .innerJoin(Notification, 'n', 'n.id = s.notificationId')
      .where('n.ticketId = :ticketId', { ticketId })
      .getMany();

  it('texts the person on duty once when an emergency is filed at night, with a signed request', async () => {
    clock().freeze(BJ('2026-10-12T23:30:00'));
    const gas = await file('楼道里有很浓的煤气味，怕要爆炸了，快来人');
    const [row] = await t.ds.query(`SELECT emergency FROM tickets WHERE id = ?`, [gas.id]);
    expect(Number(row.emergency)).toBe(1);
    await jobs().runDue();
    await jobs().runDue(); // nothing more
    const sends = await sendsOf(gas.id);
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect(sends.every((s) => s.status === 'sent' && s.reason === 'emergency' && !!s.providerId)).toBe(true);
    const phones = sends.map((s) => s.phone).sort();
    const got = sms.messages.filter((m) => m.params.number === gas.number || m.params['1'] === gas.number);
    expect(got.map((m) => m.phone).sort()).toEqual(phones);
    expect(got[0]).toMatchObject({ provider, signName: '幸福里物业', template: template.emergency });
    expect(Object.values(got[0].params)[1]).toContain('煤气味');
    expect(sms.refused).toEqual([]);
    // Those texted are the people its notices went to (the one it was dispatched to, or the lead of the queue).
    const notified = await t.ds.query(`SELECT DISTINCT userId FROM notifications WHERE ticketId = ?`, [
      gas.id,
    ]);
    const staffPhones = new Set(
      Object.values(users)
        .filter((u) => u.kind === 'staff')
        .map((u) => u.phone),
    );
    for (const p of phones) expect(staffPhones.has(p)).toBe(true);
    expect(sends.every((s) => notified.some((n: { userId: string }) => n.userId === s.userId))).toBe(true);
  });

  it('texts an emergency in the daytime only because WeChat cannot carry it here, and no ordinary report at night', async () => {
    const before = sms.messages.length;
    clock().freeze(BJ('2026-10-13T10:00:00'));
    const day = await file('单元门口有烟雾，闻到很浓的煤气味，快来人');
    clock().freeze(BJ('2026-10-13T23:00:00'));
    const ordinary = await file('小区绿化带的草长得太高了，希望修剪一下', 'suggestion');
    await jobs().runDue();
    // No WeChat is set up in this suite: the daytime emergency reaches the lead on duty by text, once.
    const daySends = (await sendsOf(day.id)).filter((x) => x.reason === 'emergency');
    expect(daySends.map((x) => [x.phone, x.status])).toContainEqual([users['cs-lead'].phone, 'sent']);
    // (Their deadlines may pass and escalate meanwhile, which is texted as an escalation: not an emergency.)
    expect((await sendsOf(ordinary.id)).filter((x) => x.reason === 'emergency')).toEqual([]);
    const emergencyTexts = sms.messages.slice(before).filter((m) => m.template === template.emergency);
    expect(emergencyTexts.length).toBe(daySends.length);
  });

  it('texts the lead on duty once per emergency event at night: later reports of the incident send nothing', async () => {
    clock().freeze(BJ('2026-10-18T23:10:00'));
    // The earlier tickets' deadlines are moved out of the way: their escalations would take the lead's daily cap.
    await t.ds.getRepository(Job).update({ status: 'pending' }, { runAt: new Date('2027-06-01T00:00:00Z') });
    const lead = users['cs-lead'];
    const before = to(lead.phone).length;
    const texts = [
      '电梯里困人了！停电后有人被困在电梯里出不来，快来救人',
      '有人被关在电梯里了，电梯里困人，赶紧来人救援',
      '电梯里困人了，有人被困在电梯里出不来，快来人救援',
    ];
    const filed = [];
    for (const text of texts) filed.push(await file(text));
    await jobs().runDue();
    const rows = await t.ds.query(
      `SELECT id, number, emergency, incidentId FROM tickets WHERE id IN (?, ?, ?) ORDER BY number`,
      filed.map((f) => f.id),
    );
    expect(rows.map((r: { emergency: unknown }) => Number(r.emergency))).toEqual([1, 1, 1]);
    const incident = rows[2].incidentId;
    expect(incident).toBeTruthy();
    expect(rows.every((r: { incidentId: string }) => r.incidentId === incident)).toBe(true);
    // One text to the lead, about the first report; none for the two that joined its incident.
    const got = to(lead.phone).slice(before);
    expect(got.map((m) => [m.template, m.params.number ?? m.params['1']])).toEqual([
      [template.emergency, filed[0].number],
    ]);
    const leadSends = await t.ds.getRepository(SmsSend).findBy({ userId: lead.id, reason: 'emergency' });
    expect(new Set(leadSends.map((x) => x.notificationId)).size).toBe(leadSends.length);
    // In the app: one alert for the event, counting its reports and unread.
    const alerts = await t.ds
      .getRepository(Notification)
      .findBy({ userId: lead.id, dedupeKey: `emergency:i:${incident}` });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'emergency', ticketId: filed[0].id, readAt: null });
    expect(alerts[0].title).toContain('3起');
    expect(alerts[0].body).toContain(filed[2].number);
  });

  it('texts an escalation when no WeChat message can reach the person, within the daily cap', async () => {
    clock().freeze(BJ('2026-10-14T09:30:00'));
    const notifications = t.app.get(NotificationsService);
    const qa = await person('夜班值班员');
    for (const i of [1, 2, 3])
      await notifications.notify([qa.id], {
        kind: 'escalated',
        title: `已超时：TEST-${i}`,
        body: `回复时限已过，请跟进 ${i}`,
        dedupeKey: `sms-test-escalation-${i}`,
        scene: 'staff_escalated',
      });
    await jobs().runDue();
    const rows = await t.ds
      .getRepository(SmsSend)
      .find({ where: { userId: qa.id }, order: { createdAt: 'ASC' } });
    expect(rows.map((r) => [r.reason, r.status]).sort()).toEqual([
      ['escalation', 'capped'],
      ['escalation', 'sent'],
      ['escalation', 'sent'],
    ]);
    const mine = to(qa.phone);
    expect(mine.map((m) => [m.phone, m.template])).toEqual([
      [qa.phone, template.escalation],
      [qa.phone, template.escalation],
    ]);
    // The next Beijing day the cap starts again.
    clock().freeze(BJ('2026-10-15T09:30:00'));
    await notifications.notify([qa.id], {
      kind: 'escalated',
      title: '已超时：TEST-4',
      body: '回复时限已过',
      dedupeKey: 'sms-test-escalation-4',
      scene: 'staff_escalated',
    });
    await jobs().runDue();
    expect(to(qa.phone).length).toBe(3);
  });

  it('never sends twice: a twin delivery finds the record, a call cut off midway is not repeated', async () => {
    clock().freeze(BJ('2026-10-16T09:30:00'));
    const notifications = t.app.get(NotificationsService);
    const pm = await person('工程部主管');
    await jobs().runDue(); // whatever else is due goes first: the next send is this one
    sms.dropNext = 1;
    await notifications.notify([pm.id], {
      kind: 'escalated',
      title: '已超时：TEST-CUT',
      body: '处理时限已过',
      dedupeKey: 'sms-test-cut',
      scene: 'staff_escalated',
    });
    await jobs().runDue();
    const [n] = await t.ds.getRepository(Notification).findBy({ dedupeKey: 'sms-test-cut' });
    const row = await t.ds.getRepository(SmsSend).findOneByOrFail({ notificationId: n.id });
    // The provider received it (the connection was cut after): we cannot know, so it stays unknown, not retried.
    expect(row.status).toBe('unknown');
    expect(to(pm.phone).length).toBe(1);
    // The same send delivered again (a replayed job, another instance): nothing more goes out.
    await jobs().schedule({
      type: 'sms.send',
      key: 'twin-delivery',
      runAt: clock().now(),
      payload: { notificationId: n.id, reason: 'escalation' },
    });
    await jobs().runDue();
    expect(to(pm.phone).length).toBe(1);
    expect((await t.ds.getRepository(SmsSend).findBy({ notificationId: n.id })).length).toBe(1);
  });

  it('records a refused request (a wrong secret fails the signature check) and counts it', async () => {
    clock().freeze(BJ('2026-10-17T09:30:00'));
    const hq = await person('集团客服');
    await jobs().runDue(); // whatever else is due goes first, with the right secret
    const good = sms.secret;
    sms.secret = 'another-secret';
    try {
      await t.app.get(NotificationsService).notify([hq.id], {
        kind: 'escalated',
        title: '已超时：TEST-SIG',
        body: '重大投诉处理时限已过',
        dedupeKey: 'sms-test-signature',
        scene: 'staff_escalated',
      });
      await jobs().runDue();
    } finally {
      sms.secret = good;
    }
    const [n] = await t.ds.getRepository(Notification).findBy({ dedupeKey: 'sms-test-signature' });
    const row = await t.ds.getRepository(SmsSend).findOneByOrFail({ notificationId: n.id });
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(
      provider === 'aliyun' ? /^SignatureDoesNotMatch/ : /^AuthFailure\.SignatureFailure/,
    );
    const text = (await t.http.get('/metrics').expect(200)).text;
    const count = (result: string) =>
      Number(
        new RegExp(`wuye_sms_sends_total\\{provider="${provider}",result="${result}"\\} (\\d+)`).exec(
          text,
        )?.[1] ?? 0,
      );
    const rows = async (status: string) =>
      t.ds.getRepository(SmsSend).countBy({ status: status as SmsSend['status'] });
    for (const status of ['sent', 'failed', 'capped', 'unknown'])
      expect([status, count(status)]).toEqual([status, await rows(status)]);
    expect(count('failed')).toBeGreaterThanOrEqual(1);
  });
});

describe.each(DRIVERS)('SMS when WeChat cannot carry an escalation on %s', (driver) => {
  let t: TestApp;
  let sms: FakeSms;
  beforeAll(async () => {
    sms = new FakeSms('aliyun', 'LTAI-test-key', 'test-secret-of-the-key');
    t = await startTestApp(driver, {
      // WeChat set up with the escalation template; the staff member below has no openid (never signed in).
      WECHAT_APP_ID: 'wx0000000000000002',
      WECHAT_APP_SECRET: 'test-secret',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({
        staff_escalated: { id: 'TPL_ESCALATED', data: { thing1: '{title}' } },
      }),
      SMS_PROVIDER: 'aliyun',
      SMS_API_BASE: await sms.start(),
      SMS_ACCESS_KEY_ID: 'LTAI-test-key',
      SMS_ACCESS_KEY_SECRET: 'test-secret-of-the-key',
      SMS_SIGN_NAME: '幸福里物业',
      SMS_TEMPLATE_EMERGENCY: 'SMS_100001',
      SMS_TEMPLATE_ESCALATION: 'SMS_100002',
    });
  });
  afterAll(async () => {
    await t?.close();
    await sms?.stop();
  });

  it('tries WeChat first and texts the escalation once it could not reach the person', async () => {
    const pm = await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'pm' });
    const person = await t.ds.getRepository(User).save({
      companyId: pm.companyId,
      projectId: pm.projectId,
      kind: 'staff',
      role: 'dept_staff',
      name: '夜班值班员',
      phone: '13700001234',
    });
    await t.app.get(NotificationsService).notify([person.id], {
      kind: 'escalated',
      title: '已超时：TEST-WX',
      body: '回复时限已过，请跟进',
      dedupeKey: 'sms-test-wechat-first',
      scene: 'staff_escalated',
    });
    const jobs = t.app.get(JobsService);
    await jobs.runDue(); // the WeChat send (no openid), which schedules the text …
    await jobs.runDue(); // … sent now
    const [n] = await t.ds.getRepository(Notification).findBy({ dedupeKey: 'sms-test-wechat-first' });
    const [wx] = await t.ds.query(`SELECT status FROM wechat_sends WHERE notificationId = ?`, [n.id]);
    expect(wx.status).toBe('no_openid');
    expect(await t.ds.getRepository(SmsSend).findBy({ notificationId: n.id })).toEqual([
      expect.objectContaining({ reason: 'escalation', status: 'sent', phone: '13700001234' }),
    ]);
    expect(sms.messages.map((m) => [m.phone, m.template])).toEqual([['13700001234', 'SMS_100002']]);
  });
});
