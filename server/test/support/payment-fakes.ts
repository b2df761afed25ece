import type { EntityManager } from 'typeorm';
import { Clock } from '../../src/common/clock';
import type { AuthUser } from '../../src/common/auth-user';
import { PayOrder, PriceItem, Quote, QuoteItem, Refund } from '../../src/payments/entities';
import type {
  PayEventInput,
  PayEventsRepository,
} from '../../src/payments/repositories/pay-events.repository';
import type { PayNotificationsRepository } from '../../src/payments/repositories/pay-notifications.repository';
import type { PayOrdersRepository } from '../../src/payments/repositories/pay-orders.repository';
import type {
  PaymentTicketEvent,
  PaymentTicketsRepository,
} from '../../src/payments/repositories/payment-tickets.repository';
import type { PriceItemsRepository } from '../../src/payments/repositories/price-items.repository';
import type { QuoteLineRow, QuotesRepository } from '../../src/payments/repositories/quotes.repository';
import type { RefundsRepository } from '../../src/payments/repositories/refunds.repository';
import type { PaymentTransactions } from '../../src/payments/repositories/transactions';
import { Ticket } from '../../src/tickets/entities';
import { Api, NO_TX } from './fakes';
import type { TicketsService } from '../../src/tickets/tickets.service';
import type { WechatPayClient, WechatRefund, WechatTransaction } from '../../src/payments/wechatpay.client';
export { as, NO_TX } from './fakes';

/**
 * In-memory stand-ins for the repositories of paid repairs, for unit tests of the services' rules without a
 * database: each keeps its rows in arrays and answers as its repository's queries would.
 */

const oneOf = (from: string | readonly string[], status: string) =>
  typeof from === 'string' ? status === from : from.includes(status);
const orFail = <T>(row: T | null | undefined, what: string): T => {
  if (!row) throw new Error(`${what} not found`);
  return row;
};

export class FakeTransactions implements Api<PaymentTransactions> {
  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work(NO_TX);
  }
}

export class FakeQuotes implements Api<QuotesRepository> {
  rows: Quote[] = [];
  items: QuoteLineRow[] = [];
  draft(fields: Partial<Quote>): Quote {
    return Object.assign(new Quote(), fields);
  }
  async find(ticketId: string, quoteId: string) {
    return this.rows.find((q) => q.id === quoteId && q.ticketId === ticketId) ?? null;
  }
  async get(id: string) {
    return orFail(
      this.rows.find((q) => q.id === id),
      `quote ${id}`,
    );
  }
  async byIdempotencyKey(ticketId: string, key: string) {
    return this.rows.find((q) => q.ticketId === ticketId && q.idempotencyKey === key) ?? null;
  }
  async ofTicket(ticketId: string) {
    return this.rows.filter((q) => q.ticketId === ticketId);
  }
  async ofTicketInOrder(ticketId: string) {
    return (await this.ofTicket(ticketId)).sort((a, b) => a.seq - b.seq);
  }
  async itemsOf(quoteIds: string[]) {
    return this.items.filter((i) => quoteIds.includes(i.quoteId)) as QuoteItem[];
  }
  async insert(_m: EntityManager, quote: Quote, lines: QuoteLineRow[]) {
    if (this.rows.some((q) => q.ticketId === quote.ticketId && q.seq === quote.seq))
      throw new Error('unique (ticketId, seq)');
    this.rows.push(quote);
    this.items.push(...lines);
  }
  async move(
    _m: EntityManager,
    id: string,
    from: string | readonly string[],
    patch: Partial<Quote>,
    opts: { workNotStarted?: boolean } = {},
  ) {
    const q = this.rows.find((x) => x.id === id);
    if (!q || !oneOf(from, q.status) || (opts.workNotStarted && q.workStartedAt)) return false;
    Object.assign(q, patch);
    return true;
  }
  async startWorkOfTicket(ticketId: string, at: Date) {
    for (const q of this.rows)
      if (q.ticketId === ticketId && q.status === 'paid' && !q.workStartedAt) q.workStartedAt = at;
  }
}

