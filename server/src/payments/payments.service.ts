import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
} from '@nestjs/common';
import { formatFen, UNSETTLED_QUOTE_STATUSES, type PayChannel, type PayOrderStatus } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { mayHandleCharges } from './access';
import { ChargesService } from './charges.service';
import { OFFLINE_METHOD_LABELS, OfflinePaymentDto } from './dto';
import { actorOf, assertPayable, outNo, PAY_DISABLED_MESSAGE } from './payment-rules';
import { PayOrder } from './entities';
import { PayEventsRepository } from './repositories/pay-events.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { PaymentTicketsRepository } from './repositories/payment-tickets.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { PaymentTransactions } from './repositories/transactions';
import { QuoteSettlementService } from './settlement.service';
import { WechatPayClient, WechatPayError } from './wechatpay.client';

/** What 去支付 answers: the order and the parameters for wx.requestPayment. */
export interface PayAnswer {
  orderId: string;
  amountFen: number;
  payParams: ReturnType<WechatPayClient['payParams']>;
}

/** How long a new order may wait for WeChat's prepay id (the client's own timeout is 10 s). */
const ORDER_IN_FLIGHT_MS = 12_000;

/**
 * Paying a quote 支付: the resident accepts it and pays through WeChat Pay (JSAPI, one open order per quote,
 * reused while fresh), or staff take the money in person 线下收款. Either way any open WeChat order is ended
 * first, so a quote is never paid twice through us.
 */
