import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { formatFen, refundStatusFromWechat, type RefundStatus } from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { Clock } from '../common/clock';
import { TicketsService } from '../tickets/tickets.service';
import { ChargesService } from './charges.service';
import { PayOrder, Refund } from './entities';
import { actorOf, checkRefund, outNo, WECHAT_ACTOR } from './payment-rules';
import { PayActor, PayEventsRepository, PaySource } from './repositories/pay-events.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { PaymentTicketsRepository } from './repositories/payment-tickets.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { PaymentTransactions } from './repositories/transactions';
import { WechatPayClient, WechatRefund } from './wechatpay.client';
import { PAYMENT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/**
 * Refunds 退款 of paid repairs: always the whole order, back the way it was paid — to WeChat (sent again with
 * the same out_refund_no until WeChat accepts it, then followed to its final state) or in cash by staff, which
 * a lead or the manager confirms. Each state is applied once, whoever reports it first.
 */
@Injectable()
export class RefundsService {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly tx: PaymentTransactions,
    private readonly refunds: RefundsRepository,
    private readonly orders: PayOrdersRepository,
    private readonly events: PayEventsRepository,
    private readonly ticketRows: PaymentTicketsRepository,
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
    private readonly tickets: TicketsService,
    private readonly charges: ChargesService,
  ) {}

  /**
   * A refund of the order — in full unless `amountFen` says less — inside the caller's transaction; the caller
   * submits it after the commit.
   */
  async createRefund(
    m: EntityManager,
    order: PayOrder,
    reason: string,
    actor: PayActor,
    now: Date,
    amountFen: number = order.amountFen,
  ): Promise<Refund> {
    const refund = this.refunds.draft({
      orderId: order.id,
      quoteId: order.quoteId,
      ticketId: order.ticketId,
      projectId: order.projectId,
      channel: order.channel,
      outRefundNo: outNo('R', now),
      amountFen,
      reason,
      status: 'pending' satisfies RefundStatus,
      requestedById: actor.id,
      createdAt: now,
    });
    await this.refunds.insert(m, refund);
    await this.events.record(
      m,
      {
        ticketId: order.ticketId,
        quoteId: order.quoteId,
        orderId: order.id,
        refundId: refund.id,
        type: 'refund_requested',
        actor,
        source: actor.id ? 'staff' : 'system',
        amountFen: refund.amountFen,
        data: { reason, outRefundNo: refund.outRefundNo },
      },
      this.clock.now(),
    );
    await this.ticketRows.appendEvent(m, order.ticketId, {
      action: 'refund_requested',
      label: `退款 ${formatFen(refund.amountFen)} 处理中`,
      note: order.channel === 'offline' ? `${reason}，工作人员将退还现金` : `${reason}，将原路退回微信`,
      internal: false,
      actor,
      at: now,
      data: { refundId: refund.id },
    });
    return refund;
  }

  /** Sends a pending refund to WeChat. Retried by the sweep with the same out_refund_no (WeChat applies it once). */
  async submitRefund(refund: Refund): Promise<void> {
    if (refund.channel !== 'wechat' || refund.status !== 'pending') return;
    const order = await this.orders.get(refund.orderId);
    try {
      const r = await this.client.refund({
        outTradeNo: order.outTradeNo,
        outRefundNo: refund.outRefundNo,
        amountFen: refund.amountFen,
        totalFen: order.amountFen,
        reason: refund.reason,
      });
      const status = refundStatusFromWechat(r.status ?? '') ?? 'processing';
      await this.applyRefundState(refund, status, r, WECHAT_ACTOR, 'query');
    } catch (e) {
      this.log.warn(`refund ${refund.outRefundNo} not accepted yet: ${(e as Error).message}`);
    }
  }

  /** Asks WeChat where a refund stands and applies it; one WeChat never got is sent (again). */
  async queryRefund(refund: Refund, now: Date): Promise<void> {
    try {
      const r = await this.client.queryRefund(refund.outRefundNo);
      await this.refunds.markQueried(refund.id, now);
      if (!r) {
        // WeChat never got it (the request was lost): send it again.
        if (refund.status === 'pending') await this.submitRefund(refund);
        return;
      }
      const problem = checkRefund(refund, r);
      if (problem) return this.log.error(`refund ${refund.outRefundNo}: ${problem}; nothing applied`);
      const status = refundStatusFromWechat(r.status ?? '');
      if (status) await this.applyRefundState(refund, status, r, WECHAT_ACTOR, 'query');
    } catch (e) {
      this.log.warn(`refund query ${refund.outRefundNo}: ${(e as Error).message}`);
    }
  }

  /** Moves a refund forward once (pending → processing → final); the resident sees the final state. */
  async applyRefundState(
    refund: Refund,
    status: RefundStatus,
    r: WechatRefund | null,
    actor: PayActor,
    source: PaySource,
  ): Promise<'applied' | 'duplicate'> {
    const now = this.clock.now();
    const from: RefundStatus[] = status === 'processing' ? ['pending'] : ['pending', 'processing'];
    if (status === 'pending') return 'duplicate';
    const final = status !== 'processing';
    return this.tx.run(async (m) => {
      const moved = await this.refunds.move(m, refund.id, from, {
        status,
        ...(r?.refund_id ? { refundId: r.refund_id } : {}),
        ...(final ? { finishedAt: r?.success_time ? new Date(r.success_time) : now } : {}),
      });
      if (!moved) return 'duplicate' as const;
      await this.events.record(
        m,
        {
          ticketId: refund.ticketId,
          quoteId: refund.quoteId,
          orderId: refund.orderId,
          refundId: refund.id,
          type: `refund_${status}`,
          actor,
          source,
          amountFen: refund.amountFen,
          data: r?.refund_id ? { refundId: r.refund_id } : undefined,
        },
        this.clock.now(),
      );
      if (final) {
        const label = {
          succeeded: `已退款 ${formatFen(refund.amountFen)}`,
          closed: '退款已关闭，工作人员将联系您',
          abnormal: '退款遇到问题，工作人员将联系您',
        }[status as 'succeeded' | 'closed' | 'abnormal'];
        await this.ticketRows.appendEvent(m, refund.ticketId, {
          action: `refund_${status}`,
          label,
          internal: false,
          actor,
          at: now,
          data: { refundId: refund.id },
        });
      }
      return 'applied' as const;
    });
  }

  /**
   * The project manager refunds a paid order of a repair, in full or in part, with a reason — also after work
   * started (the resident's complaint, a job not done as quoted). WeChat payments go back through WeChat's
   * refund API and are followed and reconciled like every other refund; cash payments wait until a lead or the
   * manager confirms the money was handed back. One refund per payment.
   */
  async refundByManager(
    user: AuthUser,
    ticketId: string,
    body: { orderId: string; amountFen?: number; reason: string },
  ) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    if (user.kind !== 'staff' || !allowed(PAYMENT_PERMISSIONS.refund, user))
      throw new ForbiddenException('只有项目经理可以办理退款');
    const order = await this.orders.find(body.orderId);
    if (!order || order.ticketId !== t.id) throw new NotFoundException('没有找到这笔付款');
    if (order.status !== 'paid') throw new BadRequestException('这笔付款没有支付成功，无需退款');
    const amountFen = body.amountFen ?? order.amountFen;
    if (amountFen > order.amountFen)
      throw new BadRequestException(`退款金额不能超过实付金额 ${formatFen(order.amountFen)}`);
    const now = this.clock.now();
    const refund = await this.tx
      .run(async (m) => {
        if ((await this.refunds.ofQuote(m, order.quoteId)).some((r) => r.orderId === order.id))
          throw new ConflictException('这笔付款已经办理过退款，每笔付款只能退一次');
        return this.createRefund(m, order, body.reason, actorOf(user), now, amountFen);
      })
      .catch((e) => {
        // Two managers at once: the unique refund per order lets one through.
        if (isUniqueViolation(e)) throw new ConflictException('这笔付款已经办理过退款，每笔付款只能退一次');
        throw e;
      });
    await this.submitRefund(refund);
    return this.charges.chargeSummary(t.id, user);
  }

  /** The cash of an offline payment went back to the resident (a lead or the manager confirms). */
  async confirmOfflineRefund(user: AuthUser, refundId: string) {
    const r = await this.refunds.find(refundId);
    const t = r ? await this.tickets.findVisible(user, r.ticketId) : null;
    if (!r || !t) throw new NotFoundException('没有找到这笔退款');
    if (user.kind !== 'staff' || !allowed(PAYMENT_PERMISSIONS.confirmOfflineRefund, user))
      throw new ForbiddenException('只有客服主管或项目经理可以确认线下退款');
    if (r.channel !== 'offline') throw new BadRequestException('微信支付的退款由微信原路退回，无需确认');
    await this.applyRefundState(r, 'succeeded', null, actorOf(user), 'staff');
    return this.charges.chargeSummary(t.id, user);
  }
}
