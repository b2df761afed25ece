import type { Role } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { VISIT_PERMISSIONS } from './permissions';

/**
 * Who may do what with return visits, by the rows of VISIT_PERMISSIONS. Visits follow the complaint level's visitor (一级 hq … 四级 customer
 * service staff, (the return-visit handbook)); anyone higher may visit in their place, and the ticket's handler may do the
 * customer-service visits of their own tickets (docs/domain-rules.md "Return visits": a complaint visit is made by the final handler).
 * Nobody crosses projects; group HQ works company-wide.
 */
const RANK: Record<Role, number> = {
  resident: -1,
  dept_staff: 0,
  front_desk: 0,
  cs_lead: 1,
  project_manager: 2,
  hq: 3,
};

type Scoped = { projectId: string; companyId: string };

/** Staff working on this project (HQ: on any project of its company). */
export function inScope(user: AuthUser, x: Scoped): boolean {
  if (user.kind !== 'staff') return false;
  return allowed(VISIT_PERMISSIONS.anyProjectOfCompany, user)
    ? user.companyId === x.companyId
    : user.projectId === x.projectId;
}

export function maySeeVisits(user: AuthUser, t: Scoped & { assigneeId: string | null }): boolean {
  return inScope(user, t) && (allowed(VISIT_PERMISSIONS.visit, user) || t.assigneeId === user.id);
}

export function mayVisit(
  user: AuthUser,
  task: { visitorRole: string },
  t: Scoped & { assigneeId: string | null },
): boolean {
  if (!inScope(user, t)) return false;
  const needed = RANK[task.visitorRole as Role] ?? 0;
  if (allowed(VISIT_PERMISSIONS.visit, user)) return RANK[user.role] >= needed;
  return t.assigneeId === user.id && needed === 0;
}

export function isLead(user: AuthUser, x: Scoped): boolean {
  return inScope(user, x) && allowed(VISIT_PERMISSIONS.lead, user);
}
