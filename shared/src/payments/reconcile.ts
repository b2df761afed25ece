/**
 * Daily reconciliation 日对账 of one project's payments against what WeChat Pay says (its trade bill,
 * or a query per order when no bill is available). Pure: the server gathers both sides.
 */
import { DAY_MS, dayStartMs, parseDayKey } from '../deadlines/shanghai';
import { formatFen } from './money';
import { PAY_ORDER_STATUS_LABELS, REFUND_STATUS_LABELS } from './quotes';
import type { PayChannel, PayOrderStatus, RefundStatus } from './quotes';

/** A refund still not final after this long needs a person to look (bank-card refunds can take days). */
export const REFUND_STUCK_AFTER_MS = 3 * DAY_MS;

/** The instants of one Asia/Shanghai calendar day [from, to); null when `day` is not a real YYYY-MM-DD. */
export function shanghaiDayRange(day: string): { from: Date; to: Date } | null {
  try {
    const start = dayStartMs(parseDayKey(day));
    return { from: new Date(start), to: new Date(start + DAY_MS) };
  } catch {
    return null;
  }
}

export interface OurOrder {
  outTradeNo: string;
  amountFen: number;
  status: PayOrderStatus;
  channel: PayChannel;
}
export interface OurRefund {
  outRefundNo: string;
  amountFen: number;
  status: RefundStatus;
  channel: PayChannel;
  createdAt: Date;
}
/** WeChat's view of a payment: SUCCESS, NOTPAY, CLOSED, REFUND … */
export interface TheirPayment {
  outTradeNo: string;
  totalFen: number;
  state: string;
}
export interface TheirRefund {
  outRefundNo: string;
  refundFen: number;
  status: string;
}

export const MISMATCH_KINDS = [
  'paid_not_recorded',
  'recorded_not_paid',
  'amount_mismatch',
  'unknown_order',
  'refund_not_recorded',
  'refund_amount_mismatch',
  'refund_state_mismatch',
  'refund_pending_too_long',
  'refund_abnormal',
] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];
export const MISMATCH_LABELS: Record<MismatchKind, string> = {
  paid_not_recorded: '微信已收款，系统未记为已支付',
  recorded_not_paid: '系统记为已支付，微信无此收款',
  amount_mismatch: '金额不一致',
  unknown_order: '微信有收款，系统无此订单',
  refund_not_recorded: '微信有退款，系统无此退款',
  refund_amount_mismatch: '退款金额不一致',
  refund_state_mismatch: '退款状态不一致',
  refund_pending_too_long: '退款长时间未完成',
  refund_abnormal: '退款异常，需在商户平台处理',
};

export interface Mismatch {
  kind: MismatchKind;
  label: string;
  ref: string;
  message: string;
}

const mismatch = (kind: MismatchKind, ref: string, message: string): Mismatch => ({
  kind,
  label: MISMATCH_LABELS[kind],
  ref,
  message,
});

export function findMismatches(input: {
  orders: readonly OurOrder[];
  refunds: readonly OurRefund[];
  payments: readonly TheirPayment[];
  theirRefunds: readonly TheirRefund[];
  now: Date;
  /** false when WeChat's side is per-order queries: payments we never heard of cannot be seen. */
  complete: boolean;
}): Mismatch[] {
  const out: Mismatch[] = [];
  const ours = new Map(input.orders.map((o) => [o.outTradeNo, o]));
  const paidThere = new Map(
    input.payments.filter((p) => p.state === 'SUCCESS' || p.state === 'REFUND').map((p) => [p.outTradeNo, p]),
  );
  for (const p of paidThere.values()) {
    const o = ours.get(p.outTradeNo);
    if (!o) {
      out.push(
        mismatch(
          'unknown_order',
          p.outTradeNo,
          `微信订单 ${p.outTradeNo} 收款 ${formatFen(p.totalFen)}，系统中没有这笔订单`,
        ),
      );
      continue;
    }
    if (o.status !== 'paid')
      out.push(
        mismatch(
          'paid_not_recorded',
          o.outTradeNo,
          `微信已收款 ${formatFen(p.totalFen)}，系统状态为“${PAY_ORDER_STATUS_LABELS[o.status] ?? o.status}”`,
        ),
      );
    if (p.totalFen !== o.amountFen)
      out.push(
        mismatch(
          'amount_mismatch',
          o.outTradeNo,
          `系统金额 ${formatFen(o.amountFen)}，微信金额 ${formatFen(p.totalFen)}`,
        ),
      );
  }
  for (const o of input.orders) {
    if (o.channel !== 'wechat' || o.status !== 'paid' || paidThere.has(o.outTradeNo)) continue;
    // With per-order queries an order WeChat did not answer for is simply unknown, not unpaid.
    if (!input.complete && !input.payments.some((p) => p.outTradeNo === o.outTradeNo)) continue;
    out.push(
      mismatch('recorded_not_paid', o.outTradeNo, `系统记为已支付 ${formatFen(o.amountFen)}，微信无此笔收款`),
    );
  }

  const ourRefunds = new Map(input.refunds.map((r) => [r.outRefundNo, r]));
  for (const r of input.theirRefunds) {
    const mine = ourRefunds.get(r.outRefundNo);
    if (!mine) {
      out.push(
        mismatch(
          'refund_not_recorded',
          r.outRefundNo,
          `微信退款 ${r.outRefundNo}（${formatFen(r.refundFen)}），系统中没有`,
        ),
      );
      continue;
    }
    if (mine.amountFen !== r.refundFen)
      out.push(
        mismatch(
          'refund_amount_mismatch',
          r.outRefundNo,
          `系统退款 ${formatFen(mine.amountFen)}，微信退款 ${formatFen(r.refundFen)}`,
        ),
      );
    if (r.status === 'SUCCESS' && mine.status !== 'succeeded')
      out.push(
        mismatch(
          'refund_state_mismatch',
          r.outRefundNo,
          `微信已退款成功，系统状态为“${REFUND_STATUS_LABELS[mine.status] ?? mine.status}”`,
        ),
      );
  }
  for (const r of input.refunds) {
    if (r.status === 'abnormal') {
      out.push(
        mismatch(
          'refund_abnormal',
          r.outRefundNo,
          `退款 ${formatFen(r.amountFen)} 异常（如银行卡已注销），请在商户平台处理`,
        ),
      );
      continue;
    }
    const final = r.status === 'succeeded' || r.status === 'closed';
    if (!final && input.now.getTime() - r.createdAt.getTime() > REFUND_STUCK_AFTER_MS)
      out.push(
        mismatch(
          'refund_pending_too_long',
          r.outRefundNo,
          `退款 ${formatFen(r.amountFen)} 已超过 3 天未完成（${REFUND_STATUS_LABELS[r.status] ?? r.status}）`,
        ),
      );
  }
  return out;
}
