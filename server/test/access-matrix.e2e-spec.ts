import { writeFileSync } from 'node:fs';
import { Company, Household, Project, User } from '../src/org/entities';
import { AccessRule, Fixture, FIXTURES, IDENTITIES, RULES, Who } from './support/access-rules';
import { DRIVERS, idemKey, PNG_1x1, startTestApp, TestApp } from './support/test-app';

/**
 * The complete access matrix: every route the app serves × every kind of caller (see support/access-rules.ts).
 * Fails when a route has no rule, when a rule names a route that is gone, and when a caller gets through
 * (or is turned away) against its rule. The smaller role × action matrix of the ticket's life stays in
 * lifecycle.e2e-spec.ts.
 *
 * ACCESS_MATRIX_REPORT=<file> writes what every caller actually got (for reviewing a rule change).
 */
const DUMMY_ID = '00000000-0000-4000-8000-00000000dead';
const REPORT = process.env.ACCESS_MATRIX_REPORT;

/** Every `METHOD /path` Express routes, global prefix included (Nest controllers and Swagger's pages alike). */
function servedRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: RouteLayer[] };
    _router?: { stack: RouteLayer[] };
  };
  const stack = (instance.router ?? instance._router)?.stack ?? [];
  const out: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all');
    // Every method at once: how Nest mounts module middleware (the request log) under the global prefix.
    // Not an endpoint; any other every-method route (an @All() handler) still needs a rule, as ALL.
    if (methods.length >= 20) {
      if (!['/api', '/api/{*path}'].includes(layer.route.path)) out.push(`ALL ${layer.route.path}`);
      continue;
    }
    for (const method of methods) out.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return [...new Set(out)];
}
interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** What a rule expects of one caller: 'through' (not 401/403), or an exact status. */
function expectation(rule: AccessRule, who: Who): 'through' | number {
  if (rule.gate !== undefined) return rule.gate;
  if (rule.allow === 'public') return 'through';
  if (who === 'anonymous') return 401;
  if (rule.allow === 'signed-in' || rule.allow.includes(who)) return 'through';
  if (rule.hide?.includes(who)) return 404;
  return 403;
}

/** Callers in the order that keeps a rule's checks meaningful: refusals before anyone changes the record. */
function callOrder(rule: AccessRule): Who[] {
  const rank = (w: Who) => {
    const e = expectation(rule, w);
    return e === 'through' ? 2 : 1;
  };
  return [...IDENTITIES].sort((a, b) => rank(a) - rank(b));
}

