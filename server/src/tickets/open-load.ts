import { OPEN_STATUSES } from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { Ticket } from './entities';

/** Open tickets per assignee (missing = 0): the load that assignment balances and the colleague list shows. */
export async function openLoad(m: EntityManager, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows: { assigneeId: string; n: string }[] = await m
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select('t.assigneeId', 'assigneeId')
    .addSelect('COUNT(*)', 'n')
    .where('t.assigneeId IN (:...ids)', { ids: userIds })
    .andWhere('t.status IN (:...open)', { open: OPEN_STATUSES })
    .groupBy('t.assigneeId')
    .getRawMany();
  return new Map(rows.map((r) => [r.assigneeId, Number(r.n)]));
}
