import type { Role } from '@wuye/shared';
import { allowed, Permission } from '../src/common/permissions';
import { ARCHIVE_PERMISSIONS } from '../src/archive/permissions';
import { AUTH_PERMISSIONS } from '../src/auth/permissions';
import { INCIDENT_PERMISSIONS } from '../src/incidents/permissions';
import { POLICY_PERMISSIONS } from '../src/policy/permissions';
import { PAYMENT_PERMISSIONS } from '../src/payments/permissions';
import { PRIVACY_PERMISSIONS } from '../src/privacy/permissions';
import { REPLY_PERMISSIONS } from '../src/replies/permissions';
import { REPORT_PERMISSIONS } from '../src/reports/permissions';
import { ROUTING_PERMISSIONS } from '../src/routing/permissions';
import { TICKET_PERMISSIONS } from '../src/tickets/permissions';
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

const roles = (p: Permission) => [...p.roles].sort();

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
  ] as const)('%s: the roles past the gate are the table’s', (route, permission) => {
    expect(rolesPastTheGate(route)).toEqual(roles(permission));
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
  ] as const)(
    '%s: the roles allowed are the table’s (the 404s come from the record’s scope, checked first)',
    (route, permission) => {
      expect(rolesPastTheGate(route, [], false)).toEqual(roles(permission));
    },
  );

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
