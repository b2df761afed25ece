import { ConflictException, ForbiddenException, Logger } from '@nestjs/common';
import { PriceItem } from '../src/payments/entities';
import { ChargesService } from '../src/payments/charges.service';
import { SendQuoteDto } from '../src/payments/dto';
import { PaidRepairGuard } from '../src/payments/paid-repair.guard';
import { PayNotificationsService } from '../src/payments/pay-notifications.service';
import { PaymentsService } from '../src/payments/payments.service';
import { PaymentsSweepService } from '../src/payments/payments-sweep.service';
import { QuotesService } from '../src/payments/quotes.service';
import { RefundsService } from '../src/payments/refunds.service';
import { QuoteSettlementService } from '../src/payments/settlement.service';
import type { JobsService } from '../src/jobs/jobs.service';
import { as, orderOf, paidTransaction, paymentWorld, quoteOf } from './support/payment-fakes';

/**
 * The rules of paid repairs 有偿维修, each run by its service against in-memory repositories (no database);
 * the e2e suite (payments.e2e-spec.ts) runs the same services on SQLite and MariaDB.
 */

type World = ReturnType<typeof paymentWorld>;

function servicesOf(w: World) {
  const client = w.wechat.asClient();
  const charges = new ChargesService(
    w.tickets,
    client,
    as(w.ticketRows),
    as(w.quotes),
    as(w.orders),
    as(w.refunds),
  );
  const refunds = new RefundsService(
    as(w.tx),
    as(w.refunds),
    as(w.orders),
    as(w.events),
    as(w.ticketRows),
    client,
    w.clock,
    w.tickets,
    charges,
  );
  const settlement = new QuoteSettlementService(
    as(w.tx),
    as(w.quotes),
    as(w.orders),
    as(w.ticketRows),
    as(w.events),
    refunds,
    client,
    w.clock,
  );
  const jobs = { every: () => undefined } as unknown as JobsService;
  return {
    charges,
    refunds,
    settlement,
    quotes: new QuotesService(
      as(w.tx),
      as(w.quotes),
      as(w.priceItems),
      as(w.events),
      as(w.ticketRows),
      charges,
      settlement,
      w.clock,
    ),
    payments: new PaymentsService(
      as(w.tx),
      as(w.quotes),
      as(w.orders),
      as(w.events),
      as(w.ticketRows),
      charges,
      settlement,
      client,
      w.clock,
    ),
    notifications: new PayNotificationsService(
      client,
      w.clock,
      as(w.notifications),
      as(w.orders),
      as(w.refunds),
      settlement,
      refunds,
    ),
    sweep: new PaymentsSweepService(client, jobs, as(w.orders), as(w.refunds), settlement, refunds),
    guard: new PaidRepairGuard(
      as(w.tx),
      as(w.quotes),
      as(w.orders),
      as(w.refunds),
      as(w.events),
      settlement,
      refunds,
      w.clock,
    ),
  };
}

function priceItem(w: World, fields: Partial<PriceItem>): PriceItem {
  const p = Object.assign(new PriceItem(), {
    projectId: w.ticket.projectId,
    kind: 'labour',
    name: '更换水龙头',
    unit: '个',
    priceFen: 8_000,
    active: true,
    sort: 0,
    ...fields,
  });
  w.priceItems.rows.push(p);
  return p;
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as { getResponse?: () => unknown; message: string },
  );

beforeAll(() => Logger.overrideLogger(false));
afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

