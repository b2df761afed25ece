import { randomBytes } from 'node:crypto';
import { ConflictException } from '@nestjs/common';
import {
  OPEN_STATUSES,
  QUOTE_STATUS_LABELS,
  shanghaiDate,
  UNSETTLED_QUOTE_STATUSES,
  type QuoteStatus,
  type TicketStatus,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Ticket } from '../tickets/entities';
import { PayOrder, Quote, Refund } from './entities';
import { PayActor } from './repositories/pay-events.repository';
import { WechatRefund, WechatTransaction } from './wechatpay.client';

/**
 * The rules of paid repairs 有偿维修 that need no database: when a quote may be sent or paid, who the
 * system actors are, how our order numbers look, and what must hold before money WeChat reports is booked.
 */

export const PAY_DISABLED_MESSAGE = '支付未开通，请联系工作人员线下收款';

/** Paid repairs are quoted once the ticket is with a department and until it is handled. */
export const QUOTABLE_STATUSES: readonly TicketStatus[] = [
  'assigned',
  'in_progress',
  'solution_proposed',
  'solution_accepted',
  'deferred',
];

export const WECHAT_ACTOR: PayActor = { id: null, name: '微信支付', role: 'system' };
export const SYSTEM_ACTOR: PayActor = { id: null, name: '系统', role: 'system' };
export const actorOf = (u: AuthUser | null): PayActor =>
  u ? { id: u.id, name: u.name, role: u.role } : { id: null, name: '系统', role: 'system' };

/** P/R/F + Shanghai date + 20 random hex: unique, 29 characters, within WeChat's 32. */
export const outNo = (prefix: 'P' | 'R' | 'F', now: Date) =>
  `${prefix}${shanghaiDate(now).replace(/-/g, '')}${randomBytes(10).toString('hex').toUpperCase()}`;

export const isUnsettled = (q: Quote) => UNSETTLED_QUOTE_STATUSES.includes(q.status as QuoteStatus);
export const isTicketOpen = (t: Ticket) => OPEN_STATUSES.includes(t.status as TicketStatus);

/** A quote is paid only while it waits for payment and its ticket is open. */
export function assertPayable(t: Ticket, q: Quote): void {
  if (q.status === 'paid') throw new ConflictException({ code: 'already_paid', message: '这份报价已支付' });
  if (!isUnsettled(q))
    throw new ConflictException({
      code: 'quote_closed',
      message: `这份报价${QUOTE_STATUS_LABELS[q.status as QuoteStatus]}，无需支付`,
    });
  if (!isTicketOpen(t))
    throw new ConflictException({ code: 'ticket_closed', message: '工单已结束，无法支付' });
}

/** What must hold before money WeChat reports is booked: our merchant, our app, our order, its amount. */
export function checkTransaction(
  order: PayOrder,
  tx: WechatTransaction,
  merchant: { mchId: string; appId: string },
): string | null {
  if (tx.mchid !== merchant.mchId) return `mchid ${tx.mchid}`;
  if (tx.appid !== merchant.appId) return `appid ${tx.appid}`;
  if (tx.out_trade_no !== order.outTradeNo) return `out_trade_no ${tx.out_trade_no}`;
  if (tx.trade_state !== 'SUCCESS' && tx.trade_state !== 'REFUND') return `trade_state ${tx.trade_state}`;
  if (tx.amount?.total !== order.amountFen) return `amount ${tx.amount?.total} ≠ ${order.amountFen}`;
  if (tx.amount?.currency && tx.amount.currency !== 'CNY') return `currency ${tx.amount.currency}`;
  if (!tx.transaction_id) return 'no transaction_id';
  return null;
}

/** What must hold before a refund state WeChat reports is applied: our refund, its amount (and its order's). */
export function checkRefund(refund: Refund, r: WechatRefund, order?: PayOrder): string | null {
  if (r.out_refund_no !== refund.outRefundNo) return `out_refund_no ${r.out_refund_no}`;
  if (r.amount?.refund !== refund.amountFen) return `refund amount ${r.amount?.refund} ≠ ${refund.amountFen}`;
  if (order && r.out_trade_no !== order.outTradeNo) return `out_trade_no ${r.out_trade_no}`;
  if (order && r.amount?.total !== order.amountFen) return `total ${r.amount?.total} ≠ ${order.amountFen}`;
  return null;
}
