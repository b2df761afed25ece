import { Injectable, Logger } from '@nestjs/common';
import { refundStatusFromWechat } from '@wuye/shared';
import { Clock } from '../common/clock';
import { checkRefund, checkTransaction, PAY_DISABLED_MESSAGE, WECHAT_ACTOR } from './payment-rules';
import { PayNotificationsRepository } from './repositories/pay-notifications.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { RefundsService } from './refunds.service';
import { QuoteSettlementService } from './settlement.service';
import { SignedHeaders, WechatPayClient, WechatRefund, WechatTransaction } from './wechatpay.client';

export interface NotifyAnswer {
  status: number;
  body?: { code: string; message: string };
}

type Notification = { id?: string; event_type?: string };

/**
 * WeChat Pay's notifications 支付通知 of payments and refunds, applied exactly once. Order of checks:
 * signature on the raw body → decrypt with the GCM tag checked → merchant, app, our order or refund, amount
 * → apply once. Whatever fails changes nothing, is logged, and is answered 4xx/5xx {code, message} so WeChat
 * retries; success is 204. Every notification whose signature held is recorded with what became of it.
 */
@Injectable()
export class PayNotificationsService {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
    private readonly notifications: PayNotificationsRepository,
    private readonly orders: PayOrdersRepository,
    private readonly refundRows: RefundsRepository,
    private readonly settlement: QuoteSettlementService,
    private readonly refunds: RefundsService,
  ) {}

  /** A WeChat Pay notification (payment or refund); see the class comment for the order of checks. */
  async handleNotification(h: SignedHeaders, raw: Buffer | undefined): Promise<NotifyAnswer> {
    const fail = (status: number, message: string): NotifyAnswer => ({
      status,
      body: { code: 'FAIL', message },
    });
    if (!this.client.enabled) return fail(404, PAY_DISABLED_MESSAGE);
    if (!raw?.length) return fail(400, '缺少通知内容');
    const body = raw.toString('utf8');
    try {
      this.client.verifySignature(h, body);
    } catch (e) {
      // Unauthenticated: logged, not stored (anyone can post here).
      this.log.warn(`notification refused: ${(e as Error).message}`);
      return { status: 401, body: { code: 'SIGN_ERROR', message: '签名验证失败' } };
    }
    let n: Notification & { resource?: Record<string, string> };
    try {
      n = JSON.parse(body);
    } catch {
      return this.rejected({}, null, 'body is not JSON', fail(400, '通知内容格式不正确'));
    }
    let resource: Record<string, unknown>;
    try {
      resource = JSON.parse(this.client.decryptResource(n.resource ?? {}));
    } catch (e) {
      return this.rejected(n, null, `undecryptable: ${(e as Error).message}`, fail(400, '通知内容无法解密'));
    }
    try {
      switch (n.event_type) {
        case 'TRANSACTION.SUCCESS':
          return await this.onTransaction(n, resource as unknown as WechatTransaction);
        case 'REFUND.SUCCESS':
        case 'REFUND.ABNORMAL':
        case 'REFUND.CLOSED':
          return await this.onRefund(n, resource as unknown as WechatRefund);
        default:
          await this.recordNotification(n, resource, 'ignored', null);
          return { status: 204 };
      }
    } catch (e) {
      this.log.error(`notification ${n.id}: ${(e as Error).stack ?? e}`);
      return fail(500, '系统繁忙，请稍后重试');
    }
  }

  private async onTransaction(n: Notification, tx: WechatTransaction): Promise<NotifyAnswer> {
    const order = tx.out_trade_no ? await this.orders.byWechatOutTradeNo(tx.out_trade_no) : null;
    if (!order)
      return this.rejected(n, tx, `unknown out_trade_no ${tx.out_trade_no}`, {
        status: 404,
        body: { code: 'FAIL', message: '订单不存在' },
      });
    const problem = checkTransaction(order, tx, this.client.config!);
    if (problem)
      return this.rejected(n, tx, problem, {
        status: 400,
        body: { code: 'FAIL', message: '通知内容与订单不符' },
      });
    const outcome = await this.settlement.applyPaid(order, tx, 'wechat');
    await this.recordNotification(n, tx, outcome === 'applied' ? 'applied' : 'duplicate', null);
    return { status: 204 };
  }

  private async onRefund(n: Notification, r: WechatRefund): Promise<NotifyAnswer> {
    const refund = r.out_refund_no ? await this.refundRows.byOutRefundNo(r.out_refund_no) : null;
    if (!refund)
      return this.rejected(n, r, `unknown out_refund_no ${r.out_refund_no}`, {
        status: 404,
        body: { code: 'FAIL', message: '退款单不存在' },
      });
    const order = await this.orders.get(refund.orderId);
    const status = refundStatusFromWechat(r.refund_status ?? '');
    const problem =
      (r.mchid !== this.client.config!.mchId ? `mchid ${r.mchid}` : null) ??
      checkRefund(refund, r, order) ??
      (status && status !== 'processing' ? null : `refund_status ${r.refund_status}`);
    if (problem)
      return this.rejected(n, r, problem, {
        status: 400,
        body: { code: 'FAIL', message: '通知内容与退款单不符' },
      });
    const outcome = await this.refunds.applyRefundState(refund, status!, r, WECHAT_ACTOR, 'wechat');
    await this.recordNotification(n, r, outcome === 'applied' ? 'applied' : 'duplicate', null);
    return { status: 204 };
  }

  private async rejected(
    n: Notification,
    resource: unknown,
    reason: string,
    answer: NotifyAnswer,
  ): Promise<NotifyAnswer> {
    this.log.warn(`notification ${n.id ?? '?'} (${n.event_type ?? '?'}) not applied: ${reason}`);
    await this.recordNotification(n, resource, 'rejected', reason).catch(() => undefined);
    return answer;
  }

  private async recordNotification(
    n: Notification,
    resource: unknown,
    outcome: string,
    reason: string | null,
  ) {
    const r = (resource ?? {}) as { out_trade_no?: string; out_refund_no?: string };
    await this.notifications.record({
      wechatId: String(n.id ?? '').slice(0, 64),
      eventType: String(n.event_type ?? '').slice(0, 40),
      outcome,
      reason: reason?.slice(0, 200) ?? null,
      outTradeNo: r.out_trade_no?.slice(0, 32) ?? null,
      outRefundNo: r.out_refund_no?.slice(0, 32) ?? null,
      receivedAt: this.clock.now(),
    });
  }
}
