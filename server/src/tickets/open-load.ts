import { OPEN_STATUSES } from '@wuye/shared';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Ticket } from './entities';

/** The tickets that count as someone's open load: assigned to them and not closed or cancelled. */
function openOf<T extends object>(q: SelectQueryBuilder<T>, whose: string): SelectQueryBuilder<T> {
  return q.where(whose).andWhere('t.status IN (:...open)', { open: OPEN_STATUSES });
}

/** The open load of the user `alias` of an outer query, as a subquery: `qb.addSelect(openLoadOf('u'), 'n')`. */
export const openLoadOf =
  (alias: string) =>
  (q: SelectQueryBuilder<object>): SelectQueryBuilder<Ticket> =>
    openOf(q.select('COUNT(*)').from(Ticket, 't'), `t.assigneeId = ${alias}.id`);

/** Open tickets per assignee (missing = 0): the load that assignment balances and the colleague list shows. */
export async function openLoad(m: EntityManager, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const qb = m
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select('t.assigneeId', 'assigneeId')
    .addSelect('COUNT(*)', 'n')
    .setParameter('ids', userIds);
  const rows: { assigneeId: string; n: string }[] = await openOf(qb, 't.assigneeId IN (:...ids)')
    .groupBy('t.assigneeId')
    .getRawMany();
  return new Map(rows.map((r) => [r.assigneeId, Number(r.n)]));
}
