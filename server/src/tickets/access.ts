import { SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Ticket } from './entities';
import { TICKET_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** A condition on the tickets aliased `t`, with named parameters (`:uid`, `:...hids`). */
export interface TicketCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Who sees which tickets (issue "The ticket's life", Permissions):
 * resident → own tickets and their households' non-anonymous ones; department staff → their
 * department's, assigned to them, first received by them, and (customer service) the not-yet-dispatched
 * ones; front desk, lead and project manager → their project (the front desk follows every item up
 * until it is closed, the customer-service handbook, 派单 4); HQ → the company.
 * Nobody crosses projects or companies.
 */
export function ticketScope(
  user: AuthUser,
  ctx: { householdIds: string[]; isCustomerService: boolean },
): TicketCondition {
  if (user.kind === 'resident') {
    return ctx.householdIds.length
      ? {
          sql: '(t.residentId = :uid OR (t.householdId IN (:...hids) AND t.anonymous = :no))',
          params: { uid: user.id, hids: ctx.householdIds, no: false },
        }
      : { sql: 't.residentId = :uid', params: { uid: user.id } };
  }
  if (allowed(TICKET_PERMISSIONS.seeCompany, user))
    return { sql: 't.companyId = :cid', params: { cid: user.companyId ?? '-' } };
  const project = { sql: 't.projectId = :pid', params: { pid: user.projectId ?? '-' } };
  if (allowed(TICKET_PERMISSIONS.seeProject, user)) return project;
  const mine = ['t.assigneeId = :uid', 't.firstReceiverId = :uid'];
  if (user.departmentId) mine.push('t.departmentId = :did');
  if (ctx.isCustomerService) mine.push('t.departmentId IS NULL');
  return {
    sql: `${project.sql} AND (${mine.join(' OR ')})`,
    params: { ...project.params, uid: user.id, ...(user.departmentId ? { did: user.departmentId } : {}) },
  };
}

/** `ticketScope` on a query builder whose tickets are aliased `t`. */
export function scopeTickets(
  qb: SelectQueryBuilder<Ticket>,
  user: AuthUser,
  ctx: { householdIds: string[]; isCustomerService: boolean },
): SelectQueryBuilder<Ticket> {
  const { sql, params } = ticketScope(user, ctx);
  return qb.andWhere(`(${sql})`, params);
}
