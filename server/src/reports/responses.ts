/** What the reports endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATISTICAL_MONTHS, StatisticalMonth, TICKET_STATUSES, TicketStatus } from '@wuye/shared';
import { NamedRef } from '../tickets/responses';

export class ReportProjects {
  @ApiProperty({ type: Boolean })
  company: boolean;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: () => [NamedRef] })
  projects: NamedRef[];
}

export class ClassificationReportScope {
  @ApiProperty({ type: String, nullable: true })
  projectId: string | null;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: Boolean })
  company: boolean;
}

export class ClassificationRow {
  @ApiProperty({ type: Number, nullable: true })
  share: number | null;

  @ApiProperty({ type: Number, nullable: true })
  closeRate: number | null;

  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: Number })
  items: number;

  @ApiProperty({ type: Number })
  times: number;

  @ApiProperty({ type: Number })
  people: number;

  @ApiProperty({ type: Number })
  eventItems: number;

  @ApiProperty({ type: Number })
  onlineItems: number;

  @ApiProperty({ type: Number })
  onlineHeat: number;

  @ApiProperty({ type: Number })
  closedItems: number;

  @ApiProperty({ type: Number })
  majorItems: number;

  @ApiProperty({ type: Number })
  hotItems: number;
}

export class ClassificationTable {
  @ApiProperty({ type: () => [ClassificationRow] })
  rows: ClassificationRow[];

  @ApiProperty({ type: () => ClassificationRow })
  total: ClassificationRow;
}

export class ClassificationReportByProject {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Number })
  items: number;

  @ApiProperty({ type: Number })
  times: number;

  @ApiProperty({ type: Number })
  people: number;
}

/** What every monthly report starts with: whose figures, which statistical month, and how fresh. */
export class MonthReportHead {
  @ApiProperty({ type: () => ClassificationReportScope })
  scope: ClassificationReportScope;

  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: String })
  monthLabel: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  asOf: string | null;
}

export class ClassificationReport extends MonthReportHead {
  @ApiProperty({ type: () => ClassificationTable })
  table: ClassificationTable;

  @ApiProperty({ type: () => [ClassificationReportByProject] })
  byProject: ClassificationReportByProject[];
}

export class Kpis {
  @ApiProperty({ type: Number })
  tickets: number;

  @ApiProperty({ type: Number })
  cancelled: number;

  @ApiProperty({ type: Number, nullable: true })
  meanFirstResponseMinutes: number | null;

  @ApiProperty({ type: Number, nullable: true })
  onTimeReplyRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  onTimeHandleRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  resolutionRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  reopenRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  visitRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  satisfactionRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  meanScore: number | null;

  @ApiProperty({ type: Number, nullable: true })
  complaintRate: number | null;

  @ApiProperty({ type: Number, nullable: true })
  complaints: number | null;

  @ApiProperty({ type: Number, nullable: true })
  households: number | null;
}

