import type { ChargeSummary, QuoteView } from '../services/types';
import {
  createStepGuard,
  paymentFailure,
  payMode,
  quoteCards,
  requestPaymentOptions,
  showCharges,
} from './charges';

const quote = (over: Partial<QuoteView> = {}): QuoteView => ({
  id: 'q1',
  seq: 1,
  supplementary: false,
  status: 'sent',
  statusLabel: '待业主确认',
  totalFen: 12550,
  note: '更换卫生间水龙头',
  createdByName: '张师傅',
  createdAt: '2026-11-23T02:00:00Z',
  acceptedAt: null,
  paidAt: null,
  paidVia: null,
  paidViaLabel: null,
  declineReason: null,
  endedAt: null,
  workStartedAt: null,
  actions: ['pay', 'decline'],
  items: [
    { kind: 'callout', name: '上门费', unit: '次', unitPriceFen: 3000, quantity: 1, amountFen: 3000 },
    { kind: 'material', name: 'PPR水管', unit: '米', unitPriceFen: 1200, quantity: 2, amountFen: 2400 },
  ],
  payments: [],
  refunds: [],
  ...over,
});
const summary = (quotes: QuoteView[], over: Partial<ChargeSummary> = {}): ChargeSummary => ({
  ticketId: 't1',
  chargeable: true,
  payEnabled: true,
  payMessage: null,
  canQuote: false,
  quotes,
  totals: { quotedFen: 0, paidFen: 0, refundedFen: 0, refundingFen: 0, netFen: 0 },
  summary: '',
  ...over,
});

describe('the quote card (报价卡片)', () => {
  it('shows each line with unit price, quantity and amount, and the total in yuan', () => {
    const [card] = quoteCards(summary([quote()]));
    expect(card).toMatchObject({
      title: '维修报价',
      statusText: '待业主确认',
      waiting: true,
      totalText: '¥125.50',
      lines: [
        { name: '上门费', detail: '¥30.00 × 1次', amount: '¥30.00' },
        { name: 'PPR水管', detail: '¥12.00 × 2米', amount: '¥24.00' },
      ],
      actions: ['pay', 'decline'],
      paymentText: null,
    });
  });

  it('says how a quote was paid and where its refund stands', () => {
    const [card] = quoteCards(
      summary([
        quote({
          supplementary: true,
          status: 'cancelled',
          statusLabel: '已取消',
          actions: [],
          payments: [
            {
              id: 'o1',
              channel: 'wechat',
              channelLabel: '微信支付',
              status: 'paid',
              statusLabel: '已支付',
              amountFen: 2400,
              paidAt: 'x',
            },
          ],
          refunds: [
            {
              id: 'r1',
              channel: 'wechat',
              status: 'processing',
              statusLabel: '退款处理中',
              amountFen: 2400,
              reason: '开工前撤销',
              createdAt: '2026-11-23T03:00:00Z',
              finishedAt: null,
            },
          ],
        }),
      ]),
    );
    expect(card).toMatchObject({
      title: '补充报价',
      waiting: false,
      paymentText: '已支付 ¥24.00（微信支付）',
      refundTexts: ['退款处理中 ¥24.00'],
    });
  });

  it('has no section for a free repair, but staff who may quote see one', () => {
    expect(showCharges(summary([]))).toBe(false);
    expect(showCharges(summary([], { canQuote: true }))).toBe(true);
    expect(showCharges(null)).toBe(false);
    expect(quoteCards(undefined)).toEqual([]);
  });
});

describe('paying (wx.requestPayment)', () => {
  it('pays in the mini-program only; H5 says to open WeChat; without a merchant it is off', () => {
    expect(payMode('weapp', true)).toBe('wechat');
    expect(payMode('h5', true)).toBe('h5');
    expect(payMode('weapp', false)).toBe('disabled');
  });

  it('passes the server-signed fields through unchanged', () => {
    const p = {
      appId: 'wx1',
      timeStamp: '1700000000',
      nonceStr: 'n',
      package: 'prepay_id=wx9',
      signType: 'RSA' as const,
      paySign: 's',
    };
    expect(requestPaymentOptions(p)).toEqual({
      timeStamp: '1700000000',
      nonceStr: 'n',
      package: 'prepay_id=wx9',
      signType: 'RSA',
      paySign: 's',
    });
  });

  it('tells a closed payment sheet from a failure', () => {
    expect(paymentFailure({ errMsg: 'requestPayment:fail cancel' })).toBe('cancelled');
    expect(paymentFailure({ errMsg: 'requestPayment:fail (detail message)' })).toBe('failed');
    expect(paymentFailure(undefined)).toBe('failed');
  });
});

describe('one payment step at a time (a double tap on 去支付)', () => {
  it('refuses a second start while the first step runs, in the same tick, and frees it when it ends', async () => {
    const guard = createStepGuard();
    let calls = 0;
    const tap = async () => {
      if (!guard.start('q-1:pay')) return 'ignored';
      try {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return 'paid';
      } finally {
        guard.end();
      }
    };
    // Two taps before anything re-renders: one payment.
    expect(await Promise.all([tap(), tap()])).toEqual(['paid', 'ignored']);
    expect(calls).toBe(1);
    expect(guard.running).toBeNull();
    // A tap after the first step finished goes through (a cancelled payment may be retried).
    expect(await tap()).toBe('paid');
    expect(calls).toBe(2);
  });
});