@Injectable()
export class PaymentsService {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly tx: PaymentTransactions,
    private readonly quotes: QuotesRepository,
    private readonly orders: PayOrdersRepository,
    private readonly events: PayEventsRepository,
    private readonly ticketRows: PaymentTicketsRepository,
    private readonly charges: ChargesService,
    private readonly settlement: QuoteSettlementService,
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
  ) {}

  /**
   * pay() calls running on this instance, by quote and payer: a second tap while the first is still asking WeChat
   * for its order waits for that answer and gets the same order (a double tap on 去支付 makes one order).
   */
  private readonly paying = new Map<string, Promise<PayAnswer>>();

  /** The resident accepts the quote and gets the parameters for wx.requestPayment (接受并支付). */
  pay(user: AuthUser, ticketId: string, quoteId: string): Promise<PayAnswer> {
    const key = `${quoteId}:${user.id}`;
    const running = this.paying.get(key);
    if (running) return running;
    const p = this.payOnce(user, ticketId, quoteId).finally(() => this.paying.delete(key));
    this.paying.set(key, p);
    return p;
  }

  private async payOnce(user: AuthUser, ticketId: string, quoteId: string): Promise<PayAnswer> {
    if (user.kind !== 'resident') throw new ForbiddenException('请由业主在小程序中支付');
    const t = await this.charges.visibleTicket(user, ticketId);
    const q = await this.charges.quoteOf(t, quoteId);
    if (!this.client.enabled)
      throw new ConflictException({ code: 'pay_disabled', message: PAY_DISABLED_MESSAGE });
    assertPayable(t, q);
    const openid = await this.orders.payerOpenid(user.id);
    if (!openid)
      throw new BadRequestException({ code: 'no_openid', message: '请在微信小程序中登录后再支付' });
    const now = this.clock.now();

    if (q.status === 'sent') {
      await this.tx.run(async (m) => {
        if (!(await this.quotes.move(m, q.id, 'sent', { status: 'accepted', acceptedAt: now }))) return;
        await this.events.record(
          m,
          {
            ticketId: t.id,
            quoteId: q.id,
            type: 'quote_accepted',
            actor: actorOf(user),
            source: 'resident',
            amountFen: q.totalFen,
          },
          this.clock.now(),
        );
        await this.ticketRows.appendEvent(m, t.id, {
          action: 'quote_accepted',
          label: '业主已接受报价',
          note: `${q.supplementary ? '补充报价' : '维修报价'} ${formatFen(q.totalFen)}`,
          internal: false,
          actor: t.anonymous ? { ...actorOf(user), name: '匿名住户' } : actorOf(user),
          at: now,
          data: { quoteId: q.id },
        });
      });
    }

    let open = await this.orders.openOf(q.id);
    // An order without its prepay id, made moments ago for this payer, is another instance still asking WeChat
    // (a double tap landing on two instances): wait for its answer rather than close it under that request.
    if (open && !open.prepayId && open.openid === openid && this.inFlight(open, now))
      open = await this.awaitPrepay(open, now);
    if (open) {
      const fresh = open.expiresAt && open.expiresAt.getTime() > now.getTime() + 60_000;
      if (open.prepayId && open.openid === openid && fresh)
        return {
          orderId: open.id,
          amountFen: open.amountFen,
          payParams: this.client.payParams(open.prepayId),
        };
      const outcome = await this.settlement.closeOrderSafely(open, now);
      if (outcome === 'paid')
        throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
      if (outcome !== 'closed')
        throw new ConflictException({ code: 'order_busy', message: '上一笔支付仍在处理中，请稍后再试' });
    }

    const order = this.orders.draft({
      quoteId: q.id,
      ticketId: t.id,
      projectId: t.projectId,
      channel: 'wechat' satisfies PayChannel,
      outTradeNo: outNo('P', now),
      openQuoteId: q.id,
      amountFen: q.totalFen,
      status: 'created' satisfies PayOrderStatus,
      payerId: user.id,
      openid,
      expiresAt: new Date(now.getTime() + this.client.config!.orderTimeoutMinutes * 60_000),
      createdAt: now,
    });
    try {
      await this.tx.run(async (m) => {
        await this.orders.insert(m, order);
        await this.events.record(
          m,
          {
            ticketId: t.id,
            quoteId: q.id,
            orderId: order.id,
            type: 'order_created',
            actor: actorOf(user),
            source: 'resident',
            amountFen: order.amountFen,
            data: { outTradeNo: order.outTradeNo },
          },
          this.clock.now(),
        );
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException({ code: 'order_busy', message: '正在创建支付订单，请稍候再试' });
      throw e;
    }
    try {
      const { prepayId, params } = await this.client.createJsapiOrder({
        outTradeNo: order.outTradeNo,
        description: `物业维修费-${t.number}`,
        amountFen: order.amountFen,
        openid,
        expiresAt: order.expiresAt!,
      });
      await this.orders.setPrepayId(order.id, prepayId);
      return { orderId: order.id, amountFen: order.amountFen, payParams: params };
    } catch (e) {
      this.log.warn(`JSAPI order ${order.outTradeNo} failed: ${(e as Error).message}`);
      // WeChat said no (4xx): the order never existed there. Otherwise it may have: the sweep queries it.
      if (e instanceof WechatPayError && e.status >= 400 && e.status < 500)
        await this.settlement.markClosed(order, now, 'order_rejected');
      throw new BadGatewayException({ code: 'pay_unavailable', message: '微信支付暂时无法下单，请稍后再试' });
    }
  }

  /** Whether an open order without a prepay id may still be getting one (WeChat answers within 10 s or never). */
  private inFlight(o: PayOrder, now: Date): boolean {
    return o.status === 'created' && now.getTime() - o.createdAt.getTime() < ORDER_IN_FLIGHT_MS;
  }

  /** The order once its prepay id is stored, or as it stands when it no longer looks in flight. */
  private async awaitPrepay(o: PayOrder, now: Date): Promise<PayOrder | null> {
    const until = Date.now() + ORDER_IN_FLIGHT_MS;
    let cur: PayOrder | null = o;
    while (cur && !cur.prepayId && cur.openQuoteId && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      cur = await this.orders.openOf(o.quoteId);
      if (cur && cur.id !== o.id) return cur;
    }
    if (cur && !cur.prepayId && this.inFlight(cur, now))
      throw new ConflictException({ code: 'order_busy', message: '正在创建支付订单，请稍候再试' });
    return cur;
  }

  /** After wx.requestPayment succeeds the mini-program asks us to look now rather than wait for the notification. */
  async refreshPayment(user: AuthUser, ticketId: string, quoteId: string) {
    const t = await this.charges.visibleTicket(user, ticketId);
    const q = await this.charges.quoteOf(t, quoteId);
    const open = await this.orders.openOf(q.id);
    if (open && this.client.enabled) await this.settlement.settleByQuery(open, this.clock.now());
    return this.charges.chargeSummary(t.id, user);
  }

  /** 线下收款: staff took the money in person; any open WeChat order is closed first (or found paid). */
  async recordOfflinePayment(user: AuthUser, ticketId: string, quoteId: string, dto: OfflinePaymentDto) {
    const t = await this.charges.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以登记线下收款');
    const q = await this.charges.quoteOf(t, quoteId);
    assertPayable(t, q);
    const now = this.clock.now();
    await this.settlement.closeOpenOrder(q, now);
    const note = `${OFFLINE_METHOD_LABELS[dto.method]}${dto.note ? `，${dto.note}` : ''}`;
    await this.tx.run(async (m) => {
      const moved = await this.quotes.move(m, q.id, UNSETTLED_QUOTE_STATUSES, {
        status: 'paid',
        paidAt: now,
        paidVia: 'offline',
        acceptedAt: q.acceptedAt ?? now,
      });
      if (!moved) throw new ConflictException('报价状态已变化，请刷新后重试');
      const order = this.orders.draft({
        quoteId: q.id,
        ticketId: t.id,
        projectId: t.projectId,
        channel: 'offline',
        outTradeNo: outNo('F', now),
        amountFen: q.totalFen,
        status: 'paid',
        payerId: user.id,
        paidAt: now,
        note,
        createdAt: now,
      });
      await this.orders.insert(m, order);
      await this.events.record(
        m,
        {
          ticketId: t.id,
          quoteId: q.id,
          orderId: order.id,
          type: 'offline_paid',
          actor: actorOf(user),
          source: 'staff',
          amountFen: q.totalFen,
          data: { method: dto.method, note: dto.note ?? null },
        },
        this.clock.now(),
      );
      await this.ticketRows.appendEvent(m, t.id, {
        action: 'paid',
        label: `已支付 ${formatFen(q.totalFen)}`,
        note: `线下收款（${OFFLINE_METHOD_LABELS[dto.method]}）`,
        internal: false,
        actor: actorOf(user),
        at: now,
        data: { quoteId: q.id, orderId: order.id, channel: 'offline' },
      });
    });
    return this.charges.chargeSummary(t.id, user);
  }
}
