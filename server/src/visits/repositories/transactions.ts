import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One database transaction around the writes of several repositories: the work gets the transaction's
 * EntityManager `m` and hands it to every repository method it calls, so they commit (or roll back) together.
 */
@Injectable()
export class VisitTransactions {
  constructor(private readonly ds: DataSource) {}

  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }
}