export class FakePriceItems implements Api<PriceItemsRepository> {
  rows: PriceItem[] = [];
  async list(projectId: string, includeRetired: boolean) {
    return this.rows.filter((p) => p.projectId === projectId && (includeRetired || p.active));
  }
  async activeOf(projectId: string, ids: string[]) {
    return this.rows.filter((p) => ids.includes(p.id) && p.projectId === projectId && p.active);
  }
  async find(projectId: string, id: string) {
    return this.rows.find((p) => p.id === id && p.projectId === projectId) ?? null;
  }
  draft(fields: Partial<PriceItem>) {
    return Object.assign(new PriceItem(), fields);
  }
  async insert(row: PriceItem) {
    this.rows.push(row);
  }
  async save(row: PriceItem) {
    if (!this.rows.includes(row)) this.rows.push(row);
  }
}

export class FakePayOrders implements Api<PayOrdersRepository> {
  rows: PayOrder[] = [];
  openids = new Map<string, string>();
  draft(fields: Partial<PayOrder>) {
    return Object.assign(new PayOrder(), fields);
  }
  async insert(_m: EntityManager, order: PayOrder) {
    if (order.openQuoteId && this.rows.some((o) => o.openQuoteId === order.openQuoteId))
      throw new Error('unique openQuoteId');
    this.rows.push(order);
  }
  async find(id: string) {
    return this.rows.find((o) => o.id === id) ?? null;
  }
  async get(id: string) {
    return orFail(
      this.rows.find((o) => o.id === id),
      `order ${id}`,
    );
  }
  async openOf(quoteId: string) {
    return this.rows.find((o) => o.openQuoteId === quoteId) ?? null;
  }
  async byWechatOutTradeNo(outTradeNo: string) {
    return this.rows.find((o) => o.outTradeNo === outTradeNo && o.channel === 'wechat') ?? null;
  }
  async ofQuotes(quoteIds: string[]) {
    return this.rows.filter((o) => quoteIds.includes(o.quoteId));
  }
  async paidOfQuote(_m: EntityManager, quoteId: string) {
    return this.rows.filter((o) => o.quoteId === quoteId && o.status === 'paid');
  }
  async payerOpenid(userId: string) {
    return this.openids.get(userId) ?? null;
  }
  async setPrepayId(id: string, prepayId: string) {
    (await this.get(id)).prepayId = prepayId;
  }
  async markQueried(id: string, at: Date) {
    (await this.get(id)).lastQueriedAt = at;
  }
  async markPaid(_m: EntityManager, id: string, paid: { transactionId: string; paidAt: Date }) {
    const o = await this.get(id);
    if (!['created', 'closed'].includes(o.status)) return false;
    Object.assign(o, { status: 'paid', ...paid, openQuoteId: null });
    return true;
  }
  async markClosed(_m: EntityManager, id: string, at: Date) {
    const o = await this.get(id);
    if (o.status !== 'created') return false;
    Object.assign(o, { status: 'closed', closedAt: at, openQuoteId: null });
    return true;
  }
  async dueForSweep(now: Date, queryBefore: Date, take: number) {
    return this.rows
      .filter(
        (o) =>
          o.status === 'created' &&
          o.channel === 'wechat' &&
          (!o.leaseUntil || o.leaseUntil < now) &&
          ((o.expiresAt && o.expiresAt <= now) ||
            (o.createdAt <= queryBefore && (!o.lastQueriedAt || o.lastQueriedAt <= queryBefore))),
      )
      .slice(0, take);
  }
  async lease(id: string, now: Date, until: Date) {
    const o = await this.get(id);
    if (o.leaseUntil && o.leaseUntil >= now) return false;
    o.leaseUntil = until;
    return true;
  }
  async ofProjectBetween(projectId: string, from: Date, to: Date) {
    const inside = (d: Date | null) => !!d && d >= from && d <= to;
    return this.rows.filter((o) => o.projectId === projectId && (inside(o.createdAt) || inside(o.paidAt)));
  }
  async byOutTradeNos(outTradeNos: string[]) {
    return this.rows.filter((o) => outTradeNos.includes(o.outTradeNo));
  }
}

