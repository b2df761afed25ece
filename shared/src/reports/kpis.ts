/**
 * Key figures 考核指标 per project, department and staff member (docs/domain-rules.md "Records, statistics
 * and reports" KPIs (the feedback-flow handbook); "Return visits" targets (the return-visit handbook)):
 * response time, on-time reply and handling, resolution, reopening, return visits, satisfaction, and the
 * complaint rate (complaints ÷ households, target < 1%).
 *
 * Every figure is a ratio of additive sums, so sums per (project, month, department, person, kind,
 * category) add up to any scope and period; `ticketSums` says what one ticket adds, and the server's
 * GROUP BY computes the same sums (server/src/reports) — this file is the reference for it.
 *
 * A ticket counts in the month it was received. Rates leave out withdrawn tickets; a deadline still
 * running is not judged yet (neither on time nor late).
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
  /** Return visits done and the satisfied ones among them. */
  visits: number;
  satisfiedVisits: number;
  /** Satisfaction scores given at visits (none yet: the return-visit records will add them). */
  scoreSum: number;
  scoreCount: number;
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
] as const satisfies readonly (keyof KpiSums)[];

export function emptySums(): KpiSums {
  return Object.fromEntries(KPI_SUM_FIELDS.map((f) => [f, 0])) as unknown as KpiSums;
}

export function addSums(...all: readonly Partial<KpiSums>[]): KpiSums {
  const acc = emptySums();
  for (const s of all) for (const f of KPI_SUM_FIELDS) acc[f] += Number(s[f]) || 0;
  return acc;
}

/** Kinds that get a return visit 回访: complaint visits and repair visits (the return-visit handbook). */
/** Kinds that get a return visit (the same as the visits rules' isVisitedKind). */
const VISITED_KINDS: readonly string[] = ['complaint', 'repair'];

/** A ticket as the key figures see it. */
export interface TicketForKpi {
  kind: string;
  status: string;
  anonymous: boolean;
  createdAt: Date;
  repliedAt: Date | null;
  replyDueAt: Date | null;
  handledAt: Date | null;
  handleDueAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  /** Return visits done: satisfied or not, with a score when one was given. */
  visits: readonly { satisfied: boolean; score?: number | null }[];
  /** Solved on the spot, or closed without a visit for a reason the handbook accepts. */
  noVisitNeeded: boolean;
}

const MINUTE = 60_000;

/** What one ticket adds to the sums, judged at `asOf` (deadlines still running are not judged). */
export function ticketSums(t: TicketForKpi, asOf: Date): KpiSums {
  const s = emptySums();
  s.tickets = 1;
  if (t.status === 'cancelled') {
    s.cancelled = 1;
    return s;
  }
  const due = (d: Date | null, done: Date | null) => !!d && (!!done || d.getTime() < asOf.getTime());
  if (due(t.replyDueAt, t.repliedAt)) {
    s.replyJudged = 1;
    if (t.repliedAt && t.repliedAt.getTime() <= t.replyDueAt!.getTime()) s.repliedOnTime = 1;
  }
  if (t.repliedAt) {
    s.replied = 1;
    s.responseMinutes = Math.max(0, (t.repliedAt.getTime() - t.createdAt.getTime()) / MINUTE);
  }
  // Solved on the spot closes without a handling step: it was handled when it closed.
  const handled = t.handledAt ?? (t.status === 'closed' ? t.closedAt : null);
  if (due(t.handleDueAt, handled)) {
    s.handleJudged = 1;
    if (handled && handled.getTime() <= t.handleDueAt!.getTime()) s.handledOnTime = 1;
  }
  const handledEver = !!handled || t.reopenCount > 0;
  if (handledEver) s.handledEver = 1;
  if (t.status === 'closed') s.closed = 1;
  if (t.reopenCount > 0) s.reopened = 1;
  if (handledEver && VISITED_KINDS.includes(t.kind) && !t.noVisitNeeded && !t.anonymous) {
    s.visitNeeded = 1;
    if (t.visits.length) s.visited = 1;
  }
  s.visits = t.visits.length;
  s.satisfiedVisits = t.visits.filter((v) => v.satisfied).length;
  for (const v of t.visits)
    if (typeof v.score === 'number') {
      s.scoreSum += v.score;
      s.scoreCount += 1;
    }
  return s;
}

