import { Global, Module } from '@nestjs/common';
import { TicketDispatcher } from '../tickets/ports';
import { DispatchService } from './dispatch.service';
import { RoutingModule } from './routing.module';

/**
 * Routing's part in ticket intake (classify, route, pick who takes it), offered to the tickets domain as its
 * TicketDispatcher port without tickets importing routing, which reads and moves tickets: global, imported once
 * by the app module. TicketsService finds DispatchService by the port's token.
 */
@Global()
@Module({
  imports: [RoutingModule],
  providers: [{ provide: TicketDispatcher, useExisting: DispatchService }],
  exports: [TicketDispatcher],
})
export class DispatchPortModule {}