describe('QuotesService (报价)', () => {
  it('refuses a new quote while the resident is paying the accepted one', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    quoteOf(w, { status: 'accepted' });
    const p = priceItem(w, {});
    await expect(
      s.quotes.sendQuote(w.engineer, w.ticket.id, {
        items: [{ priceItemId: p.id, quantity: 1 }],
      } as SendQuoteDto),
    ).rejects.toThrow('业主已接受上一份报价、正在支付；如需修改，请先撤回该报价');
    expect(w.quotes.rows).toHaveLength(1);
    expect(w.events.rows).toEqual([]);
  });

  it('replaces a quote still unanswered, and tells the resident it is an updated one', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const old = quoteOf(w, { status: 'sent' });
    const p = priceItem(w, {});
    const summary = await s.quotes.sendQuote(w.engineer, w.ticket.id, {
      items: [{ priceItemId: p.id, quantity: 2 }],
    } as SendQuoteDto);
    expect(old).toMatchObject({ status: 'withdrawn' });
    expect(summary.quotes.map((q) => [q.seq, q.status, q.totalFen])).toEqual([
      [1, 'withdrawn', 12_000],
      [2, 'sent', 16_000],
    ]);
    expect(w.events.types()).toEqual(['quote_withdrawn', 'quote_sent']);
    expect(w.ticketRows.timeline.at(-1)!.note).toMatch(/^更新后的维修报价 /);
  });

  it('prices labour at the list price whatever staff type in', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const p = priceItem(w, { kind: 'labour', priceFen: 8_000 });
    await s.quotes.sendQuote(w.engineer, w.ticket.id, {
      items: [{ priceItemId: p.id, quantity: 1, unitPriceFen: 1 }],
    } as SendQuoteDto);
    expect(w.quotes.items[0]).toMatchObject({ unitPriceFen: 8_000, amountFen: 8_000 });
  });
});

describe('PaymentsService (支付)', () => {
  it('refuses to take money for a quote already paid', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'paid', paidVia: 'wechat' });
    const offline = await rejection(
      s.payments.recordOfflinePayment(w.lead, w.ticket.id, q.id, { method: 'cash' }),
    );
    expect(offline).toBeInstanceOf(ConflictException);
    expect(offline.getResponse!()).toMatchObject({ code: 'already_paid', message: '这份报价已支付' });
    w.orders.openids.set(w.resident.id, 'o-resident-1');
    const online = await rejection(s.payments.pay(w.resident, w.ticket.id, q.id));
    expect(online.getResponse!()).toMatchObject({ code: 'already_paid' });
    expect(w.orders.rows).toEqual([]);
  });

  it('asks the resident to sign in through the mini-program before paying', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w);
    const e = await rejection(s.payments.pay(w.resident, w.ticket.id, q.id));
    expect(e.getResponse!()).toMatchObject({ code: 'no_openid', message: '请在微信小程序中登录后再支付' });
    expect(q.status).toBe('sent');
  });

  it('hands back the open order while it is fresh instead of making another', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    w.orders.openids.set(w.resident.id, 'o-resident-1');
    const q = quoteOf(w, { status: 'accepted' });
    const open = orderOf(w, q, { prepayId: 'prepay-open' });
    const answer = await s.payments.pay(w.resident, w.ticket.id, q.id);
    expect(answer).toMatchObject({ orderId: open.id, amountFen: q.totalFen });
    expect(w.orders.rows).toHaveLength(1);
  });
});

describe('QuoteSettlementService (结算)', () => {
  it('books a payment once however often WeChat reports it', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q);
    const tx = paidTransaction(w, o);
    expect(await s.settlement.applyPaid(o, tx, 'wechat')).toBe('applied');
    expect(await s.settlement.applyPaid(o, tx, 'query')).toBe('duplicate');
    expect(q).toMatchObject({ status: 'paid', paidVia: 'wechat' });
    expect(o).toMatchObject({ status: 'paid', openQuoteId: null, transactionId: tx.transaction_id });
    expect(w.events.types()).toEqual(['paid']);
    expect(w.refunds.rows).toEqual([]);
  });

  it('refunds in full a second payment of a quote already paid', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'paid', paidVia: 'offline' });
    const second = orderOf(w, q);
    await s.settlement.applyPaid(second, paidTransaction(w, second), 'wechat');
    expect(w.refunds.rows).toHaveLength(1);
    expect(w.refunds.rows[0]).toMatchObject({
      orderId: second.id,
      amountFen: second.amountFen,
      reason: '重复支付，全额退款',
      status: 'processing',
    });
    expect(w.wechat.refundsSent).toEqual([
      expect.objectContaining({ outTradeNo: second.outTradeNo, amountFen: 12_000, totalFen: 12_000 }),
    ]);
  });

  it('cancels the quote and refunds a payment that lands after the ticket was cancelled', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q);
    w.ticket.status = 'cancelled';
    await s.settlement.applyPaid(o, paidTransaction(w, o), 'wechat');
    expect(q.status).toBe('cancelled');
    expect(w.refunds.rows.map((r) => r.reason)).toEqual(['工单已撤销，全额退款']);
  });
});

