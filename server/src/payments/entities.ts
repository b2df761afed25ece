import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** Price list line 维修价目: labour per item, call-out fee, or a material's reference cost; per project. */
@Entity('price_items')
@Index(['projectId', 'active', 'sort'])
export class PriceItem {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) projectId: string;
  /** labour 人工费 | callout 上门费 | material 材料费 (PRICE_ITEM_KINDS in @wuye/shared). */
  @Column({ type: 'varchar', length: 10 }) kind: string;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'varchar', length: 10, default: '项' }) unit: string;
  @Column({ type: 'int' }) priceFen: number;
  /** Retired items stay for old quotes but are no longer offered. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', default: 0 }) sort: number;
  @Column(NULLABLE_ID) updatedById: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/** Quote 报价单 for a paid repair 有偿维修; seq > 1 with `supplementary` is a 补充报价 for extra work found on site. */
@Entity('quotes')
@Index(['ticketId', 'seq'], { unique: true })
@Index(['ticketId', 'idempotencyKey'], { unique: true })
export class Quote {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) ticketId: string;
  @Index() @Column(ID) projectId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'boolean', default: false }) supplementary: boolean;
  /** QUOTE_STATUSES in @wuye/shared: sent, accepted, paid, declined, withdrawn, cancelled. */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column({ type: 'int' }) totalFen: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column(ID) createdById: string;
  @Column({ type: 'varchar', length: 50 }) createdByName: string;
  /** The sender's Idempotency-Key: a retried send returns the same quote. */
  @Column({ type: 'varchar', length: 64, nullable: true }) idempotencyKey: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) acceptedAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) paidAt: Date | null;
  /** wechat | offline (线下收款). */
  @Column({ type: 'varchar', length: 10, nullable: true }) paidVia: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) declineReason: string | null;
  /** Declined, withdrawn or cancelled at. */
  @Column({ ...TIMESTAMP, nullable: true }) endedAt: Date | null;
  /** Work started 开工: from then on a cancellation is no longer refunded in full. */
  @Column({ ...TIMESTAMP, nullable: true }) workStartedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** One line of a quote, copied from the price list at the time (later price changes do not alter it). */
@Entity('quote_items')
export class QuoteItem {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) quoteId: string;
  @Column({ type: 'int' }) position: number;
  @Column(NULLABLE_ID) priceItemId: string | null;
  @Column({ type: 'varchar', length: 10 }) kind: string;
  @Column({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'varchar', length: 10 }) unit: string;
  @Column({ type: 'int' }) unitPriceFen: number;
  @Column({ type: 'int' }) quantity: number;
  @Column({ type: 'int' }) amountFen: number;
}

/**
 * Payment order 支付订单 of a quote: one WeChat Pay JSAPI order (out_trade_no), or one offline receipt
 * 线下收款 recorded by staff. A quote may have several over time (an unpaid order is closed after the
 * timeout and a new one made), but never two open at once: `openQuoteId` is unique and set only while open.
 */
@Entity('pay_orders')
@Index(['status', 'expiresAt'])
@Index(['projectId', 'createdAt'])
export class PayOrder {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) quoteId: string;
  @Index() @Column(ID) ticketId: string;
  @Column(ID) projectId: string;
  /** wechat | offline. */
  @Column({ type: 'varchar', length: 10 }) channel: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 32 }) outTradeNo: string;
  @Index({ unique: true }) @Column({ ...NULLABLE_ID }) openQuoteId: string | null;
  @Column({ type: 'int' }) amountFen: number;
  /** created 待支付 | paid 已支付 | closed 已关闭. */
  @Column({ type: 'varchar', length: 10 }) status: string;
  /** The resident who pays (wechat) or the staff member who took the money (offline). */
  @Column(ID) payerId: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) openid: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) prepayId: string | null;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 32, nullable: true }) transactionId:
    string | null;
  @Column({ ...TIMESTAMP, nullable: true }) expiresAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) paidAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt: Date | null;
  /** Offline: how it was paid and the receipt number. */
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) lastQueriedAt: Date | null;
  /** One sweeping instance at a time: claimed until then. */
  @Column({ ...TIMESTAMP, nullable: true }) leaseUntil: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Refund 退款 of a paid order, always in full (cancellation before work starts); one per order. */
@Entity('refunds')
@Index(['status', 'createdAt'])
@Index(['projectId', 'createdAt'])
export class Refund {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column(ID) orderId: string;
  @Column(ID) quoteId: string;
  @Index() @Column(ID) ticketId: string;
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 10 }) channel: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 32 }) outRefundNo: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 32, nullable: true }) refundId: string | null;
  @Column({ type: 'int' }) amountFen: number;
  @Column({ type: 'varchar', length: 80 }) reason: string;
  /** REFUND_STATUSES in @wuye/shared. */
  @Column({ type: 'varchar', length: 12 }) status: string;
  @Column(NULLABLE_ID) requestedById: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) finishedAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) lastQueriedAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) leaseUntil: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Every payment notification whose signature held, with what became of it (applied, duplicate, rejected). */
@Entity('pay_notifications')
export class PayNotification {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column({ type: 'varchar', length: 64 }) wechatId: string;
  @Column({ type: 'varchar', length: 40 }) eventType: string;
  @Column({ type: 'varchar', length: 10 }) outcome: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) outTradeNo: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) outRefundNo: string | null;
  @Column(TIMESTAMP) receivedAt: Date;
}

/** Audit trail of every payment state change: who (or which system), when, what. Internal. */
@Entity('pay_events')
export class PayEvent {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) ticketId: string;
  @Column(NULLABLE_ID) quoteId: string | null;
  @Column(NULLABLE_ID) orderId: string | null;
  @Column(NULLABLE_ID) refundId: string | null;
  @Column({ type: 'varchar', length: 32 }) type: string;
  @Column(NULLABLE_ID) actorId: string | null;
  @Column({ type: 'varchar', length: 50 }) actorName: string;
  /** staff | resident | wechat (notification) | query (our query of WeChat) | system. */
  @Column({ type: 'varchar', length: 10 }) source: string;
  @Column({ type: 'int', nullable: true }) amountFen: number | null;
  @Column({ type: 'text', nullable: true }) data: string | null;
  @Column(TIMESTAMP) createdAt: Date;
}

export const PAYMENT_ENTITIES = [PriceItem, Quote, QuoteItem, PayOrder, Refund, PayNotification, PayEvent];