describe.each(DRIVERS)('access matrix on %s', (driver) => {
  let t: TestApp;
  const tok: Partial<Record<Who, string>> = {};
  const fx: Partial<Record<Fixture, string>> = {};
  const actual: Record<string, Record<string, string>> = {};
  let questionnaireBody: Record<string, unknown> = {};

  const as = (who: Who) => (who === 'anonymous' ? {} : { Authorization: `Bearer ${tok[who]}` });

  beforeAll(async () => {
    t = await startTestApp(driver);
    const users = t.ds.getRepository(User);
    // A second project of the same company with its own manager, and another company with its own HQ.
    const seedCompany = (await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' })).companyId;
    const projectB = await t.ds
      .getRepository(Project)
      .save({ companyId: seedCompany, name: '翠湖苑', address: '上海市徐汇区翠湖路 1 号' });
    const companyX = await t.ds.getRepository(Company).save({ name: '别家物业有限公司' });
    await users.save([
      users.create({
        companyId: seedCompany,
        projectId: projectB.id,
        departmentId: null,
        kind: 'staff',
        role: 'project_manager',
        name: '翠湖经理',
        phone: null,
        openid: null,
        demoKey: 'pm-b',
      }),
      users.create({
        companyId: companyX.id,
        projectId: null,
        departmentId: null,
        kind: 'staff',
        role: 'hq',
        name: '别家总部',
        phone: null,
        openid: null,
        demoKey: 'hq-x',
      }),
    ]);
    for (const who of IDENTITIES) if (who !== 'anonymous') tok[who] = await t.login(who);

    const project = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    const household = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' });
    fx.project = project.id;
    fx.household = household.id;
    fx.staff = (await users.findOneByOrFail({ demoKey: 'eng-1' })).id;

    const post = async (who: Who, url: string, body: object, expect = 201) => {
      const res = await t.http.post(url).set(as(who)).set('Idempotency-Key', idemKey()).send(body);
      if (res.status !== expect)
        throw new Error(`setup ${who} POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    // A complaint the front desk records for several people (classified on filing) starts an incident 事件.
    const complaint = await post('front-desk', '/api/tickets', {
      kind: 'complaint',
      content: '楼下垃圾桶好几天没人清理，臭味很大',
      householdId: household.id,
      peopleCount: 3,
    });
    fx.complaint = complaint.id;
    // Two neighbours complain of the same thing: a hot complaint 热点投诉 on the special-case register.
    for (const [who, label] of [
      ['resident-2', '2栋2单元602'],
      ['resident-3', '3栋1单元302'],
    ]) {
      const home = await t.ds.getRepository(Household).findOneByOrFail({ label });
      const res = await t.http
        .post('/api/tickets')
        .set('Authorization', `Bearer ${await t.login(who)}`)
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'complaint', content: '楼下垃圾桶好几天没人清理，臭味很大', householdId: home.id });
      if (res.status !== 201) throw new Error(`setup ${who} complaint: ${res.status}`);
    }
    const special = await t.http
      .get('/api/reports/special')
      .query({ projectId: project.id })
      .set(as('cs-lead'));
    fx.specialCase = special.body?.items?.[0]?.id ?? special.body?.[0]?.id;
    const [row] = await t.ds.query('SELECT incidentId FROM tickets WHERE id = ?', [complaint.id]);
    fx.incident = row?.incidentId ?? undefined;
    // resident-3 (not a matrix caller) asks to bind another flat: a pending binding to approve or reject.
    const resident3 = await t.login('resident-3');
    const other = await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元102' });
    fx.binding = (
      await t.http
        .post('/api/bindings')
        .set('Authorization', `Bearer ${resident3}`)
        .send({ householdId: other.id, name: '何阿姨' })
        .expect(201)
    ).body.id;
    // From here on the flow is driven by hand: automatic routing has its own suite.
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    const act = async (id: string | undefined, who: Who, body: object) => {
      const [{ version }] = await t.ds.query('SELECT version FROM tickets WHERE id = ?', [id]);
      const res = await t.http
        .post(`/api/tickets/${id}/actions`)
        .set(as(who))
        .send({ version, ...body });
      if (res.status !== 200) throw new Error(`setup ${who} ${JSON.stringify(body)}: ${res.status}`);
    };
    fx.upload = (
      await t.http.post('/api/uploads').set(as('resident-1')).attach('file', PNG_1x1, 'p.png').expect(201)
    ).body.id;
    fx.priceItem = (
      await post('pm', '/api/pay/price-items', { kind: 'labour', name: '换水龙头', priceFen: 3000 })
    ).id;
    // resident-1's repair, dispatched to 张师傅 (eng-1) who has started on it and sent a quote.
    fx.ticket = (
      await post('resident-1', '/api/tickets', {
        kind: 'repair',
        content: '卫生间的水管漏水了，请派人来看看',
        householdId: household.id,
        photoIds: [fx.upload],
      })
    ).id;
    await act(fx.ticket, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: fx.staff });
    await act(fx.ticket, 'eng-1', { action: 'start' });
    await post('eng-1', `/api/tickets/${fx.ticket}/quotes`, {
      items: [{ priceItemId: fx.priceItem, quantity: 1 }],
    });
    fx.quote = (await t.ds.query('SELECT id FROM quotes WHERE ticketId = ?', [fx.ticket]))[0]?.id;
    // Another repair of resident-1's, handled: its return visits are planned and it can be rated.
    fx.handledTicket = (
      await post('resident-1', '/api/tickets', {
        kind: 'repair',
        content: '客厅的灯不亮了，麻烦来修一下',
        householdId: household.id,
      })
    ).id;
    await act(fx.handledTicket, 'front-desk', {
      action: 'assign',
      departmentCode: 'eng',
      assigneeId: fx.staff,
    });
    await act(fx.handledTicket, 'eng-1', { action: 'start' });
    await act(fx.handledTicket, 'eng-1', { action: 'mark_handled', note: '已更换灯泡，业主现场查看' });
    const [visit] = await t.ds.query('SELECT id FROM visit_tasks WHERE ticketId = ?', [fx.handledTicket]);
    fx.visit = visit?.id;
    fx.replyTemplate = (
      await post('cs-lead', '/api/reply-templates', { category: '房屋管理类', title: '模板', text: '您好' })
    ).id;
    fx.questionnaire = (await post('hq', '/api/surveys/questionnaires/from-template', {})).id;
    fx.campaign = (
      await post('hq', '/api/surveys/campaigns', {
        questionnaireId: fx.questionnaire,
        title: '满意度调查',
        projectId: project.id,
      })
    ).id;
    // A campaign started with every household in the sample, so resident-1's household has a form.
    fx.liveCampaign = (
      await post('hq', '/api/surveys/campaigns', {
        questionnaireId: fx.questionnaire,
        title: '全体住户满意度调查',
        projectId: project.id,
        samplePercent: 100,
      })
    ).id;
    await post('hq', `/api/surveys/campaigns/${fx.liveCampaign}/start`, { seed: 'matrix' }, 200);
    fx.correctiveAction = (
      await post('pm', '/api/reports/corrective-actions', {
        month: '2026-10',
        problem: '回复慢',
        action: '培训',
      })
    ).id;
    fx.case = (
      await post('pm', '/api/reports/cases', { month: '2026-10', ticketId: fx.ticket, keyPoints: '典型案例' })
    ).id;
    const csLead = await users.findOneByOrFail({ demoKey: 'cs-lead' });
    const [note] = await t.ds.query('SELECT id FROM notifications WHERE userId = ? LIMIT 1', [csLead.id]);
    fx.notification = note?.id;
    const q = (await t.http.get(`/api/surveys/questionnaires/${fx.questionnaire}`).set(as('hq')).expect(200))
      .body;
    // Saved back as the editor sends it: without the ids the server gives sections and questions.
    const noIds = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(noIds)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x)
                .filter(([k]) => k !== 'id')
                .map(([k, v]) => [k, noIds(v)]),
            )
          : x;
    questionnaireBody = noIds({
      title: q.title,
      intro: q.intro,
      closing: q.closing,
      drivers: q.drivers,
      sections: q.sections,
    }) as Record<string, unknown>;
    if (REPORT) console.log(JSON.stringify(fx));
  }, 120_000);

  afterAll(async () => {
    if (REPORT) writeFileSync(`${REPORT}.${driver}.json`, JSON.stringify(actual, null, 1));
    await t?.close();
  });

  it('has a rule for every route the app serves, and no rule for a route that is gone', () => {
    const served = servedRoutes(t);
    const unruled = served.filter((r) => !(r in RULES));
    const stale = Object.keys(RULES).filter((r) => !served.includes(r));
    const problems = [
      ...unruled.map((r) => `${r}: served but has no access rule in test/support/access-rules.ts`),
      ...stale.map((r) => `${r}: has an access rule but the app no longer serves it`),
    ];
    expect(problems).toEqual([]);
    expect(served.length).toBeGreaterThan(100);
  });

  it.each(Object.keys(RULES))(
    '%s',
    async (key) => {
      const rule = RULES[key];
      const [method, template] = key.split(' ');
      const path = template.replace(/:(\w+)/g, (_, name: string) => {
        const p = rule.params?.[name];
        if (p === undefined) return DUMMY_ID;
        if ((FIXTURES as readonly string[]).includes(p)) {
          const v = fx[p as Fixture];
          if (!v) throw new Error(`${key}: fixture ${p} was not made in setup`);
          return v;
        }
        return p;
      });
      // Body and query values '$fixture' name a fixture.
      const subst = <T>(x: T): T =>
        JSON.parse(JSON.stringify(x), (_k, v) =>
          typeof v === 'string' && v.startsWith('$') && v !== '$version'
            ? (fx[v.slice(1) as Fixture] ?? DUMMY_ID)
            : v,
        );
      const body = rule.questionnaireBody ? questionnaireBody : subst(rule.body ?? {});
      const wrong: string[] = [];
      actual[key] = {};
      const call = async (who: Who) => {
        let req = t.http[method.toLowerCase() as 'get'](path).set(as(who));
        if (rule.query) req = req.query(subst(rule.query));
        if (method !== 'GET' && method !== 'DELETE') {
          // '$version': the ticket's current version, so a ticket move is judged on who asks, not on a stale copy.
          const sent = { ...body };
          if (sent.version === '$version')
            sent.version = (
              await t.ds.query('SELECT version FROM tickets WHERE id = ?', [path.split('/')[3]])
            )[0]?.version;
          req = req.set('Idempotency-Key', idemKey()).send(sent);
        }
        const res = await req;
        actual[key][who] =
          `${res.status} ${res.status >= 300 ? JSON.stringify(res.body?.message ?? '') : ''}`;
        const want = expectation(rule, who);
        // Getting through means an answer about the request, never a refusal and never a crash (500).
        const ok = want === 'through' ? ![401, 403, 500].includes(res.status) : res.status === want;
        if (!ok)
          wrong.push(
            `${who}: expected ${want === 'through' ? 'to get through (not 401/403/500)' : want}, got ${res.status} ${JSON.stringify(res.body?.message ?? '').slice(0, 160)}`,
          );
      };
      const order = callOrder(rule);
      const refused = order.filter((w) => expectation(rule, w) !== 'through');
      for (const who of refused) await call(who);
      const through = order.filter((w) => expectation(rule, w) === 'through');
      // A costly route (a full retrain) runs for everyone allowed at once rather than one after another.
      if (rule.costly) await Promise.all(through.map(call));
      else for (const who of through) await call(who);
      if (REPORT) return;
      expect(wrong).toEqual([]);
    },
    120_000,
  );
});
