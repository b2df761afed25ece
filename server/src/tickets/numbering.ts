import { formatTicketNumber, shanghaiDate, TICKET_NUMBER_PREFIX, TicketKind } from '@wuye/shared';
import { EntityManager } from 'typeorm';

/**
 * Next ticket number for (company, kind, Shanghai day), unique under concurrent inserts: one atomic upsert per
 * dialect. Intake draws it outside its transaction (`m` the data source's manager; the upsert autocommits), so
 * the counter row is not held for the whole intake (which would make every intake of a company wait for the one
 * before); a submission that fails after drawing its number leaves that number unused.
 */
export async function nextTicketNumber(
  m: EntityManager,
  companyId: string,
  kind: TicketKind,
  at: Date,
): Promise<string> {
  return (await nextTicketNumbers(m, companyId, kind, at, 1))[0];
}

/** `count` consecutive numbers for (company, kind, Shanghai day) from one upsert of its counter, in order. */
export async function nextTicketNumbers(
  m: EntityManager,
  companyId: string,
  kind: TicketKind,
  at: Date,
  count: number,
): Promise<string[]> {
  const prefix = TICKET_NUMBER_PREFIX[kind];
  const day = shanghaiDate(at);
  const dayKey = day.replace(/-/g, '');
  let last: number;
  if (m.connection.options.type === 'better-sqlite3') {
    const rows = await m.query(
      'INSERT INTO ticket_counters (companyId, prefix, day, seq) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT(companyId, prefix, day) DO UPDATE SET seq = seq + ? RETURNING seq',
      [companyId, prefix, dayKey, count, count],
    );
    last = Number(rows[0].seq);
  } else {
    // LAST_INSERT_ID(expr) comes back as the statement's insert id (the OK packet): one statement, no read after.
    const res = (await m.query(
      'INSERT INTO ticket_counters (companyId, prefix, day, seq) VALUES (?, ?, ?, LAST_INSERT_ID(?)) ' +
        'ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + ?)',
      [companyId, prefix, dayKey, count, count],
    )) as { insertId?: number };
    last = Number(res?.insertId ?? 0);
    if (!last) throw new Error('the ticket counter gave no number');
  }
  return Array.from({ length: count }, (_, i) => formatTicketNumber(kind, day, last - count + 1 + i));
}