describe('RefundsService (退款)', () => {
  it('applies nothing when WeChat reports a refund of another amount than ours', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'cancelled' });
    const o = orderOf(w, q, { status: 'paid', openQuoteId: null });
    const refund = await s.refunds.createRefund(
      {} as never,
      o,
      '开工前撤销，全额退款',
      w.lead,
      w.clock.now(),
    );
    refund.status = 'processing';
    w.wechat.refundAnswers.set(refund.outRefundNo, {
      refund_id: 'wx-r1',
      out_refund_no: refund.outRefundNo,
      out_trade_no: o.outTradeNo,
      status: 'SUCCESS',
      amount: { refund: refund.amountFen + 5_000, total: o.amountFen },
    } as never);
    await s.refunds.queryRefund(refund, w.clock.now());
    expect(refund.status).toBe('processing');
    expect(w.events.types()).toEqual(['refund_requested']);
  });

  it('moves a refund forward only once, whoever reports it', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'cancelled' });
    const o = orderOf(w, q, { status: 'paid', channel: 'offline', openQuoteId: null });
    const refund = await s.refunds.createRefund(
      {} as never,
      o,
      '开工前撤销，全额退款',
      w.lead,
      w.clock.now(),
    );
    expect(await s.refunds.applyRefundState(refund, 'succeeded', null, w.lead, 'staff')).toBe('applied');
    expect(await s.refunds.applyRefundState(refund, 'succeeded', null, w.lead, 'staff')).toBe('duplicate');
    expect(w.ticketRows.timeline.map((e) => e.action)).toEqual(['refund_requested', 'refund_succeeded']);
  });

  it('lets only a lead or the manager confirm that cash was handed back', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'cancelled' });
    const o = orderOf(w, q, { status: 'paid', channel: 'offline', openQuoteId: null });
    const refund = await s.refunds.createRefund(
      {} as never,
      o,
      '开工前撤销，全额退款',
      w.lead,
      w.clock.now(),
    );
    const e = await rejection(s.refunds.confirmOfflineRefund(w.engineer, refund.id));
    expect(e).toBeInstanceOf(ForbiddenException);
    expect(e.message).toBe('只有客服主管或项目经理可以确认线下退款');
    expect(refund.status).toBe('pending');
  });
});

describe('ChargesService (收费明细)', () => {
  it('shows residents only what was paid, without the internal numbers', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'paid', paidVia: 'wechat' });
    orderOf(w, q, { status: 'closed', openQuoteId: null });
    orderOf(w, q, { status: 'paid', openQuoteId: null, transactionId: '4200000001' });
    const [mine] = (await s.charges.chargesFor(w.resident, w.ticket.id)).quotes;
    expect(mine.payments).toHaveLength(1);
    expect(mine.payments[0]).not.toHaveProperty('outTradeNo');
    expect(mine.payments[0]).not.toHaveProperty('transactionId');
    const [staff] = (await s.charges.chargesFor(w.lead, w.ticket.id)).quotes;
    expect(staff.payments.map((p) => p.status)).toEqual(['closed', 'paid']);
    expect(staff.payments[1]).toHaveProperty('transactionId', '4200000001');
  });

  it('counts what was paid less what was refunded', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const first = quoteOf(w, { status: 'cancelled', totalFen: 10_000 });
    const second = quoteOf(w, { status: 'paid', totalFen: 3_000, supplementary: true });
    const o1 = orderOf(w, first, { status: 'paid', openQuoteId: null });
    orderOf(w, second, { status: 'paid', openQuoteId: null });
    const r = await s.refunds.createRefund({} as never, o1, '开工前撤销，全额退款', w.lead, w.clock.now());
    r.status = 'succeeded';
    const { totals } = await s.charges.chargeSummary(w.ticket.id, w.lead);
    expect(totals).toEqual({
      quotedFen: 3_000,
      paidFen: 13_000,
      refundedFen: 10_000,
      refundingFen: 0,
      netFen: 3_000,
    });
  });
});

