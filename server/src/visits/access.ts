import type { Role } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';

/**
 * Who may do what with return visits. Visits follow the complaint level's visitor (一级 hq … 四级 customer
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

/** Roles that visit, see all of a project's visits, and close at a visit (the lifecycle's visitors). */
const VISITING_ROLES: readonly Role[] = ['front_desk', 'cs_lead', 'project_manager', 'hq'];
/** Roles that decide levels, sensitivity and the project's rules. */
export const LEAD_ROLES: readonly Role[] = ['cs_lead', 'project_manager', 'hq'];

type Scoped = { projectId: string; companyId: string };

/** Staff working on this project (HQ: on any project of its company). */
export function inScope(user: AuthUser, x: Scoped): boolean {
  if (user.kind !== 'staff') return false;
  return user.role === 'hq' ? user.companyId === x.companyId : user.projectId === x.projectId;
}

export function maySeeVisits(user: AuthUser, t: Scoped & { assigneeId: string | null }): boolean {
  return inScope(user, t) && (VISITING_ROLES.includes(user.role) || t.assigneeId === user.id);
}

export function mayVisit(
  user: AuthUser,
  task: { visitorRole: string },
  t: Scoped & { assigneeId: string | null },
): boolean {
  if (!inScope(user, t)) return false;
  const needed = RANK[task.visitorRole as Role] ?? 0;
  if (VISITING_ROLES.includes(user.role)) return RANK[user.role] >= needed;
  return t.assigneeId === user.id && needed === 0;
}

export function isLead(user: AuthUser, x: Scoped): boolean {
  return inScope(user, x) && LEAD_ROLES.includes(user.role);
}
