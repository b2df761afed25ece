import { ConflictException, HttpException, Injectable, Logger } from '@nestjs/common';
import type { TicketAction } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { TicketActionGuard } from '../tickets/action-guard';
import { Ticket } from '../tickets/entities';
import { Refund } from './entities';
import { actorOf, isUnsettled } from './payment-rules';
import { PayActor, PayEventsRepository } from './repositories/pay-events.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { PaymentTransactions } from './repositories/transactions';
import { RefundsService } from './refunds.service';
import { QuoteSettlementService } from './settlement.service';

/**
 * Paid repairs in the ticket's life 有偿维修与工单流转 (the LifecycleService asks before and after each move):
 * a paid repair is not marked handled while a quote waits for payment; once paid work has started a ticket is
 * not simply cancelled; a cancellation before work starts cancels unpaid quotes and refunds paid ones in full;
 * marking handled counts as work started.
 */
@Injectable()
export class PaidRepairGuard extends TicketActionGuard {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly tx: PaymentTransactions,
    private readonly quotes: QuotesRepository,
    private readonly orders: PayOrdersRepository,
    private readonly refundRows: RefundsRepository,
    private readonly events: PayEventsRepository,
    private readonly settlement: QuoteSettlementService,
    private readonly refunds: RefundsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** Handling waits for payment; a cancellation after work started is not a simple refund. */
  override async beforeAction(_user: AuthUser | null, t: Ticket, action: TicketAction): Promise<void> {
    if (action !== 'mark_handled' && action !== 'cancel') return;
    const quotes = await this.quotes.ofTicket(t.id);
    if (action === 'mark_handled' && quotes.some(isUnsettled))
      throw new ConflictException({
        code: 'payment_pending',
        message: '这是有偿维修：业主确认报价并付款（或登记线下收款）后才能完工；业主不再维修时请撤回报价',
      });
    if (action === 'cancel' && quotes.some((q) => q.status === 'paid' && q.workStartedAt))
      throw new ConflictException({
        code: 'work_started',
        message: '有偿维修已开工，不能直接撤销；如需退款请联系项目经理',
      });
  }

  override async afterAction(user: AuthUser | null, t: Ticket, action: TicketAction): Promise<void> {
    try {
      if (action === 'cancel') await this.cancelCharges(t, actorOf(user));
      if (action === 'mark_handled') await this.quotes.startWorkOfTicket(t.id, this.clock.now());
    } catch (e) {
      // The move stands; what is left (an open order, a pending refund) is finished by the sweep.
      this.log.error(`after ${action} on ${t.id}: ${(e as Error).message}`);
    }
  }

  /** Cancellation before work starts: unpaid quotes are cancelled, paid ones refunded in full. */
  async cancelCharges(t: Ticket, actor: PayActor): Promise<void> {
    const now = this.clock.now();
    for (const q of await this.quotes.ofTicket(t.id)) {
      if (isUnsettled(q)) {
        try {
          await this.settlement.endQuote(
            t,
            q,
            'cancelled',
            actor,
            actor.id ? 'staff' : 'system',
            '工单已撤销',
          );
          continue;
        } catch (e) {
          if (!(e instanceof HttpException)) throw e;
          // Paid while we were cancelling: fall through to the refund; otherwise the sweep ends the order.
        }
      }
      const fresh = await this.quotes.get(q.id);
      if (fresh.status !== 'paid' || fresh.workStartedAt) continue;
      const refunds = await this.tx.run(async (m) => {
        const moved = await this.quotes.move(
          m,
          q.id,
          'paid',
          { status: 'cancelled', endedAt: now },
          { workNotStarted: true },
        );
        if (!moved) return [];
        await this.events.record(
          m,
          {
            ticketId: t.id,
            quoteId: q.id,
            type: 'quote_cancelled',
            actor,
            source: actor.id ? 'staff' : 'system',
            data: { reason: '工单已撤销' },
          },
          this.clock.now(),
        );
        const paid = await this.orders.paidOfQuote(m, q.id);
        const done = new Set((await this.refundRows.ofQuote(m, q.id)).map((r) => r.orderId));
        const out: Refund[] = [];
        for (const o of paid.filter((o) => !done.has(o.id)))
          out.push(await this.refunds.createRefund(m, o, '开工前撤销，全额退款', actor, now));
        return out;
      });
      for (const r of refunds) await this.refunds.submitRefund(r);
    }
  }
}
