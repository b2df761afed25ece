import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';
// The project's visit rules are policy data: their table lives with the policy (src/policy), re-exported here.
import { VisitRuleSet } from '../policy/visit-rule-set.entity';

export { VisitRuleSet };

/**
 * A refusal of return visits 拒绝回访, kept on the household's (or, without one, the resident's) profile so
 * nobody visits again (the customer-service handbook, 回访 6).
 */
@Entity('visit_preferences')
export class VisitPreference {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column(NULLABLE_ID) householdId: string | null;
  @Index({ unique: true }) @Column(NULLABLE_ID) userId: string | null;
  @Column({ type: 'boolean', default: true }) noVisit: boolean;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column(ID) recordedById: string;
  @Column(TIMESTAMP) recordedAt: Date;
}

/** What the lead decided about a ticket's visits: its complaint level 投诉等级, sensitive 敏感投诉, repair type. */
@Entity('ticket_visit_settings')
export class TicketVisitSettings {
  @PrimaryColumn(ID) ticketId: string;
  /** 1…4, set by the lead; null = derived from the ticket's flags. */
  @Column({ type: 'int', nullable: true }) complaintLevel: number | null;
  @Column({ type: 'boolean', default: false }) sensitive: boolean;
  /** Correction of the repair type detected from the text (RepairVisitType). */
  @Column({ type: 'varchar', length: 20, nullable: true }) repairType: string | null;
  @Column({ type: 'boolean', nullable: true }) rainCaused: boolean | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column(ID) updatedById: string;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/**
 * One return visit owed 回访任务: visit `seq` of a ticket's handling `round` (its reopen count when handled).
 * invited: the resident's rating invitation is out; open: staff to visit; done; cancelled (closed without it,
 * exempted, refused, handled again).
 */
@Entity('visit_tasks')
@Index(['ticketId', 'round', 'seq'], { unique: true })
@Index(['projectId', 'status', 'dueAt'])
export class VisitTask {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) ticketId: string;
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column({ type: 'int' }) round: number;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 12 }) status: 'invited' | 'open' | 'done' | 'cancelled';
  /** 'time', or 'after_rain' (due once staff record rain). */
  @Column({ type: 'varchar', length: 12 }) trigger: string;
  @Column({ type: 'varchar', length: 8 }) form: string;
  @Column({ type: 'varchar', length: 20 }) visitorRole: string;
  @Column({ type: 'int', nullable: true }) complaintLevel: number | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) repairType: string | null;
  /** Why this date, in the handbook's words. */
  @Column({ type: 'varchar', length: 120 }) basis: string;
  @Column({ ...TIMESTAMP, nullable: true }) inviteDeadline: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) dueAt: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) doneVia: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) doneAt: Date | null;
  @Column(NULLABLE_ID) doneById: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) cancelReason: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** One try at a visit 回访记录: by phone or at home, with its result (unreachable tries count too). */
@Entity('visit_attempts')
export class VisitAttempt {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) taskId: string;
  @Index() @Column(ID) ticketId: string;
  @Column({ type: 'varchar', length: 8 }) method: string;
  @Column({ type: 'varchar', length: 16 }) result: string;
  @Column(ID) visitorId: string;
  @Column({ type: 'varchar', length: 50 }) visitorName: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** Home visits: the resident's signature on the visitor's phone, an uploaded image. */
  @Column(NULLABLE_ID) signatureUploadId: string | null;
  @Column(TIMESTAMP) createdAt: Date;
}

/**
 * The resident's answer 评价 to a return visit: their own rating online, or what they told the visitor.
 * One per visit (ticket, round, seq); satisfaction is always the resident's own word.
 */
@Entity('ratings')
@Index(['ticketId', 'round', 'seq'], { unique: true })
export class Rating {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) ticketId: string;
  @Index() @Column(ID) projectId: string;
  @Column({ type: 'int' }) round: number;
  @Column({ type: 'int' }) seq: number;
  @Column(NULLABLE_ID) taskId: string | null;
  @Column(NULLABLE_ID) attemptId: string | null;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  /** online, phone or home. */
  @Column({ type: 'varchar', length: 8 }) source: string;
  @Column(ID) recordedById: string;
  /** Question key → score 1–5 (JSON). */
  @Column({ type: 'text' }) scores: string;
  @Column({ type: 'float', nullable: true }) average: number | null;
  @Column({ type: 'boolean' }) satisfied: boolean;
  @Column({ type: 'boolean', nullable: true }) chargeCorrect: boolean | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  /** Upload ids (JSON array). */
  @Column({ type: 'text', nullable: true }) photoIds: string | null;
  @Column(TIMESTAMP) createdAt: Date;
}

/**
 * A submission that repeated a ticket handled within the week and reopened it instead of opening a new
 * one (the customer-service handbook, 统计说明7); keeps the idempotency key so a retry gets the same answer.
 */
@Entity('repeat_complaints')
@Index(['createdById', 'idempotencyKey'], { unique: true })
export class RepeatComplaint {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) originalTicketId: string;
  @Column(ID) householdId: string;
  @Column(ID) createdById: string;
  @Column({ type: 'varchar', length: 64 }) idempotencyKey: string;
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'text' }) content: string;
  @Column({ type: 'float' }) similarity: number;
  @Column(TIMESTAMP) createdAt: Date;
}

export const VISIT_ENTITIES = [
  VisitRuleSet,
  VisitPreference,
  TicketVisitSettings,
  VisitTask,
  VisitAttempt,
  Rating,
  RepeatComplaint,
];
