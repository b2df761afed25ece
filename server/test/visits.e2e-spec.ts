import { Clock } from '../src/common/clock';
import { JobsService } from '../src/jobs/jobs.service';
import { Household, Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { Rating, VisitPreference, VisitTask } from '../src/visits/entities';
import { VisitClosingService } from '../src/visits/visit-closing.service';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const BJ = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => BJ(s).toISOString();
const HANDLE_NOTE = '已上门处理完毕，业主现场查看';

interface Task {
  id: string;
  seq: number;
  status: string;
  dueAt: string | null;
  inviteDeadline: string | null;
  trigger: string;
  form: string;
  visitorRole: string;
  basis: string;
  cancelReason: string | null;
}

/**
 * Return visits, ratings and honest closing (docs/domain-rules.md "Return visits", "Closing"): the resident's
 * rating, the handbook's visit schedules, staff visits by phone and at home, dissatisfaction, exemptions,
 * closing a week after handling, and repeat complaints — with a clock the test moves.
 */
describe.each(DRIVERS)('return visits on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const households: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    // A second compound with its own front desk, to prove nobody crosses projects.
    const home = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    const other = await t.ds.getRepository(Project).save({ companyId: home.companyId, name: '月亮湾' });
    await t.ds.getRepository(User).save({
      companyId: home.companyId,
      projectId: other.id,
      departmentId: null,
      kind: 'staff',
      role: 'front_desk',
      name: '别的小区前台',
      phone: null,
      openid: null,
      demoKey: 'other-desk',
    });
    for (const k of [
      'resident-1',
      'resident-2',
      'resident-3',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'eng-2',
      'hq',
      'other-desk',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    for (const label of ['1栋1单元101', '2栋2单元602', '3栋1单元302'])
      households[label] = (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;
  });
  afterAll(() => t?.close());

  const clock = () => t.app.get(Clock);
  const runDue = () => t.app.get(JobsService).runDue();
  const auth = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const HOME: Record<string, string> = {
    'resident-1': '1栋1单元101',
    'resident-2': '2栋2单元602',
    'resident-3': '3栋1单元302',
  };

  const file = async (who: string, kind: string, content: string, extra: Record<string, unknown> = {}) => {
    const res = await t.http
      .post('/api/tickets')
      .set(auth(who))
      .set('Idempotency-Key', idemKey())
      .send({ kind, content, householdId: households[HOME[who]], ...extra });
    if (res.status !== 201) throw new Error(`filing: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; number: string };
  };
  const ticket = (id: string) => t.ds.getRepository(Ticket).findOneByOrFail({ id });
  const act = async (id: string, who: string, body: Record<string, unknown>, status = 200) => {
    const res = await t.http
      .post(`/api/tickets/${id}/actions`)
      .set(auth(who))
      .send({ version: (await ticket(id)).version, ...body });
    if (res.status !== status)
      throw new Error(
        `${who} ${String(body.action)}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    return res.body;
  };
  /** Dispatch to 张师傅 and have him mark it handled at the clock's current time. */
  const handle = async (id: string) => {
    const tk = await ticket(id);
    if (tk.status === 'received')
      await act(id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    if ((await ticket(id)).status === 'assigned') await act(id, 'eng-1', { action: 'start' });
    await act(id, 'eng-1', {
      action: 'mark_handled',
      note: HANDLE_NOTE,
      ...(tk.kind === 'complaint' ? { cause: { factor: 'people', sub: 'attitude' } } : {}),
    });
  };
  const visitsOf = async (id: string, who = 'cs-lead') =>
    (await t.http.get(`/api/tickets/${id}/visits`).set(auth(who)).expect(200)).body as {
      exemption: string | null;
      complaintLevel: { level: number; source: string } | null;
      tasks: Task[];
      ratings: { satisfied: boolean; source: string }[];
      dissatisfactions: number;
    };
  const inbox = async (who: string) =>
    (await t.http.get('/api/notifications?pageSize=100').set(auth(who)).expect(200)).body.items as {
      kind: string;
      title: string;
      body: string;
      ticketId: string;
      page: string;
    }[];
  const kindsFor = async (who: string, ticketId: string) =>
    (await inbox(who)).filter((n) => n.ticketId === ticketId).map((n) => n.kind);
  const upload = async (who: string) =>
    (await t.http.post('/api/uploads').set(auth(who)).attach('file', PNG_1x1, 'p.png').expect(201)).body
      .id as string;
  const rate = (who: string, id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/tickets/${id}/rating`).set(auth(who)).send(body);
  const attempt = (who: string, taskId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/visits/${taskId}/attempts`).set(auth(who)).send(body);
  const events = (id: string) =>
    t.ds.getRepository(TicketEvent).find({ where: { ticketId: id }, order: { ticketVersion: 'ASC' } });
  const REPAIR_SCORES = { timeliness: 5, process: 5, attitude: 4, result: 5 };

  it('invites the resident to rate a handled repair, and a satisfied rating closes it', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00'));
    const r = await file('resident-1', 'repair', '厨房洗菜盆下水堵住了，水排不下去');
    clock().freeze(BJ('2026-11-19T15:00:00'));
    await handle(r.id);

    const invite = (await inbox('resident-1')).find((n) => n.ticketId === r.id && n.kind === 'visit_invite')!;
    expect(invite).toMatchObject({ page: `/visit/pages/rate/index?id=${r.id}` });
    expect(invite.title).toContain('评价');

    const form = (await t.http.get(`/api/tickets/${r.id}/rating`).set(auth('resident-1')).expect(200)).body;
    expect(form).toMatchObject({
      canRate: true,
      asksCharge: true,
      inviteDeadline: iso('2026-11-20T15:00:00'),
    });
    expect(form.questions.map((q: { key: string }) => q.key)).toEqual([
      'timeliness',
      'process',
      'attitude',
      'result',
    ]);
    expect(form.ticket.handledNote).toBe(HANDLE_NOTE);

    // Nobody else rates it: a neighbour does not even see it, staff may not answer for the resident.
    await t.http.get(`/api/tickets/${r.id}/rating`).set(auth('resident-2')).expect(404);
    await rate('resident-2', r.id, { scores: REPAIR_SCORES, satisfied: true, chargeCorrect: true }).expect(
      404,
    );
    const staff = await rate('front-desk', r.id, {
      scores: REPAIR_SCORES,
      satisfied: true,
      chargeCorrect: true,
    });
    expect(staff.status).toBe(403);
    const asLead = (await t.http.get(`/api/tickets/${r.id}/rating`).set(auth('cs-lead')).expect(200)).body;
    expect(asLead).toMatchObject({ canRate: false, reason: expect.stringContaining('本人') });

    const incomplete = await rate('resident-1', r.id, {
      scores: { timeliness: 5 },
      satisfied: true,
      chargeCorrect: true,
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.message).toBe('请为"服务过程是否规范"打分');
    const noCharge = await rate('resident-1', r.id, { scores: REPAIR_SCORES, satisfied: true });
    expect(noCharge.body.message).toBe('请确认收费是否合理');

    clock().freeze(BJ('2026-11-19T19:30:00'));
    const photo = await upload('resident-1');
    const done = await rate('resident-1', r.id, {
      scores: REPAIR_SCORES,
      satisfied: true,
      chargeCorrect: true,
      comment: '师傅很专业，谢谢',
      photoIds: [photo],
    }).expect(201);
    expect(done.body).toMatchObject({
      canRate: false,
      ticket: { status: 'closed' },
      rating: {
        satisfied: true,
        source: 'online',
        average: 4.8,
        chargeCorrect: true,
        comment: '师傅很专业，谢谢',
      },
    });
    expect(done.body.rating.photos).toHaveLength(1);

    const closing = (await events(r.id)).at(-1)!;
    expect(closing).toMatchObject({
      action: 'close',
      actorName: '系统',
      actorRole: 'system',
      label: '回访满意，已办结',
    });
    expect(closing.note).toContain('业主在线评价：满意');
    const v = await visitsOf(r.id);
    expect(v.tasks[0]).toMatchObject({ seq: 1, status: 'done' });
    expect(v.ratings).toEqual([expect.objectContaining({ satisfied: true, source: 'online' })]);

    const again = await rate('resident-1', r.id, {
      scores: REPAIR_SCORES,
      satisfied: true,
      chargeCorrect: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_rated');
  });

  it('plans repair visits by the handbook schedule, with the right due times', async () => {
    clock().freeze(BJ('2026-11-19T09:00:00')); // Thursday
    const blocked = await file('resident-2', 'repair', '卫生间马桶堵塞，冲不下去');
    const seepage = await file('resident-2', 'repair', '昨晚下大雨后卧室墙角渗水，墙面发霉');
    const crack = await file('resident-2', 'repair', '客厅墙面有一条细小裂纹');
    const ordinary = await file('resident-2', 'repair', '楼道声控灯坏了，晚上很黑');
    clock().freeze(BJ('2026-11-19T15:00:00'));
    for (const r of [blocked, seepage, crack, ordinary]) await handle(r.id);

    // 次日回访: by the end of the next day; the invitation is the resident's for 24 h.
    const b = (await visitsOf(blocked.id)).tasks;
    expect(b).toEqual([
      expect.objectContaining({
        seq: 1,
        status: 'invited',
        form: 'phone',
        visitorRole: 'front_desk',
        inviteDeadline: iso('2026-11-20T15:00:00'),
        dueAt: iso('2026-11-21T00:00:00'),
      }),
    ]);
    // 渗水: the day after, and again after the next rain because rain caused it.
    const s = (await visitsOf(seepage.id)).tasks;
    expect(s.map((x) => [x.seq, x.trigger, x.dueAt, x.status])).toEqual([
      [1, 'time', iso('2026-11-21T00:00:00'), 'invited'],
      [2, 'after_rain', null, 'open'],
    ]);
    // 墙体裂缝: within 5 days and again within a month.
    expect((await visitsOf(crack.id)).tasks.map((x) => x.dueAt)).toEqual([
      iso('2026-11-25T00:00:00'),
      iso('2026-12-20T00:00:00'),
    ]);
    // Any other repair: within 24 h — the resident's invitation for the first 12, the staff visit by the 24th hour.
    expect((await visitsOf(ordinary.id)).tasks).toEqual([
      expect.objectContaining({
        inviteDeadline: iso('2026-11-20T03:00:00'),
        dueAt: iso('2026-11-20T15:00:00'),
      }),
    ]);

    // It rains: the after-rain visit is due within 24 h, and the visitors hear of it.
    clock().freeze(BJ('2026-11-23T08:00:00'));
    await t.http.post('/api/visits/rain').set(auth('eng-1')).expect(403);
    const rained = await t.http.post('/api/visits/rain').set(auth('front-desk')).expect(200);
    expect(rained.body.due).toBeGreaterThanOrEqual(1);
    const after = (await visitsOf(seepage.id)).tasks.find((x) => x.seq === 2)!;
    expect(after.dueAt).toBe(iso('2026-11-24T08:00:00'));
    expect(await kindsFor('front-desk', seepage.id)).toContain('visit_due');
  });

  it('plans complaint visits by level: the level sets the visitor, and the lead may change it', async () => {
    clock().freeze(BJ('2026-11-20T09:00:00'));
    const c = await file('resident-3', 'complaint', '门岗保安说话很冲，态度恶劣');
    clock().freeze(BJ('2026-11-20T16:00:00'));
    await handle(c.id);
    const before = await visitsOf(c.id);
    expect(before.complaintLevel).toMatchObject({ level: 4, source: 'derived' });
    expect(before.tasks[0]).toMatchObject({
      visitorRole: 'front_desk',
      form: 'home',
      dueAt: iso('2026-11-24T00:00:00'),
    });

    const settings = (who: string, body: object) =>
      t.http.put(`/api/tickets/${c.id}/visit-settings`).set(auth(who)).send(body);
    await settings('front-desk', { complaintLevel: 2 }).expect(403);
    await settings('cs-lead', { complaintLevel: 7 }).expect(400);
    const after = (await settings('cs-lead', { complaintLevel: 2 }).expect(200)).body;
    expect(after.complaintLevel).toMatchObject({ level: 2, source: 'lead', label: '二级投诉' });
    expect(after.tasks).toHaveLength(1);
    expect(after.tasks[0]).toMatchObject({ visitorRole: 'project_manager', status: 'invited' });

    // A level-2 complaint is the project manager's visit: the front desk may not record it.
    const taskId = after.tasks[0].id;
    const sig = await upload('front-desk');
    const refused = await attempt('front-desk', taskId, {
      method: 'home',
      result: 'satisfied',
      signatureUploadId: sig,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('项目经理');
    // The front desk still sees the visit, with the phone number masked: it is not theirs to call.
    const watching = (await t.http.get(`/api/visits/${taskId}`).set(auth('front-desk')).expect(200)).body;
    expect(watching).toMatchObject({ canRecord: false, ticket: { contact: { phone: '139****0003' } } });
    const mine = (await t.http.get('/api/visits?scope=mine&status=all').set(auth('pm')).expect(200)).body;
    expect(mine.items.map((x: { ticket: { id: string } }) => x.ticket.id)).toContain(c.id);
  });

  it('turns an unanswered invitation into a staff visit, never into "satisfied"', async () => {
    clock().freeze(BJ('2026-12-01T09:00:00'));
    const r = await file('resident-1', 'repair', '阳台晾衣架断了一根，需要更换');
    clock().freeze(BJ('2026-12-01T10:00:00'));
    await handle(r.id);
    const list = async (q: string) =>
      (
        (await t.http.get(`/api/visits?${q}`).set(auth('front-desk')).expect(200)).body.items as {
          ticket: { id: string };
          status: string;
          overdue: boolean;
        }[]
      ).filter((x) => x.ticket.id === r.id);
    expect(await list('scope=mine')).toEqual([]); // still the resident's to answer
    expect(await list('scope=mine&status=invited')).toHaveLength(1);

    // The resident's window is the first 12 hours, so that staff still visit within 24 (the return-visit handbook).
    clock().freeze(BJ('2026-12-01T22:00:01'));
    await runDue();
    expect(await list('scope=mine')).toEqual([expect.objectContaining({ status: 'open', overdue: false })]);
    expect(await kindsFor('front-desk', r.id)).toContain('visit_due');
    expect((await ticket(r.id)).status).toBe('handled');
    expect(await t.ds.getRepository(Rating).countBy({ ticketId: r.id })).toBe(0);

    clock().freeze(BJ('2026-12-02T10:00:01')); // 24 hours after handling
    expect(await list('scope=mine&due=overdue')).toHaveLength(1);
    expect(await list('scope=mine&due=today')).toHaveLength(1);

    // Nobody tried: a week later it does not close; the lead is told the visit is owed.
    clock().freeze(BJ('2026-12-08T10:00:01'));
    await runDue();
    expect((await ticket(r.id)).status).toBe('handled');
    expect(await kindsFor('cs-lead', r.id)).toContain('visit_overdue');

    // Calls nobody answers: one, or two the same day, are not enough to give up.
    const taskId = (await visitsOf(r.id)).tasks[0].id;
    await attempt('front-desk', taskId, { method: 'phone', result: 'unreachable', note: '无人接听' }).expect(
      201,
    );
    await runDue();
    expect((await ticket(r.id)).status).toBe('handled');
    clock().freeze(BJ('2026-12-08T16:00:00'));
    await attempt('front-desk', taskId, { method: 'phone', result: 'unreachable', note: '关机' }).expect(201);
    await runDue();
    expect((await ticket(r.id)).status).toBe('handled');
    // The third, on another day: now it closes, with the reason recorded.
    clock().freeze(BJ('2026-12-09T10:00:00'));
    await attempt('front-desk', taskId, {
      method: 'phone',
      result: 'unreachable',
      note: '仍无人接听',
    }).expect(201);
    await runDue();
    const closed = await ticket(r.id);
    expect(closed.status).toBe('closed');
    const last = (await events(r.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'auto_close', actorName: '系统' });
    expect(JSON.parse(last.data!)).toMatchObject({ noVisitReason: 'unreachable' });
    expect(await t.ds.getRepository(Rating).countBy({ ticketId: r.id })).toBe(0);
  });

  it('reopens to the handler with the lead told when the resident is unsatisfied; the second time it goes up to the project manager', async () => {
    clock().freeze(BJ('2026-12-10T09:00:00'));
    const r = await file('resident-3', 'repair', '厨房水龙头关不紧，一直滴水');
    clock().freeze(BJ('2026-12-10T11:00:00'));
    await handle(r.id);
    const task = (await visitsOf(r.id)).tasks[0];

    // At a phone visit the resident says it still drips.
    await attempt('front-desk', task.id, { method: 'phone', result: 'unsatisfied' }).expect(400);
    const first = await attempt('front-desk', task.id, {
      method: 'phone',
      result: 'unsatisfied',
      note: '业主说还在滴水',
      scores: { result: 2 },
    }).expect(201);
    expect(first.body).toMatchObject({ status: 'done', outcome: 'unsatisfied' });
    let now = await ticket(r.id);
    expect(now).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      assigneeId: ids['eng-1'],
      escalationLevel: null,
    });
    expect(await kindsFor('cs-lead', r.id)).toContain('visit_unsatisfied');
    expect(await kindsFor('eng-1', r.id)).toContain('visit_unsatisfied');
    expect(await kindsFor('pm', r.id)).not.toContain('visit_unsatisfied');

    // Handled again, visited again: this time the resident answers online, still unsatisfied.
    clock().freeze(BJ('2026-12-11T10:00:00'));
    await handle(r.id);
    const round2 = (await visitsOf(r.id)).tasks.filter((x) => x.status === 'invited');
    expect(round2).toHaveLength(1);
    const second = await rate('resident-3', r.id, {
      scores: { timeliness: 3, process: 3, attitude: 4, result: 1 },
      satisfied: false,
      chargeCorrect: true,
      comment: '换了阀芯还是滴水',
    }).expect(201);
    expect(second.body.ticket.status).toBe('in_progress');
    // The rating page, read again: thanks the resident rather than telling them to wait for handling.
    const after = (await t.http.get(`/api/tickets/${r.id}/rating`).set(auth('resident-3')).expect(200)).body;
    expect(after).toMatchObject({
      canRate: false,
      reason: '感谢您的评价！我们已重新安排处理，处理完毕后您可以再次评价',
    });
    now = await ticket(r.id);
    expect(now).toMatchObject({ status: 'in_progress', reopenCount: 2, escalationLevel: 'project_manager' });
    expect(await kindsFor('pm', r.id)).toContain('visit_unsatisfied');
    const evs = await events(r.id);
    expect(evs.filter((e) => e.action === 'reopen').map((e) => e.actorRole)).toEqual([
      'front_desk',
      'resident',
    ]);
    expect(evs.find((e) => e.action === 'escalate')).toMatchObject({
      actorName: '系统',
      note: '第2次回访不满意，服务上移',
    });
    expect((await visitsOf(r.id)).dissatisfactions).toBe(2);

    // Third time lucky: satisfied closes it.
    clock().freeze(BJ('2026-12-12T10:00:00'));
    await handle(r.id);
    await rate('resident-3', r.id, { scores: REPAIR_SCORES, satisfied: true, chargeCorrect: true }).expect(
      201,
    );
    expect((await ticket(r.id)).status).toBe('closed');
  });

  it("records a home visit with the resident's signature on the visitor's phone", async () => {
    clock().freeze(BJ('2026-12-15T09:00:00'));
    const c = await file('resident-2', 'complaint', '快递员在小区里骑车太快，差点撞到小孩');
    clock().freeze(BJ('2026-12-15T14:00:00'));
    await handle(c.id);
    const task = (await visitsOf(c.id)).tasks[0];
    expect(task).toMatchObject({ form: 'home', visitorRole: 'front_desk' });
    await act(c.id, 'cs-lead', { action: 'verify' }); // 验证合格，待回访: the visitor then closes it in their name

    const detail = (await t.http.get(`/api/visits/${task.id}`).set(auth('front-desk')).expect(200)).body;
    expect(detail).toMatchObject({
      canRecord: true,
      asksCharge: false,
      ticket: { id: c.id, handledNote: HANDLE_NOTE, contact: { name: '黄先生', phone: '13900000002' } },
    });
    expect(detail.questions.map((q: { key: string }) => q.key)).toEqual(['process', 'measures', 'result']);

    const unsigned = await attempt('front-desk', task.id, { method: 'home', result: 'satisfied' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.message).toContain('签名');
    const someoneElses = await upload('resident-2');
    await attempt('front-desk', task.id, {
      method: 'home',
      result: 'satisfied',
      signatureUploadId: someoneElses,
    }).expect(400);
    const signature = await upload('front-desk');
    const res = await attempt('front-desk', task.id, {
      method: 'home',
      result: 'satisfied',
      signatureUploadId: signature,
      scores: { process: 5, measures: 4, result: 5 },
      note: '已与物业沟通限速，业主认可',
    }).expect(201);
    expect(res.body).toMatchObject({
      status: 'done',
      outcome: 'satisfied',
      doneVia: 'home',
      canRecord: false,
    });
    expect(res.body.attempts).toEqual([
      expect.objectContaining({
        method: 'home',
        result: 'satisfied',
        resultLabel: '满意',
        visitorName: '李晓梅',
      }),
    ]);
    const img = await t.http.get(res.body.attempts[0].signatureUrl).expect(200);
    expect(img.headers['content-type']).toContain('image/png');
    const closed = await ticket(c.id);
    expect(closed.status).toBe('closed');
    expect((await events(c.id)).at(-1)).toMatchObject({ action: 'close', actorName: '李晓梅' });
    expect(res.body.ratings).toEqual([
      expect.objectContaining({ source: 'home', satisfied: true, average: 4.7 }),
    ]);

    await attempt('front-desk', task.id, { method: 'phone', result: 'unreachable' }).expect(409);
  });

  it('makes no visit where none is needed, and closes a week after handling with the reason', async () => {
    clock().freeze(BJ('2027-01-04T09:00:00')); // Monday
    // Anonymous: no invitation, no task.
    const anon = await file('resident-1', 'complaint', '晚上十点以后还有人在广场跳舞放音乐', {
      anonymous: true,
    });
    // Registered by phone for a caller who left no number: nobody to call.
    const nocontact = (
      await t.http
        .post('/api/tickets')
        .set(auth('front-desk'))
        .set('Idempotency-Key', idemKey())
        .send({
          kind: 'complaint',
          content: '来电反映地下车库照明太暗',
          channel: 'phone',
          location: '地下车库B区',
        })
        .expect(201)
    ).body;
    // Marked sensitive by the lead once handled.
    const sensitive = await file('resident-2', 'complaint', '隔壁邻居经常吵架，影响休息');
    // Resolved on the spot.
    const onSpot = await file('resident-3', 'complaint', '想了解本月停水的原因');
    await act(onSpot.id, 'front-desk', { action: 'confirm', note: '询问停水原因' });
    await act(onSpot.id, 'front-desk', {
      action: 'resolve_on_spot',
      note: '已解释市政检修',
      satisfied: true,
    });

    clock().freeze(BJ('2027-01-04T15:00:00'));
    for (const x of [anon, nocontact, sensitive]) await handle(x.id);
    expect(await visitsOf(anon.id)).toMatchObject({ exemption: 'anonymous', tasks: [] });
    expect(await kindsFor('resident-1', anon.id)).not.toContain('visit_invite');
    expect(await visitsOf(nocontact.id)).toMatchObject({ exemption: 'no_contact', tasks: [] });
    expect(await visitsOf(onSpot.id)).toMatchObject({ exemption: 'on_spot', tasks: [] });

    expect((await visitsOf(sensitive.id)).tasks).toHaveLength(1);
    await t.http
      .put(`/api/tickets/${sensitive.id}/visit-settings`)
      .set(auth('front-desk'))
      .send({ sensitive: true })
      .expect(403);
    const marked = (
      await t.http
        .put(`/api/tickets/${sensitive.id}/visit-settings`)
        .set(auth('cs-lead'))
        .send({ sensitive: true })
        .expect(200)
    ).body;
    expect(marked).toMatchObject({ exemption: 'sensitive', settings: { sensitive: true } });
    expect(marked.tasks[0]).toMatchObject({ status: 'cancelled' });

    // Not a day early…
    clock().freeze(BJ('2027-01-11T14:59:00'));
    await runDue();
    expect((await ticket(anon.id)).status).toBe('handled');
    // …but a week after handling each closes, saying why.
    clock().freeze(BJ('2027-01-11T15:00:00'));
    await runDue();
    for (const [x, reason] of [
      [anon, 'anonymous'],
      [nocontact, 'no_contact'],
      [sensitive, 'sensitive'],
    ] as const) {
      expect((await ticket(x.id)).status).toBe('closed');
      const last = (await events(x.id)).at(-1)!;
      expect(last).toMatchObject({ action: 'auto_close', label: '处理完毕一周内无再次投诉，已办结' });
      expect(JSON.parse(last.data!).noVisitReason).toBe(reason);
    }
  });

  it('remembers a household that declined visits, so nobody visits it again', async () => {
    clock().freeze(BJ('2027-02-01T09:00:00'));
    const hh = households['3栋1单元302'];
    // Only the household itself or the front office may record it.
    await t.http
      .put(`/api/households/${hh}/visit-preference`)
      .set(auth('resident-2'))
      .send({ noVisit: true })
      .expect(403);
    await t.http
      .put(`/api/households/${hh}/visit-preference`)
      .set(auth('eng-1'))
      .send({ noVisit: true })
      .expect(403);
    const set = await t.http
      .put(`/api/households/${hh}/visit-preference`)
      .set(auth('resident-3'))
      .send({ noVisit: true, note: '白天上班，不方便接电话' })
      .expect(200);
    expect(set.body).toMatchObject({ noVisit: true, recordedBy: '何阿姨' });
    const seen = await t.http
      .get(`/api/households/${hh}/visit-preference`)
      .set(auth('front-desk'))
      .expect(200);
    expect(seen.body).toMatchObject({ noVisit: true, note: '白天上班，不方便接电话' });

    const r = await file('resident-3', 'repair', '卫生间排风扇不转了');
    clock().freeze(BJ('2027-02-01T15:00:00'));
    await handle(r.id);
    expect(await visitsOf(r.id)).toMatchObject({ exemption: 'declined', tasks: [] });
    expect(await kindsFor('resident-3', r.id)).not.toContain('visit_invite');
    clock().freeze(BJ('2027-02-08T15:00:00'));
    await runDue();
    expect((await ticket(r.id)).status).toBe('closed');

    // A refusal heard at the door is recorded the same way.
    await t.http
      .put(`/api/households/${hh}/visit-preference`)
      .set(auth('front-desk'))
      .send({ noVisit: false })
      .expect(200);
    clock().freeze(BJ('2027-02-10T09:00:00'));
    const r2 = await file('resident-3', 'repair', '客厅吊灯有一个灯泡不亮');
    clock().freeze(BJ('2027-02-10T15:00:00'));
    await handle(r2.id);
    const task = (await visitsOf(r2.id)).tasks[0];
    await attempt('front-desk', task.id, {
      method: 'phone',
      result: 'declined',
      note: '业主说以后不用回访',
    }).expect(201);
    const pref = await t.ds.getRepository(VisitPreference).findOneByOrFail({ householdId: hh });
    expect(pref).toMatchObject({
      noVisit: true,
      note: '业主说以后不用回访',
      recordedById: ids['front-desk'],
    });
    expect((await visitsOf(r2.id)).tasks[0]).toMatchObject({ status: 'cancelled' });
    clock().freeze(BJ('2027-02-17T15:00:00'));
    await runDue();
    const last = (await events(r2.id)).at(-1)!;
    expect(JSON.parse(last.data!).noVisitReason).toBe('declined');
  });

  it('reopens the original when the same household complains again about the same matter within the week', async () => {
    clock().freeze(BJ('2027-03-01T09:00:00'));
    const original = await file('resident-1', 'complaint', '楼道的灯坏了好几天了，晚上黑漆漆的');
    clock().freeze(BJ('2027-03-01T15:00:00'));
    await handle(original.id);
    const before = await t.ds.getRepository(Ticket).count();

    clock().freeze(BJ('2027-03-04T10:00:00'));
    const key = idemKey();
    const body = {
      kind: 'complaint',
      content: '楼道的灯又坏了，晚上还是黑漆漆的',
      householdId: households['1栋1单元101'],
    };
    const res = await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(200);
    expect(res.body).toMatchObject({
      id: original.id,
      reopenedExisting: true,
      status: 'in_progress',
      reopenCount: 1,
    });
    expect(await t.ds.getRepository(Ticket).count()).toBe(before);
    const reopen = (await events(original.id)).at(-1)!;
    expect(reopen).toMatchObject({ action: 'reopen', actorName: '系统' });
    expect(reopen.note).toContain('楼道的灯又坏了');
    expect(await kindsFor('eng-1', original.id)).toContain('repeat_complaint');
    expect(
      (await visitsOf(original.id)).tasks.every((x) => x.status !== 'invited' && x.status !== 'open'),
    ).toBe(true);

    // A retry of the same request gets the same answer; the same key for other words is refused.
    const retry = await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(200);
    expect(retry.body).toMatchObject({ id: original.id, reopenedExisting: true });
    expect((await ticket(original.id)).reopenCount).toBe(1);
    await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', key)
      .send({ ...body, content: '别的事情，完全不一样的内容' })
      .expect(422);

    // A different matter from the same household is a new ticket.
    await handle(original.id);
    const other = await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', idemKey())
      .send({
        kind: 'complaint',
        content: '小区门口的快递柜太少了，经常放不下',
        householdId: households['1栋1单元101'],
      })
      .expect(201);
    expect(other.body.id).not.toBe(original.id);
    expect(other.body.reopenedExisting).toBeUndefined();
    // The same words from another household are their own complaint.
    const neighbour = await t.http
      .post('/api/tickets')
      .set(auth('resident-2'))
      .set('Idempotency-Key', idemKey())
      .send({
        kind: 'complaint',
        content: '楼道的灯又坏了，晚上还是黑漆漆的',
        householdId: households['2栋2单元602'],
      })
      .expect(201);
    expect(neighbour.body.id).not.toBe(original.id);
    // After the week the same words open a new ticket.
    clock().freeze(BJ('2027-03-12T10:00:00'));
    const late = await t.http
      .post('/api/tickets')
      .set(auth('resident-1'))
      .set('Idempotency-Key', idemKey())
      .send(body)
      .expect(201);
    expect(late.body.id).not.toBe(original.id);
  });

  it('keeps visits within the project and the people who visit', async () => {
    clock().freeze(BJ('2027-04-01T09:00:00'));
    const r = await file('resident-2', 'repair', '入户门的门锁有点松，需要紧一下');
    clock().freeze(BJ('2027-04-01T15:00:00'));
    await handle(r.id);
    const task = (await visitsOf(r.id)).tasks[0];

    // Another compound's staff see none of it.
    const theirs = await t.http
      .get('/api/visits?scope=project&status=all')
      .set(auth('other-desk'))
      .expect(200);
    expect(theirs.body.items).toEqual([]);
    await t.http.get(`/api/visits/${task.id}`).set(auth('other-desk')).expect(404);
    await attempt('other-desk', task.id, { method: 'phone', result: 'unreachable' }).expect(404);
    await t.http.get(`/api/tickets/${r.id}/visits`).set(auth('other-desk')).expect(404);
    // Department staff see the visits of their own tickets only, and never the project's list.
    await t.http.get('/api/visits?scope=project').set(auth('eng-2')).expect(403);
    await t.http.get(`/api/visits/${task.id}`).set(auth('eng-2')).expect(404);
    const handler = await t.http.get('/api/visits?scope=mine&status=all').set(auth('eng-1')).expect(200);
    expect(handler.body.items.map((x: { ticket: { id: string } }) => x.ticket.id)).toContain(r.id);
    // Residents have no visit lists; the project's list is there for the desk and the leads.
    await t.http.get('/api/visits').set(auth('resident-2')).expect(403);
    const project = await t.http.get('/api/visits?scope=project&status=all').set(auth('cs-lead')).expect(200);
    expect(project.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    const hq = await t.http.get('/api/visits?scope=project&status=all').set(auth('hq')).expect(200);
    expect(hq.body.items.map((x: { id: string }) => x.id)).toContain(task.id);
    // The visitor calling needs the number.
    const asLead = (await t.http.get(`/api/visits/${task.id}`).set(auth('cs-lead')).expect(200)).body;
    expect(asLead.ticket.contact.phone).toBe('13900000002');
  });

  it("follows the project's own schedule, which only its lead or manager may change", async () => {
    await t.http.put('/api/visits/rules').set(auth('front-desk')).send({ overrides: {} }).expect(403);
    const bad = await t.http
      .put('/api/visits/rules')
      .set(auth('pm'))
      .send({ overrides: { repair: { plumbing: { visits: [] } } } })
      .expect(400);
    expect(bad.body.message).toMatch(/回访规则/);
    const saved = await t.http
      .put('/api/visits/rules')
      .set(auth('pm'))
      .send({ overrides: { repair: { plumbing: { visits: [{ type: 'hours', hours: 72 }] } } } })
      .expect(200);
    expect(saved.body.effective.repair.plumbing.visits).toEqual([{ type: 'hours', hours: 72 }]);
    expect(saved.body.effective.repair.seepage.visits).toEqual([{ type: 'next_day' }]);

    clock().freeze(BJ('2027-05-10T09:00:00'));
    const r = await file('resident-1', 'repair', '阳台地漏堵了，下雨积水排不出');
    clock().freeze(BJ('2027-05-10T15:00:00'));
    await handle(r.id);
    const task = (await visitsOf(r.id)).tasks[0];
    expect(task.dueAt).toBe(iso('2027-05-13T15:00:00'));
    await t.http.put('/api/visits/rules').set(auth('pm')).send({ overrides: {} }).expect(200);
    expect(await t.ds.getRepository(VisitTask).countBy({ ticketId: r.id })).toBe(1);

    // Visited by phone before the lead verified the handling: the recorded answer closes it, by the system.
    await act(r.id, 'front-desk', { action: 'close', satisfied: true }, 403); // never by hand before 验证
    await attempt('front-desk', task.id, {
      method: 'phone',
      result: 'satisfied',
      scores: { result: 5 },
    }).expect(201);
    const closing = (await events(r.id)).at(-1)!;
    expect(closing).toMatchObject({ action: 'close', actorName: '系统', label: '回访满意，已办结' });
    expect(closing.note).toBe('李晓梅电话回访，业主表示满意');
  });

  it("takes the resident's rating when a system move changed the ticket just before it was stored", async () => {
    clock().freeze(BJ('2026-11-23T09:00:00'));
    const r = await file('resident-1', 'repair', '阳台地漏返味，麻烦师傅来看看');
    clock().freeze(BJ('2026-11-23T14:00:00'));
    await handle(r.id);
    // Between the rating's read of the ticket and its transaction, a job moves the ticket one version on (as a
    // deadline or visit job does): the resident, who sent no version, still gets their rating stored.
    const closing = t.app.get(VisitClosingService);
    const answer = closing.answer.bind(closing);
    const spy = jest.spyOn(closing, 'answer').mockImplementationOnce(async (a) => {
      await t.ds.query('UPDATE tickets SET version = version + 1 WHERE id = ?', [r.id]);
      return answer(a);
    });
    let calls = 0;
    try {
      await rate('resident-1', r.id, { scores: REPAIR_SCORES, satisfied: true, chargeCorrect: true }).expect(
        201,
      );
      calls = spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(2); // the first attempt met the new version, the second stored the rating
    expect((await ticket(r.id)).status).toBe('closed');
    expect(await t.ds.getRepository(Rating).countBy({ ticketId: r.id })).toBe(1);
  });
  it('shows no flat in visit lists or on a visit for an older anonymous ticket that still holds one', async () => {
    clock().freeze(BJ('2027-05-06T09:00:00'));
    const r = await file('resident-2', 'repair', '阳台晾衣架卡住了，摇不下来');
    clock().freeze(BJ('2027-05-06T15:00:00'));
    await handle(r.id);
    const task = (await visitsOf(r.id)).tasks[0];
    const before = (await t.http.get(`/api/visits/${task.id}`).set(auth('cs-lead')).expect(200)).body;
    expect(before.ticket.household).toMatchObject({ label: '2栋2单元602' });
    // Filed anonymously by an older app that still sent the flat: the row holds it.
    await t.ds.getRepository(Ticket).update({ id: r.id }, { anonymous: true });
    const list = await t.http
      .get('/api/visits?scope=project&status=all&pageSize=100')
      .set(auth('cs-lead'))
      .expect(200);
    const item = list.body.items.find((x: { id: string }) => x.id === task.id);
    expect(item.ticket.household).toBeNull();
    const one = (await t.http.get(`/api/visits/${task.id}`).set(auth('cs-lead')).expect(200)).body;
    expect(one.ticket.household).toBeNull();
    expect(one.ticket.contact).toBeNull();
    expect(JSON.stringify([item, one])).not.toContain('602');
  });
});
