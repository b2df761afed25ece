import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * The number an anonymous resident left for a call back (docs/domain-rules.md "What each person sees"): kept
 * apart from the ticket, shown only to the customer-service lead, and every view is logged.
 */
@Entity('ticket_callbacks')
export class TicketCallback {
  @PrimaryColumn(ID) ticketId: string;
  @Column({ type: 'varchar', length: 20 }) phone: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Who looked at what personal data of a ticket, and when (audit record). */
@Entity('privacy_access_logs')
@Index(['ticketId', 'createdAt'])
export class PrivacyAccessLog {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column(ID) ticketId: string;
  @Column(ID) viewerId: string;
  @Column({ type: 'varchar', length: 50 }) viewerName: string;
  @Column({ type: 'varchar', length: 20 }) viewerRole: string;
  /** What was seen: 'callback_phone'. */
  @Column({ type: 'varchar', length: 32 }) what: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** One entry of a company's list of phrases staff must not say 服务禁语, with the better wording. */
@Entity('forbidden_phrases')
@Index(['companyId', 'sort'])
export class ForbiddenPhraseRow {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column({ type: 'varchar', length: 40 }) phrase: string;
  @Column({ type: 'varchar', length: 200 }) better: string;
  @Column({ type: 'int', default: 0 }) sort: number;
  @Column(NULLABLE_ID) updatedById: string | null;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/**
 * A monthly public notice 投诉处理情况公示 the project manager previewed and approved: the text as approved is
 * what is published (residents read this, never the live preview).
 */
@Entity('notice_publications')
@Index(['projectId', 'month'], { unique: true })
export class NoticePublication {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 7 }) month: string;
  @Column(ID) approvedById: string;
  @Column({ type: 'varchar', length: 50 }) approvedByName: string;
  @Column(TIMESTAMP) approvedAt: Date;
  /** The notice as approved (JSON). */
  @Column({ type: 'text' }) content: string;
}

export const PRIVACY_ENTITIES = [TicketCallback, PrivacyAccessLog, ForbiddenPhraseRow, NoticePublication];
