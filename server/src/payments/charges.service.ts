import { Injectable, NotFoundException } from '@nestjs/common';
import {
  formatFen,
  isChargeableTicket,
  PAY_CHANNEL_LABELS,
  PAY_ORDER_STATUS_LABELS,
  QUOTE_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  UNSETTLED_QUOTE_STATUSES,
  type PayChannel,
  type PayOrderStatus,
  type QuoteStatus,
  type RefundStatus,
  type TicketStatus,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { PAYMENT_PERMISSIONS } from './permissions';
import { Ticket } from '../tickets/entities';
import { TicketsService } from '../tickets/tickets.service';
import { mayHandleCharges } from './access';
import { Quote } from './entities';
import { isTicketOpen, isUnsettled, PAY_DISABLED_MESSAGE, QUOTABLE_STATUSES } from './payment-rules';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { PaymentTicketsRepository } from './repositories/payment-tickets.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { WechatPayClient } from './wechatpay.client';

/**
 * What a ticket was charged 收费明细: every quote with its lines, payments and refunds, the totals, and what
 * the viewer may do next. The return visit shows it (docs/domain-rules.md "Return visits": the repair visit checks the
 * charges), and every payment step answers with it. Also where a viewer's ticket and quote are looked up.
 */
@Injectable()
export class ChargesService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly client: WechatPayClient,
    private readonly ticketRows: PaymentTicketsRepository,
    private readonly quotes: QuotesRepository,
    private readonly orders: PayOrdersRepository,
    private readonly refunds: RefundsRepository,
  ) {}

  status() {
    return this.client.enabled
      ? { enabled: true, message: '支持微信支付' }
      : { enabled: false, message: PAY_DISABLED_MESSAGE };
  }

  async chargesFor(user: AuthUser, ticketId: string) {
    const t = await this.visibleTicket(user, ticketId);
    return this.chargeSummary(t.id, user);
  }

  /**
   * The charges of one ticket for the return visit and the ticket pages: every quote with its lines,
   * payments and refunds, and the totals. Internal numbers (out_trade_no, transaction id) only for staff.
   */
  async chargeSummary(ticketId: string, viewer?: AuthUser) {
    const t = await this.ticketRows.get(ticketId);
    const staff = !viewer || viewer.kind === 'staff';
    const quotes = await this.quotes.ofTicketInOrder(ticketId);
    const ids = quotes.map((q) => q.id);
    const [items, orders, refunds] = ids.length
      ? await Promise.all([this.quotes.itemsOf(ids), this.orders.ofQuotes(ids), this.refunds.ofQuotes(ids)])
      : [[], [], []];
    const handler = !!viewer && mayHandleCharges(viewer, t);
    const resident = viewer?.kind === 'resident';
    const ticketOpen = isTicketOpen(t);
    const paidOrders = orders.filter((o) => o.status === 'paid');
    const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
    const paidFen = sum(paidOrders);
    const refundedFen = sum(refunds.filter((r) => r.status === 'succeeded'));
    const refundingFen = sum(refunds.filter((r) => r.status === 'pending' || r.status === 'processing'));
    return {
      ticketId,
      chargeable: isChargeableTicket(t),
      payEnabled: this.client.enabled,
      payMessage: this.client.enabled ? null : PAY_DISABLED_MESSAGE,
      canQuote: handler && isChargeableTicket(t) && QUOTABLE_STATUSES.includes(t.status as TicketStatus),
      quotes: quotes.map((q) => {
        const unsettled = isUnsettled(q);
        const actions: string[] = [];
        if (unsettled && ticketOpen && resident) actions.push('pay', 'decline');
        if (unsettled && ticketOpen && handler) actions.push('offline_payment', 'withdraw');
        if (q.status === 'paid' && !q.workStartedAt && handler) actions.push('start_work');
        const refundable = (o: { id: string; status: string; quoteId: string }) =>
          o.quoteId === q.id && o.status === 'paid' && !refunds.some((r) => r.orderId === o.id);
        return {
          id: q.id,
          seq: q.seq,
          supplementary: q.supplementary,
          status: q.status,
          statusLabel: QUOTE_STATUS_LABELS[q.status as QuoteStatus],
          totalFen: q.totalFen,
          note: q.note,
          createdByName: q.createdByName,
          createdAt: q.createdAt,
          acceptedAt: q.acceptedAt,
          paidAt: q.paidAt,
          paidVia: q.paidVia,
          paidViaLabel: q.paidVia ? PAY_CHANNEL_LABELS[q.paidVia as PayChannel] : null,
          declineReason: q.declineReason,
          endedAt: q.endedAt,
          workStartedAt: q.workStartedAt,
          actions,
          // The project manager may refund a payment not refunded yet (in full or in part, also after work
          // started): POST /api/tickets/:id/refunds. Its own field, so older app versions show no unknown button.
          canRefund:
            viewer?.kind === 'staff' &&
            allowed(PAYMENT_PERMISSIONS.refund, viewer) &&
            orders.some(refundable),
          items: items
            .filter((i) => i.quoteId === q.id)
            .map((i) => ({
              kind: i.kind,
              name: i.name,
              unit: i.unit,
              unitPriceFen: i.unitPriceFen,
              quantity: i.quantity,
              amountFen: i.amountFen,
            })),
          payments: orders
            .filter((o) => o.quoteId === q.id && (staff || o.status === 'paid'))
            .map((o) => ({
              id: o.id,
              channel: o.channel,
              channelLabel: PAY_CHANNEL_LABELS[o.channel as PayChannel],
              status: o.status,
              statusLabel: PAY_ORDER_STATUS_LABELS[o.status as PayOrderStatus],
              amountFen: o.amountFen,
              paidAt: o.paidAt,
              ...(staff
                ? {
                    outTradeNo: o.outTradeNo,
                    transactionId: o.transactionId,
                    expiresAt: o.expiresAt,
                    closedAt: o.closedAt,
                    note: o.note,
                    refundable: o.status === 'paid' && !refunds.some((r) => r.orderId === o.id),
                  }
                : {}),
            })),
          refunds: refunds
            .filter((r) => r.quoteId === q.id)
            .map((r) => ({
              id: r.id,
              channel: r.channel,
              status: r.status,
              statusLabel: REFUND_STATUS_LABELS[r.status as RefundStatus],
              amountFen: r.amountFen,
              reason: r.reason,
              createdAt: r.createdAt,
              finishedAt: r.finishedAt,
              ...(staff ? { outRefundNo: r.outRefundNo, refundId: r.refundId } : {}),
            })),
        };
      }),
      totals: {
        quotedFen: quotes
          .filter((q) => q.status === 'paid' || UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus))
          .reduce((s, q) => s + q.totalFen, 0),
        paidFen,
        refundedFen,
        refundingFen,
        netFen: paidFen - refundedFen,
      },
      summary: quotes.length
        ? `已收 ${formatFen(paidFen)}${refundedFen ? `，已退 ${formatFen(refundedFen)}` : ''}${refundingFen ? `，退款中 ${formatFen(refundingFen)}` : ''}`
        : '免费维修，无收费',
    };
  }

  /** The ticket if the user may see it. */
  async visibleTicket(user: AuthUser, id: string): Promise<Ticket> {
    const t = await this.tickets.findVisible(user, id);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    return t;
  }

  /** One of the ticket's quotes. */
  async quoteOf(t: Ticket, quoteId: string): Promise<Quote> {
    const q = await this.quotes.find(t.id, quoteId);
    if (!q) throw new NotFoundException('没有找到这份报价');
    return q;
  }
}
