import {
  canOpenTickets,
  dayLabel,
  defaultReconcileDay,
  latestReconcileDay,
  orderRows,
  reconcileFigures,
  reconcileVerdict,
  reconciliationPath,
  refundRows,
} from './reconciliation';
import type { ReconciliationReport } from '../manager/types';

const report = (over: Partial<ReconciliationReport> = {}): ReconciliationReport => ({
  projectId: 'p-1',
  day: '2026-11-23',
  source: 'tradebill',
  note: null,
  orders: [],
  refunds: [],
  totals: { paidFen: 0, wechatPaidFen: 0, offlinePaidFen: 0, refundedFen: 0 },
  mismatches: [],
  ...over,
});

const order = (no: string, over: Partial<ReconciliationReport['orders'][number]> = {}) => ({
  outTradeNo: no,
  ticketId: `t-${no}`,
  channel: 'wechat' as const,
  status: 'paid' as const,
  amountFen: 5000,
  createdAt: '2026-11-23T02:00:00.000Z',
  paidAt: '2026-11-23T02:01:00.000Z',
  transactionId: null,
  ...over,
});

const refund = (no: string, over: Partial<ReconciliationReport['refunds'][number]> = {}) => ({
  outRefundNo: no,
  ticketId: `t-${no}`,
  channel: 'wechat' as const,
  status: 'succeeded' as const,
  amountFen: 1000,
  createdAt: '2026-11-23T03:00:00.000Z',
  finishedAt: '2026-11-23T03:05:00.000Z',
  ...over,
});

describe('reconciliation: the day', () => {
  it('defaults to yesterday in Beijing, whatever the phone zone', () => {
    // 23:30Z on the 23rd is 07:30 on the 24th in Beijing: yesterday is the 23rd, not the 22nd.
    expect(defaultReconcileDay(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
    // Midnight Beijing is 16:00Z: one second before it, Beijing is still on the 23rd.
    expect(defaultReconcileDay(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-23');
    expect(defaultReconcileDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-22');
    // Across a month and a year.
    expect(defaultReconcileDay(new Date('2027-01-01T01:00:00Z'))).toBe('2026-12-31');
    expect(latestReconcileDay(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('names the day with its weekday', () => {
    expect(dayLabel('2026-11-23')).toBe('2026年11月23日 周一');
    expect(dayLabel('2026-03-01')).toBe('2026年3月1日 周日');
    expect(dayLabel('nonsense')).toBe('nonsense');
  });

  it('asks for the day, and for HQ the project', () => {
    expect(reconciliationPath('2026-11-23', null)).toBe('/api/pay/reconciliation?day=2026-11-23');
    expect(reconciliationPath('2026-11-23', 'p 1')).toBe(
      '/api/pay/reconciliation?day=2026-11-23&projectId=p%201',
    );
  });
});

describe('reconciliation: the figures', () => {
  it('shows the totals in yuan, counts what was paid and refunded that Beijing day, and the net', () => {
    const r = report({
      orders: [
        order('W1'),
        order('W2', { amountFen: 12050 }),
        order('F1', { channel: 'offline', amountFen: 3000 }),
        // Paid after midnight Beijing (16:00Z): the next day's, not counted.
        order('W3', { paidAt: '2026-11-23T16:00:00.000Z' }),
        order('W4', { status: 'created', paidAt: null }),
      ],
      refunds: [
        refund('R1'),
        refund('R2', { status: 'processing', finishedAt: null }),
        // Finished at 23:59 Beijing on the 23rd: counted.
        refund('R3', { finishedAt: '2026-11-23T15:59:00.000Z', amountFen: 500 }),
      ],
      totals: { paidFen: 20050, wechatPaidFen: 17050, offlinePaidFen: 3000, refundedFen: 1500 },
    });
    expect(reconcileFigures(r).map((f) => [f.key, f.label, f.text, f.count, f.negative])).toEqual([
      ['paid', '收款', '¥200.50', '3 笔', false],
      ['wechat', '微信支付', '¥170.50', '2 笔', false],
      ['offline', '线下收款', '¥30.00', '1 笔', false],
      ['refunded', '退款', '¥15.00', '2 笔', false],
      ['net', '净收款', '¥185.50', null, false],
    ]);
  });

  it('marks a negative net (more refunded than paid that day)', () => {
    const net = reconcileFigures(
      report({ totals: { paidFen: 0, wechatPaidFen: 0, offlinePaidFen: 0, refundedFen: 5000 } }),
    ).find((f) => f.key === 'net');
    expect(net).toMatchObject({ text: '-¥50.00', negative: true });
  });
});

describe('reconciliation: agreement', () => {
  const mismatch = (ref: string, label = '金额不一致') => ({
    kind: 'amount_mismatch' as const,
    label,
    ref,
    message: `${ref} 不符`,
  });

  it('says whether our records agree with WeChat Pay and how WeChat was asked', () => {
    expect(reconcileVerdict(report())).toEqual({
      tone: 'ok',
      text: '与微信支付一致，没有不符项',
      detail: '已与微信支付当日交易账单逐笔核对',
    });
    expect(
      reconcileVerdict(report({ source: 'query', note: '微信账单下载失败，已逐笔查询订单' })),
    ).toMatchObject({ tone: 'ok', detail: '微信账单下载失败，已逐笔查询订单' });
    expect(reconcileVerdict(report({ mismatches: [mismatch('W1'), mismatch('R1')] }))).toMatchObject({
      tone: 'bad',
      text: '有 2 处与微信支付不符，请核实处理',
    });
    expect(reconcileVerdict(report({ source: 'none', note: '支付未开通：只列出线下收款与退款' }))).toEqual({
      tone: 'none',
      text: '支付未开通，未与微信支付核对',
      detail: '支付未开通：只列出线下收款与退款',
    });
  });

  it('puts the orders and refunds with a mismatch first, with what is wrong, in Chinese labels', () => {
    const r = report({
      orders: [
        order('W1'),
        order('W2', { status: 'created', paidAt: null }),
        order('F1', { channel: 'offline' }),
      ],
      refunds: [refund('R1'), refund('R2', { status: 'abnormal', finishedAt: null })],
      mismatches: [
        mismatch('W2', '微信已收款，系统未记为已支付'),
        mismatch('W2', '金额不一致'),
        mismatch('R2', '退款异常，需在商户平台处理'),
        mismatch('X9', '微信有收款，系统无此订单'),
      ],
    });
    const now = new Date('2026-11-24T02:00:00Z');
    const orders = orderRows(r, now);
    expect(orders.map((o) => [o.ref, o.problems])).toEqual([
      ['W2', ['微信已收款，系统未记为已支付', '金额不一致']],
      ['W1', []],
      ['F1', []],
    ]);
    expect(orders[0]).toMatchObject({
      title: '订单 W2',
      ticketId: 't-W2',
      channel: '微信支付',
      status: '待支付',
      amount: '¥50.00',
      time: '下单于 11月23日 10:00',
    });
    expect(orders[1].time).toBe('支付于 11月23日 10:01');
    expect(orders[2].channel).toBe('线下收款');
    const refunds = refundRows(r, now);
    expect(refunds.map((x) => [x.ref, x.status, x.problems])).toEqual([
      ['R2', '退款异常', ['退款异常，需在商户平台处理']],
      ['R1', '已退款', []],
    ]);
    expect(refunds[1].time).toBe('完成于 11月23日 11:05');
  });

  it('opens tickets for the project staff only', () => {
    expect(canOpenTickets('cs_lead')).toBe(true);
    expect(canOpenTickets('project_manager')).toBe(true);
    expect(canOpenTickets('hq')).toBe(false);
  });
});