export class KpiReportByKind {
  @ApiProperty({ enum: ['complaint', 'repair', 'suggestion', 'praise', 'inquiry'] })
  kind: 'complaint' | 'repair' | 'suggestion' | 'praise' | 'inquiry';

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReportByCategory {
  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReportByDepartment {
  @ApiProperty({ type: String, nullable: true })
  departmentId: string | null;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReportByStaff {
  @ApiProperty({ type: String })
  userId: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReportByProject {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReportTrend {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class KpiReport extends MonthReportHead {
  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;

  @ApiProperty({ type: () => [KpiReportByKind] })
  byKind: KpiReportByKind[];

  @ApiProperty({ type: () => [KpiReportByCategory] })
  byCategory: KpiReportByCategory[];

  @ApiProperty({ type: () => [KpiReportByDepartment] })
  byDepartment: KpiReportByDepartment[];

  @ApiProperty({ type: () => [KpiReportByStaff] })
  byStaff: KpiReportByStaff[];

  @ApiProperty({ type: () => [KpiReportByProject] })
  byProject: KpiReportByProject[];

  @ApiProperty({ type: () => [KpiReportTrend] })
  trend: KpiReportTrend[];
}

export class AnalysisReportSubmission {
  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ type: String })
  submittedByName: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

export class AnalysisReportTotals {
  @ApiProperty({ type: Number })
  complaints: number;

  @ApiProperty({ type: Number })
  previous: number;

  @ApiProperty({ type: Number })
  yearAgo: number;

  @ApiProperty({ type: Number, nullable: true })
  changeFromPrevious: number | null;

  @ApiProperty({ type: Number, nullable: true })
  changeFromYearAgo: number | null;

  @ApiProperty({ type: Number })
  people: number;

  @ApiProperty({ type: Number })
  times: number;

  @ApiProperty({ type: Number })
  closedItems: number;

  @ApiProperty({ type: () => Kpis })
  kpis: Kpis;
}

export class AnalysisReportTrendTickets {
  @ApiProperty({ type: Number })
  complaint: number;

  @ApiProperty({ type: Number })
  repair: number;

  @ApiProperty({ type: Number })
  suggestion: number;

  @ApiProperty({ type: Number })
  praise: number;

  @ApiProperty({ type: Number })
  inquiry: number;
}

export class AnalysisReportTrend {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: Number })
  complaints: number;

  @ApiProperty({ type: () => AnalysisReportTrendTickets })
  tickets: AnalysisReportTrendTickets;
}

export class AnalysisReportCategory extends ClassificationRow {
  @ApiProperty({ type: Number })
  previous: number;

  @ApiProperty({ type: Number, nullable: true })
  change: number | null;
}

export class CauseFactorSub {
  @ApiProperty({ type: String })
  sub: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: Number })
  items: number;
}

export class CauseFactor {
  @ApiProperty({ type: String })
  factor: string;

  @ApiProperty({ enum: ['人', '机', '料', '法', '环'] })
  label: '人' | '机' | '料' | '法' | '环';

  @ApiProperty({ enum: ['人员因素', '设施因素', '物料/信息因素', '方法因素', '环境因素'] })
  name: '人员因素' | '设施因素' | '物料/信息因素' | '方法因素' | '环境因素';

  @ApiProperty({ type: Number })
  items: number;

  @ApiProperty({ type: () => [CauseFactorSub] })
  subs: CauseFactorSub[];
}

export class CorrectiveAction {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  companyId: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ type: String, nullable: true })
  causeFactor: string | null;

  @ApiProperty({ type: String, nullable: true })
  causeSub: string | null;

  @ApiProperty({ type: String })
  problem: string;

  @ApiProperty({ type: String })
  action: string;

  @ApiProperty({ type: String, nullable: true })
  owner: string | null;

  @ApiProperty({ type: String, nullable: true })
  dueDate: string | null;

  @ApiProperty({ type: String })
  status: string;

  @ApiProperty({ type: String, nullable: true })
  result: string | null;

  @ApiProperty({ type: String })
  createdById: string;

  @ApiProperty({ type: String })
  createdByName: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class AnalysisReportCorrectiveAction extends CorrectiveAction {
  @ApiProperty({ type: String })
  projectName: string;
}

export class RepresentativeCase {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ type: String, nullable: true })
  status: string | null;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String, nullable: true })
  keyPoints: string | null;

  @ApiProperty({ type: String, nullable: true })
  cause: string | null;

  @ApiProperty({ type: String, nullable: true })
  handling: string | null;

  @ApiProperty({ type: String, nullable: true })
  lessons: string | null;

  @ApiProperty({ type: String })
  createdByName: string;
}

export class AnalysisReportSpecialCase {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  kind: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  projectName: string;

  @ApiProperty({ type: String, format: 'date-time' })
  flaggedAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  reportDueAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reportedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  followUpAt: string | null;
}

export class AnalysisReport extends MonthReportHead {
  @ApiPropertyOptional({
    type: String,
    description: 'The days the statistical month covers, e.g. "2026-10-26 至 2026-11-25".',
  })
  period?: string;

  @ApiPropertyOptional({ enum: STATISTICAL_MONTHS, enumName: 'StatisticalMonth' })
  statisticalMonth?: StatisticalMonth;

  @ApiPropertyOptional({ type: String })
  statisticalMonthLabel?: string;

  @ApiProperty({ type: String, format: 'date-time' })
  dueAt: string;

  @ApiProperty({ type: () => AnalysisReportSubmission, nullable: true })
  submission: AnalysisReportSubmission | null;

  @ApiProperty({ type: () => AnalysisReportTotals })
  totals: AnalysisReportTotals;

  @ApiProperty({ type: () => [AnalysisReportTrend] })
  trend: AnalysisReportTrend[];

