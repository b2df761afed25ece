/**
 * 退款 by the project manager: which payments of a repair can be refunded, and the request a form makes
 * (in full, or part of it, in yuan as typed; a reason the resident will read). Pure.
 */
import { formatFen, yuanToFen } from '../shared';
import type { ChargeSummary } from '../services/types';

export interface RefundablePayment {
  orderId: string;
  quoteTitle: string;
  amountFen: number;
  label: string;
}

/** Paid and not refunded payments of the quotes the manager may refund. */
export function refundablePayments(c: ChargeSummary | null | undefined): RefundablePayment[] {
  if (!c) return [];
  return c.quotes
    .filter((q) => q.canRefund)
    .flatMap((q) =>
      q.payments
        .filter((p) => p.status === 'paid' && p.refundable !== false)
        .map((p) => {
          const quoteTitle = q.supplementary ? `补充报价 ${q.seq}` : '报价';
          return {
            orderId: p.id,
            quoteTitle,
            amountFen: p.amountFen,
            label: `${quoteTitle} · ${p.channelLabel} ${formatFen(p.amountFen)}`,
          };
        }),
    );
}

export type RefundRequest =
  | { ok: true; body: { orderId: string; amountFen: number; reason: string }; confirm: string }
  | { ok: false; message: string };

/** The request for a refund of `payment`: whole, or `amount` yuan; with a reason of 2–60 characters. */
export function refundRequest(
  payment: RefundablePayment | undefined,
  whole: boolean,
  amount: string,
  reason: string,
): RefundRequest {
  if (!payment) return { ok: false, message: '请选择要退款的付款' };
  let fen = payment.amountFen;
  if (!whole) {
    const typed = yuanToFen(amount.trim());
    if (typed === null || typed <= 0) return { ok: false, message: '请填写退款金额，如 20 或 20.50' };
    if (typed > payment.amountFen)
      return { ok: false, message: `退款金额不能超过实付金额 ${formatFen(payment.amountFen)}` };
    fen = typed;
  }
  const why = reason.trim();
  if (why.length < 2) return { ok: false, message: '请填写退款原因（至少 2 个字），住户会看到' };
  if (why.length > 60) return { ok: false, message: '退款原因不能超过 60 个字' };
  return {
    ok: true,
    body: { orderId: payment.orderId, amountFen: fen, reason: why },
    confirm: `确定退款 ${formatFen(fen)}？${payment.label.includes('微信') ? '将原路退回住户微信。' : '请当面退还现金后确认。'}每笔付款只能退一次。`,
  };
}
