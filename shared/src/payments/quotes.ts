/**
 * Paid repairs 有偿维修: in-home repairs 户内维修 and special services 特约服务 are charged (labour per item,
 * call-out fee, materials at cost); common areas 公共区域 stay free (docs/domain-rules.md "People": the
 * resident "pays for paid repairs"; the repair return visit "checks the charges"). Pure rules shared by the
 * server and the mini-program.
 */
import { formatFen } from './money';

/** What a price-list line charges for. */
export const PRICE_ITEM_KINDS = ['labour', 'callout', 'material'] as const;
export type PriceItemKind = (typeof PRICE_ITEM_KINDS)[number];
export const PRICE_ITEM_KIND_LABELS: Record<PriceItemKind, string> = {
  labour: '人工费',
  callout: '上门费',
  material: '材料费（按成本价）',
};

/** Limits of one quote 报价单. */
export const QUOTE_MAX_ITEMS = 20;
export const QUOTE_MAX_QUANTITY = 999;
/** 50,000 yuan: above that it is a project, not a repair, and is contracted in writing. */
export const QUOTE_MAX_TOTAL_FEN = 5_000_000;
export const QUOTE_ITEM_NAME_MAX = 40;

/** Only repairs inside a home are charged; a ticket about a common area (no household) is free. */
export function isChargeableTicket(t: { kind: string; householdId: string | null }): boolean {
  return t.kind === 'repair' && !!t.householdId;
}

export interface QuoteLineInput {
  kind: PriceItemKind;
  name: string;
  unit?: string;
  unitPriceFen: number;
  quantity: number;
}
export interface QuoteLine extends QuoteLineInput {
  unit: string;
  amountFen: number;
}
export type QuoteCheck =
  { ok: true; lines: QuoteLine[]; totalFen: number } | { ok: false; message: string; line?: number };

/** Prices and totals a quote, or says in Chinese what is wrong with it. */
export function priceQuote(input: readonly QuoteLineInput[]): QuoteCheck {
  if (!input.length) return { ok: false, message: '请至少添加一项收费项目' };
  if (input.length > QUOTE_MAX_ITEMS) return { ok: false, message: `收费项目最多 ${QUOTE_MAX_ITEMS} 项` };
  const lines: QuoteLine[] = [];
  let totalFen = 0;
  for (const [i, l] of input.entries()) {
    const n = i + 1;
    const name = (l.name ?? '').trim();
    if (!PRICE_ITEM_KINDS.includes(l.kind)) return { ok: false, message: `第 ${n} 项的类别不正确`, line: i };
    if (!name || name.length > QUOTE_ITEM_NAME_MAX)
      return { ok: false, message: `第 ${n} 项请填写 1–${QUOTE_ITEM_NAME_MAX} 字的名称`, line: i };
    if (!Number.isSafeInteger(l.unitPriceFen) || l.unitPriceFen < 0)
      return { ok: false, message: `第 ${n} 项“${name}”的单价不正确`, line: i };
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > QUOTE_MAX_QUANTITY)
      return { ok: false, message: `第 ${n} 项“${name}”的数量应为 1–${QUOTE_MAX_QUANTITY}`, line: i };
    const amountFen = l.unitPriceFen * l.quantity;
    totalFen += amountFen;
    if (totalFen > QUOTE_MAX_TOTAL_FEN)
      return { ok: false, message: `报价合计不能超过 ${formatFen(QUOTE_MAX_TOTAL_FEN)}，请另行签订维修合同` };
    lines.push({
      kind: l.kind,
      name,
      unit: (l.unit ?? '').trim() || '项',
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      amountFen,
    });
  }
  if (totalFen <= 0) return { ok: false, message: '报价合计为零：免费维修无需报价' };
  return { ok: true, lines, totalFen };
}

/** Quote 报价单 status. A supplementary quote 补充报价 (extra items found on site) has the same life. */
export const QUOTE_STATUSES = ['sent', 'accepted', 'paid', 'declined', 'withdrawn', 'cancelled'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_STATUS_LABELS: Record<QuoteStatus, string> = {
  sent: '待业主确认',
  accepted: '待支付',
  paid: '已支付',
  declined: '业主未接受',
  withdrawn: '已撤回',
  cancelled: '已取消',
};
/** Quotes still waiting for the resident: handling is refused until they are paid, declined or withdrawn. */
export const UNSETTLED_QUOTE_STATUSES: readonly QuoteStatus[] = ['sent', 'accepted'];

/** How a quote was paid. */
export const PAY_CHANNELS = ['wechat', 'offline'] as const;
export type PayChannel = (typeof PAY_CHANNELS)[number];
export const PAY_CHANNEL_LABELS: Record<PayChannel, string> = { wechat: '微信支付', offline: '线下收款' };

/** Payment order 支付订单 (one WeChat Pay order, or one offline receipt). */
export const PAY_ORDER_STATUSES = ['created', 'paid', 'closed'] as const;
export type PayOrderStatus = (typeof PAY_ORDER_STATUSES)[number];
export const PAY_ORDER_STATUS_LABELS: Record<PayOrderStatus, string> = {
  created: '待支付',
  paid: '已支付',
  closed: '已关闭',
};

/** Refund 退款: pending (not yet accepted by WeChat, or cash not yet returned) → processing → final. */
export const REFUND_STATUSES = ['pending', 'processing', 'succeeded', 'closed', 'abnormal'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  pending: '退款申请中',
  processing: '退款处理中',
  succeeded: '已退款',
  closed: '退款已关闭',
  abnormal: '退款异常，请联系客服',
};
export const FINAL_REFUND_STATUSES: readonly RefundStatus[] = ['succeeded', 'closed', 'abnormal'];

/** WeChat refund status → ours. */
export function refundStatusFromWechat(s: string): RefundStatus | null {
  switch (s) {
    case 'SUCCESS':
      return 'succeeded';
    case 'PROCESSING':
      return 'processing';
    case 'CLOSED':
      return 'closed';
    case 'ABNORMAL':
      return 'abnormal';
    default:
      return null;
  }
}

/** WeChat's out_trade_no / out_refund_no: 6–32 of letters, digits, _ - | * (we use letters and digits). */
export const OUT_NO_RE = /^[A-Za-z0-9_\-|*]{6,32}$/;
