import { Text, View } from '@tarojs/components';
import { TICKET_KIND_LABELS, TICKET_STATUS_LABELS, OPEN_STATUSES } from '../shared';
import type { TicketSummary } from '../services/types';
import { formatBeijingTime } from '../utils/time';
import { firstLine } from '../utils/text';
import './TicketItem.css';

/** One row of a ticket list: number, kind, status, first line and time. */
export function TicketItem({ ticket, onClick }: { ticket: TicketSummary; onClick: () => void }) {
  const open = OPEN_STATUSES.includes(ticket.status);
  return (
    <View className="ticket-item" onClick={onClick} data-testid="ticket-item">
      <View className="ticket-item__head">
        <Text className="ticket-item__kind">{TICKET_KIND_LABELS[ticket.kind] ?? ticket.kind}</Text>
        <Text className="ticket-item__number">{ticket.number}</Text>
        <Text className={`ticket-item__status ${open ? 'ticket-item__status--open' : ''}`}>
          {TICKET_STATUS_LABELS[ticket.status] ?? ticket.status}
        </Text>
      </View>
      <Text className="ticket-item__content">{firstLine(ticket.summary ?? ticket.content ?? '')}</Text>
      <Text className="ticket-item__time">{formatBeijingTime(ticket.createdAt)}</Text>
    </View>
  );
}
