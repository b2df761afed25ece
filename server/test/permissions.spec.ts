import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Role } from '@wuye/shared';
import { allowed, Permission } from '../src/common/permissions';
import { ARCHIVE_PERMISSIONS } from '../src/archive/permissions';
import { AUTH_PERMISSIONS } from '../src/auth/permissions';
import { CLASSIFICATION_PERMISSIONS } from '../src/classification/permissions';
import { CLOCK_PERMISSIONS } from '../src/clocks/permissions';
import { INCIDENT_PERMISSIONS } from '../src/incidents/permissions';
import { ORG_PERMISSIONS } from '../src/org/permissions';
import { POLICY_PERMISSIONS } from '../src/policy/permissions';
import { PAYMENT_PERMISSIONS } from '../src/payments/permissions';
import { PRIVACY_PERMISSIONS } from '../src/privacy/permissions';
import { REPLY_PERMISSIONS } from '../src/replies/permissions';
import { REPORT_PERMISSIONS } from '../src/reports/permissions';
import { ROUTING_PERMISSIONS } from '../src/routing/permissions';
import { SURVEY_PERMISSIONS } from '../src/surveys/permissions';
import { TICKET_PERMISSIONS } from '../src/tickets/permissions';
import { VISIT_PERMISSIONS } from '../src/visits/permissions';
import { RULES, Who } from './support/access-rules';

/**
 * The permission tables the code asks (src/<domain>/permissions.ts) and the access matrix's rules
 * (test/support/access-rules.ts, which test/access-matrix.e2e-spec.ts checks against the running app) must say
 * the same where both speak about one route. The matrix names people; their roles are these.
 */
const ROLE_OF: Record<Exclude<Who, 'anonymous'>, Role> = {
  'resident-1': 'resident',
  'resident-2': 'resident',
  'resident-new': 'resident',
  'front-desk': 'front_desk',
  'cs-lead': 'cs_lead',
  pm: 'project_manager',
  'eng-1': 'dept_staff',
  'qa-1': 'dept_staff',
  hq: 'hq',
  'pm-b': 'project_manager',
  'hq-x': 'hq',
};

/**
 * The roles a route's rule lets past the role gate: those allowed, and those answered 404 (they pass the gate,
 * the record is outside their scope). `besides`: people let in for another reason than their role (the
 * ticket's handler). `withHidden` false: the 404s come from the ticket's scope, checked before the role gate.
 */
function rolesPastTheGate(route: string, besides: Who[] = [], withHidden = true): Role[] {
  const rule = RULES[route];
  if (!rule) throw new Error(`no access rule for ${route}`);
  if (!Array.isArray(rule.allow)) throw new Error(`${route} is open to everyone: no role gate to compare`);
  const people = [...(rule.allow as Who[]), ...((withHidden ? (rule.hide ?? []) : []) as Who[])].filter(
    (w) => w !== 'anonymous' && !besides.includes(w),
  ) as Exclude<Who, 'anonymous'>[];
  return [...new Set(people.map((w) => ROLE_OF[w]))].sort();
}

/** The roles of one row, or of several rows that together open one route (sorted, each once). */
const roles = (...ps: Permission[]) => [...new Set(ps.flatMap((p) => p.roles))].sort();

/** Survey admins: HQ, and the quality department's staff (surveys/access.ts adds the department check). */
const SURVEY_ADMINS = [SURVEY_PERMISSIONS.administer, SURVEY_PERMISSIONS.administerAsQuality];
/** Everyone who sees campaigns: the admins and the viewers. */
const SURVEY_READERS = [...SURVEY_ADMINS, SURVEY_PERMISSIONS.view];

