/**
 * Major 重大投诉 and hot 热点投诉 complaints: their reports and deadlines (docs/domain-rules.md "Levels and
 * special complaints"; the customer-service handbook, 投诉信息反馈要求 2–3).
 * - Major (service failure, compensation claimed ≥ 10,000 yuan): report to the responsible leader within
 *   one working day; after closing, a special report (content, cause, handling and result, lessons,
 *   corrective actions), archived in its own file.
 * - Hot (≥ 3 complainants in a month, or a collective complaint by ≥ 3): report to the company and the
 *   responsible leader within one week (content, cause analysis, status, difficulties, help needed); within a
 *   week after closing, a case report (content, cause, handling, lessons).
 * The handbook sets no time for the major complaint's special report after closing; the company default
 * here is the hot complaint's one week, as data a company can change.
 * And the monthly analysis's deadline at HQ (`monthlyReportDueAt`), the other report a project owes.
 */
import { applyLimit } from '../deadlines/compute';
import type { TimeLimit } from '../deadlines/rules';
import type { WorkTimeOptions } from '../deadlines/working-time';
import { MonthKey, monthRange, StatisticalMonth } from './month';
import { shanghaiDate } from '../time';

export const SPECIAL_CASE_KINDS = ['major', 'hot'] as const;
export type SpecialCaseKind = (typeof SPECIAL_CASE_KINDS)[number];

/** Fields of a report, in order, with their Chinese names. */
export const REPORT_FIELD_LABELS = {
  content: '投诉内容',
  cause: '产生原因',
  status: '目前处理情况',
  difficulties: '处理难点',
  helpNeeded: '需协助事项',
  handling: '处理过程',
  result: '处理结果',
  lessons: '经验教训',
  corrective: '纠正措施',
} as const;
export type ReportField = keyof typeof REPORT_FIELD_LABELS;

export interface SpecialCaseRule {
  label: string;
  /** Initial report, counted from when the complaint became major/hot. */
  report: TimeLimit;
  reportTo: string;
  reportFields: readonly ReportField[];
  /** Special/case report, counted from closing. */
  followUp: TimeLimit;
  followUpTitle: string;
  followUpFields: readonly ReportField[];
}

export const SPECIAL_CASE_RULES: Record<SpecialCaseKind, SpecialCaseRule> = {
  major: {
    label: '重大投诉',
    report: { type: 'working_days_elapsed', days: 1 }, // 一个工作日内报公司分管领导
    reportTo: '公司分管领导',
    reportFields: ['content', 'cause', 'status'],
    followUp: { type: 'calendar_days', days: 7 }, // not set by the handbook: company default
    followUpTitle: '重大投诉专题报告',
    followUpFields: ['content', 'cause', 'handling', 'result', 'lessons', 'corrective'],
  },
  hot: {
    label: '热点投诉',
    report: { type: 'calendar_days', days: 7 }, // 一周内报公司和分管领导
    reportTo: '公司及分管领导',
    reportFields: ['content', 'cause', 'status', 'difficulties', 'helpNeeded'],
    followUp: { type: 'calendar_days', days: 7 }, // 处理完毕后一周内形成专题案例报告
    followUpTitle: '热点投诉专题案例报告',
    followUpFields: ['content', 'cause', 'handling', 'lessons'],
  },
};

export function reportDueAt(kind: SpecialCaseKind, flaggedAt: Date, opts?: WorkTimeOptions): Date {
  return applyLimit(flaggedAt, SPECIAL_CASE_RULES[kind].report, opts)!;
}

export function followUpDueAt(kind: SpecialCaseKind, closedAt: Date, opts?: WorkTimeOptions): Date {
  return applyLimit(closedAt, SPECIAL_CASE_RULES[kind].followUp, opts)!;
}

/** Where a major/hot complaint stands in its reporting. */
export type SpecialCaseStage =
  | 'report_due' // to report, still in time
  | 'report_overdue'
  | 'reported' // reported, the complaint still being handled
  | 'follow_up_due' // closed: the special report is due
  | 'follow_up_overdue'
  | 'archived' // special report filed and archived
  | 'cleared'; // a major complaint the lead found not to be one: nothing owed

export const SPECIAL_CASE_STAGE_LABELS: Record<SpecialCaseStage, string> = {
  report_due: '待上报',
  report_overdue: '上报已超时',
  reported: '已上报，处理中',
  follow_up_due: '已办结，待提交专题报告',
  follow_up_overdue: '专题报告已超时',
  archived: '已归档',
  cleared: '已排除（经核实不属重大投诉）',
};

export interface SpecialCaseFacts {
  /** A major complaint the lead cleared (not one after all). */
  decision?: string | null;
  reportDueAt: Date;
  reportedAt: Date | null;
  /** Set once the complaint (every complaint of the event) is closed. */
  followUpDueAt: Date | null;
  followUpAt: Date | null;
}

export function specialCaseStage(c: SpecialCaseFacts, now: Date): SpecialCaseStage {
  if (c.decision === 'cleared') return 'cleared';
  if (c.followUpAt) return 'archived';
  if (!c.reportedAt) return c.reportDueAt.getTime() < now.getTime() ? 'report_overdue' : 'report_due';
  if (!c.followUpDueAt) return 'reported';
  return c.followUpDueAt.getTime() < now.getTime() ? 'follow_up_overdue' : 'follow_up_due';
}

/** The deadline that matters now (for reminders), or null when nothing is owed. */
export function nextReportDeadline(
  c: SpecialCaseFacts,
): { what: 'report' | 'follow_up'; dueAt: Date } | null {
  if (c.followUpAt || c.decision === 'cleared') return null;
  if (!c.reportedAt) return { what: 'report', dueAt: c.reportDueAt };
  if (c.followUpDueAt) return { what: 'follow_up', dueAt: c.followUpDueAt };
  return null;
}

/**
 * The monthly analysis goes to HQ "每月28日前" (the customer-service handbook): the analysis of a statistical
 * month is due before the first 28th after the month has ended — a calendar month's October analysis before
 * 28 November, a 26th–25th month's November analysis (26 October – 25 November) before 28 November.
 */
export const MONTHLY_REPORT_DUE_DAY = 28;

/** When a month's analysis is due at HQ: 00:00 Shanghai on the first 28th after the month has ended. */
export function monthlyReportDueAt(month: MonthKey, kind: StatisticalMonth = 'calendar'): Date {
  const { end } = monthRange(month, kind);
  // `end` is 00:00 Shanghai on the first day after the month; the 28th of that day's month is on or after it.
  const endDay = shanghaiDate(end);
  const [y, m, d] = endDay.split('-').map(Number);
  const dueMonth = d <= MONTHLY_REPORT_DUE_DAY ? m : m + 1;
  return new Date(Date.UTC(y, dueMonth - 1, MONTHLY_REPORT_DUE_DAY) - 8 * 3600_000);
}