  @ApiProperty({ type: () => [AnalysisReportCategory] })
  categories: AnalysisReportCategory[];

  @ApiProperty({ type: () => [CauseFactor] })
  causes: CauseFactor[];

  @ApiProperty({ type: () => [AnalysisReportCorrectiveAction] })
  correctiveActions: AnalysisReportCorrectiveAction[];

  @ApiProperty({ type: () => [RepresentativeCase] })
  cases: RepresentativeCase[];

  @ApiProperty({ type: () => [AnalysisReportSpecialCase] })
  specialCases: AnalysisReportSpecialCase[];
}

export class DeveloperReportMonth extends ClassificationRow {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: String })
  monthLabel: string;
}

export class DeveloperReportByProject {
  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Number })
  items: number;
}

export class DeveloperReportItem {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: String })
  place: string;

  @ApiProperty({ type: String })
  status: string;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String, nullable: true })
  cause: string | null;
}

export class DeveloperReportSubmission {
  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ type: String })
  submittedByName: string;
}

export class DeveloperReport {
  @ApiProperty({ type: () => ClassificationReportScope })
  scope: ClassificationReportScope;

  @ApiProperty({ type: String })
  quarter: string;

  @ApiProperty({ type: String })
  quarterLabel: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  asOf: string | null;

  @ApiProperty({ type: () => [DeveloperReportMonth] })
  months: DeveloperReportMonth[];

  @ApiProperty({ type: () => ClassificationRow })
  total: ClassificationRow;

  @ApiProperty({ type: () => [CauseFactor] })
  causes: CauseFactor[];

  @ApiProperty({ type: () => [DeveloperReportByProject] })
  byProject: DeveloperReportByProject[];

  @ApiProperty({ type: () => [DeveloperReportItem] })
  items: DeveloperReportItem[];

  @ApiProperty({ type: Number })
  itemCount: number;

  @ApiProperty({ type: () => DeveloperReportSubmission, nullable: true })
  submission: DeveloperReportSubmission | null;
}

export class NoticeItem {
  @ApiProperty({ type: String })
  category: string;

  @ApiProperty({ enum: ['dispute', 'public_area', 'common_interest'] })
  reason: 'dispute' | 'public_area' | 'common_interest';

  @ApiProperty({ type: String })
  reasonLabel: string;

  @ApiProperty({ type: String })
  place: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: Number })
  times: number;

  @ApiProperty({ type: Number })
  people: number;

  @ApiProperty({ type: Boolean })
  closed: boolean;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String })
  handling: string;
}

export class NoticeReport {
  @ApiProperty({ type: () => ClassificationReportScope })
  scope: ClassificationReportScope;

  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: String })
  monthLabel: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  intro: string;

  @ApiProperty({ type: () => [NoticeItem] })
  items: NoticeItem[];

  @ApiProperty({ type: String })
  closing: string;
}

export class ReportRefresh {
  @ApiProperty({ type: String })
  month: string;

  @ApiProperty({ type: Number })
  projects: number;

  @ApiProperty({ type: String, format: 'date-time' })
  asOf: string;
}

export class DeletedResult {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: Boolean })
  deleted: boolean;
}

export class ReportSubmission {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  companyId: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  kind: string;

  @ApiProperty({ type: String })
  period: string;

  @ApiProperty({ type: String })
  submittedById: string;

  @ApiProperty({ type: String })
  submittedByName: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt: string;
}

export class SpecialListScope {
  @ApiProperty({ type: String, nullable: true })
  projectId: string | null;

  @ApiProperty({ type: String })
  label: string;
}

export class SpecialListItemReportField {
  @ApiProperty({
    enum: [
      'status',
      'content',
      'result',
      'cause',
      'difficulties',
      'helpNeeded',
      'handling',
      'lessons',
      'corrective',
    ],
  })
  field:
    | 'status'
    | 'content'
    | 'result'
    | 'cause'
    | 'difficulties'
    | 'helpNeeded'
    | 'handling'
    | 'lessons'
    | 'corrective';

  @ApiProperty({
    enum: [
      '目前处理情况',
      '投诉内容',
      '处理结果',
      '产生原因',
      '处理难点',
      '需协助事项',
      '处理过程',
      '经验教训',
      '纠正措施',
    ],
  })
  label:
    | '目前处理情况'
    | '投诉内容'
    | '处理结果'
    | '产生原因'
    | '处理难点'
    | '需协助事项'
    | '处理过程'
    | '经验教训'
    | '纠正措施';
}