describe('permission tables agree with the access matrix', () => {
  it.each([
    ['GET /api/staff/inventory', TICKET_PERMISSIONS.inventory],
    ['POST /api/pay/price-items', PAYMENT_PERMISSIONS.editPriceList],
    ['PATCH /api/pay/price-items/:id', PAYMENT_PERMISSIONS.editPriceList],
    ['PUT /api/pay/price-items/:id', PAYMENT_PERMISSIONS.editPriceList],
    ['GET /api/pay/reconciliation', PAYMENT_PERMISSIONS.readReconciliation],
    ['POST /api/reply-templates', REPLY_PERMISSIONS.edit],
    ['PUT /api/reply-templates/:id', REPLY_PERMISSIONS.edit],
    ['DELETE /api/reply-templates/:id', REPLY_PERMISSIONS.edit],
    ['PUT /api/routing/:category', ROUTING_PERMISSIONS.editRules],
    ['GET /api/reports/kpis', REPORT_PERMISSIONS.read],
    ['GET /api/reports/special', REPORT_PERMISSIONS.read],
    ['POST /api/reports/corrective-actions', REPORT_PERMISSIONS.write],
    ['PUT /api/forbidden-phrases', PRIVACY_PERMISSIONS.editPhrases],
    ['POST /api/reports/notice/approval', PRIVACY_PERMISSIONS.approveNotice],
    ['GET /api/projects/:id/archive', ARCHIVE_PERMISSIONS.export],
    ['POST /api/projects/:id/archive/link', ARCHIVE_PERMISSIONS.export],
    ['POST /api/auth/staff/:id/invite', AUTH_PERMISSIONS.inviteStaff],
    ['POST /api/incidents/:id/link', INCIDENT_PERMISSIONS.manage],
    ['POST /api/incidents/:id/unlink', INCIDENT_PERMISSIONS.manage],
    ['GET /api/company/policy', POLICY_PERMISSIONS.editCompany],
    ['PUT /api/company/policy', POLICY_PERMISSIONS.editCompany],
    ['POST /api/bindings/:id/approve', ORG_PERMISSIONS.handleBindings],
    ['POST /api/bindings/:id/reject', ORG_PERMISSIONS.handleBindings],
    ['POST /api/households/:id/codes', ORG_PERMISSIONS.handleBindings],
    ['PUT /api/households/:id/profile', ORG_PERMISSIONS.editProfile],
    ['PUT /api/company/calendar', CLOCK_PERMISSIONS.editCompanyCalendar],
    ['PUT /api/company/calendar/years/:year', CLOCK_PERMISSIONS.editCompanyCalendar],
    ['PUT /api/visits/rules', VISIT_PERMISSIONS.editRules],
    ['POST /api/visits/rain', VISIT_PERMISSIONS.recordRain],
    ['GET /api/households/:id/visit-preference', VISIT_PERMISSIONS.setPreference],
    ['PUT /api/households/:id/visit-preference', VISIT_PERMISSIONS.setPreference],
    ['GET /api/classification/models', CLASSIFICATION_PERMISSIONS.manageModels],
    ['POST /api/classification/retrain', CLASSIFICATION_PERMISSIONS.manageModels],
    ['POST /api/classification/models/:id/activate', CLASSIFICATION_PERMISSIONS.manageModels],
    ['PUT /api/reports/settings', REPORT_PERMISSIONS.editSettings],
    ['PUT /api/projects/:id/duty-phone', PRIVACY_PERMISSIONS.setDutyPhone],
  ] as const)('%s: the roles past the gate are the table’s', (route, permission) => {
    expect(rolesPastTheGate(route)).toEqual(roles(permission));
  });

  it.each([
    ['GET /api/surveys/questionnaires', SURVEY_ADMINS],
    ['POST /api/surveys/questionnaires', SURVEY_ADMINS],
    ['POST /api/surveys/questionnaires/from-template', SURVEY_ADMINS],
    ['POST /api/surveys/campaigns', SURVEY_ADMINS],
    ['GET /api/surveys/campaigns', SURVEY_READERS],
  ] as const)('%s: the roles past the gate are the survey rows’ together', (route, permissions) => {
    expect(rolesPastTheGate(route)).toEqual(roles(...permissions));
  });

  it('quotes: the lead and the manager by role, plus the repair’s handler (eng-1 in the matrix)', () => {
    expect(rolesPastTheGate('POST /api/tickets/:id/quotes', ['eng-1'], false)).toEqual(
      roles(PAYMENT_PERMISSIONS.handleCharges),
    );
  });

  it.each([
    ['GET /api/tickets/:id/callback-phone', PRIVACY_PERMISSIONS.readCallbackPhone],
    ['GET /api/tickets/:id/access-log', PRIVACY_PERMISSIONS.readAccessLog],
    ['POST /api/tickets/:id/category', ROUTING_PERMISSIONS.correctCategory],
    ['PUT /api/projects/:id/policy', POLICY_PERMISSIONS.editProject],
    ['PUT /api/projects/:id/clock-settings', CLOCK_PERMISSIONS.editProject],
    ['POST /api/tickets/:id/refunds', PAYMENT_PERMISSIONS.refund],
    ['PUT /api/tickets/:id/visit-settings', VISIT_PERMISSIONS.lead],
  ] as const)(
    '%s: the roles allowed are the table’s (the 404s come from the record’s scope, checked first)',
    (route, permission) => {
      expect(rolesPastTheGate(route, [], false)).toEqual(roles(permission));
    },
  );

  it.each([
    ['GET /api/surveys/campaigns/:id', SURVEY_READERS],
    ['GET /api/surveys/campaigns/:id/results', SURVEY_READERS],
    ['PATCH /api/surveys/campaigns/:id', SURVEY_ADMINS],
    ['POST /api/surveys/campaigns/:id/start', SURVEY_ADMINS],
    ['PUT /api/surveys/questionnaires/:id', SURVEY_ADMINS],
  ] as const)(
    '%s: the roles allowed are the survey rows’ together (another project or company: 404)',
    (route, permissions) => {
      expect(rolesPastTheGate(route, [], false)).toEqual(roles(...permissions));
    },
  );

  it.each(['GET /api/visits/:id', 'POST /api/visits/:id/attempts'])(
    '%s: the visitors by role, plus the repair’s handler (eng-1 in the matrix)',
    (route) => {
      expect(rolesPastTheGate(route, ['eng-1'], false)).toEqual(roles(VISIT_PERMISSIONS.visit));
    },
  );

  /**
   * Company-wide rows: of the staff who do not work at 阳光花园 (HQ, hq-x, pm-b), those the matrix lets into
   * 阳光花园's records are exactly the roles of the domain's company-wide row (hq-x and pm-b are refused or not
   * found: another company, another project).
   */
  const HOME: readonly Who[] = ['front-desk', 'cs-lead', 'pm', 'eng-1', 'qa-1'];
  it.each([
    ['POST /api/bindings/:id/approve', ORG_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/projects/:id/clock-settings', CLOCK_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/projects/:id/policy', POLICY_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/projects/:id/archive', ARCHIVE_PERMISSIONS.anyProjectOfCompany],
    ['PUT /api/projects/:id/duty-phone', PRIVACY_PERMISSIONS.anyProjectOfCompany],
    ['POST /api/auth/staff/:id/invite', AUTH_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/visits/:id', VISIT_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/surveys/campaigns/:id', SURVEY_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/reports/kpis', REPORT_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/pay/reconciliation', PAYMENT_PERMISSIONS.anyProjectOfCompany],
    ['GET /api/tickets/:id', TICKET_PERMISSIONS.seeCompany],
  ] as const)('%s: staff from outside the project get in by the company-wide row', (route, permission) => {
    const allow = RULES[route].allow as readonly Who[];
    const outsiders = allow.filter(
      (w): w is Exclude<Who, 'anonymous'> =>
        w !== 'anonymous' && !HOME.includes(w) && ROLE_OF[w as Exclude<Who, 'anonymous'>] !== 'resident',
    );
    expect([...new Set(outsiders.map((w) => ROLE_OF[w]))].sort()).toEqual(roles(permission));
  });

  it('seeing a ticket: the project’s staff in the seeProject/seeCompany rows see it; others only as its handler', () => {
    const sees = RULES['GET /api/tickets/:id'].allow as readonly Who[];
    // The staff of the ticket's own project and company (pm-b and hq-x are elsewhere: their scope misses it).
    const home: Exclude<Who, 'anonymous'>[] = ['front-desk', 'cs-lead', 'pm', 'eng-1', 'qa-1', 'hq'];
    const byTable = (w: Exclude<Who, 'anonymous'>) =>
      allowed(TICKET_PERMISSIONS.seeProject, { role: ROLE_OF[w] }) ||
      allowed(TICKET_PERMISSIONS.seeCompany, { role: ROLE_OF[w] });
    const handler: Who = 'eng-1';
    for (const w of home) expect([w, sees.includes(w)]).toEqual([w, byTable(w) || w === handler]);
  });

  it('a table row is a real gate: a role not listed is refused', () => {
    expect(allowed(PAYMENT_PERMISSIONS.editPriceList, { role: 'cs_lead' })).toBe(false);
    expect(allowed(PAYMENT_PERMISSIONS.editPriceList, { role: 'project_manager' })).toBe(true);
  });
});

/**
 * Permission decisions go through a table row (`allowed(TABLE.action, user)`), not an inline role comparison.
 * The comparisons that remain in server/src are not permission decisions; each is listed here, with how many
 * there are in its file and why it may stay:
 * - common/permissions.ts: `allowed()` itself, the one place the tables' roles are compared.
 * - seed/demo-seed.ts: the demo data gives HQ accounts no project and labels them 集团.
 * - startup-banner.ts: the development banner labels each demo account's place (集团, 未绑定房屋, the compound).
 * - org/people.ts: finding the people to notify — HQ staff are looked up by company, the others by project.
 * - tickets/staff.service.ts: the 'mine' queue also lists the tickets passed up (服务上移) to the caller's role
 *   (a ticket's escalation level names a role, from the lifecycle's ESCALATION_TARGETS): what the queue shows,
 *   not who may open it.
 * A file that gains a comparison, or an allowed one that goes away, fails this test: use or add a table row,
 * or (for something that is not about permission) extend the list with the reason.
 */
const INLINE_ROLE_CHECKS: Record<string, number> = {
  'common/permissions.ts': 1,
  'seed/demo-seed.ts': 2,
  'startup-banner.ts': 2,
  'org/people.ts': 1,
  'tickets/staff.service.ts': 1,
};

/** `x.role === 'hq'`, `'hq' !== x.role`, `LIST.includes(user.role)`, `roles.includes('hq')`, `switch (x.role)`. */
const ROLE_COMPARISON =
  /\brole\s*[!=]==?|[!=]==?\s*[\w?.]*\.role\b|\.includes\(\s*[\w?.]*\.role\s*\)|\broles\.includes\(|switch\s*\(\s*[\w?.]*\.role\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('no inline role comparisons outside the allow-list', () => {
  it('the pattern sees the usual forms, and not a table lookup', () => {
    const count = (text: string) => text.match(ROLE_COMPARISON)?.length ?? 0;
    expect(count(`if (user.role !== 'hq') throw x;`)).toBe(1);
    expect(count(`const hq = 'hq' === viewer.role;`)).toBe(1);
    expect(count(`if (!['cs_lead', 'project_manager'].includes(user.role)) throw x;`)).toBe(1);
    expect(count(`if (EDITORS.includes(user.role)) ok();`)).toBe(1);
    expect(count(`if (roles.includes('hq')) more();`)).toBe(1);
    expect(count(`switch (user.role) { }`)).toBe(1);
    expect(count(`if (!allowed(REPLY_PERMISSIONS.edit, user)) throw x;`)).toBe(0);
    expect(count(`actorRole: user.role, role: u.role as Role`)).toBe(0);
  });

  it('server/src compares roles only where the allow-list says', () => {
    const root = join(__dirname, '..', 'src');
    const found: Record<string, number> = {};
    for (const file of sourceFiles(root)) {
      const n = readFileSync(file, 'utf8').match(ROLE_COMPARISON)?.length ?? 0;
      if (n) found[relative(root, file).split('\\').join('/')] = n;
    }
    expect(found).toEqual(INLINE_ROLE_CHECKS);
  });
});
