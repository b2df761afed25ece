import { BeforeQueryEvent, DataSource, EntitySubscriberInterface, EventSubscriber } from 'typeorm';

/** One statement as it was sent: its text, and whether it ran inside a transaction. */
export interface SentStatement {
  sql: string;
  inTransaction: boolean;
}

/**
 * Counts the statements this data source sends, TypeORM's own (START TRANSACTION, COMMIT) included, through
 * TypeORM's documented `beforeQuery` subscriber hook: one statement, one round trip. Tests read how many
 * statements a request takes (`StatementCounter.of(ds).record()`); nothing is kept while no one records.
 */
@EventSubscriber()
export class StatementCounter implements EntitySubscriberInterface {
  /** Statements sent since the data source opened. */
  count = 0;
  private readonly recordings = new Set<SentStatement[]>();

  static of(ds: DataSource): StatementCounter {
    const c = ds.subscribers.find((s): s is StatementCounter => s instanceof StatementCounter);
    if (!c) throw new Error('the data source has no StatementCounter');
    return c;
  }

  beforeQuery(event: BeforeQueryEvent): void {
    this.count++;
    if (!this.recordings.size) return;
    const sent = { sql: event.query, inTransaction: !!event.queryRunner?.isTransactionActive };
    for (const r of this.recordings) r.push(sent);
  }

  /** Keeps every statement sent from now until `stop()`, which answers them in the order they went. */
  record(): { stop(): SentStatement[] } {
    const list: SentStatement[] = [];
    this.recordings.add(list);
    return {
      stop: () => {
        this.recordings.delete(list);
        return list;
      },
    };
  }
}
