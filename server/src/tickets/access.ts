import { Brackets, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Ticket } from './entities';

/**
 * Who sees which tickets (issue "The ticket's life", Permissions):
 * resident → own tickets and their households' non-anonymous ones; department staff → their
 * department's, assigned to them, first received by them, and (customer service) the not-yet-dispatched
 * ones; front desk, lead and project manager → their project (the front desk follows every item up
 * until it is closed, [003] 派单 4); HQ → the company.
 * Nobody crosses projects or companies.
 */
export function scopeTickets(
  qb: SelectQueryBuilder<Ticket>,
  user: AuthUser,
  ctx: { householdIds: string[]; isCustomerService: boolean },
): SelectQueryBuilder<Ticket> {
  if (user.kind === 'resident') {
    return qb.andWhere(
      new Brackets((w) => {
        w.where('t.residentId = :uid', { uid: user.id });
        if (ctx.householdIds.length)
          w.orWhere('(t.householdId IN (:...hids) AND t.anonymous = :no)', {
            hids: ctx.householdIds,
            no: false,
          });
      }),
    );
  }
  if (user.role === 'hq') return qb.andWhere('t.companyId = :cid', { cid: user.companyId ?? '-' });
  qb.andWhere('t.projectId = :pid', { pid: user.projectId ?? '-' });
  if (user.role === 'cs_lead' || user.role === 'project_manager' || user.role === 'front_desk') return qb;
  return qb.andWhere(
    new Brackets((w) => {
      w.where('t.assigneeId = :uid', { uid: user.id }).orWhere('t.firstReceiverId = :uid', { uid: user.id });
      if (user.departmentId) w.orWhere('t.departmentId = :did', { did: user.departmentId });
      if (ctx.isCustomerService) w.orWhere('t.departmentId IS NULL');
    }),
  );
}
