import { PayEventsRepository } from './pay-events.repository';
import { PayNotificationsRepository } from './pay-notifications.repository';
import { PayOrdersRepository } from './pay-orders.repository';
import { PaymentProjectsRepository } from './payment-projects.repository';
import { PaymentTicketsRepository } from './payment-tickets.repository';
import { PriceItemsRepository } from './price-items.repository';
import { QuotesRepository } from './quotes.repository';
import { RefundsRepository } from './refunds.repository';
import { PaymentTransactions } from './transactions';

/** Every repository of paid repairs, for the module's providers. */
export const PAYMENT_REPOSITORIES = [
  PaymentTransactions,
  QuotesRepository,
  PriceItemsRepository,
  PayOrdersRepository,
  RefundsRepository,
  PayNotificationsRepository,
  PayEventsRepository,
  PaymentTicketsRepository,
  PaymentProjectsRepository,
];
