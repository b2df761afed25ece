import { Global, Module } from '@nestjs/common';
import { TicketActionGuard } from '../tickets/action-guard';
import { PaidRepairGuard } from './paid-repair.guard';
import { PaymentsModule } from './payments.module';

/**
 * Payments' say on ticket moves (no handling before a paid repair is paid; a cancellation refunds), offered to
 * the tickets domain as its TicketActionGuard port without tickets importing payments: global, imported once by
 * the app module. LifecycleService finds it by the port's token.
 */
@Global()
@Module({
  imports: [PaymentsModule],
  providers: [{ provide: TicketActionGuard, useExisting: PaidRepairGuard }],
  exports: [TicketActionGuard],
})
export class PaidRepairGuardModule {}
