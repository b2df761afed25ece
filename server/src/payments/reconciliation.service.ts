import { BadRequestException, ForbiddenException, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  dayKeyOf,
  findMismatches,
  shanghaiDayRange,
  type OurOrder,
  type OurRefund,
  type PayChannel,
  type PayOrderStatus,
  type RefundStatus,
  type TheirPayment,
  type TheirRefund,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { nextDailyAt } from '../jobs/schedule';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { staffProject } from './access';
import { PaymentProjectsRepository } from './repositories/payment-projects.repository';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { WechatPayClient } from './wechatpay.client';
import { PAYMENT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/**
 * Daily reconciliation 日对账 of one project (Asia/Shanghai day): our orders, payments and refunds against
 * WeChat Pay's trade bill for the day, or, when WeChat has no bill (yet), against a query per order.
 * The comparison itself is the pure findMismatches in @wuye/shared.
 */
@Injectable()
export class ReconciliationService implements OnModuleInit {
  private readonly log = new Logger('Reconciliation');

  constructor(
    private readonly projects: PaymentProjectsRepository,
    private readonly orders: PayOrdersRepository,
    private readonly refundRows: RefundsRepository,
    private readonly client: WechatPayClient,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Every day at 10:30 Beijing time (WeChat's bills are ready by then): yesterday, per project; mismatches → lead and PM. */
  onModuleInit() {
    if (!this.client.enabled) return;
    this.jobs.every({
      type: 'payments.reconcile',
      next: (after) => nextDailyAt(after, 10.5),
      run: (at) => this.daily(at),
    });
  }

  async daily(at: Date) {
    const day = dayKeyOf(new Date(at.getTime() - 24 * 3600_000));
    for (const project of await this.projects.all()) {
      const report = await this.reconcile(project.id, day);
      if (!report.mismatches.length) continue;
      const people = await this.projects.peopleInRole(
        { projectId: project.id, companyId: project.companyId },
        ['cs_lead', 'project_manager'],
      );
      await this.notifications.notify(
        people.map((u) => u.id),
        {
          kind: 'reconcile',
          title: `${day} 微信支付对账有 ${report.mismatches.length} 处不符`,
          body: '请在对账页面查看并处理（订单、支付或退款与微信账单不一致）。',
          dedupeKey: `reconcile:${project.id}:${day}`,
        },
      );
    }
  }

  async forUser(user: AuthUser, day: string, projectId?: string) {
    if (user.kind !== 'staff' || !allowed(PAYMENT_PERMISSIONS.readReconciliation, user))
      throw new ForbiddenException('只有客服主管、项目经理或集团总部可以查看对账');
    return this.reconcile(await staffProject(this.projects, user, projectId), day);
  }

  async reconcile(projectId: string, day: string) {
    const range = shanghaiDayRange(day);
    if (!range) throw new BadRequestException('对账日期不正确');
    const from = range.from;
    const to = new Date(range.to.getTime() - 1);
    const inDay = (d: Date | null) => !!d && d >= from && d <= to;
    const orders = await this.orders.ofProjectBetween(projectId, from, to);
    const refunds = await this.refundRows.forReconciliation(projectId, from, to);

    let source: 'tradebill' | 'query' | 'none' = 'none';
    let note: string | null = null;
    const payments: TheirPayment[] = [];
    const theirRefunds: TheirRefund[] = [];
    if (this.client.enabled) {
      let bill = null;
      try {
        bill = await this.client.tradeBill(day);
        if (!bill) note = '微信支付当日无账单（无交易或尚未生成），已逐笔查询订单';
      } catch (e) {
        this.log.warn(`trade bill ${day}: ${(e as Error).message}`);
        note = '微信账单下载失败，已逐笔查询订单';
      }
      if (bill) {
        source = 'tradebill';
        // The bill is the merchant's: keep this project's lines and lines of orders nobody here knows.
        const known = new Map(
          (bill.length
            ? await this.orders.byOutTradeNos([...new Set(bill.map((r) => r.outTradeNo))])
            : []
          ).map((o) => [o.outTradeNo, o]),
        );
        for (const row of bill) {
          const o = known.get(row.outTradeNo);
          if (o && o.projectId !== projectId) continue;
          if (o && !orders.some((x) => x.id === o.id)) orders.push(o);
          if (row.tradeState === 'REFUND')
            theirRefunds.push({
              outRefundNo: row.outRefundNo,
              refundFen: row.refundFen,
              status: row.refundStatus,
            });
          else payments.push({ outTradeNo: row.outTradeNo, totalFen: row.totalFen, state: row.tradeState });
        }
        const missing = theirRefunds
          .map((r) => r.outRefundNo)
          .filter((no) => !refunds.some((r) => r.outRefundNo === no));
        if (missing.length)
          refunds.push(...(await this.refundRows.ofProjectByOutRefundNos(projectId, missing)));
      } else {
        source = 'query';
        for (const o of orders.filter((x) => x.channel === 'wechat')) {
          try {
            const tx = await this.client.queryOrder(o.outTradeNo);
            if (tx)
              payments.push({
                outTradeNo: o.outTradeNo,
                totalFen: tx.amount?.total ?? 0,
                state: tx.trade_state,
              });
          } catch (e) {
            this.log.warn(`query ${o.outTradeNo}: ${(e as Error).message}`);
          }
        }
        for (const r of refunds.filter((x) => x.channel === 'wechat')) {
          try {
            const w = await this.client.queryRefund(r.outRefundNo);
            if (w)
              theirRefunds.push({
                outRefundNo: r.outRefundNo,
                refundFen: w.amount.refund,
                status: w.status ?? '',
              });
          } catch (e) {
            this.log.warn(`query refund ${r.outRefundNo}: ${(e as Error).message}`);
          }
        }
      }
    } else note = '支付未开通：只列出线下收款与退款';

    // A payment belongs to the day it was paid: an order made today and paid tomorrow is tomorrow's.
    const compared: OurOrder[] = orders
      .filter(
        (o) => o.status !== 'paid' || inDay(o.paidAt) || payments.some((p) => p.outTradeNo === o.outTradeNo),
      )
      .map((o) => ({
        outTradeNo: o.outTradeNo,
        amountFen: o.amountFen,
        status: o.status as PayOrderStatus,
        channel: o.channel as PayChannel,
      }));
    const ourRefunds: OurRefund[] = refunds.map((r) => ({
      outRefundNo: r.outRefundNo,
      amountFen: r.amountFen,
      status: r.status as RefundStatus,
      channel: r.channel as PayChannel,
      createdAt: r.createdAt,
    }));
    const mismatches = findMismatches({
      orders: compared,
      refunds: ourRefunds,
      payments,
      theirRefunds,
      now: this.clock.now(),
      complete: source === 'tradebill',
    });
    const paid = orders.filter((o) => o.status === 'paid' && inDay(o.paidAt));
    const refunded = refunds.filter((r) => r.status === 'succeeded' && inDay(r.finishedAt));
    const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
    return {
      projectId,
      day,
      source,
      note,
      orders: orders.map((o) => ({
        outTradeNo: o.outTradeNo,
        ticketId: o.ticketId,
        channel: o.channel,
        status: o.status,
        amountFen: o.amountFen,
        createdAt: o.createdAt,
        paidAt: o.paidAt,
        transactionId: o.transactionId,
      })),
      refunds: refunds.map((r) => ({
        outRefundNo: r.outRefundNo,
        ticketId: r.ticketId,
        channel: r.channel,
        status: r.status,
        amountFen: r.amountFen,
        createdAt: r.createdAt,
        finishedAt: r.finishedAt,
      })),
      totals: {
        paidFen: sum(paid),
        wechatPaidFen: sum(paid.filter((o) => o.channel === 'wechat')),
        offlinePaidFen: sum(paid.filter((o) => o.channel === 'offline')),
        refundedFen: sum(refunded),
      },
      mismatches,
    };
  }
}
