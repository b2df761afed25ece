/** What the replies endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty } from '@nestjs/swagger';

export class ReplyTemplate {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  text: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class ReplyTemplateRow {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  text: string;

  @ApiProperty({ type: Number })
  sort: number;

  @ApiProperty({ type: String, nullable: true })
  updatedById: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class OkResult {
  @ApiProperty({ type: Boolean })
  ok: boolean;
}

export class ReplyHit {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  phrase: string;

  @ApiProperty({ type: String })
  matched: string;

  @ApiProperty({ type: Number })
  index: number;

  @ApiProperty({ type: String })
  better: string;

  @ApiProperty({ type: String })
  why: string;
}

export class ReplyCheck {
  @ApiProperty({ type: Boolean })
  ok: boolean;

  @ApiProperty({ type: () => [ReplyHit] })
  hits: ReplyHit[];
}
