import { Household } from '../src/org/entities';
import { idemKey, startTestApp, TestApp } from './support/test-app';

// Household profiles, key customers and reply wording do not depend on the dialect beyond what the
// lifecycle suite covers: SQLite keeps this suite quick.
describe('staff workbench: customers and reply wording', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of ['resident-3', 'resident-1', 'front-desk', 'cs-lead', 'eng-1']) tok[k] = await t.login(k);
  });
  afterAll(() => t?.close());
  const auth = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });

  it("ranks a key customer's ticket above others and says why", async () => {
    const frail = await t.ds.getRepository(Household).findOneByOrFail({ label: '3栋1单元302' });
    const plain = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' });
    await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', idemKey())
      .send({ kind: 'repair', content: '普通报修：阳台晾衣架坏了', householdId: plain.id })
      .expect(201);
    const key = await t.http
      .post('/api/tickets')
      .set(auth('resident-3'))
      .set('Idempotency-Key', idemKey())
      .send({ kind: 'repair', content: '家里跳闸了，制氧机停了', householdId: frail.id })
      .expect(201);
    const q = await t.http.get('/api/staff/queue?scope=project').set(auth('cs-lead')).expect(200);
    expect(q.body.items[0]).toMatchObject({
      id: key.body.id,
      priorityReason: expect.stringMatching(/重点客户/),
    });
    expect(q.body.items[0].priority).toBeGreaterThan(q.body.items[1].priority);
  });

  it('keeps a household profile: key-customer reasons, special needs and tenure', async () => {
    const h = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋2单元201' });
    const res = await t.http
      .put(`/api/households/${h.id}/profile`)
      .set(auth('front-desk'))
      .send({
        keyCustomerReasons: ['owners_committee'],
        specialNeeds: '行动不便，上门请提前电话',
        moveInDate: '2026-09-01',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      keyCustomer: true,
      keyCustomerReasons: [{ code: 'owners_committee' }],
      tenure: 'new',
      tenureLabel: '新客户',
    });
    const bad = await t.http
      .put(`/api/households/${h.id}/profile`)
      .set(auth('front-desk'))
      .send({ keyCustomerReasons: ['vip'] })
      .expect(400);
    expect(bad.body.message).toMatch(/未知的重点客户类型/);
    await t.http
      .put(`/api/households/${h.id}/profile`)
      .set(auth('eng-1'))
      .send({ specialNeeds: 'x' })
      .expect(403);
    await t.http.get(`/api/households/${h.id}/profile`).set(auth('resident-1')).expect(403);
  });

  it('offers per-category reply templates that the lead can edit, refusing forbidden wording', async () => {
    const list = await t.http
      .get('/api/reply-templates?category=设备管理类')
      .set(auth('front-desk'))
      .expect(200);
    expect(list.body.length).toBeGreaterThan(0);
    const id = list.body[0].id;
    await t.http
      .put(`/api/reply-templates/${id}`)
      .set(auth('front-desk'))
      .send({ category: '设备管理类', title: 'x', text: 'y' })
      .expect(403);
    const bad = await t.http
      .put(`/api/reply-templates/${id}`)
      .set(auth('cs-lead'))
      .send({ category: '设备管理类', title: '电梯故障', text: '这是公司的规定，电梯每月只修一次。' })
      .expect(400);
    expect(bad.body.message).toMatch(/服务禁语/);
    const ok = await t.http
      .put(`/api/reply-templates/${id}`)
      .set(auth('cs-lead'))
      .send({
        category: '设备管理类',
        title: '电梯故障',
        text: '{业主称呼}您好，电梯维保单位已到场，预计{时间}前恢复运行。',
      })
      .expect(200);
    expect(ok.body.title).toBe('电梯故障');
  });

  it('warns when a reply contains a phrase the handbook forbids and offers the better wording', async () => {
    const res = await t.http
      .post('/api/reply-check')
      .set(auth('eng-1'))
      .send({ text: '这是公司的规定，没办法。' })
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.hits[0].better).toMatch(/大多数业主的要求/);
    const fine = await t.http
      .post('/api/reply-check')
      .set(auth('eng-1'))
      .send({ text: '您好，维修师傅下午两点上门，请您在家等候' })
      .expect(200);
    expect(fine.body).toMatchObject({ ok: true, hits: [] });
  });
});
