import { TICKET_KIND_LABELS, TICKET_STATUS_LABELS, TicketKind, TicketStatus } from '@wuye/shared';
import { Ticket } from '../tickets/entities';

/** How a visit or rating page names its ticket: number, kind and status, with their Chinese labels. */
export function ticketHead(t: Ticket) {
  return {
    id: t.id,
    number: t.number,
    kind: t.kind,
    kindLabel: TICKET_KIND_LABELS[t.kind as TicketKind],
    status: t.status,
    statusLabel: TICKET_STATUS_LABELS[t.status as TicketStatus],
  };
}
