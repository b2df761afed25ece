import { QueryFailedError } from 'typeorm';

/** A unique-key clash on either dialect (a twin request or instance got there first). */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError &&
  /ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE|SQLITE_CONSTRAINT_PRIMARYKEY|UNIQUE constraint/i.test(
    `${(e as { code?: string }).code} ${e.message}`,
  );

/** MySQL/MariaDB chose this transaction as a deadlock victim (or gave up waiting for a lock): safe to run again. */
export const isDeadlock = (e: unknown): boolean =>
  e instanceof QueryFailedError &&
  /ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT|Deadlock found/i.test(
    `${(e as { code?: string }).code} ${e.message}`,
  );

/**
 * Runs `work` (a whole transaction) again when the database rolled it back as a deadlock victim: concurrent
 * intakes can lock index gaps in opposite orders, and InnoDB's answer is to undo one of them, which the
 * application is expected to retry. A short random pause lets the winner commit first.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (i >= attempts || !isDeadlock(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
