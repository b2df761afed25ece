import { Global, Module } from '@nestjs/common';
import { TicketIncidents } from '../tickets/ports';
import { IncidentsModule } from './incidents.module';
import { IncidentsService } from './incidents.service';

/**
 * Linking a new complaint to its incident at intake, offered to the tickets domain as its TicketIncidents port
 * without tickets importing incidents, which reads and moves tickets: global, imported once by the app module.
 * TicketsService finds IncidentsService by the port's token.
 */
@Global()
@Module({
  imports: [IncidentsModule],
  providers: [{ provide: TicketIncidents, useExisting: IncidentsService }],
  exports: [TicketIncidents],
})
export class IncidentPortModule {}
