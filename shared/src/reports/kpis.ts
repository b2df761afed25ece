/**
 * Key figures 考核指标 per project, department and staff member (docs/domain-rules.md "Records, statistics
 * and reports" KPIs (the feedback-flow handbook); "Return visits" targets (the return-visit handbook)):
 * response time, on-time reply and handling, resolution, reopening, return visits, satisfaction, and the
 * complaint rate (complaints ÷ households, target < 1%).
 *
 * Every figure is a ratio of additive sums, so sums per (project, month, department, person, kind,
 * category) add up to any scope and period: what one ticket adds is `ticketSums` (ticket-kpis.ts), the
 * server's rollup stores the sums per group and SQL only adds stored sums up; `computeKpis` here turns sums
 * into the figures every report shows (and the mini-program reads the labels and targets from here).
 *
 * A ticket counts in the month it was received.
 */

/** Additive sums behind the key figures. */
export interface KpiSums {
  /** Tickets received 受理量, withdrawn ones included. */
  tickets: number;
  cancelled: number;
  /** With a reply deadline that has passed or been met. */
  replyJudged: number;
  repliedOnTime: number;
  /** Replied to the resident at all (first public staff response). */
  replied: number;
  /** Sum of minutes from receipt to first response, over `replied`. */
  responseMinutes: number;
  handleJudged: number;
  handledOnTime: number;
  /** Handled at least once (or solved on the spot). */
  handledEver: number;
  closed: number;
  reopened: number;
  /** Complaints and repairs handled for which the handbook wants a return visit. */
  visitNeeded: number;
  /** Of those, visited at least once. */
  visited: number;
  /**
   * The residents' answers on how it went 评价: every rating (online by the resident, or recorded by staff at a
   * phone or home visit), plus a visit a member of staff closed or reopened without recording a rating; and the
   * satisfied ones among them.
   */
  visits: number;
  satisfiedVisits: number;
  /** The residents' satisfaction scores (ratings, 1–5) and how many were given. */
  scoreSum: number;
  scoreCount: number;
  /** Complaints received, withdrawn ones left out (the complaint resolution rate's base). */
  complaintTickets: number;
  /** Of those, closed (resolved and confirmed at the visit, or on the spot). */
  complaintsResolved: number;
}

export const KPI_SUM_FIELDS = [
  'tickets',
  'cancelled',
  'replyJudged',
  'repliedOnTime',
  'replied',
  'responseMinutes',
  'handleJudged',
  'handledOnTime',
  'handledEver',
  'closed',
  'reopened',
  'visitNeeded',
  'visited',
  'visits',
  'satisfiedVisits',
  'scoreSum',
  'scoreCount',
  'complaintTickets',
  'complaintsResolved',
] as const satisfies readonly (keyof KpiSums)[];

export function emptySums(): KpiSums {
  return Object.fromEntries(KPI_SUM_FIELDS.map((f) => [f, 0])) as unknown as KpiSums;
}

export function addSums(...all: readonly Partial<KpiSums>[]): KpiSums {
  const acc = emptySums();
  for (const s of all) for (const f of KPI_SUM_FIELDS) acc[f] += Number(s[f]) || 0;
  return acc;
}

