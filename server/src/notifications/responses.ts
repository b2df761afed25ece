/** What the notifications endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty } from '@nestjs/swagger';

export class NotificationItem {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  kind: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  body: string;

  @ApiProperty({ type: String, nullable: true })
  ticketId: string | null;

  @ApiProperty({ type: String, nullable: true })
  page: string | null;

  @ApiProperty({ type: Boolean })
  read: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class NotificationPage {
  @ApiProperty({ type: () => [NotificationItem] })
  items: NotificationItem[];

  @ApiProperty({ type: Number })
  total: number;

  @ApiProperty({ type: Number })
  page: number;

  @ApiProperty({ type: Number })
  pageSize: number;

  @ApiProperty({ type: Number })
  unread: number;
}

export class UnreadCount {
  @ApiProperty({ type: Number })
  unread: number;
}

export class SubscribeTemplatesTemplate {
  @ApiProperty({ type: String })
  scene: string;

  @ApiProperty({ type: String })
  templateId: string;
}

export class SubscribeTemplates {
  @ApiProperty({ type: () => [SubscribeTemplatesTemplate] })
  templates: SubscribeTemplatesTemplate[];
}

export class SubscriptionResult {
  @ApiProperty({ type: [String] })
  accepted: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  quotas: Record<string, number>;
}

export class SubscriptionQuotas {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  quotas: Record<string, number>;
}
