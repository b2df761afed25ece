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

const MONTH = { type: 'varchar', length: 7 } as const;
const COUNT = { type: 'int', default: 0 } as const;

/**
 * Monthly rollup of the complaint classification table 顾客投诉分类统计表, one row per project, month and
 * final category, counted by the handbook's rules (@wuye/shared reports/counting). Rebuilt per
 * (project, month) from the tickets by ReportRollupService; additive over projects, so the company's
 * table is a SUM over its projects.
 */
@Entity('report_category_rollups')
@Index(['companyId', 'month'])
export class ReportCategoryRollup {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn(MONTH) month: string;
  /** '' = not yet classified. */
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @Column(ID) companyId: string;
  @Column(COUNT) items: number;
  @Column(COUNT) times: number;
  @Column(COUNT) people: number;
  @Column(COUNT) eventItems: number;
  @Column(COUNT) onlineItems: number;
  @Column(COUNT) onlineHeat: number;
  @Column(COUNT) closedItems: number;
  @Column(COUNT) majorItems: number;
  @Column(COUNT) hotItems: number;
}

/**
 * Monthly rollup of the key-figure sums (@wuye/shared reports/kpis KpiSums) per project, month,
 * responsible department, current handler, kind and category ('' where none): any scope and period is a
 * SUM over these rows.
 */
@Entity('report_kpi_rollups')
@Index(['companyId', 'month'])
export class ReportKpiRollup {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn(MONTH) month: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) departmentId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) assigneeId: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) kind: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @Column(ID) companyId: string;
  @Column(COUNT) tickets: number;
  @Column(COUNT) cancelled: number;
  @Column(COUNT) replyJudged: number;
  @Column(COUNT) repliedOnTime: number;
  @Column(COUNT) replied: number;
  @Column({ type: 'double', default: 0 }) responseMinutes: number;
  @Column(COUNT) handleJudged: number;
  @Column(COUNT) handledOnTime: number;
  @Column(COUNT) handledEver: number;
  @Column(COUNT) closed: number;
  @Column(COUNT) reopened: number;
  @Column(COUNT) visitNeeded: number;
  @Column(COUNT) visited: number;
  @Column(COUNT) visits: number;
  @Column(COUNT) satisfiedVisits: number;
  @Column({ type: 'double', default: 0 }) scoreSum: number;
  @Column(COUNT) scoreCount: number;
  @Column(COUNT) complaintTickets: number;
  @Column(COUNT) complaintsResolved: number;
}

/** Monthly rollup of counted complaints by final category and cause factor 人/机/料/法/环 with sub-factor. */
@Entity('report_cause_rollups')
@Index(['companyId', 'month'])
export class ReportCauseRollup {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn(MONTH) month: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) causeFactor: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) causeSub: string;
  @Column(ID) companyId: string;
  @Column(COUNT) items: number;
}

/** When a (project, month) of the rollups was last rebuilt: missing → build before reading. */
@Entity('report_rollup_builds')
@Index(['companyId', 'month'])
export class ReportRollupBuild {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn(MONTH) month: string;
  @Column(ID) companyId: string;
  @Column(TIMESTAMP) builtAt: Date;
}

/**
 * Corrective action 纠正措施 a manager records for a month's complaint analysis (the customer-service
 * handbook, 投诉分析).
 */
@Entity('report_corrective_actions')
@Index(['projectId', 'month'])
export class CorrectiveAction {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column(MONTH) month: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) category: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) causeFactor: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) causeSub: string | null;
  /** The problem found 存在问题. */
  @Column({ type: 'text' }) problem: string;
  /** What will be done 纠正/预防措施. */
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'varchar', length: 50, nullable: true }) owner: string | null;
  @Column({ type: 'date', nullable: true }) dueDate: string | null;
  /** planned 计划 / in_progress 实施中 / done 已完成. */
  @Column({ type: 'varchar', length: 12, default: 'planned' }) status: string;
  @Column({ type: 'text', nullable: true }) result: string | null;
  @Column(ID) createdById: string;
  @Column({ type: 'varchar', length: 50 }) createdByName: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/** A representative case 代表性投诉个案 a manager picked for the month's analysis, with the analysis. */
