import { readFileSync } from 'node:fs';
import { classify, loadClassifier } from '@wuye/shared';
import { ClassifierService, shippedModelPath } from '../src/classification/classifier.service';
import { Notification } from '../src/notifications/entities';
import { Company, Household, Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { Clock } from '../src/common/clock';
import { NightlyRetrain, nextNightlyRun } from '../src/classification/nightly-retrain';
import { JobsService } from '../src/jobs/jobs.service';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

describe.each(DRIVERS)('classification and routing on %s', (driver) => {
  let t: TestApp;
  let household: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    for (const k of ['resident-1', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'eng-2']) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    household = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    // Each case starts from empty engineering queues and the default strategy.
    await t.ds.query(`UPDATE tickets SET status = 'closed' WHERE status <> 'closed'`);
    await t.ds.query(`UPDATE users SET onDuty = ?`, [true]);
    await t.settings(
      `UPDATE departments SET assignStrategy = 'fewest_open', maxOpenPerPerson = 20, lastAssignedUserId = NULL`,
    );
  });

  const complain = async (content: string) =>
    (
      await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok['resident-1']}`)
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'complaint', content, householdId: household })
        .expect(201)
    ).body;
  const toldLead = async (ticketId: string) =>
    (
      await t.ds
        .getRepository(Notification)
        .find({ where: { userId: ids['cs-lead'], ticketId }, order: { createdAt: 'ASC', id: 'ASC' } })
    ).map((n) => [n.kind, n.title]);
  const staffView = async (id: string) =>
    (await t.http.get(`/api/tickets/${id}`).set('Authorization', `Bearer ${tok['cs-lead']}`).expect(200))
      .body;

  it('classifies a complaint by its final cause, routes it, assigns it, and shows the reasons', async () => {
    const filed = await complain('3栋的电梯又坏了，一直停在5楼不动，老人上不去');
    const v = await staffView(filed.id);
    expect(v).toMatchObject({ status: 'assigned', category: '设备管理类', department: { name: '工程部' } });
    expect([ids['eng-1'], ids['eng-2']]).toContain(v.assignee.id);
    expect(v.classification.reasons.length).toBeGreaterThan(0);
    expect(v.events[1]).toMatchObject({ action: 'assign', actorName: '系统' });
    expect(v.events[1].note).toMatch(/设备管理类.*工程部/);
  });

  it("routes by cause, not by surface: a leak from the neighbour's renovation goes to 客服部 as 业户纠纷类", async () => {
    const v = await staffView((await complain('卫生间天花板漏水，是楼上那家装修把防水层弄坏了')).id);
    expect(v).toMatchObject({ category: '业户纠纷类', department: { code: 'cs' } });
  });

  it('spreads work by fewest open tickets, skips staff on leave, and waits in the queue at the cap', async () => {
    const a = await staffView((await complain('2栋电梯按钮失灵，按了没反应')).id);
    const b = await staffView((await complain('1栋电梯门关不上，一直开开关关')).id);
    expect(new Set([a.assignee.id, b.assignee.id]).size).toBe(2);

    await t.ds.getRepository(User).update({ id: ids['eng-1'] }, { onDuty: false });
    const c = await staffView((await complain('3栋电梯运行时有很大的异响')).id);
    expect(c.assignee.id).toBe(ids['eng-2']);

    await t.settings(`UPDATE departments SET maxOpenPerPerson = 0 WHERE code = 'eng'`);
    const d = await staffView((await complain('地库电梯又停了，下不去车库')).id);
    expect(d).toMatchObject({ status: 'assigned', department: { code: 'eng' }, assignee: null });
    expect(d.events.at(-1).note).toMatch(/部门队列/);
    const queue = await t.http
      .get('/api/staff/queue?scope=department')
      .set('Authorization', `Bearer ${tok['eng-1']}`)
      .expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
    // The lead hears of it, with the department's name (read before the intake's transaction).
    expect(await toldLead(d.id)).toEqual([['queued', `工程部待领取：${d.number}`]]);
  });

  it('tells the lead when a ticket is sent to a department with nobody to take it (a move, read inside)', async () => {
    const filed = await complain('有点事想说一下，你们看着办吧');
    const v = await staffView(filed.id);
    expect(v.classification).toMatchObject({ triage: true });
    expect(await toldLead(filed.id)).toEqual([['triage', `待人工分派：${v.number}`]]);
    await t.http
      .post(`/api/tickets/${filed.id}/actions`)
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ version: v.version, action: 'assign', departmentCode: 'env' })
      .expect(200);
    // The lead made the move, and is told anyway: the queue notice is for whoever leads customer service.
    expect(await toldLead(filed.id)).toEqual([
      ['triage', `待人工分派：${v.number}`],
      ['queued', `环境部待领取：${v.number}`],
    ]);
  });

  it('keeps to the cap when many complaints arrive at once', async () => {
    // All twelve read the open loads before any of them is stored: the picks held in flight count too.
    await t.settings(`UPDATE departments SET maxOpenPerPerson = 2 WHERE code = 'eng'`);
    const filed = await Promise.all(
      Array.from({ length: 12 }, (_, i) => complain(`${i + 1}栋电梯不动了，困在${i + 2}楼`)),
    );
    const views = await Promise.all(filed.map((f) => staffView(f.id)));
    expect(views.every((v) => v.department?.code === 'eng')).toBe(true);
    const perPerson: Record<string, number> = {};
    for (const v of views) if (v.assignee) perPerson[v.assignee.id] = (perPerson[v.assignee.id] ?? 0) + 1;
    // Both engineers at the cap; the other eight wait in the department's queue.
    expect(perPerson).toEqual({ [ids['eng-1']]: 2, [ids['eng-2']]: 2 });
    expect(views.filter((v) => !v.assignee)).toHaveLength(8);
  });

  it('takes turns under round-robin', async () => {
    await t.settings(`UPDATE departments SET assignStrategy = 'round_robin' WHERE code = 'eng'`);
    const got = [];
    for (const text of ['1栋电梯不动了', '2栋电梯不动了', '3栋电梯不动了', '1栋电梯又不动了'])
      got.push((await staffView((await complain(text)).id)).assignee.id);
    expect(got[0]).not.toBe(got[1]);
    expect(got[2]).toBe(got[0]);
    expect(got[3]).toBe(got[1]);
  });

  it('sends an unsure complaint to the triage queue; a correction dispatches it and teaches the model', async () => {
    const text = '有点事想说一下，你们看着办吧';
    const filed = await complain(text);
    let v = await staffView(filed.id);
    expect(v).toMatchObject({ status: 'received', department: null, classification: { triage: true } });
    const triage = await t.http
      .get('/api/staff/queue?scope=triage')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(200);
    expect(triage.body.items.map((i: { id: string }) => i.id)).toContain(filed.id);
    // Not dispatched yet, so engineering cannot even see it; the front desk and the lead can correct it.
    await t.http
      .post(`/api/tickets/${filed.id}/category`)
      .set('Authorization', `Bearer ${tok['eng-1']}`)
      .send({ category: '环境管理类' })
      .expect(404);
    v = (
      await t.http
        .post(`/api/tickets/${filed.id}/category`)
        .set('Authorization', `Bearer ${tok['cs-lead']}`)
        .send({ category: '环境管理类' })
        .expect(200)
    ).body;
    expect(v).toMatchObject({ category: '环境管理类', status: 'assigned', department: { code: 'env' } });
    // The next near-identical complaint now gets the corrected category.
    const again = await staffView((await complain('有点事想说一下，你们看着办吧！')).id);
    expect(again.category).toBe('环境管理类');
    const events = await t.ds.getRepository(TicketEvent).findBy({ ticketId: filed.id, action: 'classify' });
    expect(events).toHaveLength(1);
  });

  it("keeps a company's corrections to itself: another company still classifies the text as the shipped model does", async () => {
    const text = '那个事情你们物业自己掂量着办，我不想多说了';
    const shipped = classify(loadClassifier(readFileSync(shippedModelPath(), 'utf8')), text).category;
    const corrected = shipped === '其它类' ? '环境管理类' : '其它类';
    const filed = await complain(text);
    await t.http
      .post(`/api/tickets/${filed.id}/category`)
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ category: corrected })
      .expect(200);
    const svc = t.app.get(ClassifierService);
    const own = (await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' })).companyId;
    const other = await t.ds.getRepository(Company).save({ name: '别家物业有限公司' });
    expect((await svc.classify(own, text)).category).toBe(corrected);
    expect((await svc.classify(other.id, text)).category).toBe(shipped);
  });

  it('reads the emergency kind, the kind a text reads as, and explains the category in plain Chinese', async () => {
    const res = await t.http
      .post('/api/classification/preview')
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .send({ text: '电梯困人', kind: 'inquiry' })
      .expect(200);
    expect(res.body).toMatchObject({
      emergency: true,
      emergencyKind: 'lift_entrapment',
      emergencyLabel: '电梯困人',
    });
    expect(res.body).not.toHaveProperty('explanation');
    expect(res.body).not.toHaveProperty('confidence'); // residents see the department, never a number
    const repair = await t.http
      .post('/api/classification/preview')
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .send({ text: '我家卫生间水龙头一直滴水，麻烦派个师傅上门修一下', kind: 'complaint' })
      .expect(200);
    expect(repair.body.kindSuggestion).toEqual({ kind: 'repair', label: '报修' });
    // Filed as a repair, the same text is previewed with the department of its trade, as intake routes it.
    const asRepair = await t.http
      .post('/api/classification/preview')
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .send({ text: '我家卫生间水龙头一直滴水，麻烦派个师傅上门修一下', kind: 'repair' })
      .expect(200);
    expect(asRepair.body.department).toBe('工程部');
    const v = await staffView((await complain('楼上那家装修把防水层搞坏了，我家卫生间天花板一直渗水')).id);
    expect(v.category).toBe('业户纠纷类');
    expect(v.classification.explanation).toMatch(/业户纠纷/);
    expect(v.classification.explanation).not.toMatch(/[A-Z]+:/);
    // A two-character complaint is accepted at intake.
    const short = await complain('漏水');
    expect(short.number).toMatch(/^TS/);
  });

  it('dispatches an emergency at once and ranks it first', async () => {
    const v = await staffView((await complain('楼道里闻到很浓的煤气味，快来人')).id);
    expect(v.flags.emergency).toBe(true);
    expect(v.status).toBe('assigned');
    const q = await t.http
      .get('/api/staff/queue?scope=project')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(200);
    expect(q.body.items[0].id).toBe(v.id);
  });

  it('flags a compensation claim of 10,000 yuan or more as a major complaint', async () => {
    const v = await staffView((await complain('保安看管不力我家车被划了，要求物业赔偿两万元')).id);
    expect(v.flags).toMatchObject({ majorComplaint: true, compensationYuan: 20000 });
  });

  it('lets the project manager change the routing table; nobody else', async () => {
    await t.http
      .put('/api/routing/开发商相关类')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ departmentCode: 'qa' })
      .expect(403);
    const table = await t.http
      .put('/api/routing/开发商相关类')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ departmentCode: 'qa' })
      .expect(200);
    expect(table.body['开发商相关类']).toBe('qa');
    const v = await staffView(
      (await complain('刚交房三个月，客厅墙面就出现好几条裂缝，开发商的质量太差了')).id,
    );
    expect(v).toMatchObject({ category: '开发商相关类', department: { code: 'qa' } });
  });

  it('routes a repair by its trade to the tradesman who does it', async () => {
    const repair = async (content: string) =>
      (
        await t.http
          .post('/api/tickets')
          .set('Authorization', `Bearer ${tok['resident-1']}`)
          .set('Idempotency-Key', idemKey())
          .send({ kind: 'repair', content, householdId: household })
          .expect(201)
      ).body;
    await t.http
      .put(`/api/routing/staff/${ids['eng-2']}/trades`)
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ trades: ['elevator'] })
      .expect(403);
    await t.http
      .put(`/api/routing/staff/${ids['eng-2']}/trades`)
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ trades: ['lift'] })
      .expect(400);
    const set = await t.http
      .put(`/api/routing/staff/${ids['eng-2']}/trades`)
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ trades: ['elevator'] })
      .expect(200);
    expect(set.body.staff.find((s: { id: string }) => s.id === ids['eng-2']).trades).toEqual(['elevator']);
    await t.http
      .put(`/api/routing/staff/${ids['eng-1']}/trades`)
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ trades: ['water_electric', 'civil'] })
      .expect(200);

    const lift = await staffView((await repair('家里这边的电梯按钮按了没反应')).id);
    expect(lift).toMatchObject({
      trade: { code: 'elevator', label: '电梯（外包）' },
      assignee: { name: '刘师傅' },
    });
    const tap = await staffView((await repair('厨房水龙头一直滴水关不紧')).id);
    expect(tap).toMatchObject({ trade: { code: 'water_electric' }, assignee: { name: '张师傅' } });
    // The project may send a trade elsewhere (e.g. 弱电 to 秩序部, who run the access control).
    await t.http
      .put('/api/routing/trades/low_voltage')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ departmentCode: 'sec' })
      .expect(200);
    const gate = await staffView((await repair('单元门禁刷卡没反应进不去')).id);
    expect(gate).toMatchObject({ trade: { code: 'low_voltage' }, department: { code: 'sec' } });
    const table = await t.http
      .get('/api/routing/trades')
      .set('Authorization', `Bearer ${tok['eng-1']}`)
      .expect(200);
    expect(table.body.table).toMatchObject({ low_voltage: 'sec', elevator: 'eng' });
    await t.http
      .put('/api/routing/trades/rocket')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .send({ departmentCode: 'eng' })
      .expect(404);
  });

  it('previews the category and department while a resident types', async () => {
    const res = await t.http
      .post('/api/classification/preview')
      .set('Authorization', `Bearer ${tok['resident-1']}`)
      .send({ text: '小区门口保安不登记就放外卖员进来' })
      .expect(200);
    expect(res.body).toMatchObject({ category: '安全管理类', department: '秩序部' });
  });

  it('leaves complaints with a person when the project turns auto-routing off', async () => {
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    const v = await staffView((await complain('2栋电梯门夹人，太危险了')).id);
    expect(v).toMatchObject({ status: 'received', assignee: null });
    await t.settings('UPDATE projects SET autoRoute = ?', [true]);
    expect(await t.ds.getRepository(Ticket).countBy({ id: v.id })).toBe(1);
  });

  it('retrains on demand with accuracy before and after recorded, and rolls back', async () => {
    await t.http
      .post('/api/classification/retrain')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(403);
    const res = await t.http
      .post('/api/classification/retrain')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .expect(200);
    const [v] = res.body;
    expect(v.accuracyBefore).toBeGreaterThan(0.85);
    expect(v.accuracyAfter).toBeGreaterThan(0.85);
    expect(v.corrections).toBeGreaterThanOrEqual(1); // the correction made above is part of the training data
    expect(v.active).toBe(v.accuracyAfter >= v.accuracyBefore - 0.005);
    // The corrected text keeps its category under the retrained model.
    const again = await staffView((await complain('有点事想说一下，你们看着办吧')).id);
    expect(again.category).toBe('环境管理类');
    const back = await t.http
      .post('/api/classification/models/shipped/activate')
      .set('Authorization', `Bearer ${tok['pm']}`)
      .expect(200);
    expect(back.body.every((m: { active: boolean }) => !m.active)).toBe(true);
    await t.http
      .post(`/api/classification/models/${v.id}/activate`)
      .set('Authorization', `Bearer ${tok['pm']}`)
      .expect(200);
  });

  it('runs one retrain at a time: a second request while one trains is refused with a message', async () => {
    const pm = await t.login('pm');
    const first = t.http.post('/api/classification/retrain').set('Authorization', `Bearer ${pm}`);
    const firstDone = first.then((r) => r);
    await new Promise((r) => setTimeout(r, 50));
    const second = await t.http.post('/api/classification/retrain').set('Authorization', `Bearer ${pm}`);
    expect(second.status).toBe(409);
    expect(second.body.message).toBe('模型正在训练中，请稍后再试');
    expect((await firstDone).status).toBe(200);
  });

  it('retrains every night at 02:00 when there are corrections newer than the live model', async () => {
    const nightly = t.app.get(NightlyRetrain);
    expect(await nightly.run()).toBe(0); // nothing new since the retrain above
    const versions = async () =>
      Number((await t.ds.query('SELECT COUNT(*) AS n FROM classifier_models'))[0].n);
    const before = await versions();
    const ticket = await complain('楼下的狗天天半夜叫，吵得睡不着');
    const wrong = (await staffView(ticket.id)).category === '业户纠纷类' ? '环境管理类' : '业户纠纷类';
    await t.http
      .post(`/api/tickets/${ticket.id}/category`)
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .send({ category: wrong })
      .expect(200);
    t.app.get(Clock).set(nextNightlyRun(new Date()));
    await t.app.get(JobsService).runDue();
    expect(await versions()).toBe(before + 1);
    t.app.get(Clock).reset();
  });
});
