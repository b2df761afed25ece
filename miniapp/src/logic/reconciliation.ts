/**
 * The daily reconciliation 日对账 page (sub-package `manager`): which Beijing day to look at, the day's totals
 * in yuan, whether our records agree with WeChat Pay's, and the orders and refunds with what is wrong with each.
 * Pure. Manager-only: imports the manager door to @wuye/shared.
 */
import { formatFen } from '../shared';
import { PAY_CHANNEL_LABELS, PAY_ORDER_STATUS_LABELS, REFUND_STATUS_LABELS } from '../manager/shared';
import type { ReconciliationReport } from '../manager/types';
import { beijingDateKey, formatBeijingTime } from '../utils/time';

const DAY_MS = 24 * 3600 * 1000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export const RECONCILE_TEXT = {
  title: '微信支付对账',
  pickProject: '对账按小区进行，请先在上方选择项目',
  notAllowed: '对账仅限客服主管、项目经理和集团总部查看',
  paid: '收款',
  wechat: '微信支付',
  offline: '线下收款',
  refunded: '退款',
  net: '净收款',
  count: (n: number) => `${n} 笔`,
  mismatches: '不符项',
  orders: '收款订单',
  refunds: '退款',
  noOrders: '当天没有收款订单',
  noRefunds: '当天没有退款',
  openTicket: '查看工单 ›',
  daily: '每天 10:30 自动核对前一天，有不符时通知客服主管和项目经理。',
} as const;

/** The day shown first: yesterday in Beijing (WeChat's bill for a day is ready the next morning). */
export function defaultReconcileDay(now: Date = new Date()): string {
  return beijingDateKey(new Date(now.getTime() - DAY_MS));
}

/** Today in Beijing: the day picker goes no further. */
export function latestReconcileDay(now: Date = new Date()): string {
  return beijingDateKey(now);
}

