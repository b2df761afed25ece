import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChargesService } from './charges.service';
import { PaidRepairGuard } from './paid-repair.guard';
import { PayNotificationsService } from './pay-notifications.service';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { PaymentsSweepService } from './payments-sweep.service';
import { PriceListService } from './price-list.service';
import { QuotesService } from './quotes.service';
import { ReconciliationService } from './reconciliation.service';
import { RefundsService } from './refunds.service';
import { PAYMENT_REPOSITORIES } from './repositories';
import { QuoteSettlementService } from './settlement.service';
import { WechatPayClient } from './wechatpay.client';

@Module({
  imports: [JobsModule, NotificationsModule, TicketsModule],
  controllers: [PaymentsController],
  providers: [
    WechatPayClient,
    ...PAYMENT_REPOSITORIES,
    ChargesService,
    RefundsService,
    QuoteSettlementService,
    QuotesService,
    PaymentsService,
    PayNotificationsService,
    PaymentsSweepService,
    PaidRepairGuard,
    PriceListService,
    ReconciliationService,
  ],
  exports: [
    WechatPayClient,
    ...PAYMENT_REPOSITORIES,
    ChargesService,
    RefundsService,
    QuoteSettlementService,
    QuotesService,
    PaymentsService,
    PayNotificationsService,
    PaymentsSweepService,
    PaidRepairGuard,
    PriceListService,
    ReconciliationService,
  ],
})
export class PaymentsModule {}
