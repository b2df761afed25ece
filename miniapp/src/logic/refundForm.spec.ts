import type { ChargeSummary, QuoteView } from '../services/types';
import { refundablePayments, refundRequest } from './refundForm';

const quote = (over: Partial<QuoteView>): QuoteView => ({
  id: 'q1',
  seq: 1,
  supplementary: false,
  status: 'paid',
  statusLabel: '已支付',
  totalFen: 12550,
  note: null,
  createdByName: '张师傅',
  acceptedAt: '2026-11-23T02:05:00Z',
  endedAt: null,
  createdAt: '2026-11-23T02:00:00Z',
  paidAt: '2026-11-23T02:10:00Z',
  paidVia: 'wechat',
  paidViaLabel: '微信支付',
  declineReason: null,
  workStartedAt: '2026-11-23T03:00:00Z',
  actions: [],
  canRefund: true,
  items: [],
  payments: [
    {
      id: 'o1',
      channel: 'wechat',
      channelLabel: '微信支付',
      status: 'paid',
      statusLabel: '已支付',
      amountFen: 12550,
      paidAt: '2026-11-23T02:10:00Z',
      refundable: true,
    },
  ],
  refunds: [],
  ...over,
});
const charges = (quotes: QuoteView[]): ChargeSummary => ({
  ticketId: 't',
  chargeable: true,
  payEnabled: true,
  payMessage: null,
  canQuote: false,
  quotes,
  totals: { quotedFen: 0, paidFen: 0, refundedFen: 0, refundingFen: 0, netFen: 0 },
  summary: '',
});

describe('the manager’s refund form', () => {
  it('offers the paid payments of the quotes he may refund', () => {
    expect(refundablePayments(charges([quote({})]))).toEqual([
      { orderId: 'o1', quoteTitle: '报价', amountFen: 12550, label: '报价 · 微信支付 ¥125.50' },
    ]);
    expect(refundablePayments(charges([quote({ canRefund: false })]))).toEqual([]);
    expect(refundablePayments(charges([quote({ canRefund: undefined })]))).toEqual([]);
  });

  it('refunds in full, or the part typed in yuan, with a reason', () => {
    const [p] = refundablePayments(charges([quote({})]));
    expect(refundRequest(p, true, '', '维修效果不佳')).toMatchObject({
      ok: true,
      body: { orderId: 'o1', amountFen: 12550, reason: '维修效果不佳' },
      confirm: expect.stringContaining('确定退款 ¥125.50？将原路退回住户微信。'),
    });
    expect(refundRequest(p, false, '20.5', ' 上门超时 ')).toMatchObject({
      ok: true,
      body: { amountFen: 2050, reason: '上门超时' },
    });
  });

  it('says what is wrong before anything is sent', () => {
    const [p] = refundablePayments(charges([quote({})]));
    expect(refundRequest(undefined, true, '', '原因')).toEqual({ ok: false, message: '请选择要退款的付款' });
    expect(refundRequest(p, false, '0', '原因')).toEqual({
      ok: false,
      message: '请填写退款金额，如 20 或 20.50',
    });
    expect(refundRequest(p, false, '200', '原因')).toEqual({
      ok: false,
      message: '退款金额不能超过实付金额 ¥125.50',
    });
    expect(refundRequest(p, true, '', '退')).toEqual({
      ok: false,
      message: '请填写退款原因（至少 2 个字），住户会看到',
    });
  });
});
