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

  async function call(who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) {
    let req = method === 'GET' ? t.http.get(url) : method === 'POST' ? t.http.post(url) : t.http.put(url);
    if (who) req = req.set('Authorization', `Bearer ${(tokens[who] ??= await t.login(who))}`);
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

    expect(problems).toEqual([]);
  });
});