/** The key figures; a rate is null when there is nothing to divide by. */
export interface Kpis {
  tickets: number;
  cancelled: number;
  /** Mean minutes from receipt to the first response. */
  meanFirstResponseMinutes: number | null;
  onTimeReplyRate: number | null;
  onTimeHandleRate: number | null;
  /** Closed ÷ received (withdrawn left out). */
  resolutionRate: number | null;
  /** Reopened ÷ handled. */
  reopenRate: number | null;
  /** Visited ÷ needing a visit; target 100% (the return-visit handbook). */
  visitRate: number | null;
  /** Satisfied visits ÷ visits. */
  satisfactionRate: number | null;
  /** Mean satisfaction score at visits. */
  meanScore: number | null;
  /**
   * Counted complaints ÷ households; target < 1% (the return-visit handbook). Only for a project or the
   * company.
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
    resolutionRate: ratio(s.closed, s.tickets - s.cancelled),
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
    hint: '处理时限已到或已处理的工单中，按时处理完毕的比例',
  },
  resolutionRate: { label: '办结率', unit: 'rate', hint: '已办结 ÷ 受理量（不含撤销）' },
  reopenRate: {
    label: '重新处理率',
    unit: 'rate',
    hint: '回访不满意或业主要求重新处理的工单 ÷ 已处理的工单',
  },
  visitRate: { label: '回访率', unit: 'rate', hint: '已回访 ÷ 应回访（投诉与报修；目标 100%）' },
  satisfactionRate: { label: '回访满意率', unit: 'rate', hint: '回访满意的次数 ÷ 回访次数' },
  meanScore: { label: '满意度平均分', unit: 'score', hint: '回访评分的平均值' },
  complaintRate: { label: '投诉率', unit: 'rate', hint: '当月投诉件数 ÷ 总户数（目标 < 1%）' },
};

/**
 * Why a ticket needs no return visit (the customer-service handbook, 客户投诉回访): anonymous, no way to
 * reach the person, sensitive, or the resident refuses visits. 'unreachable' (tried, could not reach) still
 * counts as a visit owed.
 */
export const NO_VISIT_NEEDED_REASONS: readonly string[] = [
  'anonymous',
  'no_contact',
  'sensitive',
  'declined',
];

/** A ticket event as the key figures read it (ticket_events). */
export interface EventForKpi {
  action: string;
  fromStatus: string | null;
  actorRole: string;
  /** JSON details of the move. */
  data: string | null;
}

/**
 * Return visits read from the ticket's events, until return visits have their own records: a visit
 * that found the resident satisfied closes the ticket ('close'); one that did not sends it back to
 * handling ('reopen' from 待回访 by staff). Solved on the spot, or closed for a no-visit reason: none owed.
 */
export function visitFactsFromEvents(events: readonly EventForKpi[]): {
  visits: { satisfied: boolean }[];
  noVisitNeeded: boolean;
} {
  const visits: { satisfied: boolean }[] = [];
  let noVisitNeeded = false;
  for (const e of events) {
    if (e.action === 'close') visits.push({ satisfied: true });
    else if (e.action === 'reopen' && e.fromStatus === 'awaiting_visit' && e.actorRole !== 'resident')
      visits.push({ satisfied: false });
    else if (e.action === 'resolve_on_spot') noVisitNeeded = true;
    else if (e.action === 'auto_close') {
      let reason: unknown = null;
      try {
        reason = e.data ? (JSON.parse(e.data) as { noVisitReason?: unknown }).noVisitReason : null;
      } catch {
        reason = null;
      }
      if (typeof reason === 'string' && NO_VISIT_NEEDED_REASONS.includes(reason)) noVisitNeeded = true;
    }
  }
  return { visits, noVisitNeeded };
}
