import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobsService } from '../jobs/jobs.service';
import { nextEvery } from '../jobs/schedule';
import { PayOrdersRepository } from './repositories/pay-orders.repository';
import { RefundsRepository } from './repositories/refunds.repository';
import { RefundsService } from './refunds.service';
import { QuoteSettlementService } from './settlement.service';
import { WechatPayClient } from './wechatpay.client';

/** An open order is queried this long after creation even before it expires (a notification may be lost). */
const QUERY_OPEN_AFTER_MS = 2 * 60_000;
const LEASE_MS = 2 * 60_000;
const SWEEP_BATCH = 100;

export interface SweepStats {
  closed: number;
  settled: number;
  refundsSent: number;
  refundsFinished: number;
}

/**
 * The payments sweep 支付巡检, a durable recurring job (one instance runs it each minute, whatever the number
 * of instances): unpaid orders past their timeout are closed, payments whose notification never came are
 * booked, refunds WeChat has not accepted are sent again and those in progress followed to their end.
 */
@Injectable()
export class PaymentsSweepService implements OnModuleInit {
  private readonly log = new Logger('Payments');

  constructor(
    private readonly client: WechatPayClient,
    private readonly jobs: JobsService,
    private readonly orders: PayOrdersRepository,
    private readonly refundRows: RefundsRepository,
    private readonly settlement: QuoteSettlementService,
    private readonly refunds: RefundsService,
  ) {}

  onModuleInit() {
    // A durable recurring job: one instance sweeps each minute (JobsService), whatever the number of instances.
    if (!this.client.enabled) return;
    const every = this.client.config?.sweepIntervalMs ?? 60_000;
    this.jobs.every({
      type: 'payments.sweep',
      next: (after) => nextEvery(after, every),
      run: async (at) => {
        const stats = await this.sweep(at);
        if (stats.closed || stats.settled || stats.refundsSent || stats.refundsFinished)
          this.log.log(`sweep: ${JSON.stringify(stats)}`);
      },
    });
  }

  /**
   * Idempotent housekeeping, safe on several instances at once (each row is leased by a conditional
   * UPDATE before it is worked on): unpaid orders past their timeout are closed; open orders are
   * queried so a payment whose notification never came is booked; refunds not yet accepted are sent
   * again, refunds in progress are queried to their final state.
   */
  async sweep(now: Date): Promise<SweepStats> {
    const stats = { closed: 0, settled: 0, refundsSent: 0, refundsFinished: 0 };
    if (!this.client.enabled) return stats;
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const due = await this.orders.dueForSweep(
      now,
      new Date(now.getTime() - QUERY_OPEN_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const o of due) {
      if (!(await this.orders.lease(o.id, now, leaseUntil))) continue;
      if (o.expiresAt && o.expiresAt.getTime() <= now.getTime()) {
        const outcome = await this.settlement.closeOrderSafely(o, now);
        if (outcome === 'closed') stats.closed++;
        if (outcome === 'paid') stats.settled++;
      } else {
        await this.settlement.settleByQuery(o, now);
        if ((await this.orders.get(o.id)).status === 'paid') stats.settled++;
      }
    }

    const refunds = await this.refundRows.dueForSweep(now, SWEEP_BATCH);
    for (const r of refunds) {
      if (!(await this.refundRows.lease(r.id, now, leaseUntil))) continue;
      await this.refunds.queryRefund(r, now); // a pending one WeChat never got is sent (again)
      const after = await this.refundRows.get(r.id);
      if (r.status === 'pending' && after.status !== 'pending') stats.refundsSent++;
      if (['succeeded', 'closed', 'abnormal'].includes(after.status)) stats.refundsFinished++;
    }
    return stats;
  }
}