/** The key figures; a rate is null when there is nothing to divide by. */
export interface Kpis {
  tickets: number;
  cancelled: number;
  /** Mean minutes from receipt to the first response. */
  meanFirstResponseMinutes: number | null;
  onTimeReplyRate: number | null;
  onTimeHandleRate: number | null;
  /** Complaint resolution rate 投诉解决率: closed complaints ÷ complaints received (withdrawn left out). */
  resolutionRate: number | null;
  /** Reopened ÷ handled. */
  reopenRate: number | null;
  /** Visited ÷ needing a visit; target 100% (the return-visit handbook). */
  visitRate: number | null;
  /** Satisfaction rate 满意率: satisfied answers ÷ all answers, online ratings included. */
  satisfactionRate: number | null;
  /** Mean satisfaction score at visits. */
  meanScore: number | null;
  /**
   * Complaint rate 投诉率: the month's counted complaints (the classification table's items: one event counts
   * once) ÷ the households of the project or company (every household on record, occupied or not); target < 1%
   * (the return-visit handbook). Only for a project or the company.
   */
  complaintRate: number | null;
  complaints: number | null;
  households: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function computeKpis(
  s: KpiSums,
  scope: { complaints?: number | null; households?: number | null } = {},
): Kpis {
  const complaints = scope.complaints ?? null;
  const households = scope.households ?? null;
  return {
    tickets: s.tickets,
    cancelled: s.cancelled,
    meanFirstResponseMinutes: ratio(s.responseMinutes, s.replied),
    onTimeReplyRate: ratio(s.repliedOnTime, s.replyJudged),
    onTimeHandleRate: ratio(s.handledOnTime, s.handleJudged),
    resolutionRate: ratio(s.complaintsResolved, s.complaintTickets),
    reopenRate: ratio(s.reopened, s.handledEver),
    visitRate: ratio(s.visited, s.visitNeeded),
    satisfactionRate: ratio(s.satisfiedVisits, s.visits),
    meanScore: ratio(s.scoreSum, s.scoreCount),
    complaintRate: complaints !== null && households ? complaints / households : null,
    complaints,
    households,
  };
}

/** Targets the return-visit handbook sets: visit rate 100%, complaint rate below 1%. */
export const KPI_TARGETS = {
  visitRate: { atLeast: 1 },
  complaintRate: { below: 0.01 },
} as const;

export type KpiName = Exclude<keyof Kpis, 'complaints' | 'households' | 'cancelled'>;

/** Whether a figure meets its target; null when it has none or no value. */
export function meetsTarget(name: KpiName, value: number | null): boolean | null {
  if (value === null) return null;
  if (name === 'visitRate') return value >= KPI_TARGETS.visitRate.atLeast;
  if (name === 'complaintRate') return value < KPI_TARGETS.complaintRate.below;
  return null;
}

/** Chinese names and what each figure means, for pages and spreadsheets. */
export const KPI_LABELS: Record<
  KpiName,
  { label: string; unit: 'count' | 'minutes' | 'rate' | 'score'; hint: string }
> = {
  tickets: { label: '受理量', unit: 'count', hint: '当月受理的工单（含撤销）' },
  meanFirstResponseMinutes: {
    label: '平均首次响应',
    unit: 'minutes',
    hint: '从受理到员工首次公开答复的平均时长',
  },
  onTimeReplyRate: {
    label: '及时回复率',
    unit: 'rate',
    hint: '回复时限已到或已回复的工单中，按时回复的比例',
  },
  onTimeHandleRate: {
    label: '及时处理率',
    unit: 'rate',
    hint: '处理时限已到或已处理的投诉和报修中，按时处理完毕的比例',
  },
  resolutionRate: {
    label: '投诉解决率',
    unit: 'rate',
    hint: '已解决（办结）的投诉 ÷ 受理的投诉（不含撤销；报修、建议、表扬等不计入）',
  },
  reopenRate: {
    label: '重新处理率',
    unit: 'rate',
    hint: '回访不满意或业主要求重新处理的工单 ÷ 已处理的工单',
  },
  visitRate: { label: '回访率', unit: 'rate', hint: '已回访 ÷ 应回访（投诉与报修；目标 100%）' },
  satisfactionRate: {
    label: '满意率',
    unit: 'rate',
    hint: '评价满意的次数 ÷ 全部评价次数（含业主在线评价和员工回访记录的评价）',
  },
  meanScore: { label: '满意度平均分', unit: 'score', hint: '回访评分的平均值' },
  complaintRate: {
    label: '投诉率',
    unit: 'rate',
    hint: '当月投诉件数（同一事件计一次，不含撤销）÷ 项目登记的总户数（目标 < 1%）',
  },
};
