/** What the privacy endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty } from '@nestjs/swagger';
import { NoticeItem } from '../reports/responses';

/** One phrase staff must not say to a resident 服务禁语, with the better wording. */
export class ForbiddenPhrase {
  @ApiProperty({ type: String })
  phrase: string;

  @ApiProperty({ type: String })
  better: string;
}

/** The company's list of forbidden phrases (a company without one starts from the seed). */
export class ForbiddenPhraseList {
  @ApiProperty({ type: () => [ForbiddenPhrase] })
  items: ForbiddenPhrase[];

  @ApiProperty({
    type: Boolean,
    description: 'Whether this user may replace the list (lead, project manager, HQ).',
  })
  editable: boolean;

  @ApiProperty({ type: Number, description: 'How many entries the list may hold.' })
  max: number;
}

/** An anonymous resident's call-back number, and when this view was logged. */
export class CallbackPhone {
  @ApiProperty({ type: String })
  phone: string;

  @ApiProperty({ type: String, format: 'date-time' })
  loggedAt: string;
}

/** One look at a ticket's personal data (newest first, at most 200). */
export class PrivacyAccessEntry {
  @ApiProperty({ type: String })
  viewerName: string;

  @ApiProperty({ type: String, description: "The viewer's role code, e.g. cs_lead." })
  viewerRole: string;

  @ApiProperty({ type: String, description: 'What was looked at, e.g. callback_phone.' })
  what: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
}

/** A project's 24-hour duty phone (null when none is set). */
export class DutyPhone {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String, nullable: true })
  dutyPhone: string | null;
}

/** Whether a month's notice to residents is approved (published), by whom and when. */
export class NoticeApproval {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: Boolean })
  approved: boolean;

  @ApiProperty({ type: String, nullable: true })
  approvedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approvedAt: string | null;

  @ApiProperty({ type: Boolean, description: 'Whether this user may approve it (the project manager).' })
  canApprove: boolean;
}

/** The notice approved. */
export class NoticeApproved {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: Boolean })
  approved: boolean;

  @ApiProperty({ type: String })
  approvedBy: string;

  @ApiProperty({ type: String, format: 'date-time' })
  approvedAt: string;
}

/** The published notice of the user's compound: the text as the project manager approved it. */
export class PublishedNotice {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: String, format: 'date-time' })
  approvedAt: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  intro: string;

  @ApiProperty({ type: () => [NoticeItem] })
  items: NoticeItem[];

  @ApiProperty({ type: String })
  closing: string;
}
