import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { formatFen, QUOTE_STATUS_LABELS, UNSETTLED_QUOTE_STATUSES, type QuoteStatus } from '@wuye/shared';
import { Clock } from '../common/clock';
import { Ticket } from '../tickets/entities';
import { PayOrder, Quote, Refund } from './entities';
import { checkTransaction, isTicketOpen, isUnsettled, SYSTEM_ACTOR, WECHAT_ACTOR } from './payment-rules';
import { PayActor, PayEventsRepository, PaySource } from './repositories/pay-events.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { PaymentTicketsRepository } from './repositories/payment-tickets.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { PaymentTransactions } from './repositories/transactions';
import { RefundsService } from './refunds.service';
import { WechatPayClient, WechatTransaction } from './wechatpay.client';

/**
 * How a quote waiting for payment is settled 结算: paid (WeChat's money booked once, whoever reports it —
 * notification, our query, the sweep), or ended unpaid (declined, withdrawn, cancelled) with its open WeChat
 * order closed first. Money that arrives for a quote that can no longer take it is refunded in full at once.
 *
 * Every change is a conditional UPDATE on the row's current status inside a transaction, so retries,
 * replays and several instances sweeping at once change each thing once.
 */
@Injectable()
export class QuoteSettlementService {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly tx: PaymentTransactions,
    private readonly quotes: QuotesRepository,
    private readonly orders: PayOrdersRepository,
    private readonly ticketRows: PaymentTicketsRepository,
    private readonly events: PayEventsRepository,
    private readonly refunds: RefundsService,
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
  ) {}

  // ————— a quote ends unpaid —————

  async endQuote(
    t: Ticket,
    q: Quote,
    to: 'declined' | 'withdrawn' | 'cancelled',
    actor: PayActor,
    source: PaySource,
    reason?: string,
  ) {
    if (q.status === 'paid') throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
    if (!isUnsettled(q))
      throw new ConflictException(`这份报价${QUOTE_STATUS_LABELS[q.status as QuoteStatus]}`);
    const now = this.clock.now();
    await this.closeOpenOrder(q, now);
    await this.tx.run(async (m) => {
      const moved = await this.quotes.move(m, q.id, UNSETTLED_QUOTE_STATUSES, {
        status: to,
        endedAt: now,
        declineReason: to === 'declined' ? (reason ?? null) : q.declineReason,
      });
      if (!moved) throw new ConflictException('报价状态已变化，请刷新后重试');
      await this.events.record(
        m,
        {
          ticketId: t.id,
          quoteId: q.id,
          type: `quote_${to}`,
          actor,
          source,
          data: reason ? { reason } : undefined,
        },
        this.clock.now(),
      );
      const label = { declined: '业主未接受报价', withdrawn: '报价已撤回', cancelled: '报价已取消' }[to];
      await this.ticketRows.appendEvent(m, t.id, {
        action: `quote_${to}`,
        label,
        note: reason ?? null,
        internal: false,
        actor,
        at: now,
        data: { quoteId: q.id },
      });
    });
  }

  /** Closes the quote's open WeChat order, refusing when it turns out paid or cannot be closed now. */
  async closeOpenOrder(q: Quote, now: Date) {
    const open = await this.orders.openOf(q.id);
    if (!open) return;
    const outcome = await this.closeOrderSafely(open, now);
    if (outcome === 'paid')
      throw new ConflictException({ code: 'already_paid', message: '业主已通过微信支付这份报价' });
    if (outcome !== 'closed')
      throw new ConflictException({ code: 'order_busy', message: '业主的微信支付仍在处理中，请稍后再试' });
  }

  // ————— WeChat: orders —————

  /**
   * An open order ends one way or the other: WeChat says paid → settled as paid; otherwise closed at WeChat
   * first, then here (never the other way round, or a payment could land on an order we think closed).
   */
  async closeOrderSafely(order: PayOrder, now: Date): Promise<'paid' | 'closed' | 'paying' | 'failed'> {
    if (order.status === 'paid') return 'paid';
    if (order.status !== 'created') return 'closed';
    try {
      const tx = await this.client.queryOrder(order.outTradeNo);
      await this.orders.markQueried(order.id, now);
      if (tx && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND'))
        return (await this.settleFromWechat(order, tx, 'query')) ? 'paid' : 'failed';
      if (tx?.trade_state === 'USERPAYING') return 'paying';
      if (tx && tx.trade_state !== 'CLOSED') {
        try {
          await this.client.closeOrder(order.outTradeNo);
        } catch (e) {
          // Paid between our query and the close? Ask again; otherwise try later.
          const again = await this.client.queryOrder(order.outTradeNo);
          if (again?.trade_state === 'SUCCESS')
            return (await this.settleFromWechat(order, again, 'query')) ? 'paid' : 'failed';
          this.log.warn(`closing ${order.outTradeNo} failed: ${(e as Error).message}`);
          return 'failed';
        }
      }
      await this.markClosed(order, now, tx ? 'order_closed' : 'order_never_created');
      await this.endQuoteOfEndedTicket(order);
      return 'closed';
    } catch (e) {
      this.log.warn(`order ${order.outTradeNo}: ${(e as Error).message}`);
      return 'failed';
    }
  }

  /** Asks WeChat about an open order and settles it if paid (a notification may never come). */
  async settleByQuery(order: PayOrder, now: Date): Promise<void> {
    try {
      const tx = await this.client.queryOrder(order.outTradeNo);
      await this.orders.markQueried(order.id, now);
      if (tx && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND'))
        await this.settleFromWechat(order, tx, 'query');
    } catch (e) {
      this.log.warn(`query ${order.outTradeNo}: ${(e as Error).message}`);
    }
  }

  private async settleFromWechat(
    order: PayOrder,
    tx: WechatTransaction,
    source: 'query' | 'wechat',
  ): Promise<boolean> {
    const problem = checkTransaction(order, tx, this.client.config!);
    if (problem) {
      this.log.error(
        `order ${order.outTradeNo}: WeChat's answer does not match (${problem}); nothing applied`,
      );
      return false;
    }
    await this.applyPaid(order, tx, source);
    return true;
  }

  /**
   * Books a WeChat payment once: the order moves to paid only from created/closed, and the quote only from
   * sent/accepted. Money for a quote already paid or cancelled (a double payment, a cancellation racing the
   * payment) is refunded in full at once.
   */
  async applyPaid(
    order: PayOrder,
    tx: WechatTransaction,
    source: 'query' | 'wechat',
  ): Promise<'applied' | 'duplicate'> {
    const now = this.clock.now();
    const paidAt = tx.success_time ? new Date(tx.success_time) : now;
    let refund: Refund | null = null;
    const outcome = await this.tx.run(async (m) => {
      if (!(await this.orders.markPaid(m, order.id, { transactionId: tx.transaction_id!, paidAt })))
        return 'duplicate' as const;
      const q = await this.quotes.get(order.quoteId, m);
      const ticket = await this.ticketRows.get(order.ticketId, m);
      // Paid while the ticket was being cancelled: the money goes back (below), the quote ends cancelled.
      const ticketOpen = isTicketOpen(ticket);
      const settled = await this.quotes.move(
        m,
        q.id,
        UNSETTLED_QUOTE_STATUSES,
        ticketOpen
          ? { status: 'paid', paidAt, paidVia: 'wechat', acceptedAt: q.acceptedAt ?? paidAt }
          : { status: 'cancelled', endedAt: now },
      );
      await this.events.record(
        m,
        {
          ticketId: order.ticketId,
          quoteId: q.id,
          orderId: order.id,
          type: 'paid',
          actor: WECHAT_ACTOR,
          source,
          amountFen: order.amountFen,
          data: { transactionId: tx.transaction_id, outTradeNo: order.outTradeNo },
        },
        this.clock.now(),
      );
      await this.ticketRows.appendEvent(m, order.ticketId, {
        action: 'paid',
        label: `已支付 ${formatFen(order.amountFen)}`,
        note: '微信支付',
        internal: false,
        actor: WECHAT_ACTOR,
        at: now,
        data: { quoteId: q.id, orderId: order.id, channel: 'wechat' },
      });
      if (!settled || !ticketOpen) {
        const reason = !ticketOpen
          ? '工单已撤销，全额退款'
          : q.status === 'paid'
            ? '重复支付，全额退款'
            : '报价已取消，全额退款';
        refund = await this.refunds.createRefund(m, order, reason, SYSTEM_ACTOR, now);
      }
      return 'applied' as const;
    });
    if (refund) await this.refunds.submitRefund(refund);
    return outcome;
  }

  /** A quote left waiting on a cancelled or closed ticket (the resident was paying at that moment) ends. */
  private async endQuoteOfEndedTicket(order: PayOrder) {
    const t = await this.ticketRows.get(order.ticketId);
    if (isTicketOpen(t)) return;
    const q = await this.quotes.get(order.quoteId);
    if (!isUnsettled(q)) return;
    await this.endQuote(t, q, 'cancelled', SYSTEM_ACTOR, 'system', '工单已结束').catch((e) =>
      this.log.warn(`ending quote ${q.id}: ${(e as Error).message}`),
    );
  }

  async markClosed(order: PayOrder, now: Date, type: string) {
    await this.tx.run(async (m) => {
      if (await this.orders.markClosed(m, order.id, now))
        await this.events.record(
          m,
          {
            ticketId: order.ticketId,
            quoteId: order.quoteId,
            orderId: order.id,
            type,
            actor: SYSTEM_ACTOR,
            source: 'system',
          },
          this.clock.now(),
        );
    });
  }
}
