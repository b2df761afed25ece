import { Injectable } from '@nestjs/common';
import { Between, DataSource, EntityManager, In } from 'typeorm';
import { User } from '../../org/entities';
import { PayOrder } from '../entities';

/**
 * Payment orders 支付订单: WeChat Pay JSAPI orders and offline receipts. An order is open (`openQuoteId`
 * set) from creation until it is paid or closed; its moves are conditional on its status.
 */
@Injectable()
export class PayOrdersRepository {
  constructor(private readonly ds: DataSource) {}

  /** A new order, not stored yet (its id is known at once). */
  draft(fields: Partial<PayOrder>): PayOrder {
    return this.ds.getRepository(PayOrder).create(fields);
  }

  async insert(m: EntityManager, order: PayOrder): Promise<void> {
    await m.getRepository(PayOrder).insert(order);
  }

  find(id: string): Promise<PayOrder | null> {
    return this.ds.getRepository(PayOrder).findOneBy({ id });
  }

  get(id: string): Promise<PayOrder> {
    return this.ds.getRepository(PayOrder).findOneByOrFail({ id });
  }

  /** The quote's open WeChat order, if any (at most one: `openQuoteId` is unique). */
  openOf(quoteId: string): Promise<PayOrder | null> {
    return this.ds.getRepository(PayOrder).findOneBy({ openQuoteId: quoteId });
  }

  byWechatOutTradeNo(outTradeNo: string): Promise<PayOrder | null> {
    return this.ds.getRepository(PayOrder).findOneBy({ outTradeNo, channel: 'wechat' });
  }

  /** The orders of these quotes, oldest first. */
  ofQuotes(quoteIds: string[]): Promise<PayOrder[]> {
    return this.ds
      .getRepository(PayOrder)
      .find({ where: { quoteId: In(quoteIds) }, order: { createdAt: 'ASC' } });
  }

  paidOfQuote(m: EntityManager, quoteId: string): Promise<PayOrder[]> {
    return m.getRepository(PayOrder).findBy({ quoteId, status: 'paid' });
  }

  /** The WeChat openid of the person who pays (null: not signed in through the mini-program). */
  async payerOpenid(userId: string): Promise<string | null> {
    return (await this.ds.getRepository(User).findOneBy({ id: userId }))?.openid ?? null;
  }

  async setPrepayId(id: string, prepayId: string): Promise<void> {
    await this.ds.getRepository(PayOrder).update({ id }, { prepayId });
  }

  async markQueried(id: string, at: Date): Promise<void> {
    await this.ds.getRepository(PayOrder).update({ id }, { lastQueriedAt: at });
  }

  /** Paid, from created or closed only; true when this call moved it. */
  async markPaid(
    m: EntityManager,
    id: string,
    paid: { transactionId: string; paidAt: Date },
  ): Promise<boolean> {
    const res = await m.update(
      PayOrder,
      { id, status: In(['created', 'closed']) },
      { status: 'paid', transactionId: paid.transactionId, paidAt: paid.paidAt, openQuoteId: null },
    );
    return !!res.affected;
  }

  /** Closed, from created only; true when this call moved it. */
  async markClosed(m: EntityManager, id: string, at: Date): Promise<boolean> {
    const res = await m.update(
      PayOrder,
      { id, status: 'created' },
      { status: 'closed', closedAt: at, openQuoteId: null },
    );
    return !!res.affected;
  }

  /**
   * Open WeChat orders the sweep should look at, oldest first: expired ones, and ones older than
   * `queryBefore` not queried since then. Rows another instance has leased are left out.
   */
  dueForSweep(now: Date, queryBefore: Date, take: number): Promise<PayOrder[]> {
    return this.ds
      .getRepository(PayOrder)
      .createQueryBuilder('o')
      .where('o.status = :s AND o.channel = :c', { s: 'created', c: 'wechat' })
      .andWhere('(o.leaseUntil IS NULL OR o.leaseUntil < :now)', { now })
      .andWhere(
        '(o.expiresAt <= :now OR (o.createdAt <= :old AND (o.lastQueriedAt IS NULL OR o.lastQueriedAt <= :old)))',
        { now, old: queryBefore },
      )
      .orderBy('o.createdAt', 'ASC')
      .take(take)
      .getMany();
  }

  /** Claims the order until `until`; false when another instance holds it. */
  async lease(id: string, now: Date, until: Date): Promise<boolean> {
    const res = await this.ds
      .createQueryBuilder()
      .update(PayOrder)
      .set({ leaseUntil: until })
      .where('id = :id AND (leaseUntil IS NULL OR leaseUntil < :now)', { id, now })
      .execute();
    return res.affected === 1;
  }

  /** The project's orders made or paid between `from` and `to` (inclusive), oldest first. */
  ofProjectBetween(projectId: string, from: Date, to: Date): Promise<PayOrder[]> {
    return this.ds.getRepository(PayOrder).find({
      where: [
        { projectId, createdAt: Between(from, to) },
        { projectId, paidAt: Between(from, to) },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  byOutTradeNos(outTradeNos: string[]): Promise<PayOrder[]> {
    return this.ds.getRepository(PayOrder).findBy({ outTradeNo: In(outTradeNos) });
  }
}
