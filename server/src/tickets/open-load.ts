import { OPEN_STATUSES } from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { selectRows } from '../database/raw';

/** The tickets that count as someone's open load: assigned to them and not closed or cancelled (fixed words). */
const OPEN = `\`t\`.\`status\` IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The open load of the user `alias` of an outer hand-written query, as a subquery in SQL:
 * `SELECT u.id, ${openLoadOf('u')} AS n FROM users u …` (the same rule as `openLoad`).
 */
export const openLoadOf = (alias: string): string =>
  `(SELECT COUNT(*) FROM \`tickets\` \`t\` WHERE \`t\`.\`assigneeId\` = \`${alias}\`.\`id\` AND ${OPEN})`;

/** Open tickets per assignee (missing = 0): the load that assignment balances and the colleague list shows. */
export async function openLoad(m: EntityManager, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await selectRows<{ assigneeId: string; n: string | number }>(
    m,
    'SELECT `t`.`assigneeId` AS `assigneeId`, COUNT(*) AS `n` FROM `tickets` `t` ' +
      `WHERE \`t\`.\`assigneeId\` IN (${userIds.map(() => '?').join(', ')}) AND ${OPEN} GROUP BY \`t\`.\`assigneeId\``,
    userIds,
  );
  return new Map(rows.map((r) => [r.assigneeId, Number(r.n)]));
}
