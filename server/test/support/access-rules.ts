/**
 * Who may call which endpoint: the rule table behind test/access-matrix.e2e-spec.ts. Every route the app
 * serves must have exactly one rule here, keyed `METHOD /path` as Express has it (global prefix included).
 *
 * Identities (demo accounts from src/seed, plus two the matrix adds for crossing projects and companies):
 * - anonymous: no Authorization header
 * - resident-1: owner of 1栋1单元101 in 阳光花园 (files the fixture ticket); resident-2: another household there
 * - resident-new: a resident with no household yet
 * - front-desk, cs-lead, pm: the 阳光花园 service centre; eng-1: engineering department staff;
 *   qa-1: quality department staff (survey admin); hq: group HQ of the company
 * - pm-b: project manager of a second project of the same company; hq-x: HQ of another company
 *
 * A rule says:
 * - allow: who gets through (not 401, not 403). 'public' = everyone including anonymous; 'signed-in' =
 *   every identity but anonymous. For the rest, anonymous must get 401 and everyone else 403 …
 * - hide: … except these, who get 404: the app answers "not found" instead of "forbidden" so that a record
 *   that is not theirs does not show it exists (their own scope does not contain it).
 * - gate: for public routes guarded by a signed link instead of a login: the status every identity gets
 *   without a valid signature.
 * - params: path parameter → fixture (a real record made in the test's setup; a value that names no
 *   fixture is used as it is); unnamed ones get a UUID nothing has. query/body: a minimal request that
 *   passes validation, so the role check is what answers ('$fixture' in either stands for its id;
 *   body version '$version' for the ticket's current version).
 */
export const IDENTITIES = [
  'anonymous',
  'resident-1',
  'resident-2',
  'resident-new',
  'front-desk',
  'cs-lead',
  'pm',
  'eng-1',
  'qa-1',
  'hq',
  'pm-b',
  'hq-x',
] as const;
export type Who = (typeof IDENTITIES)[number];

export const FIXTURES = [
  'ticket',
  'quote',
  'handledTicket',
  'visit',
  'household',
  'binding',
  'project',
  'staff',
  'replyTemplate',
  'priceItem',
  'questionnaire',
  'campaign',
  'liveCampaign',
  'correctiveAction',
  'case',
  'incident',
  'complaint',
  'specialCase',
  'notification',
  'upload',
] as const;
export type Fixture = (typeof FIXTURES)[number];

export interface AccessRule {
  allow: readonly Who[] | 'public' | 'signed-in';
  hide?: readonly Who[];
  gate?: number;
  params?: Record<string, Fixture | string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  /** The body is the fixture questionnaire's own content (a valid questionnaire to save). */
  questionnaireBody?: true;
  /** Slow for whoever gets through (a full retrain): the allowed callers are sent at once. */
  costly?: true;
  note?: string;
}

const RESIDENTS = ['resident-1', 'resident-2', 'resident-new'] as const;
/** Everyone on the staff side of 阳光花园 (not HQ). */
const CENTRE = ['front-desk', 'cs-lead', 'pm', 'eng-1', 'qa-1'] as const;
/** The service centre proper: front desk, lead, manager (not department staff). */
const SERVICE_CENTRE = ['front-desk', 'cs-lead', 'pm'] as const;
/** Project staff of either project (HQ has no project). */
const PROJECT_STAFF = [...CENTRE, 'pm-b'] as const;
const ALL_STAFF = [...CENTRE, 'hq', 'pm-b', 'hq-x'] as const;
/** Who sees resident-1's repair (dispatched to engineering, eng-1 handling): the resident, the centre, HQ. */
const SEES_TICKET = ['resident-1', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'hq'] as const;
/** …and who does not: it is not found for them (another household, another department, project, company). */
const NOT_THEIR_TICKET = ['resident-2', 'resident-new', 'qa-1', 'pm-b', 'hq-x'] as const;
const REPORT_READERS = ['cs-lead', 'pm', 'hq'] as const;
const MONTH = '2026-10';
const NOWHERE = '00000000-0000-4000-8000-000000000001';
const QUESTIONNAIRE = { title: '问卷', intro: '', closing: '', drivers: [], sections: [] };

