import {
  EntityManager,
  EntitySubscriberInterface,
  EventSubscriber,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

const KEY = 'wuyeAfterCommit';
type Pending = (() => void)[];

/**
 * Work to do once a transaction has committed (what it wrote is then visible to everyone), through TypeORM's
 * documented transaction-commit subscriber hook and the query runner's `data` bag. Dropped on rollback.
 */
@EventSubscriber()
export class AfterCommit implements EntitySubscriberInterface {
  /** Runs `fn` after the transaction `m` belongs to commits; at once when `m` is not in a transaction. */
  static run(m: EntityManager, fn: () => void): void {
    const qr = m.queryRunner;
    if (!qr?.isTransactionActive) return fn();
    const data = qr.data as Record<string, unknown>;
    ((data[KEY] ??= []) as Pending).push(fn);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint released: the outer transaction has not committed yet
    const data = qr.data as Record<string, unknown>;
    const pending = data[KEY] as Pending | undefined;
    if (!pending?.length) return;
    data[KEY] = [];
    for (const fn of pending) fn();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const qr = event.queryRunner;
    if (!qr.isTransactionActive) (qr.data as Record<string, unknown>)[KEY] = [];
  }
}
