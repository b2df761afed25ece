import { Module } from '@nestjs/common';
import { TicketHooks } from './ticket-hooks';

/** The ticket event bus: other domains listen to ticket changes here instead of the tickets domain calling them. */
@Module({
  providers: [TicketHooks],
  exports: [TicketHooks],
})
export class EventsModule {}
