import { randomBytes } from 'node:crypto';
import { isUniqueViolation } from '../common/db-errors';
import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import {
  formatFen,
  isChargeableTicket,
  OPEN_STATUSES,
  PAY_CHANNEL_LABELS,
  PAY_ORDER_STATUS_LABELS,
  priceQuote,
  QUOTE_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  refundStatusFromWechat,
  shanghaiDate,
  UNSETTLED_QUOTE_STATUSES,
  type PayChannel,
  type PayOrderStatus,
  type QuoteLineInput,
  type QuoteStatus,
  type RefundStatus,
  type TicketAction,
  type TicketStatus,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { JobsService } from '../jobs/jobs.service';
import { nextEvery } from '../jobs/schedule';
import { Clock } from '../common/clock';
import { User } from '../org/entities';
import { TicketActionGuard } from '../tickets/action-guard';
import { Ticket } from '../tickets/entities';
import { TicketsService } from '../tickets/tickets.service';
import { mayHandleCharges } from './access';
import { OFFLINE_METHOD_LABELS, OfflinePaymentDto, QuoteReasonDto, SendQuoteDto } from './dto';
import { PayEvent, PayNotification, PayOrder, PriceItem, Quote, QuoteItem, Refund } from './entities';
import { appendTicketEvent, PaymentTicketEvent } from './ticket-log';
import {
  SignedHeaders,
  WechatPayClient,
  WechatPayError,
  WechatRefund,
  WechatTransaction,
} from './wechatpay.client';

export const PAY_DISABLED_MESSAGE = '支付未开通，请联系工作人员线下收款';
/** Paid repairs are quoted once the ticket is with a department and until it is handled. */
const QUOTABLE_STATUSES: readonly TicketStatus[] = [
  'assigned',
  'in_progress',
  'solution_proposed',
  'solution_accepted',
  'deferred',
];
/** An open order is queried this long after creation even before it expires (a notification may be lost). */
const QUERY_OPEN_AFTER_MS = 2 * 60_000;
const LEASE_MS = 2 * 60_000;
const SWEEP_BATCH = 100;

type Actor = PaymentTicketEvent['actor'];
type Source = 'staff' | 'resident' | 'wechat' | 'query' | 'system';
const WECHAT_ACTOR: Actor = { id: null, name: '微信支付', role: 'system' };
const SYSTEM_ACTOR: Actor = { id: null, name: '系统', role: 'system' };
const actorOf = (u: AuthUser | null): Actor =>
  u ? { id: u.id, name: u.name, role: u.role } : { id: null, name: '系统', role: 'system' };

/** P/R/F + Shanghai date + 20 random hex: unique, 29 characters, within WeChat's 32. */
const outNo = (prefix: 'P' | 'R' | 'F', now: Date) =>
  `${prefix}${shanghaiDate(now).replace(/-/g, '')}${randomBytes(10).toString('hex').toUpperCase()}`;

export interface NotifyAnswer {
  status: number;
  body?: { code: string; message: string };
}

/**
 * Paid repairs 有偿维修 (issue 7): quotes from the project's price list, payment by WeChat Pay (JSAPI) or
 * offline, payment and refund notifications applied exactly once, the sweep that closes unpaid orders and
 * settles lost notifications, full refunds when a ticket is cancelled before work starts, and the charge
 * summary the return visit shows (domain.md "Return visits": the repair visit checks the charges).
 *
 * Every change is a conditional UPDATE on the row's current status inside a transaction, so retries,
 * replays and several instances sweeping at once change each thing once.
 */
@Injectable()
export class PaymentsService extends TicketActionGuard implements OnModuleInit {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketsService,
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  onModuleInit() {
    // A durable recurring job: one instance sweeps each minute (JobsService), whatever the number of instances.
    if (!this.client.enabled) return;
    const every = this.client.config?.sweepIntervalMs ?? 60_000;
    this.jobs.every({
      type: 'payments.sweep',
      next: (after) => nextEvery(after, every),
      run: async (at) => {
        const stats = await this.sweep(at);
        if (stats.closed || stats.settled || stats.refundsSent || stats.refundsFinished)
          this.log.log(`sweep: ${JSON.stringify(stats)}`);
      },
    });
  }

  status() {
    return this.client.enabled
      ? { enabled: true, message: '支持微信支付' }
      : { enabled: false, message: PAY_DISABLED_MESSAGE };
  }

  // ————— quotes —————

  /** Staff send a quote (or a supplementary one once a quote is paid); a quote still unanswered is replaced. */
  async sendQuote(user: AuthUser, ticketId: string, dto: SendQuoteDto, key?: string) {
    const t = await this.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以报价');
    if (!isChargeableTicket(t))
      throw new BadRequestException(t.householdId ? '只有户内维修需要报价' : '公共区域维修不收费，无需报价');
    if (!QUOTABLE_STATUSES.includes(t.status as TicketStatus))
      throw new ConflictException('工单派单后、处理完毕前才能报价');
    if (key !== undefined && !/^[A-Za-z0-9_\-:.]{8,64}$/.test(key))
      throw new BadRequestException('请求编号（Idempotency-Key）格式不正确');
    if (key) {
      const seen = await this.ds.getRepository(Quote).findOneBy({ ticketId: t.id, idempotencyKey: key });
      if (seen) return this.chargeSummary(t.id, user);
    }
    const inputs = await this.quoteLines(t.projectId, dto);
    const priced = priceQuote(inputs);
    if (!priced.ok) throw new BadRequestException(priced.message);

    const now = this.clock.now();
    const quotes = await this.ds.getRepository(Quote).find({ where: { ticketId: t.id } });
    if (quotes.some((q) => q.status === 'accepted'))
      throw new ConflictException('业主已接受上一份报价、正在支付；如需修改，请先撤回该报价');
    const supplementary = quotes.some((q) => q.status === 'paid');
    const replaced = quotes.filter((q) => q.status === 'sent');
    const quote = this.ds.getRepository(Quote).create({
      ticketId: t.id,
      projectId: t.projectId,
      seq: Math.max(0, ...quotes.map((q) => q.seq)) + 1,
      supplementary,
      status: 'sent' satisfies QuoteStatus,
      totalFen: priced.totalFen,
      note: dto.note || null,
      createdById: user.id,
      createdByName: user.name,
      idempotencyKey: key ?? null,
      createdAt: now,
    });
    try {
      await this.ds.transaction(async (m) => {
        for (const old of replaced) {
          const res = await m.update(
            Quote,
            { id: old.id, status: 'sent' },
            { status: 'withdrawn', endedAt: now },
          );
          if (!res.affected) throw new ConflictException('报价状态已变化，请刷新后重试');
          await this.payEvent(m, {
            ticketId: t.id,
            quoteId: old.id,
            type: 'quote_withdrawn',
            actor: actorOf(user),
            source: 'staff',
            data: { replacedBy: quote.id },
          });
        }
        await m.getRepository(Quote).insert(quote);
        await m.getRepository(QuoteItem).insert(
          priced.lines.map((l, position) => ({
            quoteId: quote.id,
            position,
            priceItemId: inputs[position].priceItemId ?? null,
            kind: l.kind,
            name: l.name,
            unit: l.unit,
            unitPriceFen: l.unitPriceFen,
            quantity: l.quantity,
            amountFen: l.amountFen,
          })),
        );
        await this.payEvent(m, {
          ticketId: t.id,
          quoteId: quote.id,
          type: 'quote_sent',
          actor: actorOf(user),
          source: 'staff',
          amountFen: quote.totalFen,
        });
        const what = supplementary ? '补充报价' : replaced.length ? '更新后的维修报价' : '维修报价';
        await appendTicketEvent(m, t.id, {
          action: 'quote_sent',
          label: supplementary ? '补充报价已发送' : '报价已发送',
          note: `${what} ${formatFen(quote.totalFen)}，请在小程序确认并支付${dto.note ? `。${dto.note}` : ''}`,
          internal: false,
          actor: actorOf(user),
          at: now,
          data: { quoteId: quote.id, totalFen: quote.totalFen },
        });
      });
    } catch (e) {
      // Two sends at once (double tap, two staff): one wins the (ticket, seq) or (ticket, key) slot.
      if (isUniqueViolation(e)) {
        if (key && (await this.ds.getRepository(Quote).findOneBy({ ticketId: t.id, idempotencyKey: key })))
          return this.chargeSummary(t.id, user);
        throw new ConflictException('报价已被他人更新，请刷新后重试');
      }
      throw e;
    }
    return this.chargeSummary(t.id, user);
  }

  /** Labour and call-out at the list price; materials at cost, from the list or written in. */
  private async quoteLines(
    projectId: string,
    dto: SendQuoteDto,
  ): Promise<(QuoteLineInput & { priceItemId?: string })[]> {
    const ids = dto.items.map((i) => i.priceItemId).filter((x): x is string => !!x);
    const list = ids.length
      ? await this.ds.getRepository(PriceItem).findBy({ id: In(ids), projectId, active: true })
      : [];
    const byId = new Map(list.map((p) => [p.id, p]));
    return dto.items.map((i, n) => {
      if (i.priceItemId) {
        const p = byId.get(i.priceItemId);
        if (!p) throw new BadRequestException(`第 ${n + 1} 项不在本小区的维修价目表中`);
        const costPrice = p.kind === 'material' && i.unitPriceFen !== undefined;
        return {
          priceItemId: p.id,
          kind: p.kind as QuoteLineInput['kind'],
          name: p.name,
          unit: p.unit,
          unitPriceFen: costPrice ? i.unitPriceFen! : p.priceFen,
          quantity: i.quantity,
        };
      }
      if (i.kind !== 'material')
        throw new BadRequestException(`第 ${n + 1} 项：人工费和上门费请从维修价目表中选择`);
      if (i.unitPriceFen === undefined) throw new BadRequestException(`第 ${n + 1} 项请填写材料成本价`);
      return {
        kind: 'material',
        name: i.name ?? '',
        unit: i.unit,
        unitPriceFen: i.unitPriceFen,
        quantity: i.quantity,
      };
    });
  }

  /** The resident accepts the quote and gets the parameters for wx.requestPayment (接受并支付). */
  async pay(user: AuthUser, ticketId: string, quoteId: string) {
    if (user.kind !== 'resident') throw new ForbiddenException('请由业主在小程序中支付');
    const t = await this.visibleTicket(user, ticketId);
    const q = await this.quoteOf(t, quoteId);
    if (!this.client.enabled)
      throw new ConflictException({ code: 'pay_disabled', message: PAY_DISABLED_MESSAGE });
    this.assertPayable(t, q);
    const me = await this.ds.getRepository(User).findOneBy({ id: user.id });
    if (!me?.openid)
      throw new BadRequestException({ code: 'no_openid', message: '请在微信小程序中登录后再支付' });
    const now = this.clock.now();

    if (q.status === 'sent') {
      await this.ds.transaction(async (m) => {
        const res = await m.update(
          Quote,
          { id: q.id, status: 'sent' },
          { status: 'accepted', acceptedAt: now },
        );
        if (!res.affected) return;
        await this.payEvent(m, {
          ticketId: t.id,
          quoteId: q.id,
          type: 'quote_accepted',
          actor: actorOf(user),
          source: 'resident',
          amountFen: q.totalFen,
        });
        await appendTicketEvent(m, t.id, {
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

    const open = await this.ds.getRepository(PayOrder).findOneBy({ openQuoteId: q.id });
    if (open) {
      const fresh = open.expiresAt && open.expiresAt.getTime() > now.getTime() + 60_000;
      if (open.prepayId && open.openid === me.openid && fresh)
        return {
          orderId: open.id,
          amountFen: open.amountFen,
          payParams: this.client.payParams(open.prepayId),
        };
      const outcome = await this.closeOrderSafely(open, now);
      if (outcome === 'paid')
        throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
      if (outcome !== 'closed')
        throw new ConflictException({ code: 'order_busy', message: '上一笔支付仍在处理中，请稍后再试' });
    }

    const order = this.ds.getRepository(PayOrder).create({
      quoteId: q.id,
      ticketId: t.id,
      projectId: t.projectId,
      channel: 'wechat' satisfies PayChannel,
      outTradeNo: outNo('P', now),
      openQuoteId: q.id,
      amountFen: q.totalFen,
      status: 'created' satisfies PayOrderStatus,
      payerId: user.id,
      openid: me.openid,
      expiresAt: new Date(now.getTime() + this.client.config!.orderTimeoutMinutes * 60_000),
      createdAt: now,
    });
    try {
      await this.ds.transaction(async (m) => {
        await m.getRepository(PayOrder).insert(order);
        await this.payEvent(m, {
          ticketId: t.id,
          quoteId: q.id,
          orderId: order.id,
          type: 'order_created',
          actor: actorOf(user),
          source: 'resident',
          amountFen: order.amountFen,
          data: { outTradeNo: order.outTradeNo },
        });
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
        openid: me.openid,
        expiresAt: order.expiresAt!,
      });
      await this.ds.getRepository(PayOrder).update({ id: order.id }, { prepayId });
      return { orderId: order.id, amountFen: order.amountFen, payParams: params };
    } catch (e) {
      this.log.warn(`JSAPI order ${order.outTradeNo} failed: ${(e as Error).message}`);
      // WeChat said no (4xx): the order never existed there. Otherwise it may have: the sweep queries it.
      if (e instanceof WechatPayError && e.status >= 400 && e.status < 500)
        await this.markClosed(order, now, 'order_rejected');
      throw new BadGatewayException({ code: 'pay_unavailable', message: '微信支付暂时无法下单，请稍后再试' });
    }
  }

  /** After wx.requestPayment succeeds the mini-program asks us to look now rather than wait for the notification. */
  async refreshPayment(user: AuthUser, ticketId: string, quoteId: string) {
    const t = await this.visibleTicket(user, ticketId);
    const q = await this.quoteOf(t, quoteId);
    const open = await this.ds.getRepository(PayOrder).findOneBy({ openQuoteId: q.id });
    if (open && this.client.enabled) await this.settleByQuery(open, this.clock.now());
    return this.chargeSummary(t.id, user);
  }

  async decline(user: AuthUser, ticketId: string, quoteId: string, dto: QuoteReasonDto) {
    if (user.kind !== 'resident') throw new ForbiddenException('只有业主可以拒绝报价');
    const t = await this.visibleTicket(user, ticketId);
    const q = await this.quoteOf(t, quoteId);
    await this.endQuote(
      t,
      q,
      'declined',
      { ...actorOf(user), name: t.anonymous ? '匿名住户' : user.name },
      'resident',
      dto.reason,
    );
    return this.chargeSummary(t.id, user);
  }

  async withdraw(user: AuthUser, ticketId: string, quoteId: string, dto: QuoteReasonDto) {
    const t = await this.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以撤回报价');
    const q = await this.quoteOf(t, quoteId);
    await this.endQuote(t, q, 'withdrawn', actorOf(user), 'staff', dto.reason);
    return this.chargeSummary(t.id, user);
  }

  /** 线下收款: staff took the money in person; any open WeChat order is closed first (or found paid). */
  async recordOfflinePayment(user: AuthUser, ticketId: string, quoteId: string, dto: OfflinePaymentDto) {
    const t = await this.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以登记线下收款');
    const q = await this.quoteOf(t, quoteId);
    this.assertPayable(t, q);
    const now = this.clock.now();
    await this.closeOpenOrder(q, now);
    const note = `${OFFLINE_METHOD_LABELS[dto.method]}${dto.note ? `，${dto.note}` : ''}`;
    await this.ds.transaction(async (m) => {
      const res = await m.update(
        Quote,
        { id: q.id, status: In(UNSETTLED_QUOTE_STATUSES) },
        { status: 'paid', paidAt: now, paidVia: 'offline', acceptedAt: q.acceptedAt ?? now },
      );
      if (!res.affected) throw new ConflictException('报价状态已变化，请刷新后重试');
      const order = m.getRepository(PayOrder).create({
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
      await m.getRepository(PayOrder).insert(order);
      await this.payEvent(m, {
        ticketId: t.id,
        quoteId: q.id,
        orderId: order.id,
        type: 'offline_paid',
        actor: actorOf(user),
        source: 'staff',
        amountFen: q.totalFen,
        data: { method: dto.method, note: dto.note ?? null },
      });
      await appendTicketEvent(m, t.id, {
        action: 'paid',
        label: `已支付 ${formatFen(q.totalFen)}`,
        note: `线下收款（${OFFLINE_METHOD_LABELS[dto.method]}）`,
        internal: false,
        actor: actorOf(user),
        at: now,
        data: { quoteId: q.id, orderId: order.id, channel: 'offline' },
      });
    });
    return this.chargeSummary(t.id, user);
  }

  /** 开工: from now on a cancellation is not refunded in full. Only after payment (the rule of paid repairs). */
  async startWork(user: AuthUser, ticketId: string, quoteId: string) {
    const t = await this.visibleTicket(user, ticketId);
    if (!mayHandleCharges(user, t))
      throw new ForbiddenException('只有当前处理人、客服主管或项目经理可以开工');
    const q = await this.quoteOf(t, quoteId);
    if (q.status !== 'paid')
      throw new ConflictException({ code: 'payment_pending', message: '业主付款后才能开工' });
    if (!q.workStartedAt) {
      const now = this.clock.now();
      await this.ds.transaction(async (m) => {
        const res = await m.update(
          Quote,
          { id: q.id, status: 'paid', workStartedAt: IsNull() },
          { workStartedAt: now },
        );
        if (!res.affected) return;
        await this.payEvent(m, {
          ticketId: t.id,
          quoteId: q.id,
          type: 'work_started',
          actor: actorOf(user),
          source: 'staff',
        });
        await appendTicketEvent(m, t.id, {
          action: 'work_started',
          label: '有偿维修已开工',
          internal: false,
          actor: actorOf(user),
          at: now,
          data: { quoteId: q.id },
        });
      });
    }
    return this.chargeSummary(t.id, user);
  }

  /** The cash of an offline payment went back to the resident (a lead or the manager confirms). */
  async confirmOfflineRefund(user: AuthUser, refundId: string) {
    const r = await this.ds.getRepository(Refund).findOneBy({ id: refundId });
    const t = r ? await this.tickets.findVisible(user, r.ticketId) : null;
    if (!r || !t) throw new NotFoundException('没有找到这笔退款');
    if (user.kind !== 'staff' || !['cs_lead', 'project_manager'].includes(user.role))
      throw new ForbiddenException('只有客服主管或项目经理可以确认线下退款');
    if (r.channel !== 'offline') throw new BadRequestException('微信支付的退款由微信原路退回，无需确认');
    await this.applyRefundState(r, 'succeeded', null, actorOf(user), 'staff');
    return this.chargeSummary(t.id, user);
  }

  private assertPayable(t: Ticket, q: Quote) {
    if (q.status === 'paid') throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
    if (!UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus))
      throw new ConflictException({
        code: 'quote_closed',
        message: `这份报价${QUOTE_STATUS_LABELS[q.status as QuoteStatus]}，无需支付`,
      });
    if (!OPEN_STATUSES.includes(t.status as TicketStatus))
      throw new ConflictException({ code: 'ticket_closed', message: '工单已结束，无法支付' });
  }

  private async endQuote(
    t: Ticket,
    q: Quote,
    to: 'declined' | 'withdrawn' | 'cancelled',
    actor: Actor,
    source: Source,
    reason?: string,
  ) {
    if (q.status === 'paid') throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
    if (!UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus))
      throw new ConflictException(`这份报价${QUOTE_STATUS_LABELS[q.status as QuoteStatus]}`);
    const now = this.clock.now();
    await this.closeOpenOrder(q, now);
    await this.ds.transaction(async (m) => {
      const res = await m.update(
        Quote,
        { id: q.id, status: In(UNSETTLED_QUOTE_STATUSES) },
        { status: to, endedAt: now, declineReason: to === 'declined' ? (reason ?? null) : q.declineReason },
      );
      if (!res.affected) throw new ConflictException('报价状态已变化，请刷新后重试');
      await this.payEvent(m, {
        ticketId: t.id,
        quoteId: q.id,
        type: `quote_${to}`,
        actor,
        source,
        data: reason ? { reason } : undefined,
      });
      const label = { declined: '业主未接受报价', withdrawn: '报价已撤回', cancelled: '报价已取消' }[to];
      await appendTicketEvent(m, t.id, {
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
  private async closeOpenOrder(q: Quote, now: Date) {
    const open = await this.ds.getRepository(PayOrder).findOneBy({ openQuoteId: q.id });
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
      await this.ds.getRepository(PayOrder).update({ id: order.id }, { lastQueriedAt: now });
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
  private async settleByQuery(order: PayOrder, now: Date): Promise<void> {
    try {
      const tx = await this.client.queryOrder(order.outTradeNo);
      await this.ds.getRepository(PayOrder).update({ id: order.id }, { lastQueriedAt: now });
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
    const problem = this.checkTransaction(order, tx);
    if (problem) {
      this.log.error(
        `order ${order.outTradeNo}: WeChat's answer does not match (${problem}); nothing applied`,
      );
      return false;
    }
    await this.applyPaid(order, tx, source);
    return true;
  }

  /** What must hold before money WeChat reports is booked: our merchant, our app, our order, its amount. */
  private checkTransaction(order: PayOrder, tx: WechatTransaction): string | null {
    const c = this.client.config!;
    if (tx.mchid !== c.mchId) return `mchid ${tx.mchid}`;
    if (tx.appid !== c.appId) return `appid ${tx.appid}`;
    if (tx.out_trade_no !== order.outTradeNo) return `out_trade_no ${tx.out_trade_no}`;
    if (tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') return `trade_state ${tx.trade_state}`;
    if (tx.amount?.total !== order.amountFen) return `amount ${tx.amount?.total} ≠ ${order.amountFen}`;
    if (tx.amount?.currency && tx.amount.currency !== 'CNY') return `currency ${tx.amount.currency}`;
    if (!tx.transaction_id) return 'no transaction_id';
    return null;
  }

  /**
   * Books a WeChat payment once: the order moves to paid only from created/closed, and the quote only from
   * sent/accepted. Money for a quote already paid or cancelled (a double payment, a cancellation racing the
   * payment) is refunded in full at once.
   */
  private async applyPaid(
    order: PayOrder,
    tx: WechatTransaction,
    source: 'query' | 'wechat',
  ): Promise<'applied' | 'duplicate'> {
    const now = this.clock.now();
    const paidAt = tx.success_time ? new Date(tx.success_time) : now;
    let refund: Refund | null = null;
    const outcome = await this.ds.transaction(async (m) => {
      const res = await m.update(
        PayOrder,
        { id: order.id, status: In(['created', 'closed']) },
        { status: 'paid', transactionId: tx.transaction_id!, paidAt, openQuoteId: null },
      );
      if (!res.affected) return 'duplicate' as const;
      const q = await m.getRepository(Quote).findOneByOrFail({ id: order.quoteId });
      const ticket = await m.getRepository(Ticket).findOneByOrFail({ id: order.ticketId });
      // Paid while the ticket was being cancelled: the money goes back (below), the quote ends cancelled.
      const ticketOpen = OPEN_STATUSES.includes(ticket.status as TicketStatus);
      const settled = await m.update(
        Quote,
        { id: q.id, status: In(UNSETTLED_QUOTE_STATUSES) },
        ticketOpen
          ? { status: 'paid', paidAt, paidVia: 'wechat', acceptedAt: q.acceptedAt ?? paidAt }
          : { status: 'cancelled', endedAt: now },
      );
      await this.payEvent(m, {
        ticketId: order.ticketId,
        quoteId: q.id,
        orderId: order.id,
        type: 'paid',
        actor: WECHAT_ACTOR,
        source,
        amountFen: order.amountFen,
        data: { transactionId: tx.transaction_id, outTradeNo: order.outTradeNo },
      });
      await appendTicketEvent(m, order.ticketId, {
        action: 'paid',
        label: `已支付 ${formatFen(order.amountFen)}`,
        note: '微信支付',
        internal: false,
        actor: WECHAT_ACTOR,
        at: now,
        data: { quoteId: q.id, orderId: order.id, channel: 'wechat' },
      });
      if (!settled.affected || !ticketOpen) {
        const reason = !ticketOpen
          ? '工单已撤销，全额退款'
          : q.status === 'paid'
            ? '重复支付，全额退款'
            : '报价已取消，全额退款';
        refund = await this.createRefund(m, order, reason, SYSTEM_ACTOR, now);
      }
      return 'applied' as const;
    });
    if (refund) await this.submitRefund(refund);
    return outcome;
  }

  /** A quote left waiting on a cancelled or closed ticket (the resident was paying at that moment) ends. */
  private async endQuoteOfEndedTicket(order: PayOrder) {
    const t = await this.ds.getRepository(Ticket).findOneByOrFail({ id: order.ticketId });
    if (OPEN_STATUSES.includes(t.status as TicketStatus)) return;
    const q = await this.ds.getRepository(Quote).findOneByOrFail({ id: order.quoteId });
    if (!UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus)) return;
    await this.endQuote(t, q, 'cancelled', SYSTEM_ACTOR, 'system', '工单已结束').catch((e) =>
      this.log.warn(`ending quote ${q.id}: ${(e as Error).message}`),
    );
  }

  private async markClosed(order: PayOrder, now: Date, type: string) {
    await this.ds.transaction(async (m) => {
      const res = await m.update(
        PayOrder,
        { id: order.id, status: 'created' },
        { status: 'closed', closedAt: now, openQuoteId: null },
      );
      if (res.affected)
        await this.payEvent(m, {
          ticketId: order.ticketId,
          quoteId: order.quoteId,
          orderId: order.id,
          type,
          actor: SYSTEM_ACTOR,
          source: 'system',
        });
    });
  }

  // ————— refunds —————

  private async createRefund(
    m: EntityManager,
    order: PayOrder,
    reason: string,
    actor: Actor,
    now: Date,
  ): Promise<Refund> {
    const refund = m.getRepository(Refund).create({
      orderId: order.id,
      quoteId: order.quoteId,
      ticketId: order.ticketId,
      projectId: order.projectId,
      channel: order.channel,
      outRefundNo: outNo('R', now),
      amountFen: order.amountFen,
      reason,
      status: 'pending' satisfies RefundStatus,
      requestedById: actor.id,
      createdAt: now,
    });
    await m.getRepository(Refund).insert(refund);
    await this.payEvent(m, {
      ticketId: order.ticketId,
      quoteId: order.quoteId,
      orderId: order.id,
      refundId: refund.id,
      type: 'refund_requested',
      actor,
      source: actor.id ? 'staff' : 'system',
      amountFen: refund.amountFen,
      data: { reason, outRefundNo: refund.outRefundNo },
    });
    await appendTicketEvent(m, order.ticketId, {
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
    const order = await this.ds.getRepository(PayOrder).findOneByOrFail({ id: refund.orderId });
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

  private async queryRefund(refund: Refund, now: Date): Promise<void> {
    try {
      const r = await this.client.queryRefund(refund.outRefundNo);
      await this.ds.getRepository(Refund).update({ id: refund.id }, { lastQueriedAt: now });
      if (!r) {
        // WeChat never got it (the request was lost): send it again.
        if (refund.status === 'pending') await this.submitRefund(refund);
        return;
      }
      const problem = this.checkRefund(refund, r);
      if (problem) return this.log.error(`refund ${refund.outRefundNo}: ${problem}; nothing applied`);
      const status = refundStatusFromWechat(r.status ?? '');
      if (status) await this.applyRefundState(refund, status, r, WECHAT_ACTOR, 'query');
    } catch (e) {
      this.log.warn(`refund query ${refund.outRefundNo}: ${(e as Error).message}`);
    }
  }

  private checkRefund(refund: Refund, r: WechatRefund, order?: PayOrder): string | null {
    if (r.out_refund_no !== refund.outRefundNo) return `out_refund_no ${r.out_refund_no}`;
    if (r.amount?.refund !== refund.amountFen)
      return `refund amount ${r.amount?.refund} ≠ ${refund.amountFen}`;
    if (order && r.out_trade_no !== order.outTradeNo) return `out_trade_no ${r.out_trade_no}`;
    if (order && r.amount?.total !== order.amountFen) return `total ${r.amount?.total} ≠ ${order.amountFen}`;
    return null;
  }

  /** Moves a refund forward once (pending → processing → final); the resident sees the final state. */
  private async applyRefundState(
    refund: Refund,
    status: RefundStatus,
    r: WechatRefund | null,
    actor: Actor,
    source: Source,
  ): Promise<'applied' | 'duplicate'> {
    const now = this.clock.now();
    const from: RefundStatus[] = status === 'processing' ? ['pending'] : ['pending', 'processing'];
    if (status === 'pending') return 'duplicate';
    const final = status !== 'processing';
    return this.ds.transaction(async (m) => {
      const res = await m.update(
        Refund,
        { id: refund.id, status: In(from) },
        {
          status,
          ...(r?.refund_id ? { refundId: r.refund_id } : {}),
          ...(final ? { finishedAt: r?.success_time ? new Date(r.success_time) : now } : {}),
        },
      );
      if (!res.affected) return 'duplicate' as const;
      await this.payEvent(m, {
        ticketId: refund.ticketId,
        quoteId: refund.quoteId,
        orderId: refund.orderId,
        refundId: refund.id,
        type: `refund_${status}`,
        actor,
        source,
        amountFen: refund.amountFen,
        data: r?.refund_id ? { refundId: r.refund_id } : undefined,
      });
      if (final) {
        const label = {
          succeeded: `已退款 ${formatFen(refund.amountFen)}`,
          closed: '退款已关闭，工作人员将联系您',
          abnormal: '退款遇到问题，工作人员将联系您',
        }[status as 'succeeded' | 'closed' | 'abnormal'];
        await appendTicketEvent(m, refund.ticketId, {
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

  // ————— the ticket's life (TicketActionGuard) —————

  /** Handling waits for payment; a cancellation after work started is not a simple refund. */
  override async beforeAction(_user: AuthUser | null, t: Ticket, action: TicketAction): Promise<void> {
    if (action !== 'mark_handled' && action !== 'cancel') return;
    const quotes = await this.ds.getRepository(Quote).findBy({ ticketId: t.id });
    if (
      action === 'mark_handled' &&
      quotes.some((q) => UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus))
    )
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
      if (action === 'mark_handled')
        await this.ds
          .getRepository(Quote)
          .update(
            { ticketId: t.id, status: 'paid', workStartedAt: IsNull() },
            { workStartedAt: this.clock.now() },
          );
    } catch (e) {
      // The move stands; what is left (an open order, a pending refund) is finished by the sweep.
      this.log.error(`after ${action} on ${t.id}: ${(e as Error).message}`);
    }
  }

  /** Cancellation before work starts: unpaid quotes are cancelled, paid ones refunded in full. */
  async cancelCharges(t: Ticket, actor: Actor): Promise<void> {
    const now = this.clock.now();
    for (const q of await this.ds.getRepository(Quote).findBy({ ticketId: t.id })) {
      if (UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus)) {
        try {
          await this.endQuote(t, q, 'cancelled', actor, actor.id ? 'staff' : 'system', '工单已撤销');
          continue;
        } catch (e) {
          if (!(e instanceof HttpException)) throw e;
          // Paid while we were cancelling: fall through to the refund; otherwise the sweep ends the order.
        }
      }
      const fresh = await this.ds.getRepository(Quote).findOneByOrFail({ id: q.id });
      if (fresh.status !== 'paid' || fresh.workStartedAt) continue;
      const refunds = await this.ds.transaction(async (m) => {
        const res = await m.update(
          Quote,
          { id: q.id, status: 'paid', workStartedAt: IsNull() },
          { status: 'cancelled', endedAt: now },
        );
        if (!res.affected) return [];
        await this.payEvent(m, {
          ticketId: t.id,
          quoteId: q.id,
          type: 'quote_cancelled',
          actor,
          source: actor.id ? 'staff' : 'system',
          data: { reason: '工单已撤销' },
        });
        const paid = await m.getRepository(PayOrder).findBy({ quoteId: q.id, status: 'paid' });
        const done = new Set((await m.getRepository(Refund).findBy({ quoteId: q.id })).map((r) => r.orderId));
        const out: Refund[] = [];
        for (const o of paid.filter((o) => !done.has(o.id)))
          out.push(await this.createRefund(m, o, '开工前撤销，全额退款', actor, now));
        return out;
      });
      for (const r of refunds) await this.submitRefund(r);
    }
  }

  // ————— the sweep —————

  /**
   * Idempotent housekeeping, safe on several instances at once (each row is leased by a conditional
   * UPDATE before it is worked on): unpaid orders past their timeout are closed; open orders are
   * queried so a payment whose notification never came is booked; refunds not yet accepted are sent
   * again, refunds in progress are queried to their final state.
   */
  async sweep(
    now: Date,
  ): Promise<{ closed: number; settled: number; refundsSent: number; refundsFinished: number }> {
    const stats = { closed: 0, settled: 0, refundsSent: 0, refundsFinished: 0 };
    if (!this.client.enabled) return stats;
    const orders = this.ds.getRepository(PayOrder);
    const due = await orders
      .createQueryBuilder('o')
      .where('o.status = :s AND o.channel = :c', { s: 'created', c: 'wechat' })
      .andWhere('(o.leaseUntil IS NULL OR o.leaseUntil < :now)', { now })
      .andWhere(
        '(o.expiresAt <= :now OR (o.createdAt <= :old AND (o.lastQueriedAt IS NULL OR o.lastQueriedAt <= :old)))',
        { now, old: new Date(now.getTime() - QUERY_OPEN_AFTER_MS) },
      )
      .orderBy('o.createdAt', 'ASC')
      .take(SWEEP_BATCH)
      .getMany();
    for (const o of due) {
      if (!(await this.lease(PayOrder, o.id, now))) continue;
      if (o.expiresAt && o.expiresAt.getTime() <= now.getTime()) {
        const outcome = await this.closeOrderSafely(o, now);
        if (outcome === 'closed') stats.closed++;
        if (outcome === 'paid') stats.settled++;
      } else {
        await this.settleByQuery(o, now);
        if ((await orders.findOneByOrFail({ id: o.id })).status === 'paid') stats.settled++;
      }
    }

    const refunds = await this.ds.getRepository(Refund).find({
      where: [
        { channel: 'wechat', status: 'pending', leaseUntil: IsNull() },
        { channel: 'wechat', status: 'pending', leaseUntil: LessThan(now) },
        { channel: 'wechat', status: 'processing', leaseUntil: IsNull() },
        { channel: 'wechat', status: 'processing', leaseUntil: LessThan(now) },
      ],
      order: { createdAt: 'ASC' },
      take: SWEEP_BATCH,
    });
    for (const r of refunds) {
      if (!(await this.lease(Refund, r.id, now))) continue;
      await this.queryRefund(r, now); // a pending one WeChat never got is sent (again)
      const after = await this.ds.getRepository(Refund).findOneByOrFail({ id: r.id });
      if (r.status === 'pending' && after.status !== 'pending') stats.refundsSent++;
      if (['succeeded', 'closed', 'abnormal'].includes(after.status)) stats.refundsFinished++;
    }
    return stats;
  }

  /** Claims a row for LEASE_MS; false when another instance holds it. */
  private async lease(entity: typeof PayOrder | typeof Refund, id: string, now: Date): Promise<boolean> {
    const res = await this.ds
      .createQueryBuilder()
      .update(entity)
      .set({ leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id AND (leaseUntil IS NULL OR leaseUntil < :now)', { id, now })
      .execute();
    return res.affected === 1;
  }

  // ————— notifications —————

  /**
   * A WeChat Pay notification (payment or refund). Order of checks: signature on the raw body → decrypt
   * with the GCM tag checked → merchant, app, our order or refund, amount → apply once. Whatever fails
   * changes nothing, is logged, and is answered 4xx/5xx {code, message} so WeChat retries; success is 204.
   */
  async handleNotification(h: SignedHeaders, raw: Buffer | undefined): Promise<NotifyAnswer> {
    const fail = (status: number, message: string): NotifyAnswer => ({
      status,
      body: { code: 'FAIL', message },
    });
    if (!this.client.enabled) return fail(404, PAY_DISABLED_MESSAGE);
    if (!raw?.length) return fail(400, '缺少通知内容');
    const body = raw.toString('utf8');
    try {
      this.client.verifySignature(h, body);
    } catch (e) {
      // Unauthenticated: logged, not stored (anyone can post here).
      this.log.warn(`notification refused: ${(e as Error).message}`);
      return { status: 401, body: { code: 'SIGN_ERROR', message: '签名验证失败' } };
    }
    let n: { id?: string; event_type?: string; resource?: Record<string, string> };
    try {
      n = JSON.parse(body);
    } catch {
      return this.rejected({}, null, 'body is not JSON', fail(400, '通知内容格式不正确'));
    }
    let resource: Record<string, unknown>;
    try {
      resource = JSON.parse(this.client.decryptResource(n.resource ?? {}));
    } catch (e) {
      return this.rejected(n, null, `undecryptable: ${(e as Error).message}`, fail(400, '通知内容无法解密'));
    }
    try {
      switch (n.event_type) {
        case 'TRANSACTION.SUCCESS':
          return await this.onTransaction(n, resource as unknown as WechatTransaction);
        case 'REFUND.SUCCESS':
        case 'REFUND.ABNORMAL':
        case 'REFUND.CLOSED':
          return await this.onRefund(n, resource as unknown as WechatRefund);
        default:
          await this.recordNotification(n, resource, 'ignored', null);
          return { status: 204 };
      }
    } catch (e) {
      this.log.error(`notification ${n.id}: ${(e as Error).stack ?? e}`);
      return fail(500, '系统繁忙，请稍后重试');
    }
  }

  private async onTransaction(
    n: { id?: string; event_type?: string },
    tx: WechatTransaction,
  ): Promise<NotifyAnswer> {
    const order = tx.out_trade_no
      ? await this.ds.getRepository(PayOrder).findOneBy({ outTradeNo: tx.out_trade_no, channel: 'wechat' })
      : null;
    if (!order)
      return this.rejected(n, tx, `unknown out_trade_no ${tx.out_trade_no}`, {
        status: 404,
        body: { code: 'FAIL', message: '订单不存在' },
      });
    const problem = this.checkTransaction(order, tx);
    if (problem)
      return this.rejected(n, tx, problem, {
        status: 400,
        body: { code: 'FAIL', message: '通知内容与订单不符' },
      });
    const outcome = await this.applyPaid(order, tx, 'wechat');
    await this.recordNotification(n, tx, outcome === 'applied' ? 'applied' : 'duplicate', null);
    return { status: 204 };
  }

  private async onRefund(n: { id?: string; event_type?: string }, r: WechatRefund): Promise<NotifyAnswer> {
    const refund = r.out_refund_no
      ? await this.ds.getRepository(Refund).findOneBy({ outRefundNo: r.out_refund_no })
      : null;
    if (!refund)
      return this.rejected(n, r, `unknown out_refund_no ${r.out_refund_no}`, {
        status: 404,
        body: { code: 'FAIL', message: '退款单不存在' },
      });
    const order = await this.ds.getRepository(PayOrder).findOneByOrFail({ id: refund.orderId });
    const status = refundStatusFromWechat(r.refund_status ?? '');
    const problem =
      (r.mchid !== this.client.config!.mchId ? `mchid ${r.mchid}` : null) ??
      this.checkRefund(refund, r, order) ??
      (status && status !== 'processing' ? null : `refund_status ${r.refund_status}`);
    if (problem)
      return this.rejected(n, r, problem, {
        status: 400,
        body: { code: 'FAIL', message: '通知内容与退款单不符' },
      });
    const outcome = await this.applyRefundState(refund, status!, r, WECHAT_ACTOR, 'wechat');
    await this.recordNotification(n, r, outcome === 'applied' ? 'applied' : 'duplicate', null);
    return { status: 204 };
  }

  private async rejected(
    n: { id?: string; event_type?: string },
    resource: unknown,
    reason: string,
    answer: NotifyAnswer,
  ): Promise<NotifyAnswer> {
    this.log.warn(`notification ${n.id ?? '?'} (${n.event_type ?? '?'}) not applied: ${reason}`);
    await this.recordNotification(n, resource, 'rejected', reason).catch(() => undefined);
    return answer;
  }

  private async recordNotification(
    n: { id?: string; event_type?: string },
    resource: unknown,
    outcome: string,
    reason: string | null,
  ) {
    const r = (resource ?? {}) as { out_trade_no?: string; out_refund_no?: string };
    await this.ds.getRepository(PayNotification).insert({
      wechatId: String(n.id ?? '').slice(0, 64),
      eventType: String(n.event_type ?? '').slice(0, 40),
      outcome,
      reason: reason?.slice(0, 200) ?? null,
      outTradeNo: r.out_trade_no?.slice(0, 32) ?? null,
      outRefundNo: r.out_refund_no?.slice(0, 32) ?? null,
      receivedAt: this.clock.now(),
    });
  }

  // ————— what was charged —————

  async chargesFor(user: AuthUser, ticketId: string) {
    const t = await this.visibleTicket(user, ticketId);
    return this.chargeSummary(t.id, user);
  }

  /**
   * The charges of one ticket for the return visit and the ticket pages: every quote with its lines,
   * payments and refunds, and the totals. Internal numbers (out_trade_no, transaction id) only for staff.
   */
  async chargeSummary(ticketId: string, viewer?: AuthUser) {
    const t = await this.ds.getRepository(Ticket).findOneByOrFail({ id: ticketId });
    const staff = !viewer || viewer.kind === 'staff';
    const quotes = await this.ds.getRepository(Quote).find({ where: { ticketId }, order: { seq: 'ASC' } });
    const ids = quotes.map((q) => q.id);
    const [items, orders, refunds] = ids.length
      ? await Promise.all([
          this.ds.getRepository(QuoteItem).find({ where: { quoteId: In(ids) }, order: { position: 'ASC' } }),
          this.ds.getRepository(PayOrder).find({ where: { quoteId: In(ids) }, order: { createdAt: 'ASC' } }),
          this.ds.getRepository(Refund).find({ where: { quoteId: In(ids) }, order: { createdAt: 'ASC' } }),
        ])
      : [[], [], []];
    const handler = !!viewer && mayHandleCharges(viewer, t);
    const resident = viewer?.kind === 'resident';
    const ticketOpen = OPEN_STATUSES.includes(t.status as TicketStatus);
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
        const unsettled = UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus);
        const actions: string[] = [];
        if (unsettled && ticketOpen && resident) actions.push('pay', 'decline');
        if (unsettled && ticketOpen && handler) actions.push('offline_payment', 'withdraw');
        if (q.status === 'paid' && !q.workStartedAt && handler) actions.push('start_work');
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

  // ————— helpers —————

  private async visibleTicket(user: AuthUser, id: string): Promise<Ticket> {
    const t = await this.tickets.findVisible(user, id);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    return t;
  }

  private async quoteOf(t: Ticket, quoteId: string): Promise<Quote> {
    const q = await this.ds.getRepository(Quote).findOneBy({ id: quoteId, ticketId: t.id });
    if (!q) throw new NotFoundException('没有找到这份报价');
    return q;
  }

  private async payEvent(
    m: EntityManager,
    e: {
      ticketId: string;
      quoteId?: string | null;
      orderId?: string | null;
      refundId?: string | null;
      type: string;
      actor: Actor;
      source: Source;
      amountFen?: number;
      data?: Record<string, unknown>;
    },
  ) {
    await m.getRepository(PayEvent).insert({
      ticketId: e.ticketId,
      quoteId: e.quoteId ?? null,
      orderId: e.orderId ?? null,
      refundId: e.refundId ?? null,
      type: e.type,
      actorId: e.actor.id,
      actorName: e.actor.name,
      source: e.source,
      amountFen: e.amountFen ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
      createdAt: this.clock.now(),
    });
  }
}