@Entity('report_representative_cases')
@Index(['projectId', 'month', 'ticketId'], { unique: true })
export class RepresentativeCase {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column(MONTH) month: string;
  @Column(ID) ticketId: string;
  /** 投诉要点及突出反映的问题. */
  @Column({ type: 'text', nullable: true }) keyPoints: string | null;
  @Column({ type: 'text', nullable: true }) cause: string | null;
  /** 处理过程和结果. */
  @Column({ type: 'text', nullable: true }) handling: string | null;
  /** 经验教训和纠正措施. */
  @Column({ type: 'text', nullable: true }) lessons: string | null;
  @Column(ID) createdById: string;
  @Column({ type: 'varchar', length: 50 }) createdByName: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** A report submitted to group HQ: the monthly analysis (before the 28th) or the quarterly developer summary. */
@Entity('report_submissions')
@Index(['projectId', 'kind', 'period'], { unique: true })
export class ReportSubmission {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  /** monthly_analysis | developer_quarterly. */
  @Column({ type: 'varchar', length: 24 }) kind: string;
  /** 'YYYY-MM' or 'YYYY-Qn'. */
  @Column({ type: 'varchar', length: 7 }) period: string;
  @Column(ID) submittedById: string;
  @Column({ type: 'varchar', length: 50 }) submittedByName: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) note: string | null;
  @Column(TIMESTAMP) submittedAt: Date;
}

/**
 * The register 台账 of major 重大投诉 and hot 热点投诉 complaints: when it became one, its report deadline,
 * who reported it to whom and when, and the special report after closing (docs/domain-rules.md "Levels and
 * special complaints"). One row per major ticket ('major:<ticketId>') or hot incident ('hot:<incidentId>').
 */
@Entity('special_cases')
@Index(['projectId', 'flaggedAt'])
@Index(['companyId', 'followUpAt'])
export class SpecialCase {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column({ type: 'varchar', length: 48 }) subjectKey: string;
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  /** major | hot. */
  @Column({ type: 'varchar', length: 8 }) kind: string;
  @Column(NULLABLE_ID) ticketId: string | null;
  @Column(NULLABLE_ID) incidentId: string | null;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'int', nullable: true }) compensationYuan: number | null;
  @Column(TIMESTAMP) flaggedAt: Date;
  @Column(TIMESTAMP) reportDueAt: Date;
  @Column({ ...TIMESTAMP, nullable: true }) reportedAt: Date | null;
  @Column(NULLABLE_ID) reportedById: string | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) reportedByName: string | null;
  /** To whom 上报对象, e.g. 公司分管领导 张总. */
  @Column({ type: 'varchar', length: 100, nullable: true }) reportedTo: string | null;
  /** The report's fields (content, cause, status …) as JSON. */
  @Column({ type: 'text', nullable: true }) report: string | null;
  /** Every complaint of it closed at; null while any is open. */
  @Column({ ...TIMESTAMP, nullable: true }) closedAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) followUpDueAt: Date | null;
  @Column({ ...TIMESTAMP, nullable: true }) followUpAt: Date | null;
  @Column(NULLABLE_ID) followUpById: string | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) followUpByName: string | null;
  /** The special report after closing (content, cause, handling, result, lessons, corrective) as JSON. */
  @Column({ type: 'text', nullable: true }) followUp: string | null;
  /**
   * A major complaint the text suggested is confirmed or cleared by the lead (confirmed | cleared; null: not
   * decided yet), with who, when and why. A cleared case owes no report and leaves the figures.
   */
  @Column({ type: 'varchar', length: 12, nullable: true }) decision: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) decidedByName: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) decisionReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** The separate file 单独立卷 of a major/hot complaint, frozen when its special report is filed. */
@Entity('special_case_archives')
export class SpecialCaseArchive {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column(ID) specialCaseId: string;
  @Index() @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 8 }) kind: string;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column(ID) archivedById: string;
  @Column({ type: 'varchar', length: 50 }) archivedByName: string;
  @Column(TIMESTAMP) archivedAt: Date;
}

/** One document of an archive, in order: the register entry, each complaint, each event, the reports. */
@Entity('special_case_archive_entries')
export class SpecialCaseArchiveEntry {
  @PrimaryColumn(ID) archiveId: string;
  @PrimaryColumn({ type: 'int' }) position: number;
  /** case | ticket | event | report | follow_up. */
  @Column({ type: 'varchar', length: 12 }) entryType: string;
  @Column({ type: 'text' }) payload: string;
}

/** How far the major/hot register has looked at a project's tickets and incidents. */
@Entity('special_case_sync')
export class SpecialCaseSync {
  @PrimaryColumn(ID) projectId: string;
  @Column(TIMESTAMP) syncedUntil: Date;
}
