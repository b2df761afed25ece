import {
  findMismatches,
  formatFen,
  formatTradeBill,
  isChargeableTicket,
  parseTradeBill,
  priceQuote,
  QUOTE_MAX_TOTAL_FEN,
  refundStatusFromWechat,
  shanghaiDayRange,
  yuanToFen,
  type BillRow,
} from '.';

describe('money is whole fen', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(formatFen(12000)).toBe('¥120.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(-500)).toBe('-¥5.00');
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });

  it('reads yuan from a bill without floating-point error', () => {
    expect(yuanToFen('`0.01')).toBe(1);
    expect(yuanToFen('120')).toBe(12000);
    expect(yuanToFen('120.5')).toBe(12050);
    expect(yuanToFen('19.99')).toBe(1999); // 19.99 * 100 = 1998.9999… as a float
    expect(yuanToFen('-3.10')).toBe(-310);
    for (const bad of ['', '1.234', 'abc', '1,000.00', '1e3']) expect(yuanToFen(bad)).toBeNull();
  });
});

describe('what is charged (有偿维修)', () => {
  it('charges repairs inside a home and never common areas', () => {
    expect(isChargeableTicket({ kind: 'repair', householdId: 'h1' })).toBe(true);
    expect(isChargeableTicket({ kind: 'repair', householdId: null })).toBe(false);
    expect(isChargeableTicket({ kind: 'complaint', householdId: 'h1' })).toBe(false);
  });

  it('prices a quote: labour per item, call-out fee, materials at cost', () => {
    const q = priceQuote([
      { kind: 'callout', name: '上门费', unitPriceFen: 3000, quantity: 1 },
      { kind: 'labour', name: '更换水龙头', unit: '个', unitPriceFen: 4000, quantity: 2 },
      { kind: 'material', name: '水龙头（成本价）', unit: '个', unitPriceFen: 2550, quantity: 2 },
    ]);
    expect(q).toEqual({
      ok: true,
      totalFen: 3000 + 8000 + 5100,
      lines: [
        expect.objectContaining({ name: '上门费', unit: '项', amountFen: 3000 }),
        expect.objectContaining({ unit: '个', amountFen: 8000 }),
        expect.objectContaining({ amountFen: 5100 }),
      ],
    });
  });

  it('refuses empty, free, fractional or oversized quotes with a reason', () => {
    expect(priceQuote([])).toMatchObject({ ok: false, message: '请至少添加一项收费项目' });
    expect(priceQuote([{ kind: 'labour', name: '检查', unitPriceFen: 0, quantity: 1 }])).toMatchObject({
      ok: false,
      message: expect.stringContaining('免费维修无需报价'),
    });
    expect(priceQuote([{ kind: 'labour', name: '换灯', unitPriceFen: 10.5, quantity: 1 }])).toMatchObject({
      ok: false,
      line: 0,
    });
    expect(priceQuote([{ kind: 'labour', name: '换灯', unitPriceFen: 100, quantity: 1.5 }])).toMatchObject({
      ok: false,
      message: expect.stringContaining('数量'),
    });
    expect(priceQuote([{ kind: 'labour', name: '  ', unitPriceFen: 100, quantity: 1 }])).toMatchObject({
      ok: false,
    });
    expect(
      priceQuote([{ kind: 'material', name: '整体浴室', unitPriceFen: QUOTE_MAX_TOTAL_FEN, quantity: 2 }]),
    ).toMatchObject({ ok: false, message: expect.stringContaining('维修合同') });
    expect(priceQuote([{ kind: 'bribe' as never, name: 'x', unitPriceFen: 1, quantity: 1 }])).toMatchObject({
      ok: false,
    });
  });

  it('maps WeChat refund states', () => {
    expect(refundStatusFromWechat('SUCCESS')).toBe('succeeded');
    expect(refundStatusFromWechat('PROCESSING')).toBe('processing');
    expect(refundStatusFromWechat('ABNORMAL')).toBe('abnormal');
    expect(refundStatusFromWechat('what')).toBeNull();
  });
});

const row = (r: Partial<BillRow>): BillRow => ({
  tradeTime: '2026-11-23 10:00:00',
  appId: 'wxapp',
  mchId: '1900000001',
  transactionId: '4200000001',
  outTradeNo: 'PO1',
  tradeState: 'SUCCESS',
  totalFen: 12000,
  refundId: '',
  outRefundNo: '',
  refundFen: 0,
  refundStatus: '',
  ...r,
});

