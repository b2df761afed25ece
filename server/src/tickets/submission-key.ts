import { UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows } from '../database/raw';

/**
 * The same submission again: the row of `table` this creator filed under this idempotency key, as its `column`
 * (the ticket it made or took). A key reused for different content is refused. Every submission asks, and almost
 * always hears "none": two columns, hand-written (database/raw.ts).
 */
export async function keyedSubmission(
  m: EntityManager,
  table: 'tickets' | 'repeat_complaints',
  column: 'id' | 'originalTicketId',
  userId: string,
  key: string,
  requestHash: string,
): Promise<string | null> {
  const [hit] = await selectRows<{ ref: string; requestHash: string }>(
    m,
    `SELECT \`${column}\` AS \`ref\`, \`requestHash\` FROM \`${table}\` ` +
      'WHERE `createdById` = ? AND `idempotencyKey` = ? LIMIT 1',
    [userId, key],
  );
  if (!hit) return null;
  assertSameRequest(hit.requestHash, requestHash);
  return hit.ref;
}

/** A key already used is answered again only for the same content: another content under it is refused (422). */
export function assertSameRequest(stored: string, requestHash: string): void {
  if (stored !== requestHash)
    throw new UnprocessableEntityException('这个请求编号已用于另一条内容不同的反馈，请刷新页面后重新提交');
}
