/**
 * The staff sub-package's door to @wuye/shared (the main package's door is ../shared.ts).
 * Single dist modules only, never the index: shared is CommonJS, which webpack cannot tree-shake.
 * Only staff pages (and the logic only they import) may import this file, so the transition table,
 * cause factors, customer reasons and categories land in the `staff` sub-package, not in the
 * residents' main package.
 */
export * from '@wuye/shared/dist/lifecycle/transitions';
export * from '@wuye/shared/dist/lifecycle/causes';
export {
  KEY_CUSTOMER_REASONS,
  KEY_CUSTOMER_REASON_LABELS,
  type KeyCustomerReason,
} from '@wuye/shared/dist/customers';
export { CATEGORY_NAMES, type CategoryName } from '@wuye/shared/dist/classification/categories';
export {
  PRICE_ITEM_KINDS,
  PRICE_ITEM_KIND_LABELS,
  QUOTE_ITEM_NAME_MAX,
  QUOTE_MAX_TOTAL_FEN,
  priceQuote,
  type PriceItemKind,
  type QuoteLineInput,
} from '@wuye/shared/dist/payments/quotes';
