/**
 * The manager sub-package's door to @wuye/shared (see ../staff/shared.ts for why module by module):
 * cause factors and categories for the analysis forms, payment labels for the reconciliation.
 */
export { CAUSE_FACTORS, type CauseFactor } from '@wuye/shared/dist/lifecycle/causes';
export { CATEGORY_NAMES } from '@wuye/shared/dist/classification/categories';
// The reconciliation page's labels (payment channels, order and refund states).
export {
  PAY_CHANNEL_LABELS,
  PAY_ORDER_STATUS_LABELS,
  REFUND_STATUS_LABELS,
} from '@wuye/shared/dist/payments/quotes';