export class SpecialListItem {
  @ApiPropertyOptional({ type: Boolean, description: 'Reported after its deadline: stays marked late.' })
  reportedLate?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'The follow-up report was filed after its deadline.' })
  followUpLate?: boolean;

  @ApiPropertyOptional({
    enum: ['confirmed', 'cleared'],
    nullable: true,
    description:
      'A major complaint: null while only suggested by its text; confirmed or cleared by the lead.',
  })
  decision?: 'confirmed' | 'cleared' | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  decisionLabel?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  decidedAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  decidedByName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  decisionReason?: string | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  kind: string;

  @ApiProperty({ type: String })
  kindLabel: string;

  @ApiProperty({ type: String })
  projectId: string;

  @ApiProperty({ type: String })
  projectName: string;

  @ApiProperty({ type: String, nullable: true })
  ticketId: string | null;

  @ApiProperty({ type: String, nullable: true })
  incidentId: string | null;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Number, nullable: true })
  compensationYuan: number | null;

  @ApiProperty({ type: String, format: 'date-time' })
  flaggedAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  reportDueAt: string;

  @ApiProperty({ type: String })
  reportTo: string;

  @ApiProperty({ type: () => [SpecialListItemReportField] })
  reportFields: SpecialListItemReportField[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reportedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  reportedByName: string | null;

  @ApiProperty({ type: String, nullable: true })
  reportedTo: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  report: Record<string, string> | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: String })
  followUpTitle: string;

  @ApiProperty({ type: () => [SpecialListItemReportField] })
  followUpFields: SpecialListItemReportField[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  followUpDueAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  followUpAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  followUpByName: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  followUp: Record<string, string> | null;

  @ApiProperty({
    enum: ['report_due', 'report_overdue', 'reported', 'follow_up_due', 'follow_up_overdue', 'archived'],
  })
  stage: 'report_due' | 'report_overdue' | 'reported' | 'follow_up_due' | 'follow_up_overdue' | 'archived';

  @ApiProperty({ type: String })
  stageLabel: string;

  @ApiProperty({ type: Boolean })
  overdue: boolean;

  @ApiProperty({ type: Number })
  version: number;
}

export class SpecialList {
  @ApiProperty({ type: () => SpecialListScope })
  scope: SpecialListScope;

  @ApiProperty({ type: () => [SpecialListItem] })
  items: SpecialListItem[];
}

export class SpecialCaseTicket {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;
}

export class SpecialCaseArchive {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String, format: 'date-time' })
  archivedAt: string;

  @ApiProperty({ type: String })
  archivedByName: string;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  entries: Array<Record<string, unknown>>;
}

export class SpecialCase extends SpecialListItem {
  @ApiProperty({ type: () => [SpecialCaseTicket] })
  tickets: SpecialCaseTicket[];

  @ApiProperty({ type: () => SpecialCaseArchive, nullable: true })
  archive: SpecialCaseArchive | null;
}

export class FileLink {
  @ApiProperty({ type: String })
  url: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: String })
  filename: string;
}

export class StatisticalMonthChoice {
  @ApiProperty({ enum: STATISTICAL_MONTHS, enumName: 'StatisticalMonth' })
  value: StatisticalMonth;

  @ApiProperty({ type: String })
  label: string;
}

/** How the company cuts its statistical months (calendar months, or the 26th to the 25th), and the choices. */
export class ReportSettings {
  @ApiProperty({ enum: STATISTICAL_MONTHS, enumName: 'StatisticalMonth' })
  statisticalMonth: StatisticalMonth;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: () => [StatisticalMonthChoice] })
  choices: StatisticalMonthChoice[];
}

/** A major complaint 重大投诉 confirmed or cleared: the ticket's flag now, and its entry in the register. */
export class MajorDecision {
  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ type: Boolean })
  majorComplaint: boolean;

  @ApiProperty({ enum: ['confirmed', 'cleared'] })
  decision: 'confirmed' | 'cleared';

  @ApiProperty({
    type: () => SpecialListItem,
    nullable: true,
    description: 'The register entry (null when a complaint never in it is cleared).',
  })
  case: SpecialListItem | null;
}
