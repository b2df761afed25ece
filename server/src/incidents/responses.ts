/** What the incidents endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_STATUSES, TicketStatus } from '@wuye/shared';

export class IncidentView {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  companyId: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Number })
  ticketCount: number;

  @ApiProperty({ type: Number })
  complainantCount: number;

  @ApiProperty({ type: Boolean })
  hot: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  hotAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  firstAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  lastAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class IncidentDetailTicket {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class IncidentDetail {
  @ApiProperty({ type: () => [IncidentDetailTicket] })
  tickets: IncidentDetailTicket[];

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  companyId: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Number })
  ticketCount: number;

  @ApiProperty({ type: Number })
  complainantCount: number;

  @ApiProperty({ type: Boolean })
  hot: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  hotAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  firstAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  lastAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class IncidentSplit {
  @ApiPropertyOptional({ type: String })
  id?: string;

  @ApiPropertyOptional({ type: String })
  companyId?: string;

  @ApiPropertyOptional({ type: String })
  projectId?: string;

  @ApiPropertyOptional({ type: String })
  category?: string;

  @ApiPropertyOptional({ type: String })
  title?: string;

  @ApiPropertyOptional({ type: Number })
  ticketCount?: number;

  @ApiPropertyOptional({ type: Number })
  complainantCount?: number;

  @ApiPropertyOptional({ type: Boolean })
  hot?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  hotAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  firstAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  lastAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ type: Boolean })
  dissolved?: boolean;
}

/** One complaint of the event after a move on them all: moved (its status now), or why it was not. */
export class IncidentMoveResult {
  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ type: Boolean })
  ok: boolean;

  @ApiPropertyOptional({
    enum: TICKET_STATUSES,
    enumName: 'TicketStatus',
    description: "When ok: the complaint's status after the move.",
  })
  status?: TicketStatus;

  @ApiPropertyOptional({ type: String, description: 'When not ok: why it was not moved.' })
  message?: string;
}

/** A move (ticket action or visit plan) on every open complaint of the event, complaint by complaint. */
export class IncidentMoves {
  @ApiProperty({ type: String })
  incidentId: string;

  @ApiProperty({ type: Number, description: 'How many complaints were moved.' })
  done: number;

  @ApiProperty({ type: Number, description: 'How many complaints the event has.' })
  total: number;

  @ApiProperty({ type: () => [IncidentMoveResult] })
  results: IncidentMoveResult[];

  @ApiPropertyOptional({ type: String, description: 'POST …/actions: the action applied.' })
  action?: string;
}
