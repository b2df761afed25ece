/**
 * The quote card 报价卡片 of a paid repair 有偿维修 (resident ticket page; staff reuse it): what each quote
 * charges, where it stands, and how paying works here (wx.requestPayment in WeChat; on H5 only a note).
 * Pure; main package, so it keeps to the small money module of @wuye/shared.
 */
import { formatFen } from '../shared';
import type { ChargeSummary, PayParams, QuoteAction, QuoteView } from '../services/types';

export const CHARGE_TEXT = {
  quote: '维修报价',
  supplementary: '补充报价',
  total: '合计',
  pay: '接受并支付',
  decline: '不接受',
  paying: '支付中…',
  paid: (amount: string, via: string) => `已支付 ${amount}（${via}）`,
  refund: (status: string, amount: string) => `${status} ${amount}`,
  h5: '请在微信中打开小程序完成支付',
  disabled: '支付未开通，请联系工作人员线下收款',
  cancelled: '已取消支付',
  failed: '支付未完成，请稍后重试',
  success: '支付成功',
  declineTitle: '不接受报价',
  declinePlaceholder: '可以说明原因（选填）',
} as const;

export interface QuoteLineView {
  name: string;
  detail: string;
  amount: string;
}

export interface QuoteCardView {
  id: string;
  title: string;
  status: QuoteView['status'];
  statusText: string;
  /** Waiting for the resident: highlighted. */
  waiting: boolean;
  lines: QuoteLineView[];
  totalText: string;
  note: string | null;
  by: string;
  paymentText: string | null;
  refundTexts: string[];
  actions: QuoteAction[];
}

export function quoteCards(c: ChargeSummary | null | undefined): QuoteCardView[] {
  if (!c) return [];
  return c.quotes.map((q) => {
    const paid = q.payments.find((p) => p.status === 'paid');
    return {
      id: q.id,
      title: q.supplementary ? CHARGE_TEXT.supplementary : CHARGE_TEXT.quote,
      status: q.status,
      statusText: q.statusLabel,
      waiting: q.status === 'sent' || q.status === 'accepted',
      lines: q.items.map((i) => ({
        name: i.name,
        detail: `${formatFen(i.unitPriceFen)} × ${i.quantity}${i.unit}`,
        amount: formatFen(i.amountFen),
      })),
      totalText: formatFen(q.totalFen),
      note: q.note,
      by: q.createdByName,
      paymentText: paid ? CHARGE_TEXT.paid(formatFen(paid.amountFen), paid.channelLabel) : null,
      refundTexts: q.refunds.map((r) => CHARGE_TEXT.refund(r.statusLabel, formatFen(r.amountFen))),
      actions: q.actions,
    };
  });
}

/** Whether the summary is worth a section at all: a chargeable repair with quotes, or staff who may quote. */
export function showCharges(c: ChargeSummary | null | undefined): boolean {
  return !!c && (c.quotes.length > 0 || c.canQuote);
}

/** How this build pays: WeChat's sheet in the mini-program; H5 (a browser) cannot. */
export type PayMode = 'wechat' | 'h5' | 'disabled';
export function payMode(taroEnv: string | undefined, payEnabled: boolean): PayMode {
  if (!payEnabled) return 'disabled';
  return taroEnv === 'weapp' ? 'wechat' : 'h5';
}

/** The five fields wx.requestPayment takes (appId is implied by the mini-program). */
export function requestPaymentOptions(p: PayParams) {
  return {
    timeStamp: p.timeStamp,
    nonceStr: p.nonceStr,
    package: p.package,
    signType: p.signType,
    paySign: p.paySign,
  };
}

/** wx.requestPayment rejects with errMsg "requestPayment:fail cancel" when the resident closes the sheet. */
export function paymentFailure(err: unknown): 'cancelled' | 'failed' {
  const msg = String((err as { errMsg?: string } | null)?.errMsg ?? '');
  return /cancel/i.test(msg) ? 'cancelled' : 'failed';
}

/**
 * One step at a time on a screen (去支付, 不接受 …): `start` answers false while a step runs, at once, before the
 * screen has re-rendered — a double tap lands twice in the same frame, when a flag kept in React state still reads
 * "not busy". `end` frees it when the step has finished, however it finished.
 */
export function createStepGuard() {
  let running: string | null = null;
  return {
    start(key: string): boolean {
      if (running !== null) return false;
      running = key;
      return true;
    },
    end(): void {
      running = null;
    },
    get running(): string | null {
      return running;
    },
  };
}