describe('PayNotificationsService (支付通知)', () => {
  const notice = (resource: object, id = 'n-1') =>
    Buffer.from(
      JSON.stringify({
        id,
        event_type: 'TRANSACTION.SUCCESS',
        resource: { plain: JSON.stringify(resource) },
      }),
    );

  it('refuses a payment notification whose amount is not the order’s, and books nothing', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q);
    const tx = paidTransaction(w, o, { amount: { total: 1, currency: 'CNY' } });
    const answer = await s.notifications.handleNotification({}, notice(tx));
    expect(answer).toEqual({ status: 400, body: { code: 'FAIL', message: '通知内容与订单不符' } });
    expect(o.status).toBe('created');
    expect(q.status).toBe('accepted');
    expect(w.notifications.rows.map((n) => [n.outcome, n.reason])).toEqual([
      ['rejected', 'amount 1 ≠ 12000'],
    ]);
  });

  it('books a payment notification once and answers its replay with 204 too', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q);
    const body = notice(paidTransaction(w, o));
    expect(await s.notifications.handleNotification({}, body)).toEqual({ status: 204 });
    expect(await s.notifications.handleNotification({}, body)).toEqual({ status: 204 });
    expect(w.notifications.rows.map((n) => n.outcome)).toEqual(['applied', 'duplicate']);
    expect(w.events.types()).toEqual(['paid']);
  });
});

describe('PaymentsSweepService (支付巡检)', () => {
  it('closes an unpaid order once its time is up, at WeChat first', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q, { expiresAt: new Date(w.clock.nowMs() - 1) });
    w.wechat.transactions.set(o.outTradeNo, { ...paidTransaction(w, o), trade_state: 'NOTPAY' });
    expect(await s.sweep.sweep(w.clock.now())).toEqual({
      closed: 1,
      settled: 0,
      refundsSent: 0,
      refundsFinished: 0,
    });
    expect(w.wechat.closed).toEqual([o.outTradeNo]);
    expect(o).toMatchObject({ status: 'closed', openQuoteId: null });
    expect(q.status).toBe('accepted'); // the ticket is open: the resident may pay again
  });

  it('leaves alone an order another instance is sweeping', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const q = quoteOf(w, { status: 'accepted' });
    const o = orderOf(w, q, {
      expiresAt: new Date(w.clock.nowMs() - 1),
      leaseUntil: new Date(w.clock.nowMs() + 60_000),
    });
    expect((await s.sweep.sweep(w.clock.now())).closed).toBe(0);
    expect(o.status).toBe('created');
    expect(w.wechat.closed).toEqual([]);
  });
});

describe('PaidRepairGuard (有偿维修与工单流转)', () => {
  it('refuses to mark a paid repair handled while its quote waits for payment', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    quoteOf(w, { status: 'sent' });
    const e = await rejection(s.guard.beforeAction(w.engineer, w.ticket, 'mark_handled'));
    expect(e.getResponse!()).toMatchObject({ code: 'payment_pending' });
    await expect(s.guard.beforeAction(w.engineer, w.ticket, 'cancel')).resolves.toBeUndefined();
  });

  it('refuses to cancel once paid work has started', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    quoteOf(w, { status: 'paid', workStartedAt: w.clock.now() });
    const e = await rejection(s.guard.beforeAction(w.lead, w.ticket, 'cancel'));
    expect(e.getResponse!()).toMatchObject({
      code: 'work_started',
      message: '有偿维修已开工，不能直接撤销；如需退款请联系项目经理',
    });
  });

  it('refunds a paid quote in full when the ticket is cancelled before work starts', async () => {
    const w = paymentWorld();
    const s = servicesOf(w);
    const unpaid = quoteOf(w, { status: 'sent', totalFen: 5_000 });
    const paid = quoteOf(w, { status: 'paid', paidVia: 'wechat' });
    const o = orderOf(w, paid, { status: 'paid', openQuoteId: null });
    w.ticket.status = 'cancelled';
    await s.guard.afterAction(w.lead, w.ticket, 'cancel');
    expect([unpaid.status, paid.status]).toEqual(['cancelled', 'cancelled']);
    expect(w.refunds.rows).toEqual([
      expect.objectContaining({ orderId: o.id, amountFen: 12_000, reason: '开工前撤销，全额退款' }),
    ]);
    expect(w.wechat.refundsSent).toHaveLength(1);
  });
});
