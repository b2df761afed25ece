/** What the report endpoints answer (server/src/reports), as the manager pages read it. */
// Types only (nothing of @wuye/shared is bundled for them): the shapes the server computes with.
import type { ClassificationRow } from '@wuye/shared/dist/reports/counting';
import type { Kpis } from '@wuye/shared/dist/reports/kpis';
import type { NoticeItem } from '@wuye/shared/dist/reports/notice';

export type { Kpis };

export interface ReportScopeInfo {
  projectId: string | null;
  label: string;
  company: boolean;
}

export interface ReportProjects {
  company: boolean;
  label: string;
  projects: { id: string; name: string }[];
}

/** One row of the classification table, as shared/src/reports computes it. */
export type Tally = ClassificationRow;

export interface ClassificationReport {
  scope: ReportScopeInfo;
  month: string;
  monthLabel: string;
  asOf: string | null;
  table: { rows: Tally[]; total: Tally };
  byProject: { projectId: string; name: string; items: number; times: number; people: number }[];
}

export interface KpiReport {
  scope: ReportScopeInfo;
  month: string;
  monthLabel: string;
  asOf: string | null;
  kpis: Kpis;
  byKind: { kind: string; label: string; kpis: Kpis }[];
  byCategory: { category: string; kpis: Kpis }[];
  byDepartment: { departmentId: string | null; name: string; kpis: Kpis }[];
  byStaff: { userId: string; name: string; kpis: Kpis }[];
  byProject: { projectId: string; name: string; kpis: Kpis }[];
  trend: { month: string; kpis: Kpis }[];
}

export interface CauseFactor {
  factor: string;
  label: string;
  name: string;
  items: number;
  subs: { sub: string; label: string; items: number }[];
}

export interface CorrectiveAction {
  id: string;
  projectName: string;
  category: string | null;
  causeFactor: string | null;
  causeSub: string | null;
  problem: string;
  action: string;
  owner: string | null;
  dueDate: string | null;
  status: 'planned' | 'in_progress' | 'done';
  result: string | null;
  createdByName: string;
}

export interface RepresentativeCase {
  id: string;
  ticketId: string;
  number: string;
  summary: string;
  category: string | null;
  statusLabel: string;
  keyPoints: string | null;
  cause: string | null;
  handling: string | null;
  lessons: string | null;
  createdByName: string;
}

export interface AnalysisReport {
  scope: ReportScopeInfo;
  month: string;
  monthLabel: string;
  asOf: string | null;
  dueAt: string;
  submission: { submittedAt: string; submittedByName: string; note: string | null } | null;
  totals: {
    complaints: number;
    previous: number;
    yearAgo: number;
    changeFromPrevious: number | null;
    changeFromYearAgo: number | null;
    people: number;
    times: number;
    closedItems: number;
    kpis: Kpis;
  };
  trend: { month: string; complaints: number; tickets: Record<string, number> }[];
  categories: (Tally & { previous: number; change: number | null })[];
  causes: CauseFactor[];
  correctiveActions: CorrectiveAction[];
  cases: RepresentativeCase[];
  specialCases: {
    id: string;
    kind: string;
    title: string;
    projectName: string;
    reportDueAt: string;
    reportedAt: string | null;
    followUpAt: string | null;
  }[];
}

export interface DeveloperReport {
  scope: ReportScopeInfo;
  quarter: string;
  quarterLabel: string;
  asOf: string | null;
  months: (Tally & { month: string; monthLabel: string })[];
  total: Tally;
  causes: CauseFactor[];
  byProject: { projectId: string; name: string; items: number }[];
  items: {
    id: string;
    number: string;
    createdAt: string;
    summary: string;
    place: string;
    statusLabel: string;
    cause: string | null;
  }[];
  itemCount: number;
}

export interface NoticeReport {
  scope: ReportScopeInfo;
  month: string;
  monthLabel: string;
  title: string;
  intro: string;
  closing: string;
  items: NoticeItem[];
}

export interface ReportField {
  field: string;
  label: string;
}

export interface SpecialCase {
  id: string;
  kind: 'major' | 'hot';
  kindLabel: string;
  projectName: string;
  title: string;
  compensationYuan: number | null;
  flaggedAt: string;
  reportDueAt: string;
  reportTo: string;
  reportFields: ReportField[];
  reportedAt: string | null;
  reportedByName: string | null;
  reportedTo: string | null;
  report: Record<string, string> | null;
  closedAt: string | null;
  followUpTitle: string;
  followUpFields: ReportField[];
  followUpDueAt: string | null;
  followUpAt: string | null;
  followUpByName: string | null;
  followUp: Record<string, string> | null;
  stage: string;
  stageLabel: string;
  overdue: boolean;
  /** Reported (or the special report filed) after its deadline: stays marked late. */
  reportedLate?: boolean;
  followUpLate?: boolean;
  ticketId?: string | null;
  /** A major complaint: null while only suggested by its text; confirmed or cleared by the lead. */
  decision?: 'confirmed' | 'cleared' | null;
  decisionLabel?: string | null;
  decidedAt?: string | null;
  decidedByName?: string | null;
  decisionReason?: string | null;
  tickets?: { id: string; number: string; statusLabel: string; summary: string; createdAt: string }[];
  archive?: { archivedAt: string; archivedByName: string; entries: { type: string }[] } | null;
}

export interface SpecialList {
  scope: { projectId: string | null; label: string };
  items: SpecialCase[];
}

export type ExportableReport = 'classification' | 'kpis' | 'analysis' | 'developer' | 'notice' | 'special';

/** GET /api/pay/reconciliation: one project's Beijing day of payments and refunds against WeChat Pay's records. */
export interface ReconciliationReport {
  projectId: string;
  day: string;
  /** tradebill: WeChat's trade bill; query: one query per order (no bill); none: WeChat Pay not set up. */
  source: 'tradebill' | 'query' | 'none';
  note: string | null;
  orders: {
    outTradeNo: string;
    ticketId: string;
    channel: 'wechat' | 'offline';
    status: 'created' | 'paid' | 'closed';
    amountFen: number;
    createdAt: string;
    paidAt: string | null;
    transactionId: string | null;
  }[];
  refunds: {
    outRefundNo: string;
    ticketId: string;
    channel: 'wechat' | 'offline';
    status: 'pending' | 'processing' | 'succeeded' | 'closed' | 'abnormal';
    amountFen: number;
    createdAt: string;
    finishedAt: string | null;
  }[];
  totals: { paidFen: number; wechatPaidFen: number; offlinePaidFen: number; refundedFen: number };
  mismatches: { kind: string; label: string; ref: string; message: string }[];
}
