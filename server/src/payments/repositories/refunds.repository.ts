import { Injectable } from '@nestjs/common';
import { Between, DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Refund } from '../entities';

/** Refunds 退款: one per paid order, always in full; moved forward only from the states before. */
@Injectable()
export class RefundsRepository {
  constructor(private readonly ds: DataSource) {}

  /** A new refund, not stored yet (its id is known at once). */
  draft(fields: Partial<Refund>): Refund {
    return this.ds.getRepository(Refund).create(fields);
  }

  async insert(m: EntityManager, refund: Refund): Promise<void> {
    await m.getRepository(Refund).insert(refund);
  }

  find(id: string): Promise<Refund | null> {
    return this.ds.getRepository(Refund).findOneBy({ id });
  }

  get(id: string): Promise<Refund> {
    return this.ds.getRepository(Refund).findOneByOrFail({ id });
  }

  byOutRefundNo(outRefundNo: string): Promise<Refund | null> {
    return this.ds.getRepository(Refund).findOneBy({ outRefundNo });
  }

  ofQuote(m: EntityManager, quoteId: string): Promise<Refund[]> {
    return m.getRepository(Refund).findBy({ quoteId });
  }

  /** The refunds of these quotes, oldest first. */
  ofQuotes(quoteIds: string[]): Promise<Refund[]> {
    return this.ds
      .getRepository(Refund)
      .find({ where: { quoteId: In(quoteIds) }, order: { createdAt: 'ASC' } });
  }

  /** Changes the refund only while its status is one of `from`; true when it did. */
  async move(
    m: EntityManager,
    id: string,
    from: readonly string[],
    patch: Partial<Refund>,
  ): Promise<boolean> {
    const res = await m.update(Refund, { id, status: In([...from]) }, patch);
    return !!res.affected;
  }

  async markQueried(id: string, at: Date): Promise<void> {
    await this.ds.getRepository(Refund).update({ id }, { lastQueriedAt: at });
  }

  /** WeChat refunds not final yet (pending or processing), oldest first, leaving out leased rows. */
  dueForSweep(now: Date, take: number): Promise<Refund[]> {
    return this.ds.getRepository(Refund).find({
      where: [
        { channel: 'wechat', status: 'pending', leaseUntil: IsNull() },
        { channel: 'wechat', status: 'pending', leaseUntil: LessThan(now) },
        { channel: 'wechat', status: 'processing', leaseUntil: IsNull() },
        { channel: 'wechat', status: 'processing', leaseUntil: LessThan(now) },
      ],
      order: { createdAt: 'ASC' },
      take,
    });
  }

  /** Claims the refund until `until`; false when another instance holds it. */
  async lease(id: string, now: Date, until: Date): Promise<boolean> {
    const res = await this.ds
      .createQueryBuilder()
      .update(Refund)
      .set({ leaseUntil: until })
      .where('id = :id AND (leaseUntil IS NULL OR leaseUntil < :now)', { id, now })
      .execute();
    return res.affected === 1;
  }

  /**
   * What a day's reconciliation looks at: the project's refunds made or finished between `from` and `to`
   * (inclusive), and every one not settled yet; oldest first.
   */
  forReconciliation(projectId: string, from: Date, to: Date): Promise<Refund[]> {
    return this.ds.getRepository(Refund).find({
      where: [
        { projectId, createdAt: Between(from, to) },
        { projectId, finishedAt: Between(from, to) },
        { projectId, status: In(['pending', 'processing', 'abnormal']) },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  ofProjectByOutRefundNos(projectId: string, outRefundNos: string[]): Promise<Refund[]> {
    return this.ds.getRepository(Refund).findBy({ projectId, outRefundNo: In(outRefundNos) });
  }
}
