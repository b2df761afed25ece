import type { TicketAction } from '@wuye/shared';
import type { AuthUser } from '../common/auth-user';
import type { Ticket } from './entities';

/**
 * Another domain's say on a ticket move, consulted by LifecycleService. Payments uses it: a paid repair
 * is not marked handled while its quote waits for the resident's payment, and a cancellation refunds
 * what was paid (issue 7). The transition table stays the one source of which moves exist.
 */
export abstract class TicketActionGuard {
  /** Before the move (user null = the system); throw an HttpException (Chinese message) to refuse it. */
  abstract beforeAction(user: AuthUser | null, ticket: Ticket, action: TicketAction): Promise<void>;
  /** After the move committed. Must not throw: the move has happened. */
  abstract afterAction(user: AuthUser | null, ticket: Ticket, action: TicketAction): Promise<void>;
}