export const RULES: Record<string, AccessRule> = {
  // ---------------------------------------------------------------- API documentation (Swagger UI)
  'GET /api/docs': { allow: 'public', note: 'the API description only, no data' },
  'GET /api/docs/': { allow: 'public' },
  'GET /api/docs/index.html': { allow: 'public' },
  'GET /api/docs/swagger-ui-init.js': { allow: 'public' },
  'GET /api/docs/docs/swagger-ui-init.js': { allow: 'public' },
  'GET /api/docs/LICENSE': { allow: 'public' },
  'GET /api/docs/json': { allow: 'public' },
  'GET /api/docs-yaml': { allow: 'public' },

  // ---------------------------------------------------------------- health, sign-in, me
  'GET /api/health': { allow: 'public' },
  'GET /metrics': {
    allow: 'public',
    note: 'Prometheus text, no personal data; open without METRICS_TOKEN (kept off the internet at the proxy), bearer-protected with it',
  },
  'GET /api/auth/dev-accounts': {
    allow: 'public',
    note: 'development login only: 404 when DEV_LOGIN is off',
  },
  'POST /api/auth/dev-login': { allow: 'public', body: { accountId: 'no-such-account' } },
  'POST /api/auth/wechat-login': { allow: 'public', body: { code: 'code-from-wx-login' } },
  'POST /api/auth/staff/:id/invite': {
    allow: ['cs-lead', 'pm', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'staff' },
    note: 'a colleague of another project or company is not found',
  },
  'POST /api/auth/claim-staff': { allow: 'signed-in', body: { code: 'ABCDEFGH' } },
  'GET /api/me': { allow: 'signed-in' },

  // ---------------------------------------------------------------- organisation and household bindings
  'GET /api/org/projects': {
    allow: 'signed-in',
    note: 'the compounds of the caller’s own company; a resident in no company yet sees every compound to find theirs',
  },
  'GET /api/org/projects/:projectId/tree': {
    allow: 'signed-in',
    params: { projectId: 'project' },
    note: 'buildings, units and flat labels to pick one’s home; no personal data',
  },
  'POST /api/bindings': { allow: RESIDENTS, body: { code: 'ABCDEFGH' } },
  'GET /api/bindings/mine': { allow: 'signed-in' },
  'GET /api/households/ledger': {
    allow: [...SERVICE_CENTRE, 'pm-b'],
    note: 'residents’ and contacts’ phones: the service centre of a project only',
  },
  'GET /api/bindings/pending': {
    allow: [...SERVICE_CENTRE, 'pm-b'],
    note: 'applicants’ phone numbers: the service centre only; HQ works on no one project',
  },
  'POST /api/bindings/:id/approve': {
    allow: [...SERVICE_CENTRE, 'hq'],
    params: { id: 'binding' },
    body: {},
    note: 'the service centre of the household’s project, HQ of its company; not department staff',
  },
  'POST /api/bindings/:id/reject': { allow: [...SERVICE_CENTRE, 'hq'], params: { id: 'binding' }, body: {} },
  'POST /api/households/:id/codes': { allow: [...SERVICE_CENTRE, 'hq'], params: { id: 'household' } },
  'GET /api/households/:id/profile': { allow: [...CENTRE, 'hq'], params: { id: 'household' } },
  'PUT /api/households/:id/profile': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    params: { id: 'household' },
    body: { specialNeeds: '行动不便' },
  },

  // ---------------------------------------------------------------- photos
  'POST /api/uploads': { allow: 'signed-in' },
  'GET /api/files/:id': {
    allow: 'public',
    gate: 403,
    params: { id: 'upload' },
    note: 'a signed, expiring link instead of a login (mini-program <image> sends no header)',
  },

  // ---------------------------------------------------------------- tickets and queues
  'POST /api/tickets': {
    allow: ['resident-1', 'resident-2', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'qa-1', 'pm-b'],
    body: { kind: 'suggestion', content: '建议在小区里多种些树' },
    note: 'a suggestion needs no place: a resident with no flat yet and HQ (no compound) are refused',
  },
  'GET /api/tickets': { allow: 'signed-in', note: 'each sees their own scope' },
  'GET /api/tickets/:id': { allow: SEES_TICKET, hide: NOT_THEIR_TICKET, params: { id: 'ticket' } },
  'POST /api/tickets/:id/actions': {
    allow: ['front-desk', 'cs-lead', 'pm', 'eng-1', 'hq'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
    body: { action: 'internal_note', version: '$version', note: '内部备注' },
    note: 'an internal note: staff only (role × action in detail: lifecycle.e2e-spec)',
  },
  'GET /api/staff/queue': { allow: ALL_STAFF },
  'GET /api/staff/search': {
    allow: ALL_STAFF,
    query: { q: '101' },
    note: 'within what each may see (tickets/access.ts)',
  },
  'GET /api/staff/colleagues': { allow: ALL_STAFF },
  'GET /api/staff/inventory': { allow: ['front-desk', 'cs-lead', 'pm', 'hq', 'pm-b', 'hq-x'] },

  // ---------------------------------------------------------------- reply templates, classification, routing
  'GET /api/reply-templates': { allow: PROJECT_STAFF },
  'POST /api/reply-templates': {
    allow: ['cs-lead', 'pm', 'pm-b'],
    body: { category: '房屋管理类', title: '标题', text: '您好，我们已收到您的反馈。' },
  },
  'PUT /api/reply-templates/:id': {
    allow: ['cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'replyTemplate' },
    body: { category: '房屋管理类', title: '标题', text: '您好，我们已收到。' },
  },
  'DELETE /api/reply-templates/:id': {
    allow: ['cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'replyTemplate' },
  },
  'GET /api/forbidden-phrases': { allow: ALL_STAFF, note: 'the company’s list of 服务禁语' },
  'PUT /api/forbidden-phrases': {
    allow: ['cs-lead', 'pm', 'hq', 'pm-b', 'hq-x'],
    body: {
      items: [
        {
          phrase: '这不归我们管',
          better: '这件事我先帮您记下来，马上联系负责的单位，并在约定时间内告诉您进展。',
        },
      ],
    },
    note: 'each edits their own company’s list',
  },
  'GET /api/tickets/:id/callback-phone': {
    allow: ['cs-lead'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
    note: 'an anonymous resident’s call-back number: the lead only, each view logged (404: none left)',
  },
  'GET /api/tickets/:id/access-log': {
    allow: ['cs-lead', 'pm', 'hq'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
  },
  'GET /api/duty-phone': {
    allow: ['resident-1', 'resident-2', ...PROJECT_STAFF],
    note: 'the compound’s 24-hour duty phone; HQ and a resident with no flat have no compound',
  },
  'PUT /api/projects/:id/duty-phone': {
    allow: ['pm', 'hq'],
    params: { id: 'project' },
    body: { dutyPhone: '021-58880110' },
  },
  'POST /api/reply-check': {
    allow: 'signed-in',
    body: { text: '这不归我们管' },
    note: 'a wording check, no data',
  },
  'POST /api/classification/preview': {
    allow: ['resident-1', 'resident-2', ...PROJECT_STAFF],
    body: { text: '电梯坏了' },
    note: 'needs a project: not for a resident without a home yet, nor HQ',
  },
  'POST /api/tickets/:id/category': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    hide: ['resident-2', 'resident-new', 'eng-1', 'qa-1', 'pm-b', 'hq-x'],
    params: { id: 'complaint' },
    body: { category: '设备管理类' },
  },
  'GET /api/classification/models': {
    allow: ['pm', 'hq', 'pm-b', 'hq-x'],
    note: 'the models of the caller’s own company',
  },
  'POST /api/classification/retrain': { allow: ['pm', 'hq', 'pm-b', 'hq-x'], costly: true },
  'POST /api/classification/models/:id/activate': {
    allow: ['pm', 'hq', 'pm-b', 'hq-x'],
    params: { id: 'shipped' },
  },
  'GET /api/routing': { allow: PROJECT_STAFF },
  'GET /api/routing/categories': { allow: PROJECT_STAFF },
  'GET /api/routing/trades': { allow: PROJECT_STAFF },
  'PUT /api/routing/trades/:trade': {
    allow: ['pm', 'pm-b'],
    params: { trade: 'elevator' },
    body: { departmentCode: 'eng' },
    note: 'each manager their own project',
  },
  'PUT /api/routing/staff/:id/trades': {
    allow: ['pm'],
    hide: ['pm-b'],
    params: { id: 'staff' },
    body: { trades: ['elevator'] },
  },
  'PUT /api/routing/:category': {
    allow: ['pm', 'pm-b'],
    params: { category: encodeURIComponent('设备管理类') },
    body: { departmentCode: 'eng' },
  },

  // ---------------------------------------------------------------- incidents, notifications, clocks
  'GET /api/incidents': { allow: PROJECT_STAFF },
  'GET /api/incidents/:id': { allow: CENTRE, hide: ['pm-b'], params: { id: 'incident' } },
  'POST /api/incidents/:id/merge': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: { otherId: NOWHERE },
  },
  'POST /api/incidents/:id/split': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: { ticketId: '$complaint' },
  },
  'POST /api/incidents/:id/link': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: { ticketId: '$complaint' },
  },
  'POST /api/incidents/:id/unlink': {
    allow: ['front-desk', 'cs-lead', 'pm'],
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: { ticketId: NOWHERE },
  },
  'POST /api/incidents/:id/actions': {
    allow: CENTRE,
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: { action: 'internal_note', note: '同一事件统一跟进' },
    note: 'each complaint’s own lifecycle decides whether the move fits',
  },
  'PUT /api/incidents/:id/visit-settings': {
    allow: CENTRE,
    hide: ['pm-b'],
    params: { id: 'incident' },
    body: {},
    note: 'each complaint’s own visit settings decide who may change them',
  },
  'GET /api/notifications': { allow: 'signed-in', note: 'one’s own' },
  'GET /api/notifications/unread-count': { allow: 'signed-in' },
  'POST /api/notifications/read-all': { allow: 'signed-in' },
  'POST /api/notifications/:id/read': {
    allow: ['cs-lead'],
    hide: [...RESIDENTS, 'front-desk', 'pm', 'eng-1', 'qa-1', 'hq', 'pm-b', 'hq-x'],
    params: { id: 'notification' },
    note: 'the fixture is one of cs-lead’s notifications: nobody else’s',
  },
  'GET /api/notifications/subscribe-templates': { allow: 'signed-in', query: { moment: 'file' } },
  'POST /api/notifications/subscriptions': { allow: 'signed-in', body: { results: {} } },
  'GET /api/notifications/quotas': { allow: 'signed-in' },
  'GET /api/projects/:id/clock-settings': {
    allow: [...CENTRE, 'hq'],
    hide: [...RESIDENTS, 'pm-b', 'hq-x'],
    params: { id: 'project' },
  },
  'PUT /api/projects/:id/clock-settings': {
    allow: ['pm', 'hq'],
    hide: [...RESIDENTS, 'pm-b', 'hq-x'],
    params: { id: 'project' },
    body: {},
  },
  'PUT /api/company/calendar': { allow: ['hq', 'hq-x'], body: {}, note: 'each HQ its own company' },
  'GET /api/company/calendar': { allow: [...ALL_STAFF], note: 'how far its own company’s calendar reaches' },
  'PUT /api/company/calendar/years/:year': {
    allow: ['hq', 'hq-x'],
    params: { year: '2027' },
    body: { table: '2027-01-01 休 元旦' },
    note: 'each HQ imports into its own company',
  },
  'GET /api/projects/:id/policy': {
    allow: [...CENTRE, 'hq'],
    hide: [...RESIDENTS, 'pm-b', 'hq-x'],
    params: { id: 'project' },
  },
  'PUT /api/projects/:id/policy': {
    allow: ['pm', 'hq'],
    hide: [...RESIDENTS, 'pm-b', 'hq-x'],
    params: { id: 'project' },
    body: {},
  },
  'GET /api/company/policy': { allow: ['hq', 'hq-x'], note: 'each HQ its own company' },
  'PUT /api/company/policy': { allow: ['hq', 'hq-x'], body: {}, note: 'each HQ its own company' },

  // ---------------------------------------------------------------- satisfaction surveys
  'GET /api/surveys/access': { allow: 'signed-in' },
  'GET /api/surveys/template': { allow: 'signed-in', note: 'the handbook’s blank questionnaire' },
  'GET /api/surveys/questionnaires': { allow: ['qa-1', 'hq', 'hq-x'] },
  'POST /api/surveys/questionnaires': { allow: ['qa-1', 'hq', 'hq-x'], body: QUESTIONNAIRE },
  'POST /api/surveys/questionnaires/from-template': { allow: ['qa-1', 'hq', 'hq-x'] },
  'GET /api/surveys/questionnaires/:id': {
    allow: ['cs-lead', 'pm', 'qa-1', 'hq', 'pm-b'],
    hide: ['hq-x'],
    params: { id: 'questionnaire' },
    note: 'a company-wide questionnaire: every project of the company may read it',
  },
  'PUT /api/surveys/questionnaires/:id': {
    allow: ['qa-1', 'hq'],
    hide: ['hq-x'],
    params: { id: 'questionnaire' },
    questionnaireBody: true,
  },
  'POST /api/surveys/questionnaires/:id/versions': {
    allow: ['qa-1', 'hq'],
    hide: ['hq-x'],
    params: { id: 'questionnaire' },
  },
  'GET /api/surveys/campaigns': { allow: ['cs-lead', 'pm', 'qa-1', 'hq', 'pm-b', 'hq-x'] },
  'POST /api/surveys/campaigns': {
    allow: ['qa-1', 'hq', 'hq-x'],
    body: { questionnaireId: NOWHERE, title: '年度满意度调查' },
  },
  'GET /api/surveys/campaigns/:id': {
    allow: ['cs-lead', 'pm', 'qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'campaign' },
  },
  'PATCH /api/surveys/campaigns/:id': {
    allow: ['qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'campaign' },
    body: { title: '调查' },
    note: 'the service centre reads campaigns but never sets the sample',
  },
  'POST /api/surveys/campaigns/:id/start': {
    allow: ['qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'campaign' },
    body: {},
  },
  'POST /api/surveys/campaigns/:id/close': {
    allow: ['qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'campaign' },
  },
  'GET /api/surveys/campaigns/:id/results': {
    allow: ['cs-lead', 'pm', 'qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'liveCampaign' },
  },
  'POST /api/surveys/campaigns/:id/export': {
    allow: ['cs-lead', 'pm', 'qa-1', 'hq'],
    hide: ['pm-b', 'hq-x'],
    params: { id: 'liveCampaign' },
  },
  'GET /api/surveys/exports/:id': {
    allow: 'public',
    gate: 403,
    params: { id: 'liveCampaign' },
    note: 'a signed, expiring link (weapp downloads send no header)',
  },
  'GET /api/surveys/mine': { allow: RESIDENTS },
  'GET /api/surveys/campaigns/:id/households/:householdId/form': {
    allow: ['resident-1'],
    params: { id: 'liveCampaign', householdId: 'household' },
    note: 'only a resident of the sampled household; staff never fill in for them',
  },
  'PUT /api/surveys/campaigns/:id/households/:householdId/draft': {
    allow: ['resident-1'],
    params: { id: 'liveCampaign', householdId: 'household' },
    body: { answers: [] },
  },
  'POST /api/surveys/campaigns/:id/households/:householdId/submit': {
    allow: ['resident-1'],
    params: { id: 'liveCampaign', householdId: 'household' },
    body: { answers: [] },
  },

  // ---------------------------------------------------------------- paid repairs
  'GET /api/pay/status': { allow: 'signed-in' },
  'GET /api/pay/price-items': {
    allow: [...CENTRE, 'hq'],
    hide: ['hq-x'],
    query: { projectId: '$project' },
    note: '阳光花园’s list: pm-b may not, hq-x does not find the project',
  },
  'POST /api/pay/price-items': {
    allow: ['pm', 'pm-b'],
    body: { kind: 'labour', name: '疏通下水道', priceFen: 5000 },
  },
  'PATCH /api/pay/price-items/:id': {
    allow: ['pm'],
    hide: ['pm-b'],
    params: { id: 'priceItem' },
    body: { priceFen: 6000 },
  },
  'PUT /api/pay/price-items/:id': {
    allow: ['pm'],
    hide: ['pm-b'],
    params: { id: 'priceItem' },
    body: { priceFen: 6000 },
    note: 'the same as PATCH, for wx.request (no PATCH there)',
  },
  'GET /api/tickets/:id/charges': { allow: SEES_TICKET, hide: NOT_THEIR_TICKET, params: { id: 'ticket' } },
  'POST /api/tickets/:id/quotes': {
    allow: ['cs-lead', 'pm', 'eng-1'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
    body: { items: [{ kind: 'labour', name: '人工', unitPriceFen: 100, quantity: 1 }] },
    note: 'the handler, the lead, the manager',
  },
  'POST /api/tickets/:id/quotes/:quoteId/pay': {
    allow: ['resident-1'],
    hide: ['resident-2', 'resident-new'],
    params: { id: 'ticket', quoteId: 'quote' },
    note: 'staff are turned away before the ticket is looked up',
  },
  'POST /api/tickets/:id/quotes/:quoteId/refresh': {
    allow: SEES_TICKET,
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket', quoteId: 'quote' },
  },
  'POST /api/tickets/:id/quotes/:quoteId/decline': {
    allow: ['resident-1'],
    hide: ['resident-2', 'resident-new'],
    params: { id: 'ticket', quoteId: 'quote' },
    body: {},
  },
  'POST /api/tickets/:id/quotes/:quoteId/withdraw': {
    allow: ['cs-lead', 'pm', 'eng-1'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket', quoteId: 'quote' },
    body: {},
  },
  'POST /api/tickets/:id/quotes/:quoteId/offline-payment': {
    allow: ['cs-lead', 'pm', 'eng-1'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket', quoteId: 'quote' },
    body: { method: 'cash' },
  },
  'POST /api/tickets/:id/quotes/:quoteId/start-work': {
    allow: ['cs-lead', 'pm', 'eng-1'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket', quoteId: 'quote' },
  },
  'POST /api/tickets/:id/refunds': {
    allow: ['pm'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
    body: { orderId: NOWHERE, reason: '业主投诉维修效果' },
    note: 'the project manager only; no such payment here, so he is answered 404',
  },
  'POST /api/pay/refunds/:id/offline-done': {
    allow: 'signed-in',
    note: 'no refund exists here (it needs a paid, cancelled repair): only the login is checked; payments.e2e-spec covers who confirms a refund',
  },
  'GET /api/pay/reconciliation': {
    allow: REPORT_READERS,
    hide: ['hq-x'],
    query: { day: '2026-11-01', projectId: '$project' },
  },
  'POST /api/pay/wechat/notify': {
    allow: 'public',
    body: {},
    note: 'WeChat Pay calls it: no login, the body is verified by WeChat’s signature (404 while pay is off)',
  },

  // ---------------------------------------------------------------- return visits and ratings
  'GET /api/visits': { allow: ALL_STAFF, note: 'each sees their own scope' },
  'GET /api/visits/rules': { allow: PROJECT_STAFF },
  'PUT /api/visits/rules': { allow: ['cs-lead', 'pm', 'pm-b'], body: { overrides: {} } },
  'POST /api/visits/rain': { allow: ['front-desk', 'cs-lead', 'pm', 'pm-b'] },
  'GET /api/visits/:id': {
    allow: ['front-desk', 'cs-lead', 'pm', 'eng-1', 'hq'],
    hide: [...RESIDENTS, 'qa-1', 'pm-b', 'hq-x'],
    params: { id: 'visit' },
    note: 'eng-1 handled the repair: the handler may visit their own tickets',
  },
  'POST /api/visits/:id/attempts': {
    allow: ['front-desk', 'cs-lead', 'pm', 'eng-1', 'hq'],
    hide: [...RESIDENTS, 'qa-1', 'pm-b', 'hq-x'],
    params: { id: 'visit' },
    body: { method: 'phone', result: 'unreachable' },
  },
  'GET /api/tickets/:id/rating': {
    allow: SEES_TICKET,
    hide: NOT_THEIR_TICKET,
    params: { id: 'handledTicket' },
  },
  'POST /api/tickets/:id/rating': {
    allow: ['resident-1'],
    hide: NOT_THEIR_TICKET,
    params: { id: 'handledTicket' },
    body: { scores: {}, satisfied: true },
  },
  'GET /api/tickets/:id/visits': {
    allow: ['front-desk', 'cs-lead', 'pm', 'eng-1', 'hq'],
    hide: [...RESIDENTS, 'qa-1', 'pm-b', 'hq-x'],
    params: { id: 'handledTicket' },
    note: 'staff’s view of the visits: not found for the resident too',
  },
  'PUT /api/tickets/:id/visit-settings': {
    allow: REPORT_READERS,
    hide: NOT_THEIR_TICKET,
    params: { id: 'ticket' },
    body: {},
  },
  'GET /api/households/:id/visit-preference': {
    allow: ['resident-1', 'front-desk', 'cs-lead', 'pm', 'hq'],
    params: { id: 'household' },
  },
  'PUT /api/households/:id/visit-preference': {
    allow: ['resident-1', 'front-desk', 'cs-lead', 'pm', 'hq'],
    params: { id: 'household' },
    body: { noVisit: false },
  },

  // ---------------------------------------------------------------- statistics and reports
  'GET /api/reports/projects': { allow: [...REPORT_READERS, 'pm-b', 'hq-x'], note: 'the caller’s own' },
  'GET /api/reports/settings': {
    allow: [...REPORT_READERS, 'pm-b', 'hq-x'],
    note: 'the caller’s own company',
  },
  'PUT /api/reports/settings': {
    allow: ['hq', 'hq-x'],
    body: { statisticalMonth: 'calendar' },
    note: 'each HQ its own company',
  },
  // 阳光花园's reports: a manager of another project or HQ of another company may not read them.
  'GET /api/reports/classification': {
    allow: REPORT_READERS,
    query: { month: MONTH, projectId: '$project' },
  },
  'GET /api/reports/kpis': { allow: REPORT_READERS, query: { month: MONTH, projectId: '$project' } },
  'GET /api/reports/analysis': { allow: REPORT_READERS, query: { month: MONTH, projectId: '$project' } },
  'GET /api/reports/developer': {
    allow: REPORT_READERS,
    query: { quarter: '2026-Q3', projectId: '$project' },
  },
  'GET /api/reports/notice': { allow: REPORT_READERS, query: { month: MONTH, projectId: '$project' } },
  'GET /api/reports/notice/approval': {
    allow: REPORT_READERS,
    query: { month: MONTH, projectId: '$project' },
  },
  'POST /api/reports/notice/approval': {
    allow: ['pm'],
    body: { month: MONTH, projectId: '$project' },
    note: 'the project manager approves the notice of their own project before it is published',
  },
  'GET /api/notice': {
    allow: ['resident-1', 'resident-2', ...PROJECT_STAFF],
    query: { month: MONTH },
    note: 'the published (approved) notice of one’s own compound; 404 until approved',
  },
  'POST /api/reports/refresh': { allow: REPORT_READERS, body: { month: MONTH, projectId: '$project' } },
  'POST /api/reports/corrective-actions': {
    allow: ['cs-lead', 'pm', 'pm-b'],
    body: { month: MONTH, problem: '回复慢', action: '加强培训' },
    note: 'written by a project’s own lead and manager, into their own project',
  },
  'PUT /api/reports/corrective-actions/:id': {
    allow: ['cs-lead', 'pm'],
    params: { id: 'correctiveAction' },
    body: { status: 'in_progress' },
  },
  'DELETE /api/reports/corrective-actions/:id': {
    allow: ['cs-lead', 'pm'],
    params: { id: 'correctiveAction' },
  },
  'POST /api/reports/cases': {
    allow: ['cs-lead', 'pm', 'pm-b'],
    body: { month: MONTH, ticketId: '$ticket', keyPoints: '典型案例' },
    note: 'pm-b: 404, the ticket is not in their project',
  },
  'DELETE /api/reports/cases/:id': { allow: ['cs-lead', 'pm'], params: { id: 'case' } },
  'POST /api/reports/submissions': {
    allow: ['cs-lead', 'pm', 'pm-b'],
    body: { kind: 'monthly_analysis', period: MONTH },
  },
  'GET /api/reports/special': { allow: REPORT_READERS, query: { projectId: '$project' } },
  'GET /api/reports/special/:id': { allow: REPORT_READERS, params: { id: 'specialCase' } },
  'POST /api/reports/major-complaints/:ticketId': {
    allow: ['cs-lead', 'pm'],
    params: { ticketId: 'ticket' },
    body: { decision: 'confirm', reason: '索赔金额已核实' },
  },
  'POST /api/reports/special/:id/report': {
    allow: ['cs-lead', 'pm'],
    params: { id: 'specialCase' },
    body: { reportedTo: '集团' },
  },
  'POST /api/reports/special/:id/follow-up': {
    allow: ['cs-lead', 'pm'],
    params: { id: 'specialCase' },
    body: {},
  },
  'POST /api/reports/exports': {
    allow: REPORT_READERS,
    body: { report: 'kpis', month: MONTH, projectId: '$project' },
  },
  // ---------------------------------------------------------------- the project's ticket archive
  'GET /api/projects/:id/archive': {
    allow: ['pm', 'hq'],
    params: { id: 'project' },
    note: 'the whole history of a project: its manager and HQ of its company only',
  },
  'POST /api/projects/:id/archive/link': { allow: ['pm', 'hq'], params: { id: 'project' } },
  'GET /api/archive/download': {
    allow: 'public',
    gate: 403,
    query: { token: 'not-a-token' },
    note: 'a signed, expiring link (weapp downloads send no header)',
  },
  'GET /api/reports/download': {
    allow: 'public',
    gate: 403,
    query: { token: 'not-a-token' },
    note: 'a signed, expiring link (weapp downloads send no header)',
  },
};