export class FakeRefunds implements Api<RefundsRepository> {
  rows: Refund[] = [];
  draft(fields: Partial<Refund>) {
    return Object.assign(new Refund(), fields);
  }
  async insert(_m: EntityManager, refund: Refund) {
    if (this.rows.some((r) => r.orderId === refund.orderId)) throw new Error('unique orderId');
    this.rows.push(refund);
  }
  async find(id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async get(id: string) {
    return orFail(await this.find(id), `refund ${id}`);
  }
  async byOutRefundNo(outRefundNo: string) {
    return this.rows.find((r) => r.outRefundNo === outRefundNo) ?? null;
  }
  async ofQuote(_m: EntityManager, quoteId: string) {
    return this.rows.filter((r) => r.quoteId === quoteId);
  }
  async ofQuotes(quoteIds: string[]) {
    return this.rows.filter((r) => quoteIds.includes(r.quoteId));
  }
  async move(_m: EntityManager, id: string, from: readonly string[], patch: Partial<Refund>) {
    const r = await this.get(id);
    if (!from.includes(r.status)) return false;
    Object.assign(r, patch);
    return true;
  }
  async markQueried(id: string, at: Date) {
    (await this.get(id)).lastQueriedAt = at;
  }
  async dueForSweep(now: Date, take: number) {
    return this.rows
      .filter(
        (r) =>
          r.channel === 'wechat' &&
          ['pending', 'processing'].includes(r.status) &&
          (!r.leaseUntil || r.leaseUntil < now),
      )
      .slice(0, take);
  }
  async lease(id: string, now: Date, until: Date) {
    const r = await this.get(id);
    if (r.leaseUntil && r.leaseUntil >= now) return false;
    r.leaseUntil = until;
    return true;
  }
  async forReconciliation(projectId: string, from: Date, to: Date) {
    const inside = (d: Date | null) => !!d && d >= from && d <= to;
    return this.rows.filter(
      (r) =>
        r.projectId === projectId &&
        (inside(r.createdAt) ||
          inside(r.finishedAt) ||
          ['pending', 'processing', 'abnormal'].includes(r.status)),
    );
  }
  async ofProjectByOutRefundNos(projectId: string, outRefundNos: string[]) {
    return this.rows.filter((r) => r.projectId === projectId && outRefundNos.includes(r.outRefundNo));
  }
}

export class FakePayEvents implements Api<PayEventsRepository> {
  rows: (PayEventInput & { at: Date })[] = [];
  async record(_m: EntityManager, e: PayEventInput, at: Date) {
    this.rows.push({ ...e, at });
  }
  types() {
    return this.rows.map((e) => e.type);
  }
}

export class FakePayNotifications implements Api<PayNotificationsRepository> {
  rows: Parameters<PayNotificationsRepository['record']>[0][] = [];
  async record(row: Parameters<PayNotificationsRepository['record']>[0]) {
    this.rows.push(row);
  }
}

export class FakePaymentTickets implements Api<PaymentTicketsRepository> {
  rows: Ticket[] = [];
  timeline: (PaymentTicketEvent & { ticketId: string })[] = [];
  async get(id: string) {
    return orFail(
      this.rows.find((t) => t.id === id),
      `ticket ${id}`,
    );
  }
  async appendEvent(_m: EntityManager, ticketId: string, e: PaymentTicketEvent) {
    this.timeline.push({ ...e, ticketId });
  }
}

/** WeChat Pay as the services call it: answers set per test, calls counted. */
export class FakeWechatPayClient {
  enabled = true;
  config = { mchId: 'mch-1', appId: 'wx-app', orderTimeoutMinutes: 30, sweepIntervalMs: 60_000 };
  /** What a query of each order answers (null: WeChat does not know it). */
  transactions = new Map<string, WechatTransaction | null>();
  refundAnswers = new Map<string, WechatRefund | null>();
  closed: string[] = [];
  refundsSent: { outRefundNo: string; amountFen: number; totalFen: number }[] = [];
  async queryOrder(outTradeNo: string) {
    return this.transactions.get(outTradeNo) ?? null;
  }
  async closeOrder(outTradeNo: string) {
    this.closed.push(outTradeNo);
  }
  async refund(r: { outTradeNo: string; outRefundNo: string; amountFen: number; totalFen: number }) {
    this.refundsSent.push(r);
    return { status: 'PROCESSING', refund_id: `wx-${r.outRefundNo}` } as unknown as WechatRefund;
  }
  async queryRefund(outRefundNo: string) {
    return this.refundAnswers.get(outRefundNo) ?? null;
  }
  payParams(prepayId: string) {
    return { package: `prepay_id=${prepayId}` };
  }
  async createJsapiOrder() {
    return { prepayId: 'prepay-1', params: { package: 'prepay_id=prepay-1' } };
  }
  verifySignature() {}
  decryptResource(resource: Record<string, string>) {
    return resource.plain;
  }
  asClient(): WechatPayClient {
    return this as unknown as WechatPayClient;
  }
}

/** Every fake of a payments test, with the people and the ticket of a paid in-home repair. */
export function paymentWorld() {
  const clock = new Clock();
  clock.freeze('2026-12-01T02:00:00Z');
  const ticket = Object.assign(new Ticket(), {
    id: 'ticket-1',
    companyId: 'company-1',
    projectId: 'project-1',
    number: 'R20261201-0001',
    kind: 'repair',
    status: 'in_progress',
    householdId: 'household-1',
    residentId: 'resident-1',
    assigneeId: 'eng-1',
    anonymous: false,
    version: 3,
  });
  const engineer: AuthUser = {
    id: 'eng-1',
    kind: 'staff',
    role: 'dept_staff',
    name: '王师傅',
    companyId: 'company-1',
    projectId: 'project-1',
    departmentId: 'dept-1',
  };
  const lead: AuthUser = { ...engineer, id: 'lead-1', role: 'cs_lead', name: '李主管' };
  const resident: AuthUser = {
    id: 'resident-1',
    kind: 'resident',
    role: 'resident',
    name: '张女士',
    companyId: null,
    projectId: null,
    departmentId: null,
  };
  const ticketRows = new FakePaymentTickets();
  ticketRows.rows.push(ticket);
  const tickets = {
    findVisible: async (_u: AuthUser, id: string) => ticketRows.rows.find((t) => t.id === id) ?? null,
  } as unknown as TicketsService;
  return {
    clock,
    ticket,
    engineer,
    lead,
    resident,
    tickets,
    tx: new FakeTransactions(),
    quotes: new FakeQuotes(),
    priceItems: new FakePriceItems(),
    orders: new FakePayOrders(),
    refunds: new FakeRefunds(),
    events: new FakePayEvents(),
    notifications: new FakePayNotifications(),
    ticketRows,
    wechat: new FakeWechatPayClient(),
  };
}

/** A quote of the world's ticket in the given state. */
export function quoteOf(w: ReturnType<typeof paymentWorld>, fields: Partial<Quote> = {}): Quote {
  const q = Object.assign(new Quote(), {
    ticketId: w.ticket.id,
    projectId: w.ticket.projectId,
    seq: w.quotes.rows.length + 1,
    supplementary: false,
    status: 'sent',
    totalFen: 12_000,
    note: null,
    createdById: 'eng-1',
    createdByName: '王师傅',
    idempotencyKey: null,
    acceptedAt: null,
    paidAt: null,
    paidVia: null,
    declineReason: null,
    endedAt: null,
    workStartedAt: null,
    createdAt: w.clock.now(),
    ...fields,
  });
  w.quotes.rows.push(q);
  return q;
}

/** An order of a quote in the given state. */
export function orderOf(
  w: ReturnType<typeof paymentWorld>,
  q: Quote,
  fields: Partial<PayOrder> = {},
): PayOrder {
  const o = Object.assign(new PayOrder(), {
    quoteId: q.id,
    ticketId: q.ticketId,
    projectId: q.projectId,
    channel: 'wechat',
    outTradeNo: `P20261201${String(w.orders.rows.length + 1).padStart(20, '0')}`,
    openQuoteId: q.id,
    amountFen: q.totalFen,
    status: 'created',
    payerId: 'resident-1',
    openid: 'o-resident-1',
    prepayId: null,
    transactionId: null,
    expiresAt: new Date(w.clock.nowMs() + 30 * 60_000),
    paidAt: null,
    closedAt: null,
    note: null,
    lastQueriedAt: null,
    leaseUntil: null,
    createdAt: w.clock.now(),
    ...fields,
  });
  w.orders.rows.push(o);
  return o;
}

/** What WeChat says of a paid order. */
export function paidTransaction(
  w: ReturnType<typeof paymentWorld>,
  o: PayOrder,
  fields: Partial<WechatTransaction> = {},
): WechatTransaction {
  return {
    appid: w.wechat.config.appId,
    mchid: w.wechat.config.mchId,
    out_trade_no: o.outTradeNo,
    transaction_id: `4200${o.outTradeNo.slice(-10)}`,
    trade_state: 'SUCCESS',
    success_time: w.clock.now().toISOString(),
    amount: { total: o.amountFen, currency: 'CNY' },
    ...fields,
  };
}