/** '2026年11月23日 周一'; the text itself when it is not a day. */
export function dayLabel(day: string): string {
  const m = DAY_RE.exec(day);
  if (!m) return day;
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 周${WEEKDAYS[weekday]}`;
}

/** GET /api/pay/reconciliation; HQ names the project, the lead and the manager get their own. */
export function reconciliationPath(day: string, projectId: string | null | undefined): string {
  const q = [`day=${encodeURIComponent(day)}`];
  if (projectId) q.push(`projectId=${encodeURIComponent(projectId)}`);
  return `/api/pay/reconciliation?${q.join('&')}`;
}

/** The Beijing day of an ISO instant ('' when missing). */
const dayOf = (iso: string | null) => (iso ? beijingDateKey(new Date(iso)) : '');

export interface ReconcileFigure {
  key: 'paid' | 'wechat' | 'offline' | 'refunded' | 'net';
  label: string;
  text: string;
  count: string | null;
  negative: boolean;
}

/**
 * The day's figures: what was paid that day (all channels, then WeChat and offline), refunded that day, and
 * the difference; counts are of the orders paid and the refunds completed that Beijing day, as the server
 * adds up its totals.
 */
export function reconcileFigures(r: ReconciliationReport): ReconcileFigure[] {
  const paid = r.orders.filter((o) => o.status === 'paid' && dayOf(o.paidAt) === r.day);
  const refunded = r.refunds.filter((x) => x.status === 'succeeded' && dayOf(x.finishedAt) === r.day);
  const count = (n: number) => RECONCILE_TEXT.count(n);
  const net = r.totals.paidFen - r.totals.refundedFen;
  const figures: Omit<ReconcileFigure, 'negative'>[] = [
    { key: 'paid', label: RECONCILE_TEXT.paid, text: formatFen(r.totals.paidFen), count: count(paid.length) },
    {
      key: 'wechat',
      label: RECONCILE_TEXT.wechat,
      text: formatFen(r.totals.wechatPaidFen),
      count: count(paid.filter((o) => o.channel === 'wechat').length),
    },
    {
      key: 'offline',
      label: RECONCILE_TEXT.offline,
      text: formatFen(r.totals.offlinePaidFen),
      count: count(paid.filter((o) => o.channel === 'offline').length),
    },
    {
      key: 'refunded',
      label: RECONCILE_TEXT.refunded,
      text: formatFen(r.totals.refundedFen),
      count: count(refunded.length),
    },
    { key: 'net', label: RECONCILE_TEXT.net, text: formatFen(net), count: null },
  ];
  return figures.map((f) => ({ ...f, negative: f.key === 'net' && net < 0 }));
}

export interface ReconcileVerdict {
  /** ok: all agrees; bad: mismatches to handle; none: nothing was compared (WeChat Pay not set up). */
  tone: 'ok' | 'bad' | 'none';
  text: string;
  /** How WeChat's side was obtained, or why it was not. */
  detail: string | null;
}

export function reconcileVerdict(r: ReconciliationReport): ReconcileVerdict {
  const n = r.mismatches.length;
  const detail =
    r.note ??
    (r.source === 'tradebill'
      ? '已与微信支付当日交易账单逐笔核对'
      : r.source === 'query'
        ? '已逐笔查询微信支付订单'
        : null);
  if (n > 0) return { tone: 'bad', text: `有 ${n} 处与微信支付不符，请核实处理`, detail };
  if (r.source === 'none') return { tone: 'none', text: '支付未开通，未与微信支付核对', detail };
  return { tone: 'ok', text: '与微信支付一致，没有不符项', detail };
}

export interface ReconcileRow {
  ref: string;
  ticketId: string;
  title: string;
  channel: string;
  status: string;
  amount: string;
  time: string;
  /** The labels of the mismatches about this order or refund: the row is highlighted. */
  problems: string[];
}

function problemsByRef(r: ReconciliationReport): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of r.mismatches) out.set(m.ref, [...(out.get(m.ref) ?? []), m.label]);
  return out;
}

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;
/** The resident's wording says 请联系客服; the lead and the manager are the ones to act. */
const REFUND_LABELS: Record<string, string> = { ...REFUND_STATUS_LABELS, abnormal: '退款异常' };

/** Rows with a mismatch first, otherwise in the order given (the sort is stable). */
const problemsFirst = (rows: ReconcileRow[]) =>
  rows.sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0));

/** The orders, those with a mismatch first (otherwise as the server listed them). */
export function orderRows(r: ReconciliationReport, now: Date = new Date()): ReconcileRow[] {
  const problems = problemsByRef(r);
  return problemsFirst(
    r.orders.map((o) => ({
      ref: o.outTradeNo,
      ticketId: o.ticketId,
      title: `订单 ${o.outTradeNo}`,
      channel: label(PAY_CHANNEL_LABELS, o.channel),
      status: label(PAY_ORDER_STATUS_LABELS, o.status),
      amount: formatFen(o.amountFen),
      time: o.paidAt
        ? `支付于 ${formatBeijingTime(o.paidAt, now)}`
        : `下单于 ${formatBeijingTime(o.createdAt, now)}`,
      problems: problems.get(o.outTradeNo) ?? [],
    })),
  );
}

/** The refunds, those with a mismatch first. */
export function refundRows(r: ReconciliationReport, now: Date = new Date()): ReconcileRow[] {
  const problems = problemsByRef(r);
  return problemsFirst(
    r.refunds.map((x) => ({
      ref: x.outRefundNo,
      ticketId: x.ticketId,
      title: `退款 ${x.outRefundNo}`,
      channel: label(PAY_CHANNEL_LABELS, x.channel),
      status: label(REFUND_LABELS, x.status),
      amount: formatFen(x.amountFen),
      time: x.finishedAt
        ? `完成于 ${formatBeijingTime(x.finishedAt, now)}`
        : `申请于 ${formatBeijingTime(x.createdAt, now)}`,
      problems: problems.get(x.outRefundNo) ?? [],
    })),
  );
}

/** Only the project's own staff open its tickets; HQ reads the figures. */
export function canOpenTickets(role: string | null | undefined): boolean {
  return role === 'cs_lead' || role === 'project_manager';
}