describe("WeChat's trade bill (交易账单)", () => {
  it('reads back what it writes, including amounts and refunds, and stops at the totals', () => {
    const rows = [
      row({}),
      row({
        outTradeNo: 'PO2',
        tradeState: 'REFUND',
        refundId: '5000001',
        outRefundNo: 'RF2',
        refundFen: 3050,
        refundStatus: 'SUCCESS',
      }),
    ];
    expect(parseTradeBill(formatTradeBill(rows))).toEqual(rows);
  });

  it('refuses a bill without the columns it needs', () => {
    expect(() => parseTradeBill('交易时间,商户号\n`x,`y')).toThrow('账单缺少');
    expect(parseTradeBill('')).toEqual([]);
  });
});

describe('daily reconciliation (日对账)', () => {
  it('covers one Beijing calendar day', () => {
    expect(shanghaiDayRange('2026-11-23')).toEqual({
      from: new Date('2026-11-22T16:00:00Z'),
      to: new Date('2026-11-23T16:00:00Z'),
    });
    expect(shanghaiDayRange('2026-02-30')).toBeNull();
    expect(shanghaiDayRange('yesterday')).toBeNull();
  });

  const now = new Date('2026-11-24T02:00:00Z');
  const base = { orders: [], refunds: [], payments: [], theirRefunds: [], now, complete: true };

  it('finds nothing when both sides agree', () => {
    expect(
      findMismatches({
        ...base,
        orders: [{ outTradeNo: 'PO1', amountFen: 12000, status: 'paid', channel: 'wechat' }],
        payments: [{ outTradeNo: 'PO1', totalFen: 12000, state: 'SUCCESS' }],
      }),
    ).toEqual([]);
  });

  it('flags money WeChat took that we did not record, unknown orders and different amounts', () => {
    const kinds = findMismatches({
      ...base,
      orders: [
        { outTradeNo: 'PO1', amountFen: 12000, status: 'created', channel: 'wechat' },
        { outTradeNo: 'PO2', amountFen: 5000, status: 'paid', channel: 'wechat' },
      ],
      payments: [
        { outTradeNo: 'PO1', totalFen: 12000, state: 'SUCCESS' },
        { outTradeNo: 'PO2', totalFen: 5001, state: 'SUCCESS' },
        { outTradeNo: 'PO9', totalFen: 100, state: 'SUCCESS' },
      ],
    }).map((m) => [m.kind, m.ref]);
    expect(kinds).toEqual([
      ['paid_not_recorded', 'PO1'],
      ['amount_mismatch', 'PO2'],
      ['unknown_order', 'PO9'],
    ]);
  });

  it('flags a payment we recorded that WeChat does not know, but not an offline one', () => {
    const m = findMismatches({
      ...base,
      orders: [
        { outTradeNo: 'PO1', amountFen: 12000, status: 'paid', channel: 'wechat' },
        { outTradeNo: 'OFF1', amountFen: 12000, status: 'paid', channel: 'offline' },
      ],
    });
    expect(m.map((x) => [x.kind, x.ref])).toEqual([['recorded_not_paid', 'PO1']]);
    // With per-order queries, an order WeChat gave no answer for is not proof of anything.
    expect(
      findMismatches({
        ...base,
        complete: false,
        orders: [{ outTradeNo: 'PO1', amountFen: 12000, status: 'paid', channel: 'wechat' }],
      }),
    ).toEqual([]);
  });

  it('flags refunds that differ, are unknown, abnormal or pending for more than three days', () => {
    const day = 24 * 3600 * 1000;
    const m = findMismatches({
      ...base,
      refunds: [
        {
          outRefundNo: 'RF1',
          amountFen: 100,
          status: 'processing',
          channel: 'wechat',
          createdAt: new Date(now.getTime() - 4 * day),
        },
        {
          outRefundNo: 'RF2',
          amountFen: 200,
          status: 'processing',
          channel: 'wechat',
          createdAt: new Date(now.getTime() - day),
        },
        { outRefundNo: 'RF3', amountFen: 300, status: 'abnormal', channel: 'wechat', createdAt: now },
      ],
      theirRefunds: [
        { outRefundNo: 'RF2', refundFen: 250, status: 'SUCCESS' },
        { outRefundNo: 'RF8', refundFen: 10, status: 'SUCCESS' },
      ],
    });
    expect(m.map((x) => [x.kind, x.ref])).toEqual([
      ['refund_amount_mismatch', 'RF2'],
      ['refund_state_mismatch', 'RF2'],
      ['refund_not_recorded', 'RF8'],
      ['refund_pending_too_long', 'RF1'],
      ['refund_abnormal', 'RF3'],
    ]);
  });
});
