import { Clock } from '../src/common/clock';
import { Department, Household, Project, User } from '../src/org/entities';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

describe.each(DRIVERS)("the ticket's life on %s", (driver) => {
  let t: TestApp;
  let household1: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(driver);
    // These suites drive the flow by hand; automatic routing has its own suite (routing.e2e-spec).
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of [
      'resident-1',
      'resident-2',
      'front-desk',
      'cs-lead',
      'pm',
      'eng-1',
      'eng-2',
      'sec-1',
      'hq',
    ]) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(() => t?.close());

  const file = async (body: Record<string, unknown>, who = 'resident-1') =>
    (
      await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${tok[who]}`)
        .set('Idempotency-Key', idemKey())
        .send(body)
        .expect(201)
    ).body;
  const get = (id: string, who: string) =>
    t.http.get(`/api/tickets/${id}`).set('Authorization', `Bearer ${tok[who]}`);
  /** POST an action with the version the actor saw (the current one unless given); `.expect(status)` like supertest. */
  const act = (id: string, who: string, body: Record<string, unknown>, version?: number) => {
    const sent = (async () => {
      const v = version ?? (await get(id, 'cs-lead')).body.version;
      return t.http
        .post(`/api/tickets/${id}/actions`)
        .set('Authorization', `Bearer ${tok[who]}`)
        .send({ version: v, ...body });
    })();
    return {
      then: sent.then.bind(sent),
      async expect(status: number) {
        const res = await sent;
        if (res.status !== status)
          throw new Error(
            `${who} ${String(body.action)}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
          );
        return res;
      },
    };
  };
  const upload = async (who: string) =>
    (
      await t.http
        .post('/api/uploads')
        .set('Authorization', `Bearer ${tok[who]}`)
        .attach('file', PNG_1x1, 'p.png')
        .expect(201)
    ).body.id;

  it('takes a repair from receipt to closed, and the resident sees each public step in plain Chinese', async () => {
    const ticket = await file({
      kind: 'repair',
      content: '厨房下水道堵了，水排不下去',
      householdId: household1,
    });
    expect(ticket.allowedActions).toEqual(expect.arrayContaining(['cancel', 'add_info']));
    expect(ticket.replyDueAt).toEqual(expect.any(String));

    await act(ticket.id, 'front-desk', {
      action: 'confirm',
      note: '业主反映厨房下水道堵塞，需上门疏通',
    }).expect(200);
    await act(ticket.id, 'front-desk', { action: 'internal_note', note: '该户上月也疏通过一次' }).expect(200);
    const assigned = await act(ticket.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: ids['eng-1'],
    }).expect(200);
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      department: { name: '工程部' },
      assignee: { name: '张师傅' },
    });
    await act(ticket.id, 'eng-1', { action: 'start' }).expect(200);
    await act(ticket.id, 'eng-1', { action: 'propose_solution', note: '下午两点上门疏通，免费' }).expect(200);
    const accepted = await act(ticket.id, 'resident-1', { action: 'accept_solution' }).expect(200);
    expect(accepted.body.status).toBe('solution_accepted');
    const photo = await upload('eng-1');
    const handled = await act(ticket.id, 'eng-1', {
      action: 'mark_handled',
      note: '已疏通，排水正常',
      photoIds: [photo],
    }).expect(200);
    expect(handled.body).toMatchObject({ status: 'handled', handledAt: expect.any(String) });
    await act(ticket.id, 'cs-lead', { action: 'verify' }).expect(200);
    const closed = await act(ticket.id, 'cs-lead', { action: 'close', satisfied: true }).expect(200);
    expect(closed.body.status).toBe('closed');

    const mine = (await get(ticket.id, 'resident-1').expect(200)).body;
    const labels = mine.events.map((e: { label: string }) => e.label);
    expect(labels).toEqual([
      '已受理',
      '已确认诉求要点',
      '已派单',
      '开始处理',
      '提出处理方案，待业主确认',
      '业主同意处理方案',
      '已处理完毕',
      '回访满意，已办结',
    ]);
    expect(JSON.stringify(mine)).not.toContain('上月也疏通过');
    expect(mine.events.find((e: { action: string }) => e.action === 'mark_handled').photos).toHaveLength(1);
    expect(mine.assignee).toBeNull();

    const staffView = (await get(ticket.id, 'cs-lead').expect(200)).body;
    expect(staffView.events.map((e: { action: string }) => e.action)).toContain('internal_note');
    const rows = await t.ds.getRepository(TicketEvent).find({ where: { ticketId: ticket.id } });
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r.actorId).toBeTruthy();
  });

  it('refuses a move the table does not allow, with a clear message', async () => {
    const ticket = await file({ kind: 'complaint', content: '门口垃圾桶满了没人清', location: '2栋门口' });
    const res = await act(ticket.id, 'resident-1', { action: 'assign', departmentCode: 'env' }).expect(403);
    expect(res.body.message).toMatch(/无权/);
    const wrong = await act(ticket.id, 'front-desk', { action: 'mark_handled', note: 'x' }).expect(409);
    expect(wrong.body.message).toMatch(/工单当前为"已受理"，不能/);
    expect(wrong.body.current.status).toBe('received');
    const missing = await act(ticket.id, 'front-desk', { action: 'confirm' }).expect(400);
    expect(missing.body.message).toMatch(/请补充：说明/);
    const unknown = await act(ticket.id, 'front-desk', { action: 'teleport' }).expect(400);
    expect(JSON.stringify(unknown.body.message)).toMatch(/未知的操作/);
  });

  it('asks for the final cause 人/机/料/法/环 before a complaint is marked handled', async () => {
    const ticket = await file({
      kind: 'complaint',
      content: '保安态度很差，进门被呵斥',
      location: '南门岗亭',
    });
    await act(ticket.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'sec',
      assigneeId: ids['sec-1'],
    }).expect(200);
    await act(ticket.id, 'sec-1', { action: 'start' }).expect(200);
    const res = await act(ticket.id, 'sec-1', { action: 'mark_handled', note: '已批评教育当事保安' }).expect(
      400,
    );
    expect(res.body.message).toMatch(/原因分类/);
    const bad = await act(ticket.id, 'sec-1', {
      action: 'mark_handled',
      note: '已处理',
      cause: { factor: 'people', sub: 'quality' },
    }).expect(400);
    expect(bad.body.message).toMatch(/有效的原因分类/);
    await act(ticket.id, 'sec-1', {
      action: 'mark_handled',
      note: '已批评教育当事保安',
      cause: { factor: 'people', sub: 'attitude' },
    }).expect(200);
    const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect([row.causeFactor, row.causeSub]).toEqual(['people', 'attitude']);
  });

  it('lets only one of two staff acting at once win; the other gets 409 and the current state', async () => {
    const ticket = await file({ kind: 'repair', content: '楼道声控灯不亮', location: '1栋2单元3楼' });
    const v = ticket.version;
    const [a, b] = await Promise.all([
      act(ticket.id, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] }, v),
      act(ticket.id, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-2'] }, v),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.message).toMatch(/已被他人更新|不能/);
    expect(loser.body.current.status).toBe('assigned');
    expect(await t.ds.getRepository(TicketEvent).countBy({ ticketId: ticket.id, action: 'assign' })).toBe(1);
  });

  it('sends a ticket back to the department queue with the reason, keeping the chain of assignees', async () => {
    const ticket = await file({ kind: 'repair', content: '单元门禁刷卡没反应', location: '3栋1单元大堂' });
    await act(ticket.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: ids['eng-1'],
    }).expect(200);
    await act(ticket.id, 'eng-1', { action: 'send_back', reason: '门禁属外包单位维护，请重新派单' }).expect(
      200,
    );
    const queue = await t.http
      .get('/api/staff/queue?scope=department')
      .set('Authorization', `Bearer ${tok['eng-2']}`)
      .expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    await act(ticket.id, 'eng-2', { action: 'start' }).expect(200);
    await act(ticket.id, 'eng-2', {
      action: 'transfer',
      assigneeId: ids['eng-1'],
      reason: '张师傅熟悉该门禁',
    }).expect(200);
    const events = await t.ds
      .getRepository(TicketEvent)
      .find({ where: { ticketId: ticket.id }, order: { createdAt: 'ASC' } });
    const chain = events.filter((e) => e.data).map((e) => JSON.parse(e.data!));
    expect(chain.map((d) => d.previousAssigneeId ?? null)).toEqual([null, ids['eng-1'], ids['eng-2']]);
  });

  it('masks the phone except for the people handling it, and never shows an anonymous contact', async () => {
    const ticket = await file(
      {
        kind: 'repair',
        content: '来电：车库入口道闸抬不起来',
        location: '地库入口',
        channel: 'phone',
        contactName: '钱女士',
        contactPhone: '13500001111',
      },
      'front-desk',
    );
    await act(ticket.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: ids['eng-1'],
    }).expect(200);
    expect((await get(ticket.id, 'eng-1').expect(200)).body.contact.phone).toBe('13500001111');
    expect((await get(ticket.id, 'eng-2').expect(200)).body.contact.phone).toBe('135****1111');
    expect((await get(ticket.id, 'cs-lead').expect(200)).body.contact.phone).toBe('13500001111');
    const anon = await file({
      kind: 'complaint',
      content: '楼上那家天天半夜跳绳',
      householdId: household1,
      anonymous: true,
    });
    expect((await get(anon.id, 'cs-lead').expect(200)).body.contact).toBeNull();
  });

  it('lets the resident cancel before handling but not after, and reopen within 7 days', async () => {
    const first = await file({ kind: 'inquiry', content: '请问装修押金怎么退？', location: '物业服务中心' });
    await act(first.id, 'resident-1', { action: 'cancel', reason: '已经问清楚了' }).expect(200);
    const second = await file({ kind: 'repair', content: '卧室插座没电了', householdId: household1 });
    await act(second.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: ids['eng-1'],
    }).expect(200);
    await act(second.id, 'eng-1', { action: 'start' }).expect(200);
    await act(second.id, 'eng-1', { action: 'mark_handled', note: '更换插座' }).expect(200);
    const late = await act(second.id, 'resident-1', { action: 'cancel', reason: '不要了' }).expect(409);
    expect(late.body.message).toMatch(/不能/);
    const reopened = await act(second.id, 'resident-1', { action: 'reopen', reason: '还是没电' }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    // someone else's resident cannot touch it
    await act(second.id, 'resident-2', { action: 'add_info', note: '我也来说两句' }).expect(404);
  });

  it('defers while waiting for an outside party and moves the deadline by the working time waited', async () => {
    const clock = t.app.get(Clock);
    clock.freeze(new Date('2026-11-17T10:00:00+08:00')); // a Tuesday morning: working time passes while waiting
    const ticket = await file({ kind: 'repair', content: '整栋楼停电了', location: '2栋' });
    await act(ticket.id, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: ids['eng-1'],
    }).expect(200);
    const before = (await get(ticket.id, 'eng-1')).body.handleDueAt;
    const deferred = await act(ticket.id, 'eng-1', {
      action: 'defer',
      reason: '供电局抢修线路',
      expectedDate: '2099-01-01',
    }).expect(200);
    expect(deferred.body).toMatchObject({ status: 'deferred', dueAt: null });
    clock.advance(3600_000);
    const resumed = await act(ticket.id, 'eng-1', { action: 'resume' }).expect(200);
    expect(new Date(resumed.body.handleDueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    clock.reset();
    const past = await act(ticket.id, 'eng-1', {
      action: 'defer',
      reason: 'x',
      expectedDate: '2001-01-01',
    }).expect(400);
    expect(past.body.message).toMatch(/不能早于今天/);
  });

  it('puts overdue tickets on top of the queue, then the nearest deadline', async () => {
    const a = await file({ kind: 'repair', content: '排序测试一：水管滴水', location: '1栋' });
    const b = await file({ kind: 'repair', content: '排序测试二：灯不亮了', location: '1栋' });
    for (const id of [a.id, b.id])
      await act(id, 'front-desk', {
        action: 'assign',
        departmentCode: 'eng',
        assigneeId: ids['eng-2'],
      }).expect(200);
    await t.ds.getRepository(Ticket).update({ id: b.id }, { dueAt: new Date(Date.now() - 3600_000) });
    const q = await t.http
      .get('/api/staff/queue?scope=mine')
      .set('Authorization', `Bearer ${tok['eng-2']}`)
      .expect(200);
    expect(q.body.items[0]).toMatchObject({ id: b.id, overdue: true });
    expect(q.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
  });

  it("lists the day's inventory: open, overdue, and complaints waiting over a working day without a handling record", async () => {
    const ticket = await file({
      kind: 'complaint',
      content: '盘点测试：小区路灯坏了一周',
      location: '中心花园',
    });
    await t.ds
      .getRepository(Ticket)
      .update(
        { id: ticket.id },
        { handlingRecordDueAt: new Date(Date.now() - 1000), dueAt: new Date(Date.now() - 1000) },
      );
    const inv = await t.http
      .get('/api/staff/inventory')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(200);
    expect(inv.body.open).toBeGreaterThan(0);
    expect(inv.body.overdue.map((i: { id: string }) => i.id)).toContain(ticket.id);
    expect(inv.body.withoutHandlingRecord.map((i: { id: string }) => i.id)).toContain(ticket.id);
    await act(ticket.id, 'cs-lead', { action: 'progress_note', note: '已联系路灯维保单位，明天更换' }).expect(
      200,
    );
    const after = await t.http
      .get('/api/staff/inventory')
      .set('Authorization', `Bearer ${tok['cs-lead']}`)
      .expect(200);
    expect(after.body.withoutHandlingRecord.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
    await t.http.get('/api/staff/inventory').set('Authorization', `Bearer ${tok['eng-1']}`).expect(403);
  });

  describe('permission matrix (role × action → status)', () => {
    let other: { project: Project; staff: string };
    beforeAll(async () => {
      // A second compound of the same company, and one of another company: nobody crosses them.
      const p = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
      const project = await t.ds
        .getRepository(Project)
        .save({ companyId: p.companyId, name: '翠湖苑', address: '' });
      const dept = await t.ds
        .getRepository(Department)
        .save({ projectId: project.id, code: 'cs', name: '客服部' });
      const u = await t.ds.getRepository(User).save({
        companyId: p.companyId,
        projectId: project.id,
        departmentId: dept.id,
        kind: 'staff',
        role: 'cs_lead',
        name: '外小区主管',
        phone: null,
        openid: null,
        demoKey: 'other-lead',
      });
      tok['other-lead'] = await t.login('other-lead');
      other = { project, staff: u.id };
    });

    // [who, action, extra payload, expected status] on a freshly filed complaint (status received, filed by resident-1)
    const received: [string, string, Record<string, unknown>, number][] = [
      ['resident-1', 'confirm', { note: 'x' }, 403],
      ['resident-2', 'confirm', { note: 'x' }, 404],
      ['front-desk', 'confirm', { note: '复述要点' }, 200],
      ['cs-lead', 'confirm', { note: '复述要点' }, 200],
      ['pm', 'confirm', { note: '复述要点' }, 403],
      ['eng-1', 'confirm', { note: 'x' }, 404],
      ['hq', 'confirm', { note: 'x' }, 403],
      ['other-lead', 'confirm', { note: 'x' }, 404],
      ['resident-1', 'cancel', { reason: '不需要了' }, 200],
      ['resident-2', 'cancel', { reason: 'x' }, 404],
      ['front-desk', 'cancel', { reason: 'x' }, 403],
      ['cs-lead', 'cancel', { reason: '业主来电撤销' }, 200],
      ['front-desk', 'assign', { departmentCode: 'eng' }, 200],
      ['pm', 'assign', { departmentCode: 'eng' }, 200],
      ['eng-1', 'assign', { departmentCode: 'eng' }, 404],
      ['resident-1', 'assign', { departmentCode: 'eng' }, 403],
      ['pm', 'escalate', { escalateTo: 'hq', reason: '需集团协调' }, 200],
      ['front-desk', 'escalate', { escalateTo: 'cs_lead', reason: '业主情绪激动' }, 200],
      ['cs-lead', 'escalate', { escalateTo: 'cs_lead', reason: 'x' }, 400],
      ['resident-1', 'add_info', { note: '补充：晚上更严重' }, 200],
      ['resident-2', 'add_info', { note: 'x' }, 404],
      ['front-desk', 'progress_note', { note: '已联系工程部' }, 200],
      ['resident-1', 'progress_note', { note: 'x' }, 403],
    ];
    it.each(received)('%s %s on a received complaint → %i', async (who, action, extra, status) => {
      const ticket = await file({
        kind: 'complaint',
        content: `权限矩阵：${who} ${action}`,
        householdId: household1,
      });
      const res = await act(ticket.id, who, { action, ...extra }, ticket.version);
      expect(res.status).toBe(status);
      if (status >= 400)
        expect(typeof res.body.message === 'string' ? res.body.message : res.body.message.join('')).toMatch(
          /[\u4e00-\u9fa5]/,
        );
    });

    // [who, action, expected] on a ticket assigned to eng-1
    const assigned: [string, string, Record<string, unknown>, number][] = [
      ['eng-1', 'start', {}, 200],
      ['eng-2', 'start', {}, 200], // a department colleague may pick it up
      ['sec-1', 'start', {}, 404],
      ['front-desk', 'start', {}, 403],
      ['eng-1', 'send_back', { reason: '非本专业' }, 200],
      ['eng-2', 'send_back', { reason: 'x' }, 403],
      ['eng-1', 'defer', { reason: '等配件', expectedDate: '2099-12-31' }, 200],
      ['cs-lead', 'transfer', { assigneeId: 'ENG2', reason: '人手调配' }, 200],
      ['eng-2', 'transfer', { assigneeId: 'ENG2', reason: 'x' }, 403],
      ['resident-1', 'cancel', { reason: '自己修好了' }, 200],
    ];
    it.each(assigned)('%s %s on an assigned repair → %i', async (who, action, extra, status) => {
      const ticket = await file({
        kind: 'repair',
        content: `权限矩阵：${who} ${action}`,
        householdId: household1,
      });
      const a = await act(
        ticket.id,
        'front-desk',
        { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] },
        ticket.version,
      ).expect(200);
      const payload = { ...extra, ...(extra.assigneeId === 'ENG2' ? { assigneeId: ids['eng-2'] } : {}) };
      const res = await act(ticket.id, who, { action, ...payload }, a.body.version);
      expect(res.status).toBe(status);
    });

    it('keeps other compounds out of lists and queues', async () => {
      const list = await t.http
        .get('/api/tickets')
        .set('Authorization', `Bearer ${tok['other-lead']}`)
        .expect(200);
      expect(list.body.total).toBe(0);
      const q = await t.http
        .get('/api/staff/queue?scope=project')
        .set('Authorization', `Bearer ${tok['other-lead']}`)
        .expect(200);
      expect(q.body.total).toBe(0);
      await t.http
        .get('/api/staff/queue?scope=project')
        .set('Authorization', `Bearer ${tok['eng-1']}`)
        .expect(403);
      const hq = await t.http.get('/api/tickets').set('Authorization', `Bearer ${tok['hq']}`).expect(200);
      expect(hq.body.total).toBeGreaterThan(0);
      expect(other.staff).toBeTruthy();
    });
  });

  it('agrees a reply time within 24 hours, lets the resident reject a plan with a reason, and escalates (服务上移)', async () => {
    const ticket = await file({
      kind: 'complaint',
      content: '物业费账单上多收了我两个月的车位费',
      householdId: household1,
    });
    await act(ticket.id, 'front-desk', { action: 'confirm', note: '业主反映车位费多收两个月' }).expect(200);
    // A reply time beyond 24 hours is refused; within it, it becomes the reply deadline.
    const tooLate = await act(ticket.id, 'front-desk', {
      action: 'schedule_reply',
      replyBy: new Date(Date.now() + 30 * 3600_000).toISOString(),
    }).expect(400);
    expect(JSON.stringify(tooLate.body)).toMatch(/24/);
    const replyBy = new Date(Date.now() + 20 * 3600_000).toISOString();
    const scheduled = await act(ticket.id, 'front-desk', { action: 'schedule_reply', replyBy }).expect(200);
    expect(scheduled.body.status).toBe('reply_scheduled');
    expect(new Date(scheduled.body.replyDueAt).toISOString()).toBe(replyBy);

    await act(ticket.id, 'cs-lead', {
      action: 'assign',
      departmentCode: 'cs',
      assigneeId: ids['cs-lead'],
    }).expect(200);
    await act(ticket.id, 'cs-lead', { action: 'start' }).expect(200);
    await act(ticket.id, 'cs-lead', { action: 'propose_solution', note: '核对后退还多收的一个月' }).expect(
      200,
    );
    await act(ticket.id, 'resident-1', { action: 'reject_solution' }).expect(400); // a reason is required
    const rejected = await act(ticket.id, 'resident-1', {
      action: 'reject_solution',
      reason: '多收的是两个月，应该退两个月',
    }).expect(200);
    expect(rejected.body.status).toBe('in_progress');
    await act(ticket.id, 'cs-lead', { action: 'propose_solution', note: '复核后退还两个月车位费' }).expect(
      200,
    );

    // 服务上移: the resident cannot; staff can, with a level and a reason, recorded on the ticket.
    await act(ticket.id, 'resident-1', {
      action: 'escalate',
      escalateTo: 'project_manager',
      reason: '不满意',
    }).expect(403);
    const up = await act(ticket.id, 'cs-lead', {
      action: 'escalate',
      escalateTo: 'project_manager',
      reason: '业主情绪激动，需项目经理出面',
    }).expect(200);
    expect(up.body.status).toBe('solution_proposed');
    const row = await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect(row.escalationLevel).toBe('project_manager');
    const mine = (await get(ticket.id, 'resident-1').expect(200)).body;
    const labels = mine.events.map((e: { label: string }) => e.label);
    // The resident reads that a supervisor follows it up, never the escalation's reason (staff only).
    expect(labels).toEqual(
      expect.arrayContaining(['已约定答复时间', '业主未同意方案，继续协商', '已请上级主管跟进']),
    );
    expect(JSON.stringify(mine)).not.toContain('业主情绪激动');
  });
});
