/** What the payments endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PAY_CHANNELS,
  PAY_ORDER_STATUSES,
  PRICE_ITEM_KINDS,
  QUOTE_STATUSES,
  REFUND_STATUSES,
} from '@wuye/shared';

export class PayStatus {
  @ApiProperty({ type: Boolean })
  enabled: boolean;

  @ApiProperty({ type: String })
  message: string;
}

export class PriceItem {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: PRICE_ITEM_KINDS, enumName: 'PriceItemKind' })
  kind: (typeof PRICE_ITEM_KINDS)[number];

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String })
  unit: string;

  @ApiProperty({ type: Number })
  priceFen: number;

  @ApiProperty({ type: Number })
  sort: number;

  @ApiProperty({ type: Boolean })
  active: boolean;
}

export class PriceItemList {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: () => [PriceItem] })
  items: PriceItem[];
}

export class QuoteItemView {
  @ApiProperty({ type: String })
  kind: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String })
  unit: string;

  @ApiProperty({ type: Number })
  unitPriceFen: number;

  @ApiProperty({ type: Number })
  quantity: number;

  @ApiProperty({ type: Number })
  amountFen: number;
}

export class PaymentView {
  @ApiPropertyOptional({ type: Boolean, description: 'Staff only: paid and not refunded yet.' })
  refundable?: boolean;

  @ApiPropertyOptional({ type: String })
  outTradeNo?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  transactionId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  closedAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  note?: string | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: PAY_CHANNELS, enumName: 'PayChannel' })
  channel: (typeof PAY_CHANNELS)[number];

  @ApiProperty({ type: String })
  channelLabel: string;

  @ApiProperty({ enum: PAY_ORDER_STATUSES, enumName: 'PayOrderStatus' })
  status: (typeof PAY_ORDER_STATUSES)[number];

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: Number })
  amountFen: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt: string | null;
}

export class RefundView {
  @ApiPropertyOptional({ type: String })
  outRefundNo?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  refundId?: string | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: PAY_CHANNELS, enumName: 'PayChannel' })
  channel: (typeof PAY_CHANNELS)[number];

  @ApiProperty({ enum: REFUND_STATUSES, enumName: 'RefundStatus' })
  status: (typeof REFUND_STATUSES)[number];

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: Number })
  amountFen: number;

  @ApiProperty({ type: String })
  reason: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

export class QuoteView {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'The project manager may refund one of its payments (POST /api/tickets/:id/refunds).',
  })
  canRefund?: boolean;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: Number })
  seq: number;

  @ApiProperty({ type: Boolean })
  supplementary: boolean;

  @ApiProperty({ enum: QUOTE_STATUSES, enumName: 'QuoteStatus' })
  status: (typeof QUOTE_STATUSES)[number];

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: Number })
  totalFen: number;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String })
  createdByName: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acceptedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt: string | null;

  @ApiProperty({ enum: PAY_CHANNELS, nullable: true })
  paidVia: (typeof PAY_CHANNELS)[number] | null;

  @ApiProperty({ type: String, nullable: true })
  paidViaLabel: string | null;

  @ApiProperty({ type: String, nullable: true })
  declineReason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  workStartedAt: string | null;

  @ApiProperty({ enum: ['pay', 'decline', 'offline_payment', 'withdraw', 'start_work'], isArray: true })
  actions: Array<'pay' | 'decline' | 'offline_payment' | 'withdraw' | 'start_work'>;

  @ApiProperty({ type: () => [QuoteItemView] })
  items: QuoteItemView[];

  @ApiProperty({ type: () => [PaymentView] })
  payments: PaymentView[];

  @ApiProperty({ type: () => [RefundView] })
  refunds: RefundView[];
}

export class ChargeSummaryTotals {
  @ApiProperty({ type: Number })
  quotedFen: number;

  @ApiProperty({ type: Number })
  paidFen: number;

  @ApiProperty({ type: Number })
  refundedFen: number;

  @ApiProperty({ type: Number })
  refundingFen: number;

  @ApiProperty({ type: Number })
  netFen: number;
}

export class ChargeSummary {
  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ type: Boolean })
  chargeable: boolean;

  @ApiProperty({ type: Boolean })
  payEnabled: boolean;

  @ApiProperty({ type: String, nullable: true })
  payMessage: string | null;

  @ApiProperty({ type: Boolean })
  canQuote: boolean;

  @ApiProperty({ type: () => [QuoteView] })
  quotes: QuoteView[];

  @ApiProperty({ type: () => ChargeSummaryTotals })
  totals: ChargeSummaryTotals;

  @ApiProperty({ type: String })
  summary: string;
}

export class JsapiPayParams {
  @ApiProperty({ type: String })
  appId: string;

  @ApiProperty({ type: String })
  timeStamp: string;

  @ApiProperty({ type: String })
  nonceStr: string;

  @ApiProperty({ type: String })
  package: string;

  @ApiProperty({ enum: ['RSA'] })
  signType: 'RSA';

  @ApiProperty({ type: String })
  paySign: string;
}

export class PayResult {
  @ApiProperty({ type: String })
  orderId: string;

  @ApiProperty({ type: Number })
  amountFen: number;

  @ApiProperty({ type: () => JsapiPayParams })
  payParams: JsapiPayParams;
}

export class ReconciliationReportOrder {
  @ApiProperty({ type: String })
  outTradeNo: string;

  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ enum: PAY_CHANNELS, enumName: 'PayChannel' })
  channel: (typeof PAY_CHANNELS)[number];

  @ApiProperty({ enum: PAY_ORDER_STATUSES, enumName: 'PayOrderStatus' })
  status: (typeof PAY_ORDER_STATUSES)[number];

  @ApiProperty({ type: Number })
  amountFen: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paidAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  transactionId: string | null;
}

export class ReconciliationReportRefund {
  @ApiProperty({ type: String })
  outRefundNo: string;

  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ enum: PAY_CHANNELS, enumName: 'PayChannel' })
  channel: (typeof PAY_CHANNELS)[number];

  @ApiProperty({ enum: REFUND_STATUSES, enumName: 'RefundStatus' })
  status: (typeof REFUND_STATUSES)[number];

  @ApiProperty({ type: Number })
  amountFen: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;
}

export class ReconciliationReportTotals {
  @ApiProperty({ type: Number })
  paidFen: number;

  @ApiProperty({ type: Number })
  wechatPaidFen: number;

  @ApiProperty({ type: Number })
  offlinePaidFen: number;

  @ApiProperty({ type: Number })
  refundedFen: number;
}

export class Mismatch {
  @ApiProperty({
    enum: [
      'paid_not_recorded',
      'recorded_not_paid',
      'amount_mismatch',
      'unknown_order',
      'refund_not_recorded',
      'refund_amount_mismatch',
      'refund_state_mismatch',
      'refund_pending_too_long',
      'refund_abnormal',
    ],
  })
  kind:
    | 'paid_not_recorded'
    | 'recorded_not_paid'
    | 'amount_mismatch'
    | 'unknown_order'
    | 'refund_not_recorded'
    | 'refund_amount_mismatch'
    | 'refund_state_mismatch'
    | 'refund_pending_too_long'
    | 'refund_abnormal';

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  ref: string;

  @ApiProperty({ type: String })
  message: string;
}

export class ReconciliationReport {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  day: string;

  @ApiProperty({ enum: ['none', 'tradebill', 'query'] })
  source: 'none' | 'tradebill' | 'query';

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: () => [ReconciliationReportOrder] })
  orders: ReconciliationReportOrder[];

  @ApiProperty({ type: () => [ReconciliationReportRefund] })
  refunds: ReconciliationReportRefund[];

  @ApiProperty({ type: () => ReconciliationReportTotals })
  totals: ReconciliationReportTotals;

  @ApiProperty({ type: () => [Mismatch] })
  mismatches: Mismatch[];
}

/** What WeChat Pay hears when a notification is not applied (it then sends it again). */
export class PayNotifyFailure {
  @ApiProperty({ enum: ['FAIL', 'SIGN_ERROR'] })
  code: 'FAIL' | 'SIGN_ERROR';

  @ApiProperty({ type: String })
  message: string;
}
