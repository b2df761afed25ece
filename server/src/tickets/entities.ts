import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** Ticket 工单: one complaint, repair, suggestion, praise or inquiry. */
@Entity('tickets')
@Index(['companyId', 'number'], { unique: true })
@Index(['createdById', 'idempotencyKey'], { unique: true })
@Index(['projectId', 'status'])
@Index(['projectId', 'createdAt'])
@Index(['projectId', 'departmentId', 'status'])
@Index(['assigneeId', 'status'])
// The recent complaints of one category a new complaint is compared with (incidents): read newest first, no others.
@Index(['projectId', 'kind', 'category', 'createdAt'])
// A household's tickets; first of all those it had handled lately, which every new submission of a visited kind is
// compared with (repeat complaints): only they are read, however many the household filed before.
@Index(['householdId', 'status', 'handledAt'])
export class Ticket {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  /** Human-readable number, e.g. TS20261122-0007, unique per company. */
  @Column({ type: 'varchar', length: 24 }) number: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 24 }) status: string;
  @Column({ type: 'varchar', length: 16 }) channel: string;
  @Column({ type: 'text' }) content: string;
  @Column({ type: 'boolean', default: false }) anonymous: boolean;
  @Column(NULLABLE_ID) householdId: string | null;
  /** Free-text public location (公共区域) when not about a household. */
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  /** The resident who filed it (null when staff registered it for a caller without an account). */
  @Index() @Column(NULLABLE_ID) residentId: string | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) contactName: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  /**
   * 首问负责人: the staff member who registered it (docs/domain-rules.md "People", first-receiver owns it).
   */
  @Column(NULLABLE_ID) firstReceiverId: string | null;
  @Column(ID) createdById: string;
  @Column({ type: 'varchar', length: 64 }) idempotencyKey: string;
  /** sha256 of the submitted fields, to refuse a reused key with different content. */
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  /** Responsible department 责任部门; null until dispatched (the front desk / 客服部 holds it). */
  @Column(NULLABLE_ID) departmentId: string | null;
  /** Current handler 当前处理人; null while in the department's queue. */
  @Column(NULLABLE_ID) assigneeId: string | null;
  /** 服务上移 level: cs_lead, project_manager or hq. */
  @Column({ type: 'varchar', length: 20, nullable: true }) escalationLevel: string | null;
  /**
   * Deadlines (docs/domain-rules.md "Time limits"), computed by @wuye/shared; dueAt is the nearest still
   * open.
   */
  @Column({ ...TIMESTAMP, nullable: true }) replyDueAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) handleDueAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) handlingRecordDueAt: Date | null;
  @Index() @Column({ ...TIMESTAMP, nullable: true }) dueAt: Date | null;
  /** First reply to the resident by staff (KPI: first-response time). */
  @Column({ ...TIMESTAMP, nullable: true }) repliedAt: Date | null;
  /** Last handling record (progress or internal note, plan, handled): the daily inventory checks it. */
  @Column({ ...TIMESTAMP, nullable: true }) handlingRecordAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) handledAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) closedAt: Date | null;
  /** Deferred: waiting for an outside party until this date; the clock is paused since pausedAt. */
  @Column({ ...TIMESTAMP, nullable: true }) deferredUntil: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) pausedAt: Date | null;
  /** Final cause 人/机/料/法/环 and its sub-factor, recorded when handled. */
  @Column({ type: 'varchar', length: 20, nullable: true }) causeFactor: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) causeSub: string | null;
  @Column({ type: 'int', default: 0 }) reopenCount: number;
  /** Finished after the deadline (KPI 按时率): first reply late, handling late. */
  @Column({ type: 'boolean', default: false }) replyLate: boolean;
  @Column({ type: 'boolean', default: false }) handleLate: boolean;
  /** Highest escalation step an overdue deadline reached (0 = never overdue). */
  @Column({ type: 'int', default: 0 }) overdueLevel: number;
  /** Queue rank: key customers 重点客户 higher; the reason is shown to staff. */
  @Column({ type: 'int', default: 0 }) priority: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) priorityReason: string | null;
  /** Complaint category 投诉分类 by final cause (one of the eight), set by the classifier or a person. */
  @Column({ type: 'varchar', length: 20, nullable: true }) category: string | null;
  @Column({ type: 'float', nullable: true }) categoryConfidence: number | null;
  /** The classifier's decision: reasons shown to staff, triage reason, top probabilities (JSON). */
  @Column({ type: 'text', nullable: true }) classification: string | null;
  /** Waiting in the lead's triage queue 人工分派 because the classifier was unsure. */
  @Column({ type: 'boolean', default: false }) triage: boolean;
  /** Repairs: the trade 工种 it needs (水电, 土建, 电梯外包 …), which picks the department and the tradesman. */
  @Column({ type: 'varchar', length: 20, nullable: true }) trade: string | null;
  /**
   * Repairs: the class 报修分级 (small, general, major) that sets its time limits; suggested from the text at
   * intake, set or changed by staff at dispatch (docs/domain-rules.md "Time limits").
   */
  @Column({ type: 'varchar', length: 16, nullable: true }) repairClass: string | null;
  /** Flags: dispatch at once; agitated (服务上移); compensation claimed; 重大投诉 (≥ 10,000 yuan). */
  @Column({ type: 'boolean', default: false }) emergency: boolean;
  @Column({ type: 'boolean', default: false }) agitated: boolean;
  @Column({ type: 'int', nullable: true }) compensationYuan: number | null;
  @Column({ type: 'boolean', default: false }) majorComplaint: boolean;
  /** Incident 同一事件 this complaint belongs to, if others complained about the same event. */
  @Index() @Column(NULLABLE_ID) incidentId: string | null;
  /** People behind this complaint: > 1 for a collective complaint 集体投诉 registered by staff. */
  @Column({ type: 'int', default: 1 }) peopleCount: number;
  @VersionColumn() version: number;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/** Immutable record of every state change or action on a ticket (who, when, what). */
@Entity('ticket_events')
@Index(['ticketId', 'ticketVersion'], { unique: true })
export class TicketEvent {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) ticketId: string;
  /** The ticket's version this move produced: orders the timeline, and two moves can never share one. */
  @Column({ type: 'int', default: 1 }) ticketVersion: number;
  @Column({ type: 'varchar', length: 32 }) action: string;
  @Column({ type: 'varchar', length: 24, nullable: true }) fromStatus: string | null;
  @Column({ type: 'varchar', length: 24 }) toStatus: string;
  @Column(NULLABLE_ID) actorId: string | null;
  @Column({ type: 'varchar', length: 50 }) actorName: string;
  @Column({ type: 'varchar', length: 20 }) actorRole: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** Internal notes stay with staff; residents see only public events. */
  @Column({ type: 'boolean', default: false }) internal: boolean;
  /** Timeline wording, in plain Chinese. */
  @Column({ type: 'varchar', length: 60, default: '' }) label: string;
  /** Details of the move (reason, cause, assignees, photos …) as JSON. */
  @Column({ type: 'text', nullable: true }) data: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Per-company, per-prefix, per-day sequence behind ticket numbers. */
@Entity('ticket_counters')
export class TicketCounter {
  @PrimaryColumn(ID) companyId: string;
  @PrimaryColumn({ type: 'varchar', length: 4 }) prefix: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) day: string;
  @Column({ type: 'int' }) seq: number;
}

/** Photos attached to a ticket, in order. */
@Entity('ticket_photos')
export class TicketPhoto {
  @PrimaryColumn(ID) ticketId: string;
  @PrimaryColumn(ID) uploadId: string;
  @Column({ type: 'int' }) position: number;
}
