import { shanghaiDate } from '@wuye/shared';
import { Clock } from '../src/common/clock';
import { Household, User } from '../src/org/entities';
import { PayNotification, PayOrder, Quote, QuoteItem, Refund } from '../src/payments/entities';
import { PaymentsSweepService } from '../src/payments/payments-sweep.service';
import { ReconciliationService } from '../src/payments/reconciliation.service';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { FakeWechatPay } from './support/fake-wechatpay';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

const MIN = 60_000;
type Json = Record<string, any>;

describe.each(DRIVERS)('paid repairs with WeChat Pay on %s', (driver) => {
  let t: TestApp;
  let fake: FakeWechatPay;
  let household1: string;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const price: Record<string, string> = {};

  beforeAll(async () => {
    fake = new FakeWechatPay();
    await fake.start();
    t = await startTestApp(driver, fake.env());
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    // A resident who signed in with WeChat has an openid; the demo accounts get one here.
    await t.ds.query('UPDATE users SET openid = ? WHERE demoKey = ?', ['o-resident-1', 'resident-1']);
    for (const k of ['resident-1', 'resident-2', 'front-desk', 'cs-lead', 'pm', 'eng-1', 'eng-2', 'hq']) {
      tok[k] = await t.login(k);
      ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
    }
    household1 = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const get = (path: string, who: string) => t.http.get(path).set(as(who));
  const post = (path: string, who: string, body: object = {}) => t.http.post(path).set(as(who)).send(body);
  const ticketOf = async (id: string, who = 'cs-lead') =>
    (await get(`/api/tickets/${id}`, who).expect(200)).body;
  const act = async (id: string, who: string, body: Json) => {
    const { version } = await ticketOf(id);
    return post(`/api/tickets/${id}/actions`, who, { version, ...body });
  };
  const charges = async (id: string, who: string) =>
    (await get(`/api/tickets/${id}/charges`, who).expect(200)).body;
  const sweeper = () => t.app.get(PaymentsSweepService);
  const clock = () => t.app.get(Clock);

  /** A repair inside 1栋1单元101, dispatched to 张师傅 who has started on it. */
  const inHomeRepair = async (content = '卫生间水龙头一直滴水，需要更换') => {
    const res = await t.http
      .post('/api/tickets')
      .set(as('resident-1'))
      .set('Idempotency-Key', idemKey())
      .send({ kind: 'repair', content, householdId: household1 })
      .expect(201);
    expect(
      (
        await act(res.body.id, 'front-desk', {
          action: 'assign',
          departmentCode: 'eng',
          assigneeId: ids['eng-1'],
        })
      ).status,
    ).toBe(200);
    expect((await act(res.body.id, 'eng-1', { action: 'start' })).status).toBe(200);
    return res.body.id as string;
  };
  /** 上门费 + 更换水龙头 from the list, the tap itself at cost. */
  const quoteBody = () => ({
    items: [
      { priceItemId: price.callout, quantity: 1 },
      { priceItemId: price.tap, quantity: 1 },
      { kind: 'material', name: '水龙头（成本价）', unit: '个', unitPriceFen: 4550, quantity: 1 },
    ],
    note: '更换卫生间水龙头',
  });
  const QUOTE_TOTAL = 3000 + 5000 + 4550;
  const sendQuote = async (ticketId: string, body: Json = quoteBody(), who = 'eng-1') =>
    (await post(`/api/tickets/${ticketId}/quotes`, who, body).set('Idempotency-Key', idemKey()).expect(201))
      .body;
  const payQuote = async (ticketId: string, quoteId: string) =>
    (await post(`/api/tickets/${ticketId}/quotes/${quoteId}/pay`, 'resident-1').expect(200)).body;
  const notify = (n: { headers: Record<string, string>; body: string }) =>
    t.http.post('/api/pay/wechat/notify').set(n.headers).set('Content-Type', 'application/json').send(n.body);
  const paidNotification = (outTradeNo: string, over: Json = {}, opts = {}) =>
    fake.notification(
      'TRANSACTION.SUCCESS',
      fake.transactionResource(fake.orders.get(outTradeNo)!, over),
      opts,
    );
  /** Everything a notification could change, to prove a refused one changed nothing. */
  const snapshot = async (ticketId: string) => ({
    ticket: await t.ds.getRepository(Ticket).findOneByOrFail({ id: ticketId }),
    events: await t.ds.getRepository(TicketEvent).countBy({ ticketId }),
    quotes: await t.ds.getRepository(Quote).find({ where: { ticketId }, order: { seq: 'ASC' } }),
    orders: await t.ds.getRepository(PayOrder).find({ where: { ticketId }, order: { createdAt: 'ASC' } }),
    refunds: await t.ds.getRepository(Refund).find({ where: { ticketId } }),
  });

  it('lets the project manager keep the price list, and everyone else only read it', async () => {
    const add = (body: Json, who = 'pm') => post('/api/pay/price-items', who, body);
    price.callout = (
      await add({ kind: 'callout', name: '上门费', unit: '次', priceFen: 3000 }).expect(201)
    ).body.id;
    price.tap = (
      await add({ kind: 'labour', name: '更换水龙头', unit: '个', priceFen: 5000 }).expect(201)
    ).body.id;
    price.pipe = (
      await add({ kind: 'material', name: 'PPR水管', unit: '米', priceFen: 1200 }).expect(201)
    ).body.id;
    const old = (await add({ kind: 'labour', name: '疏通下水道', priceFen: 8000 }).expect(201)).body.id;
    expect(
      (await add({ kind: 'labour', name: '换灯泡', priceFen: 1000 }, 'eng-1').expect(403)).body.message,
    ).toBe('只有项目经理可以修改维修价目表');
    expect((await add({ kind: 'tip', name: 'x', priceFen: -1 }).expect(400)).body.message).toEqual(
      expect.arrayContaining(['请选择收费类别：人工费、上门费或材料费', '价格不能为负数']),
    );
    await t.http.patch(`/api/pay/price-items/${old}`).set(as('pm')).send({ active: false }).expect(200);
    const list = (await get('/api/pay/price-items', 'eng-1').expect(200)).body.items;
    expect(list.map((i: Json) => i.name)).toEqual(['上门费', '更换水龙头', 'PPR水管']);
    await get('/api/pay/price-items', 'resident-1').expect(403);
    // the retired item, listed on request so the manager can restore it — with PUT, as wx.request has no PATCH
    const all = (await get('/api/pay/price-items?includeRetired=true', 'pm').expect(200)).body.items;
    expect(all.find((i: Json) => i.id === old)).toMatchObject({ name: '疏通下水道', active: false });
    await get('/api/pay/price-items?includeRetired=maybe', 'pm').expect(400);
    await t.http
      .put(`/api/pay/price-items/${old}`)
      .set(as('pm'))
      .send({ kind: 'labour', name: '疏通下水道', unit: '次', priceFen: 9000, sort: 0, active: true })
      .expect(200);
    await t.http.put(`/api/pay/price-items/${old}`).set(as('eng-1')).send({ active: false }).expect(403);
    const again = (await get('/api/pay/price-items', 'eng-1').expect(200)).body.items;
    expect(again.find((i: Json) => i.id === old)).toMatchObject({ priceFen: 9000, unit: '次', active: true });
    await t.http.put(`/api/pay/price-items/${old}`).set(as('pm')).send({ active: false }).expect(200);
  });

  it('needs none of it for a free common-area repair', async () => {
    const res = await t.http
      .post('/api/tickets')
      .set(as('resident-1'))
      .set('Idempotency-Key', idemKey())
      .send({ kind: 'repair', content: '3栋楼道灯不亮了，晚上很黑', location: '3栋2单元楼道' })
      .expect(201);
    const id = res.body.id;
    await act(id, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(id, 'eng-1', { action: 'start' });
    const refused = await post(`/api/tickets/${id}/quotes`, 'eng-1', quoteBody()).expect(400);
    expect(refused.body.message).toBe('公共区域维修不收费，无需报价');
    expect(await charges(id, 'resident-1')).toMatchObject({
      chargeable: false,
      canQuote: false,
      quotes: [],
      summary: '免费维修，无收费',
      totals: { paidFen: 0 },
    });
    expect((await act(id, 'eng-1', { action: 'mark_handled', note: '已更换灯泡' })).status).toBe(200);
  });

  it('takes a quote from the price list to a payment booked once, however often WeChat notifies', async () => {
    const id = await inHomeRepair();
    // Labour and call-out come from the list; a written-in labour line is refused.
    expect(
      (
        await post(`/api/tickets/${id}/quotes`, 'eng-1', {
          items: [{ kind: 'labour', name: '人工', unitPriceFen: 1, quantity: 1 }],
        }).expect(400)
      ).body.message,
    ).toBe('第 1 项：人工费和上门费请从维修价目表中选择');
    await post(`/api/tickets/${id}/quotes`, 'eng-2', quoteBody()).expect(403); // not the handler
    const key = idemKey();
    const sent = (
      await post(`/api/tickets/${id}/quotes`, 'eng-1', quoteBody()).set('Idempotency-Key', key).expect(201)
    ).body;
    const again = (
      await post(`/api/tickets/${id}/quotes`, 'eng-1', quoteBody()).set('Idempotency-Key', key).expect(201)
    ).body;
    expect(again.quotes).toHaveLength(1);
    const quote = sent.quotes[0];
    expect(quote).toMatchObject({
      status: 'sent',
      statusLabel: '待业主确认',
      totalFen: QUOTE_TOTAL,
      supplementary: false,
      items: [
        { kind: 'callout', name: '上门费', unit: '次', unitPriceFen: 3000, quantity: 1, amountFen: 3000 },
        { kind: 'labour', name: '更换水龙头', amountFen: 5000 },
        { kind: 'material', name: '水龙头（成本价）', unitPriceFen: 4550, amountFen: 4550 },
      ],
    });
    // Lines keep the price-list item they came from (and its price at the time).
    const stored = await t.ds
      .getRepository(QuoteItem)
      .find({ where: { quoteId: quote.id }, order: { position: 'ASC' } });
    expect(stored.map((i) => i.priceItemId)).toEqual([price.callout, price.tap, null]);

    // The resident sees the quote card and may pay or decline; the timeline says a quote was sent.
    const mine = await charges(id, 'resident-1');
    expect(mine.quotes[0].actions).toEqual(['pay', 'decline']);
    expect((await ticketOf(id, 'resident-1')).events.map((e: Json) => e.label)).toContain('报价已发送');
    // Work is not finished before the resident pays.
    const early = await act(id, 'eng-1', { action: 'mark_handled', note: '已更换' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('payment_pending');
    await post(`/api/tickets/${id}/quotes/${quote.id}/start-work`, 'eng-1').expect(409);

    const paid = await payQuote(id, quote.id);
    expect(paid.payParams).toMatchObject({
      appId: fake.appId,
      signType: 'RSA',
      package: expect.stringMatching(/^prepay_id=wx/),
    });
    expect(fake.paySignValid(paid.payParams)).toBe(true);
    const order = fake.orderByPrepay(paid.payParams.package);
    expect(order).toMatchObject({
      mchid: fake.mchId,
      amount: { total: QUOTE_TOTAL },
      payer: { openid: 'o-resident-1' },
      notify_url: fake.notifyUrl,
      description: expect.stringContaining('物业维修费'),
    });
    // Paying again before it expires gives the same order, freshly signed.
    const repeat = await payQuote(id, quote.id);
    expect(repeat.payParams.package).toBe(paid.payParams.package);
    expect(fake.calls.every((c) => c.authorized)).toBe(true);

    fake.pay(order.out_trade_no);
    const n = paidNotification(order.out_trade_no);
    await notify(n).expect(204);
    // WeChat retries: one after the other and all at once. Booked once.
    await notify(n).expect(204);
    const burst = await Promise.all([notify(n), notify(n), notify(n)]);
    expect(burst.map((r) => r.status)).toEqual([204, 204, 204]);
    await notify(paidNotification(order.out_trade_no, {}, { id: 'EV-another-delivery' })).expect(204);

    const after = await charges(id, 'resident-1');
    expect(after.quotes[0]).toMatchObject({
      status: 'paid',
      paidVia: 'wechat',
      paidViaLabel: '微信支付',
      actions: [],
    });
    expect(after.quotes[0].payments).toEqual([
      expect.objectContaining({ channel: 'wechat', status: 'paid', amountFen: QUOTE_TOTAL }),
    ]);
    expect(after.quotes[0].payments[0].outTradeNo).toBeUndefined(); // internal numbers are for staff
    expect(after.totals).toMatchObject({ paidFen: QUOTE_TOTAL, refundedFen: 0, netFen: QUOTE_TOTAL });
    const staffView = await charges(id, 'eng-1');
    expect(staffView.quotes[0].payments[0]).toMatchObject({
      outTradeNo: order.out_trade_no,
      transactionId: order.transaction_id,
    });
    expect(staffView.quotes[0].actions).toEqual(['start_work']);
    const labels = (await ticketOf(id, 'resident-1')).events.map((e: Json) => e.label);
    expect(labels.filter((l: string) => l === '已支付 ¥125.50')).toHaveLength(1);
    expect(labels).toContain('业主已接受报价');
    const outcomes = await t.ds.getRepository(PayNotification).findBy({ outTradeNo: order.out_trade_no });
    expect(outcomes.filter((o) => o.outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(5);

    await post(`/api/tickets/${id}/quotes/${quote.id}/start-work`, 'eng-1').expect(200);
    await post(`/api/tickets/${id}/quotes/${quote.id}/pay`, 'resident-1').expect(409);
    expect((await act(id, 'eng-1', { action: 'mark_handled', note: '已更换水龙头，试水正常' })).status).toBe(
      200,
    );
    // The return visit reads the charges.
    expect((await charges(id, 'cs-lead')).summary).toBe('已收 ¥125.50');
  });

  it('changes nothing for a notification that fails any check, and says so', async () => {
    const id = await inHomeRepair('厨房水管接头漏水，地上都是水');
    const quote = (await sendQuote(id)).quotes[0];
    const order = fake.orderByPrepay((await payQuote(id, quote.id)).payParams.package);
    fake.pay(order.out_trade_no);
    const before = await snapshot(id);
    const rejectedBefore = await t.ds.getRepository(PayNotification).countBy({ outcome: 'rejected' });

    const cases: [string, { headers: Record<string, string>; body: string }, number][] = [
      ['tampered body', paidNotification(order.out_trade_no, {}, { tamper: 'body' }), 401],
      ['tampered GCM tag', paidNotification(order.out_trade_no, {}, { tamper: 'tag' }), 400],
      [
        'wrong amount',
        paidNotification(order.out_trade_no, { amount: { total: 1, payer_total: 1, currency: 'CNY' } }),
        400,
      ],
      ['wrong mchid', paidNotification(order.out_trade_no, { mchid: '1900000999' }), 400],
      ['wrong appid', paidNotification(order.out_trade_no, { appid: 'wxsomeoneelse' }), 400],
      [
        'unknown order',
        paidNotification(order.out_trade_no, { out_trade_no: 'P20261123UNKNOWN0000000000001' }),
        404,
      ],
    ];
    const stale = paidNotification(order.out_trade_no);
    stale.headers['Wechatpay-Timestamp'] = String(Math.floor(Date.now() / 1000) - 3600);
    cases.push(['stale timestamp', stale, 401]);
    const unknownSerial = paidNotification(order.out_trade_no);
    unknownSerial.headers['Wechatpay-Serial'] = 'PUB_KEY_ID_SOMEBODYELSE';
    cases.push(['unknown serial', unknownSerial, 401]);
    const unsigned = paidNotification(order.out_trade_no);
    delete (unsigned.headers as Json)['Wechatpay-Signature'];
    cases.push(['no signature', unsigned, 401]);

    for (const [what, n, status] of cases) {
      const res = await notify(n);
      expect([what, res.status]).toEqual([what, status]);
      expect(res.body).toEqual({
        code: expect.stringMatching(/^(FAIL|SIGN_ERROR)$/),
        message: expect.any(String),
      });
      expect(await snapshot(id)).toEqual(before);
    }
    // Authentic but wrong ones are kept for the people who look into them; forgeries only go to the log.
    expect(await t.ds.getRepository(PayNotification).countBy({ outcome: 'rejected' })).toBe(
      rejectedBefore + 5,
    );

    await notify(paidNotification(order.out_trade_no)).expect(204);
    expect((await charges(id, 'resident-1')).quotes[0].status).toBe('paid');
  });

  it('sweeps: closes an unpaid order after the timeout and books a payment whose notification never came', async () => {
    const unpaidId = await inHomeRepair('阳台地漏堵塞，需要疏通');
    const lostId = await inHomeRepair('热水器不出热水，请师傅看看');
    const unpaidQuote = (await sendQuote(unpaidId)).quotes[0];
    const lostQuote = (await sendQuote(lostId)).quotes[0];
    const unpaid = fake.orderByPrepay((await payQuote(unpaidId, unpaidQuote.id)).payParams.package);
    const lost = fake.orderByPrepay((await payQuote(lostId, lostQuote.id)).payParams.package);
    fake.pay(lost.out_trade_no); // paid in WeChat; the notification is lost

    const now = clock().now();
    // Nothing is due yet.
    expect(await sweeper().sweep(now)).toEqual({ closed: 0, settled: 0, refundsSent: 0, refundsFinished: 0 });
    // A few minutes on, open orders are queried: the lost payment is booked, the unpaid order stays open.
    const soon = await sweeper().sweep(new Date(now.getTime() + 3 * MIN));
    expect(soon).toMatchObject({ closed: 0, settled: 1 });
    expect((await charges(lostId, 'resident-1')).quotes[0].status).toBe('paid');
    expect(fake.orders.get(unpaid.out_trade_no)!.trade_state).toBe('NOTPAY');

    // After the 30-minute timeout, two instances sweep at once: the order is closed once, at WeChat first.
    const late = new Date(now.getTime() + 31 * MIN);
    const both = await Promise.all([sweeper().sweep(late), sweeper().sweep(late)]);
    expect(both[0].closed + both[1].closed).toBe(1);
    expect(fake.orders.get(unpaid.out_trade_no)!.trade_state).toBe('CLOSED');
    const orders = await t.ds.getRepository(PayOrder).findBy({ ticketId: unpaidId });
    expect(orders).toEqual([expect.objectContaining({ status: 'closed', openQuoteId: null })]);
    expect(await sweeper().sweep(late)).toMatchObject({ closed: 0, settled: 0 });

    // The resident can still pay: a new order with a new number.
    clock().advance(31 * MIN);
    const retry = fake.orderByPrepay((await payQuote(unpaidId, unpaidQuote.id)).payParams.package);
    expect(retry.out_trade_no).not.toBe(unpaid.out_trade_no);
    clock().reset();
  });

  it('refunds in full when the ticket is cancelled before work starts, and follows the refund to its end', async () => {
    const id = await inHomeRepair('卧室空调不制冷');
    const quote = (await sendQuote(id)).quotes[0];
    const order = fake.orderByPrepay((await payQuote(id, quote.id)).payParams.package);
    fake.pay(order.out_trade_no);
    await notify(paidNotification(order.out_trade_no)).expect(204);

    expect((await act(id, 'resident-1', { action: 'cancel', reason: '自己找人修好了' })).status).toBe(200);
    const refund = [...fake.refunds.values()].find((r) => r.out_trade_no === order.out_trade_no)!;
    expect(refund).toMatchObject({
      status: 'PROCESSING',
      amount: { refund: QUOTE_TOTAL, total: QUOTE_TOTAL },
      notify_url: fake.notifyUrl,
    });
    let c = await charges(id, 'resident-1');
    expect(c.quotes[0]).toMatchObject({
      status: 'cancelled',
      refunds: [
        expect.objectContaining({ status: 'processing', statusLabel: '退款处理中', amountFen: QUOTE_TOTAL }),
      ],
    });
    expect(c.totals).toMatchObject({ paidFen: QUOTE_TOTAL, refundingFen: QUOTE_TOTAL, refundedFen: 0 });

    // A refund notification that does not match changes nothing.
    const before = await snapshot(id);
    fake.finishRefund(refund.out_refund_no);
    await notify(
      fake.notification(
        'REFUND.SUCCESS',
        fake.refundResource(refund, {
          amount: { total: QUOTE_TOTAL, refund: 1, payer_total: QUOTE_TOTAL, payer_refund: 1 },
        }),
      ),
    ).expect(400);
    await notify(fake.notification('REFUND.SUCCESS', fake.refundResource(refund), { tamper: 'tag' })).expect(
      400,
    );
    expect(await snapshot(id)).toEqual(before);

    const n = fake.notification('REFUND.SUCCESS', fake.refundResource(refund));
    await notify(n).expect(204);
    await notify(n).expect(204);
    c = await charges(id, 'resident-1');
    expect(c.quotes[0].refunds[0]).toMatchObject({
      status: 'succeeded',
      statusLabel: '已退款',
      finishedAt: expect.any(String),
    });
    expect(c.totals).toMatchObject({ paidFen: QUOTE_TOTAL, refundedFen: QUOTE_TOTAL, netFen: 0 });
    expect(c.summary).toBe('已收 ¥125.50，已退 ¥125.50');
    const labels = (await ticketOf(id, 'resident-1')).events.map((e: Json) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['已撤销', '退款 ¥125.50 处理中', '已退款 ¥125.50']));
    expect(labels.filter((l: string) => l === '已退款 ¥125.50')).toHaveLength(1);
  });

  it('settles a refund by querying when its notification never comes, and refuses to cancel once work started', async () => {
    const id = await inHomeRepair('燃气灶打不着火');
    const quote = (await sendQuote(id)).quotes[0];
    const order = fake.orderByPrepay((await payQuote(id, quote.id)).payParams.package);
    fake.pay(order.out_trade_no);
    await notify(paidNotification(order.out_trade_no)).expect(204);
    await act(id, 'cs-lead', { action: 'cancel', reason: '业主来电撤销' });
    const refund = [...fake.refunds.values()].find((r) => r.out_trade_no === order.out_trade_no)!;
    fake.finishRefund(refund.out_refund_no);
    const swept = await sweeper().sweep(clock().now());
    expect(swept.refundsFinished).toBe(1);
    expect((await charges(id, 'resident-1')).quotes[0].refunds[0].status).toBe('succeeded');

    const started = await inHomeRepair('马桶水箱漏水');
    const q2 = (await sendQuote(started)).quotes[0];
    const o2 = fake.orderByPrepay((await payQuote(started, q2.id)).payParams.package);
    fake.pay(o2.out_trade_no);
    await notify(paidNotification(o2.out_trade_no)).expect(204);
    await post(`/api/tickets/${started}/quotes/${q2.id}/start-work`, 'eng-1').expect(200);
    const refused = await act(started, 'resident-1', { action: 'cancel', reason: '不修了' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('work_started');
  });

  it('lets the project manager refund part of a paid repair after work started, through WeChat, reconciled', async () => {
    const id = await inHomeRepair('阳台推拉门轨道变形，推不动');
    const quote = (await sendQuote(id)).quotes[0];
    const order = fake.orderByPrepay((await payQuote(id, quote.id)).payParams.package);
    fake.pay(order.out_trade_no);
    await notify(paidNotification(order.out_trade_no)).expect(204);
    await post(`/api/tickets/${id}/quotes/${quote.id}/start-work`, 'eng-1').expect(200);
    // The resident cannot cancel any more; the manager is the one who can give money back.
    expect((await act(id, 'resident-1', { action: 'cancel', reason: '不修了' })).status).toBe(409);
    const staffView = await charges(id, 'pm');
    expect(staffView.quotes[0].canRefund).toBe(true);
    expect(staffView.quotes[0].payments[0]).toMatchObject({ refundable: true });
    expect((await charges(id, 'eng-1')).quotes[0].canRefund).toBe(false);
    expect((await charges(id, 'resident-1')).quotes[0].canRefund).toBe(false);
    const paymentId = staffView.quotes[0].payments[0].id;
    const refundReq = (who: string, body: Json) => post(`/api/tickets/${id}/refunds`, who, body);

    for (const who of ['eng-1', 'cs-lead', 'resident-1'])
      expect(
        (await refundReq(who, { orderId: paymentId, amountFen: 2000, reason: '维修效果不佳' }).expect(403))
          .body.message,
      ).toBe('只有项目经理可以办理退款');
    const tooMuch = await refundReq('pm', {
      orderId: paymentId,
      amountFen: QUOTE_TOTAL + 1,
      reason: '维修效果不佳',
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.message).toBe('退款金额不能超过实付金额 ¥125.50');
    const noReason = await refundReq('pm', { orderId: paymentId, amountFen: 2000, reason: ' ' }).expect(400);
    expect(noReason.body.message).toEqual(['请填写退款原因（至少 2 个字），住户会看到']);
    await refundReq('pm', { orderId: paymentId, amountFen: 0.5, reason: '维修效果不佳' }).expect(400);

    const done = (
      await refundReq('pm', { orderId: paymentId, amountFen: 2000, reason: '上门超时，退还上门费' }).expect(
        201,
      )
    ).body;
    const refund = [...fake.refunds.values()].find((r) => r.out_trade_no === order.out_trade_no)!;
    expect(refund).toMatchObject({
      status: 'PROCESSING',
      amount: { refund: 2000, total: QUOTE_TOTAL },
      reason: '上门超时，退还上门费',
    });
    expect(done.quotes[0]).toMatchObject({
      status: 'paid',
      refunds: [
        expect.objectContaining({ status: 'processing', amountFen: 2000, reason: '上门超时，退还上门费' }),
      ],
    });
    expect(done.quotes[0].canRefund).toBe(false);
    // One refund per payment.
    const twice = await refundReq('pm', { orderId: paymentId, reason: '再退一次' }).expect(409);
    expect(twice.body.message).toBe('这笔付款已经办理过退款，每笔付款只能退一次');

    fake.finishRefund(refund.out_refund_no);
    await notify(fake.notification('REFUND.SUCCESS', fake.refundResource(refund))).expect(204);
    const c = await charges(id, 'resident-1');
    expect(c.totals).toMatchObject({ paidFen: QUOTE_TOTAL, refundedFen: 2000, netFen: QUOTE_TOTAL - 2000 });
    expect(c.summary).toBe('已收 ¥125.50，已退 ¥20.00');
    const labels = (await ticketOf(id, 'resident-1')).events.map((e: Json) => e.label);
    expect(labels).toEqual(expect.arrayContaining(['退款 ¥20.00 处理中', '已退款 ¥20.00']));
    // The day's reconciliation finds the partial refund on WeChat's bill as we recorded it.
    const stored = await t.ds.getRepository(Refund).findOneByOrFail({ orderId: paymentId });
    const day = shanghaiDate(stored.createdAt);
    const rec = (await get(`/api/pay/reconciliation?day=${day}`, 'pm').expect(200)).body;
    expect(rec.mismatches).toEqual([]);
    expect(rec.refunds).toEqual(
      expect.arrayContaining([expect.objectContaining({ outRefundNo: stored.outRefundNo, amountFen: 2000 })]),
    );
  });

  it('refunds a payment that lands while the ticket is being cancelled', async () => {
    const id = await inHomeRepair('洗衣机龙头漏水');
    const quote = (await sendQuote(id)).quotes[0];
    const order = fake.orderByPrepay((await payQuote(id, quote.id)).payParams.package);
    fake.orders.get(order.out_trade_no)!.trade_state = 'USERPAYING'; // the payment sheet is open
    expect((await act(id, 'resident-1', { action: 'cancel', reason: '邻居帮忙修好了' })).status).toBe(200);
    expect((await charges(id, 'cs-lead')).quotes[0].status).toBe('accepted'); // could not be closed yet
    fake.orders.get(order.out_trade_no)!.trade_state = 'NOTPAY';
    fake.pay(order.out_trade_no);
    await notify(paidNotification(order.out_trade_no)).expect(204);
    const c = await charges(id, 'resident-1');
    expect(c.quotes[0]).toMatchObject({
      status: 'cancelled',
      payments: [expect.objectContaining({ status: 'paid' })],
      refunds: [
        expect.objectContaining({
          status: 'processing',
          reason: '工单已撤销，全额退款',
          amountFen: QUOTE_TOTAL,
        }),
      ],
    });
  });

  it('asks for a supplementary quote when extra work is found on site, and the resident pays it too', async () => {
    const id = await inHomeRepair('书房吊灯不亮了，换了灯泡也没用');
    const first = (await sendQuote(id)).quotes[0];
    const o1 = fake.orderByPrepay((await payQuote(id, first.id)).payParams.package);
    fake.pay(o1.out_trade_no);
    await notify(paidNotification(o1.out_trade_no)).expect(204);
    await post(`/api/tickets/${id}/quotes/${first.id}/start-work`, 'eng-1').expect(200);

    const extra = await sendQuote(id, {
      items: [{ priceItemId: price.pipe, quantity: 2 }],
      note: '拆开后发现水管老化，需另换2米',
    });
    const supp = extra.quotes[1];
    expect(supp).toMatchObject({ seq: 2, supplementary: true, status: 'sent', totalFen: 2400 });
    expect((await act(id, 'eng-1', { action: 'mark_handled', note: '已修好' })).status).toBe(409);
    expect((await ticketOf(id, 'resident-1')).events.map((e: Json) => e.label)).toContain('补充报价已发送');

    const o2 = fake.orderByPrepay((await payQuote(id, supp.id)).payParams.package);
    expect(o2.amount.total).toBe(2400);
    fake.pay(o2.out_trade_no);
    await notify(paidNotification(o2.out_trade_no)).expect(204);
    expect((await act(id, 'eng-1', { action: 'mark_handled', note: '已修好' })).status).toBe(200);
    const c = await charges(id, 'cs-lead');
    expect(c.totals).toMatchObject({ quotedFen: QUOTE_TOTAL + 2400, paidFen: QUOTE_TOTAL + 2400 });
  });

  it('lets the resident decline and staff withdraw a quote, which then cannot be paid', async () => {
    const id = await inHomeRepair('入户门锁坏了');
    const q1 = (await sendQuote(id)).quotes[0];
    await post(`/api/tickets/${id}/quotes/${q1.id}/decline`, 'resident-1', { reason: '太贵了' }).expect(200);
    const refused = await post(`/api/tickets/${id}/quotes/${q1.id}/pay`, 'resident-1').expect(409);
    expect(refused.body.message).toBe('这份报价业主未接受，无需支付');
    const q2 = (await sendQuote(id, { items: [{ priceItemId: price.tap, quantity: 1 }] })).quotes[1];
    // The resident started paying, then staff withdraw: the open WeChat order is closed first.
    const o = fake.orderByPrepay((await payQuote(id, q2.id)).payParams.package);
    await post(`/api/tickets/${id}/quotes/${q2.id}/withdraw`, 'eng-1', { reason: '改为免费处理' }).expect(
      200,
    );
    expect(fake.orders.get(o.out_trade_no)!.trade_state).toBe('CLOSED');
    const c = await charges(id, 'resident-1');
    expect(c.quotes.map((q: Json) => q.status)).toEqual(['declined', 'withdrawn']);
    expect((await act(id, 'eng-1', { action: 'mark_handled', note: '已免费更换锁芯' })).status).toBe(200);
  });

  it('makes one order for a double tap on 去支付: the second tap gets the open order, nothing is closed', async () => {
    // Resident 2's own flat: resident 1's flat has handled repairs by now, and a like one would reopen them.
    await t.ds.query('UPDATE users SET openid = ? WHERE demoKey = ?', ['o-resident-2', 'resident-2']);
    const flat = (await t.ds.getRepository(Household).findOneByOrFail({ label: '2栋2单元602' })).id;
    const id = (
      await t.http
        .post('/api/tickets')
        .set(as('resident-2'))
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'repair', content: '书房吊灯不亮了，换了灯泡也没用', householdId: flat })
        .expect(201)
    ).body.id as string;
    expect(
      (await act(id, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] }))
        .status,
    ).toBe(200);
    expect((await act(id, 'eng-1', { action: 'start' })).status).toBe(200);
    const q = (await sendQuote(id)).quotes[0];
    // WeChat takes a moment to answer: the second tap arrives while the first is still waiting for its order.
    fake.jsapiDelayMs = 400;
    try {
      const [a, b] = await Promise.all([
        post(`/api/tickets/${id}/quotes/${q.id}/pay`, 'resident-2'),
        new Promise((r) => setTimeout(r, 50)).then(() =>
          post(`/api/tickets/${id}/quotes/${q.id}/pay`, 'resident-2'),
        ),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body.orderId).toBe(a.body.orderId);
      expect(b.body.payParams.package).toBe(a.body.payParams.package);
    } finally {
      fake.jsapiDelayMs = 0;
    }
    const orders = await t.ds.getRepository(PayOrder).find({ where: { quoteId: q.id } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ status: 'created', openQuoteId: q.id });
    expect([...fake.orders.values()].filter((o) => o.out_trade_no === orders[0].outTradeNo)).toHaveLength(1);
    expect(fake.orders.get(orders[0].outTradeNo)!.trade_state).toBe('NOTPAY');
    // A later tap, the order still fresh, reuses it too.
    expect((await post(`/api/tickets/${id}/quotes/${q.id}/pay`, 'resident-2').expect(200)).body.orderId).toBe(
      orders[0].id,
    );
    expect(await t.ds.getRepository(PayOrder).countBy({ quoteId: q.id })).toBe(1);
  });

  it('waits for an order another instance is still making (no prepay id yet) instead of closing it', async () => {
    const flat = (await t.ds.getRepository(Household).findOneByOrFail({ label: '2栋2单元602' })).id;
    const id = (
      await t.http
        .post('/api/tickets')
        .set(as('resident-2'))
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'repair', content: '客厅窗户关不严，一刮风就响', householdId: flat })
        .expect(201)
    ).body.id as string;
    await act(id, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
    await act(id, 'eng-1', { action: 'start' });
    const q = (await sendQuote(id)).quotes[0];
    const first = (await post(`/api/tickets/${id}/quotes/${q.id}/pay`, 'resident-2').expect(200)).body;
    const order = await t.ds.getRepository(PayOrder).findOneByOrFail({ id: first.orderId });
    // As another instance sees it while its JSAPI call is under way: the row exists, its prepay id not yet.
    await t.ds.getRepository(PayOrder).update({ id: order.id }, { prepayId: null });
    setTimeout(
      () => void t.ds.getRepository(PayOrder).update({ id: order.id }, { prepayId: order.prepayId }),
      500,
    );
    const second = (await post(`/api/tickets/${id}/quotes/${q.id}/pay`, 'resident-2').expect(200)).body;
    expect(second.orderId).toBe(order.id);
    expect(second.payParams.package).toBe(first.payParams.package);
    expect(await t.ds.getRepository(PayOrder).countBy({ quoteId: q.id })).toBe(1);
    expect(fake.orders.get(order.outTradeNo)!.trade_state).toBe('NOTPAY');
  });

  it('reconciles a day against the trade bill and flags what does not match', async () => {
    const someOrder = await t.ds
      .getRepository(PayOrder)
      .findOneOrFail({ where: { status: 'paid', channel: 'wechat' } });
    const day = shanghaiDate(someOrder.paidAt!);
    await get(`/api/pay/reconciliation?day=${day}`, 'eng-1').expect(403);
    const clean = (await get(`/api/pay/reconciliation?day=${day}`, 'pm').expect(200)).body;
    expect(clean.source).toBe('tradebill');
    expect(clean.mismatches).toEqual([]);
    expect(clean.totals.wechatPaidFen).toBeGreaterThan(0);

    // Inject: WeChat took money for an order we never made, and one of ours lost its payment record.
    fake.extraBillRows.push({
      tradeTime: `${day} 12:00:00`,
      appId: fake.appId,
      mchId: fake.mchId,
      transactionId: '4200000000000000000000000001',
      outTradeNo: 'P20991231FFFFFFFFFFFFFFFFFFFF',
      tradeState: 'SUCCESS',
      totalFen: 990,
      refundId: '',
      outRefundNo: '',
      refundFen: 0,
      refundStatus: '',
    });
    await t.ds.getRepository(PayOrder).update({ id: someOrder.id }, { status: 'created' });
    const flagged = (await get(`/api/pay/reconciliation?day=${day}`, 'cs-lead').expect(200)).body;
    expect(flagged.mismatches.map((m: Json) => [m.kind, m.ref])).toEqual(
      expect.arrayContaining([
        ['paid_not_recorded', someOrder.outTradeNo],
        ['unknown_order', 'P20991231FFFFFFFFFFFFFFFFFFFF'],
      ]),
    );
    // Without a bill (not generated yet) each order is queried instead.
    fake.billsAvailable = false;
    const queried = await t.app.get(ReconciliationService).reconcile(someOrder.projectId, day);
    expect(queried.source).toBe('query');
    expect(queried.mismatches.map((m: Json) => m.kind)).toContain('paid_not_recorded');
    fake.billsAvailable = true;
    await t.ds.getRepository(PayOrder).update({ id: someOrder.id }, { status: 'paid' });
  });
});

describe.each(DRIVERS)('paid repairs without a merchant on %s', (driver) => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let eng1 = '';

  beforeAll(async () => {
    t = await startTestApp(driver);
    await t.settings('UPDATE projects SET autoRoute = ?', [false]);
    for (const k of ['resident-1', 'front-desk', 'pm', 'eng-1', 'cs-lead']) tok[k] = await t.login(k);
    eng1 = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: 'eng-1' })).id;
  });
  afterAll(() => t?.close());

  const as = (who: string) => ({ Authorization: `Bearer ${tok[who]}` });
  const post = (path: string, who: string, body: object = {}) => t.http.post(path).set(as(who)).send(body);
  const act = async (id: string, who: string, body: Json) => {
    const { version } = (await t.http.get(`/api/tickets/${id}`).set(as('cs-lead')).expect(200)).body;
    return post(`/api/tickets/${id}/actions`, who, { version, ...body });
  };

  it('says 支付未开通 and lets staff take the money offline, and give it back on cancellation', async () => {
    expect((await t.http.get('/api/pay/status').set(as('resident-1')).expect(200)).body).toEqual({
      enabled: false,
      message: '支付未开通，请联系工作人员线下收款',
    });
    const item = (
      await post('/api/pay/price-items', 'pm', { kind: 'labour', name: '更换插座', priceFen: 2000 }).expect(
        201,
      )
    ).body;
    const household = (await t.ds.getRepository(Household).findOneByOrFail({ label: '1栋1单元101' })).id;
    const id = (
      await t.http
        .post('/api/tickets')
        .set(as('resident-1'))
        .set('Idempotency-Key', idemKey())
        .send({ kind: 'repair', content: '客厅插座烧坏了，需要更换', householdId: household })
        .expect(201)
    ).body.id;
    await act(id, 'front-desk', { action: 'assign', departmentCode: 'eng', assigneeId: eng1 });
    const quote = (
      await post(`/api/tickets/${id}/quotes`, 'eng-1', {
        items: [{ priceItemId: item.id, quantity: 2 }],
      }).expect(201)
    ).body.quotes[0];
    const refused = await post(`/api/tickets/${id}/quotes/${quote.id}/pay`, 'resident-1').expect(409);
    expect(refused.body).toMatchObject({
      code: 'pay_disabled',
      message: '支付未开通，请联系工作人员线下收款',
    });
    await post(`/api/tickets/${id}/quotes/${quote.id}/offline-payment`, 'eng-1', { method: 'bribe' }).expect(
      400,
    );
    const paid = (
      await post(`/api/tickets/${id}/quotes/${quote.id}/offline-payment`, 'eng-1', {
        method: 'cash',
        note: '收据 No.0012',
      }).expect(200)
    ).body;
    expect(paid.quotes[0]).toMatchObject({ status: 'paid', paidVia: 'offline', paidViaLabel: '线下收款' });
    expect(paid.quotes[0].payments[0]).toMatchObject({
      channel: 'offline',
      amountFen: 4000,
      note: '现金，收据 No.0012',
    });

    expect((await act(id, 'resident-1', { action: 'cancel', reason: '不需要了' })).status).toBe(200);
    const refund = await t.ds.getRepository(Refund).findOneByOrFail({ ticketId: id });
    expect(refund).toMatchObject({ channel: 'offline', status: 'pending', amountFen: 4000 });
    await post(`/api/pay/refunds/${refund.id}/offline-done`, 'eng-1').expect(403);
    const done = (await post(`/api/pay/refunds/${refund.id}/offline-done`, 'cs-lead').expect(200)).body;
    expect(done.quotes[0].refunds[0]).toMatchObject({ status: 'succeeded' });
    expect(done.totals).toMatchObject({ paidFen: 4000, refundedFen: 4000 });
    // The sweep has nothing to do without a merchant.
    expect(await t.app.get(PaymentsSweepService).sweep(new Date())).toEqual({
      closed: 0,
      settled: 0,
      refundsSent: 0,
      refundsFinished: 0,
    });
  });
});
