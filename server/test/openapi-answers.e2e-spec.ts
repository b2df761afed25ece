import { DRIVERS, TestApp, idemKey, startTestApp } from './support/test-app';
import { OpenApiDocument, answerProblems } from './support/openapi';

/**
 * The response DTOs describe the answers, they never shape them: real answers of a demo session, for residents and
 * for staff, must conform to what the OpenAPI document says, field by field — no field the document does not name,
 * no documented required field missing, the documented types (dates as strings, DECIMAL columns as numbers …).
 */
describe.each(DRIVERS)('answers conform to the OpenAPI document (%s)', (driver) => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const problems: string[] = [];
  const tokens: Record<string, string> = {};

  async function call(
    who: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
    headers: Record<string, string> = {},
  ) {
    let req = t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
    if (who) req = req.set('Authorization', `Bearer ${(tokens[who] ??= await t.login(who))}`);
    req = req.set(headers);
    const res = await (body ? req.send(body) : req);
    if (res.status >= 300)
      throw new Error(`${who} ${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    problems.push(
      ...answerProblems(doc, method, url, res.status, res.body).map((p) => `${who ?? 'public'}: ${p}`),
    );
    return res.body;
  }

  beforeAll(async () => {
    t = await startTestApp(driver);
    doc = (await t.http.get('/api/docs/json').expect(200)).body;
  });
  afterAll(() => t?.close());

  it('a resident filing and following a complaint, and staff handling it', async () => {
    await call(null, 'GET', '/api/health');
    const accounts = await call(null, 'GET', '/api/auth/dev-accounts');
    await call(null, 'POST', '/api/auth/dev-login', { accountId: accounts[0].id });

    const me = await call('resident-1', 'GET', '/api/me');
    const household = me.households[0];
    await call('resident-1', 'GET', '/api/org/projects');
    await call('resident-1', 'GET', '/api/bindings/mine');
    await call('resident-1', 'POST', '/api/classification/preview', {
      text: '楼下装修噪音太大，晚上十点还在施工',
      kind: 'complaint',
    });
    const ticket = await call('resident-1', 'POST', '/api/tickets', {
      kind: 'complaint',
      content: '楼下装修噪音太大，晚上十点还在施工，影响休息',
      householdId: household.id,
      idempotencyKey: idemKey(),
    });
    await call('resident-1', 'GET', '/api/tickets');
    await call('resident-1', 'GET', `/api/tickets/${ticket.id}`);
    await call('resident-1', 'GET', `/api/tickets/${ticket.id}/rating`);
    await call('resident-1', 'GET', '/api/notifications');
    await call('resident-1', 'GET', '/api/notifications/unread-count');
    await call('resident-1', 'GET', '/api/notifications/subscribe-templates?moment=file');
    await call('resident-1', 'GET', '/api/surveys/mine');

    const staff = await call('cs-lead', 'GET', `/api/tickets/${ticket.id}`);
    await call('cs-lead', 'GET', '/api/me');
    await call('cs-lead', 'GET', '/api/staff/queue?scope=project');
    await call('cs-lead', 'GET', '/api/staff/queue?scope=triage');
    await call('cs-lead', 'GET', '/api/staff/colleagues');
    await call('cs-lead', 'GET', '/api/staff/inventory');
    await call('cs-lead', 'GET', '/api/reply-templates');
    await call('cs-lead', 'POST', '/api/reply-check', { text: '这不归我们管，你去找开发商' });
    await call('cs-lead', 'GET', '/api/routing');
    await call('cs-lead', 'GET', '/api/routing/trades');
    await call('cs-lead', 'GET', '/api/routing/categories');
    await call('cs-lead', 'GET', '/api/incidents');
    await call('cs-lead', 'GET', '/api/bindings/pending');
    await call('cs-lead', 'GET', '/api/visits?scope=project');
    await call('cs-lead', 'GET', '/api/visits/rules');
    await call('cs-lead', 'GET', `/api/tickets/${ticket.id}/visits`);
    await call('cs-lead', 'POST', `/api/tickets/${ticket.id}/actions`, {
      action: 'internal_note',
      version: staff.version,
      note: '已电话联系业主，约好明早上门',
    });
    // Two neighbours complain of the same noise: the three complaints are one event 同一事件. Staff work the event
    // as one (a note on each, one visit plan), take a complaint out of it and link it back by its number.
    const neighbours = [];
    for (const who of ['resident-2', 'resident-3']) {
      const home = (await call(who, 'GET', '/api/me')).households[0];
      neighbours.push(
        await call(who, 'POST', '/api/tickets', {
          kind: 'complaint',
          content: '楼下装修噪音太大，晚上十点还在施工，影响休息',
          householdId: home.id,
          idempotencyKey: idemKey(),
          // 何阿姨 complains anonymously and leaves a number to call back (the lead sees it; the view is logged).
          ...(who === 'resident-3' ? { anonymous: true, callbackPhone: '13900000003' } : {}),
        }),
      );
    }
    await call('cs-lead', 'GET', `/api/tickets/${neighbours[1].id}/callback-phone`);
    await call('cs-lead', 'GET', `/api/tickets/${neighbours[1].id}/access-log`);
    const { incidentId } = await call('cs-lead', 'GET', `/api/tickets/${ticket.id}`);
    expect(incidentId).toBeTruthy();
    await call('cs-lead', 'POST', `/api/incidents/${incidentId}/actions`, {
      action: 'internal_note',
      note: '同一事件，统一跟进',
    });
    await call('cs-lead', 'PUT', `/api/incidents/${incidentId}/visit-settings`, { sensitive: false });
    await call('cs-lead', 'POST', `/api/incidents/${incidentId}/unlink`, { ticketId: neighbours[1].id });
    await call('cs-lead', 'POST', `/api/incidents/${incidentId}/link`, { number: neighbours[1].number });

    await call('pm', 'GET', `/api/projects/${household.projectId}/clock-settings`);
    await call('pm', 'GET', `/api/org/projects/${household.projectId}/tree`);
    await call('pm', 'GET', `/api/households/${household.id}/profile`);
    await call('pm', 'GET', `/api/households/${household.id}/visit-preference`);
    await call('pm', 'GET', '/api/pay/status');
    await call('pm', 'GET', '/api/pay/price-items');
    await call('pm', 'GET', '/api/reports/projects');
    await call('pm', 'GET', '/api/reports/classification');
    await call('pm', 'GET', '/api/reports/kpis');
    await call('pm', 'GET', '/api/reports/analysis');
    await call('pm', 'GET', '/api/reports/developer');
    await call('pm', 'GET', '/api/reports/notice');
    await call('pm', 'GET', '/api/reports/special');
    await call('pm', 'GET', '/api/surveys/access');
    await call('pm', 'GET', '/api/surveys/template');
    await call('hq', 'GET', '/api/surveys/questionnaires');
    await call('hq', 'GET', '/api/surveys/campaigns');
    await call('pm', 'POST', `/api/reports/major-complaints/${ticket.id}`, {
      decision: 'confirm',
      reason: '夜间施工影响多户休息',
    });

    expect(problems).toEqual([]);
  });

  it('a paid repair: price list, quote, offline payment, charges, reconciliation', async () => {
    problems.length = 0;
    const me = await call('resident-1', 'GET', '/api/me');
    const household = me.households[0];
    const callout = await call('pm', 'POST', '/api/pay/price-items', {
      kind: 'callout',
      name: '上门费',
      unit: '次',
      priceFen: 3000,
    });
    await call('pm', 'PUT', `/api/pay/price-items/${callout.id}`, {
      kind: 'callout',
      name: '上门费',
      unit: '次',
      priceFen: 3500,
      sort: 0,
      active: true,
    });
    const ticket = await call('resident-1', 'POST', '/api/tickets', {
      kind: 'repair',
      content: '卫生间水龙头一直滴水，需要更换',
      householdId: household.id,
      idempotencyKey: idemKey(),
    });
    // Repairs are dispatched to an engineer by trade as they are filed.
    const dispatched = await call('front-desk', 'GET', `/api/tickets/${ticket.id}`);
    const engineer = dispatched.assignee;
    await call('front-desk', 'GET', '/api/staff/colleagues?departmentCode=eng');
    const who = (await t.ds.query('SELECT demoKey FROM users WHERE id = ?', [engineer.id]))[0].demoKey;
    const version = (await call(who, 'GET', `/api/tickets/${ticket.id}`)).version;
    await call(who, 'POST', `/api/tickets/${ticket.id}/actions`, { action: 'start', version });
    const sent = await call(
      who,
      'POST',
      `/api/tickets/${ticket.id}/quotes`,
      {
        items: [
          { priceItemId: callout.id, quantity: 1 },
          { kind: 'material', name: '水龙头（成本价）', unit: '个', unitPriceFen: 4550, quantity: 1 },
        ],
        note: '更换卫生间水龙头',
      },
      { 'Idempotency-Key': idemKey() },
    );
    const quoteId = sent.quotes[0].id;
    await call('resident-1', 'GET', `/api/tickets/${ticket.id}/charges`);
    await call(who, 'POST', `/api/tickets/${ticket.id}/quotes/${quoteId}/offline-payment`, {
      method: 'cash',
    });
    await call(who, 'POST', `/api/tickets/${ticket.id}/quotes/${quoteId}/start-work`);
    await call(who, 'GET', `/api/tickets/${ticket.id}/charges`);
    await call('resident-1', 'GET', `/api/tickets/${ticket.id}/charges`);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await call('pm', 'GET', `/api/pay/reconciliation?day=${day}`);
    await call('pm', 'PATCH', `/api/pay/price-items/${callout.id}`, { active: false });
    await call('pm', 'GET', '/api/pay/price-items?includeRetired=true');

    expect(problems).toEqual([]);
  });

  it('a satisfaction survey: questionnaire, campaign, the drawn households, a form, results', async () => {
    problems.length = 0;
    await call('qa-1', 'GET', '/api/surveys/access');
    const q = await call('qa-1', 'POST', '/api/surveys/questionnaires/from-template');
    await call('qa-1', 'GET', `/api/surveys/questionnaires/${q.id}`);
    await call('qa-1', 'GET', '/api/surveys/questionnaires');
    const campaign = await call('qa-1', 'POST', '/api/surveys/campaigns', {
      questionnaireId: q.id,
      title: '四季度满意度调查',
      samplePercent: 100,
    });
    await call('qa-1', 'POST', `/api/surveys/campaigns/${campaign.id}/start`, {
      seed: 'openapi-seed',
    });
    await call('qa-1', 'GET', `/api/surveys/campaigns/${campaign.id}`);
    await call('qa-1', 'GET', '/api/surveys/campaigns');
    // Every household is drawn (100%): the resident fills in their own form.
    const household = (await call('resident-1', 'GET', '/api/me')).households[0].id;
    const form = await call(
      'resident-1',
      'GET',
      `/api/surveys/campaigns/${campaign.id}/households/${household}/form`,
    );
    const scale = form.questionnaire.sections
      .flatMap((s: { questions: { id: string; kind: string }[] }) => s.questions)
      .filter((x: { kind: string }) => x.kind === 'scale');
    await call('resident-1', 'PUT', `/api/surveys/campaigns/${campaign.id}/households/${household}/draft`, {
      answers: scale.slice(0, 2).map((x: { id: string }) => ({ questionId: x.id, point: 4 })),
    });
    await call('qa-1', 'GET', `/api/surveys/campaigns/${campaign.id}/results`);
    await call('qa-1', 'POST', `/api/surveys/campaigns/${campaign.id}/export`);
    await call('qa-1', 'POST', `/api/surveys/campaigns/${campaign.id}/close`);
    await call('resident-1', 'GET', '/api/surveys/mine');

    expect(problems).toEqual([]);
  });

  it('a return visit: a handled repair, its visit task, the resident rating it, the project lists', async () => {
    problems.length = 0;
    const household = (await call('resident-2', 'GET', '/api/me')).households[0];
    const ticket = await call('resident-2', 'POST', '/api/tickets', {
      kind: 'repair',
      content: '厨房下水道堵了，水下不去',
      householdId: household.id,
      idempotencyKey: idemKey(),
    });
    const dispatched = await call('front-desk', 'GET', `/api/tickets/${ticket.id}`);
    const who = (await t.ds.query('SELECT demoKey FROM users WHERE id = ?', [dispatched.assignee.id]))[0]
      .demoKey;
    let version = dispatched.version;
    version = (await call(who, 'POST', `/api/tickets/${ticket.id}/actions`, { action: 'start', version }))
      .version;
    await call(who, 'POST', `/api/tickets/${ticket.id}/actions`, {
      action: 'mark_handled',
      version,
      note: '已疏通下水道，试水正常',
    });
    const visits = await call('cs-lead', 'GET', `/api/tickets/${ticket.id}/visits`);
    await call('cs-lead', 'GET', '/api/visits?scope=project&status=all');
    await call(who, 'GET', '/api/visits?scope=mine&status=all');
    expect(visits.tasks.length).toBeGreaterThan(0);
    await call('cs-lead', 'GET', `/api/visits/${visits.tasks[0].id}`);
    const form = await call('resident-2', 'GET', `/api/tickets/${ticket.id}/rating`);
    await call('resident-2', 'POST', `/api/tickets/${ticket.id}/rating`, {
      scores: Object.fromEntries(form.questions.map((q: { key: string }) => [q.key, 5])),
      satisfied: true,
      ...(form.asksCharge ? { chargeCorrect: true } : {}),
      comment: '师傅很快就修好了',
    });
    await call('resident-2', 'GET', `/api/tickets/${ticket.id}`);
    await call('cs-lead', 'GET', `/api/tickets/${ticket.id}/visits`);
    await call('resident-2', 'GET', '/api/notifications');

    expect(problems).toEqual([]);
  });

  it("the desk's and the managers' settings and records: templates, routing, rules, reports, bindings", async () => {
    problems.length = 0;
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const template = await call('cs-lead', 'POST', '/api/reply-templates', {
      category: '通用',
      title: '已安排处理',
      text: '您好，您反映的问题我们已安排专人处理，稍后会与您联系。',
    });
    await call('cs-lead', 'PUT', `/api/reply-templates/${template.id}`, {
      category: '通用',
      title: '已安排处理',
      text: '您好，您反映的问题我们已安排专人处理，今天内会与您联系。',
    });
    await call('cs-lead', 'DELETE', `/api/reply-templates/${template.id}`);
    await call('pm', 'GET', '/api/routing');
    await call('pm', 'GET', '/api/classification/models');
    await call('resident-1', 'GET', '/api/notifications/quotas');
    await call('resident-1', 'POST', '/api/notifications/read-all');
    await call('pm', 'GET', '/api/visits/rules');
    const household = (await call('resident-1', 'GET', '/api/me')).households[0];
    await call('pm', 'PUT', `/api/households/${household.id}/visit-preference`, {
      noVisit: false,
      note: '白天上班，晚上七点后方便',
    });
    await call('pm', 'PUT', `/api/households/${household.id}/profile`, {
      specialNeeds: '独居老人，行动不便',
    });
    await call('pm', 'POST', '/api/reports/refresh');
    const action = await call('pm', 'POST', '/api/reports/corrective-actions', {
      month,
      category: '环境管理类',
      problem: '垃圾清运不及时',
      action: '增加一次下午清运',
    });
    await call('pm', 'PUT', `/api/reports/corrective-actions/${action.id}`, {
      problem: '垃圾清运不及时',
      action: '增加一次下午清运，保洁主管每日检查',
    });
    await call('pm', 'POST', '/api/reports/submissions', { kind: 'monthly_analysis', period: month });
    await call('pm', 'POST', '/api/reports/exports', { report: 'kpis', month });
    await call('pm', 'POST', `/api/projects/${household.projectId}/archive/link`);
    const code = await call('pm', 'POST', `/api/households/${household.id}/codes`);
    const binding = await call('resident-new', 'POST', '/api/bindings', {
      code: code.code,
      relation: 'family',
      name: '林小妹',
    });
    await call('front-desk', 'GET', '/api/bindings/pending');
    if (binding.status === 'pending')
      await call('front-desk', 'POST', `/api/bindings/${binding.id}/approve`, { note: '已核实' });
    await call('resident-new', 'GET', '/api/bindings/mine');

    await call('hq', 'PUT', '/api/company/calendar/years/2031', {
      table: '2031-01-01\t休\t元旦\n2031-01-02\t休\t元旦',
      notice: '国务院办公厅关于2031年部分节假日安排的通知',
      published: '2030-11-12',
    });
    await call('hq', 'PUT', '/api/company/calendar', {
      extraHolidays: [`${month}-20`, { day: `${month}-21`, name: '公司庆典' }],
      extraWorkdays: [],
    });
    await call('hq', 'GET', '/api/company/calendar');
    await call('pm', 'GET', `/api/projects/${household.projectId}/policy`);
    await call('pm', 'PUT', `/api/projects/${household.projectId}/policy`, {
      closing: { window: { type: 'calendar_days', days: 7 } },
    });
    await call('hq', 'GET', '/api/company/policy');
    await call('hq', 'PUT', '/api/company/policy', { closing: null });
    const settings = await call('pm', 'GET', '/api/reports/settings');
    await call('hq', 'PUT', '/api/reports/settings', { statisticalMonth: settings.statisticalMonth });
    const phrases = await call('cs-lead', 'GET', '/api/forbidden-phrases');
    await call('cs-lead', 'PUT', '/api/forbidden-phrases', { items: phrases.items });
    await call('pm', 'PUT', `/api/projects/${household.projectId}/duty-phone`, {
      dutyPhone: '0571-88886666',
    });
    await call('resident-1', 'GET', '/api/duty-phone');
    await call('pm', 'GET', `/api/reports/notice/approval?month=${month}`);
    await call('pm', 'POST', '/api/reports/notice/approval', { month });
    await call('resident-1', 'GET', `/api/notice?month=${month}`);

    expect(problems).toEqual([]);
  });
});
