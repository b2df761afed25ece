import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import {
  ManagerRefundDto,
  OfflinePaymentDto,
  PriceItemDto,
  PriceListQuery,
  QuoteReasonDto,
  ReconcileQuery,
  SendQuoteDto,
  UpdatePriceItemDto,
} from './dto';
import { ChargesService } from './charges.service';
import { PayNotificationsService } from './pay-notifications.service';
import { PaymentsService } from './payments.service';
import { PriceListService } from './price-list.service';
import { QuotesService } from './quotes.service';
import { ReconciliationService } from './reconciliation.service';
import { RefundsService } from './refunds.service';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import {
  ChargeSummary,
  PayNotifyFailure,
  PayResult,
  PayStatus,
  PriceItem,
  PriceItemList,
  ReconciliationReport,
} from './responses';

/** Paid repairs 有偿维修: price list, quotes, payment, refunds, charges, reconciliation, WeChat's notifications. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(
    private readonly ticketCharges: ChargesService,
    private readonly quotes: QuotesService,
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly notifications: PayNotificationsService,
    private readonly priceList: PriceListService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Whether WeChat Pay is set up (otherwise 支付未开通: staff record offline payments). */
  @Get('pay/status')
  @ApiOkResponse({ type: PayStatus })
  status() {
    return this.ticketCharges.status();
  }

  @Get('pay/price-items')
  @ApiOkResponse({ type: PriceItemList })
  listPriceItems(@CurrentUser() user: AuthUser, @Query() q: PriceListQuery) {
    return this.priceList.list(user, q.projectId, q.includeRetired === true);
  }

  @Post('pay/price-items')
  @ApiCreatedResponse({ type: PriceItem })
  createPriceItem(@CurrentUser() user: AuthUser, @Body() dto: PriceItemDto) {
    return this.priceList.create(user, dto);
  }

  @Patch('pay/price-items/:id')
  @ApiOkResponse({ type: PriceItem })
  updatePriceItem(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: UpdatePriceItemDto,
  ) {
    return this.priceList.update(user, id, dto);
  }

  /** The same as PATCH, for the mini-program: wx.request has no PATCH. */
  @Put('pay/price-items/:id')
  @ApiOkResponse({ type: PriceItem })
  putPriceItem(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: UpdatePriceItemDto,
  ) {
    return this.priceList.update(user, id, dto);
  }

  /** What the ticket was charged: quotes, payments, refunds, totals (the return visit shows it). */
  @Get('tickets/:id/charges')
  @ApiOkResponse({ type: ChargeSummary })
  charges(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.ticketCharges.chargesFor(user, id);
  }

  /** Staff send a quote (a supplementary one once a quote is paid). Retry with the same Idempotency-Key. */
  @Post('tickets/:id/quotes')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ChargeSummary })
  sendQuote(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: SendQuoteDto,
    @Headers('idempotency-key') key: string | undefined,
  ) {
    return this.quotes.sendQuote(user, id, dto, key);
  }

  /** The resident accepts and pays: the parameters for wx.requestPayment. */
  @Post('tickets/:id/quotes/:quoteId/pay')
  @HttpCode(200)
  @ApiOkResponse({ type: PayResult })
  pay(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Param('quoteId', UUID) quoteId: string) {
    return this.payments.pay(user, id, quoteId);
  }

  /** After wx.requestPayment: look at WeChat now instead of waiting for the notification. */
  @Post('tickets/:id/quotes/:quoteId/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  refresh(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('quoteId', UUID) quoteId: string,
  ) {
    return this.payments.refreshPayment(user, id, quoteId);
  }

  @Post('tickets/:id/quotes/:quoteId/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('quoteId', UUID) quoteId: string,
    @Body() dto: QuoteReasonDto,
  ) {
    return this.quotes.decline(user, id, quoteId, dto);
  }

  @Post('tickets/:id/quotes/:quoteId/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('quoteId', UUID) quoteId: string,
    @Body() dto: QuoteReasonDto,
  ) {
    return this.quotes.withdraw(user, id, quoteId, dto);
  }

  @Post('tickets/:id/quotes/:quoteId/offline-payment')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  offlinePayment(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('quoteId', UUID) quoteId: string,
    @Body() dto: OfflinePaymentDto,
  ) {
    return this.payments.recordOfflinePayment(user, id, quoteId, dto);
  }

  @Post('tickets/:id/quotes/:quoteId/start-work')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  startWork(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Param('quoteId', UUID) quoteId: string,
  ) {
    return this.quotes.startWork(user, id, quoteId);
  }

  /** The project manager refunds a paid repair, in full or in part, also after work started. */
  @Post('tickets/:id/refunds')
  @ApiCreatedResponse({ type: ChargeSummary })
  managerRefund(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: ManagerRefundDto) {
    return this.refunds.refundByManager(user, id, dto);
  }

  /** The cash of an offline payment was handed back. */
  @Post('pay/refunds/:id/offline-done')
  @HttpCode(200)
  @ApiOkResponse({ type: ChargeSummary })
  offlineRefundDone(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.refunds.confirmOfflineRefund(user, id);
  }

  /** Daily reconciliation of a project (lead, manager, HQ). */
  @Get('pay/reconciliation')
  @ApiOkResponse({ type: ReconciliationReport })
  reconcile(@CurrentUser() user: AuthUser, @Query() q: ReconcileQuery) {
    return this.reconciliation.forUser(user, q.day, q.projectId);
  }

  /**
   * WeChat Pay's notifications (payments and refunds), WECHAT_PAY_NOTIFY_URL. Verified on the raw body;
   * 204 when applied (or already applied), 4xx/5xx {code, message} otherwise so WeChat retries.
   */
  @Public()
  @Post('pay/wechat/notify')
  @ApiNoContentResponse({ description: 'applied, or already applied' })
  @ApiBadRequestResponse({
    type: PayNotifyFailure,
    description: 'not applied (4xx or 5xx): WeChat Pay sends it again',
  })
  async notify(@Req() req: RawBodyRequest<Request>, @Res() res: Response) {
    const h = (name: string) => req.header(name) ?? undefined;
    const answer = await this.notifications.handleNotification(
      {
        timestamp: h('wechatpay-timestamp'),
        nonce: h('wechatpay-nonce'),
        signature: h('wechatpay-signature'),
        serial: h('wechatpay-serial'),
      },
      req.rawBody,
    );
    if (answer.body) res.status(answer.status).json(answer.body);
    else res.status(answer.status).end();
  }
}
