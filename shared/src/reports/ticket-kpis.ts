/**
 * What one ticket adds to the key figures 考核指标 (kpis.ts): the per-ticket rules behind every sum, run by the
 * server's rollup (server/src/reports/rollup-rows.ts) for each ticket of a project's month with its visit
 * events and ratings (docs/domain-rules.md "Records, statistics and reports", "Return visits").
 *
 * Rates leave out withdrawn tickets; a deadline still running is not judged yet (neither on time nor late).
 */
import { isVisitedKind } from '../visits/schedule';
import { VISIT_EXEMPTIONS } from '../visits/exemptions';
import { emptySums, KpiSums } from './kpis';

/** A withdrawn ticket: counted as received, left out of every rate (and of the complaint counts). */
export const WITHDRAWN_STATUS = 'cancelled';

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
  /**
   * Handling deadline missed at some point (`tickets.handleLate`): a complaint whose intake handling deadline
   * passed before a solution was agreed stays late although the agreed solution's deadline replaced it.
   */
  handleLate?: boolean;
  closedAt: Date | null;
  reopenCount: number;
  /**
   * The residents' answers, satisfied or not: visits staff closed or reopened without a rating
   * (`visitFactsFromEvents`), then every rating (online or recorded by staff), see `answersOf`.
   */
  visits: readonly { satisfied: boolean }[];
  /** Solved on the spot, or closed without a visit for a reason the handbook accepts. */
  noVisitNeeded: boolean;
  /** The residents' satisfaction scores (ratings.average, 1–5) given on its visits, online or to the visitor. */
  scores: readonly number[];
}

const MINUTE = 60_000;

/** What one ticket adds to the sums, judged at `asOf` (deadlines still running are not judged). */
export function ticketSums(t: TicketForKpi, asOf: Date): KpiSums {
  const s = emptySums();
  s.tickets = 1;
  if (t.status === WITHDRAWN_STATUS) {
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
  // A deadline missed once stays missed (docs/domain-rules.md "Time limits").
  if (t.handleLate || due(t.handleDueAt, handled)) {
    s.handleJudged = 1;
    if (!t.handleLate && handled && handled.getTime() <= t.handleDueAt!.getTime()) s.handledOnTime = 1;
  }
  const handledEver = !!handled || t.reopenCount > 0;
  if (handledEver) s.handledEver = 1;
  if (t.status === 'closed') s.closed = 1;
  if (t.kind === 'complaint') {
    s.complaintTickets = 1;
    if (t.status === 'closed') s.complaintsResolved = 1;
  }
  if (t.reopenCount > 0) s.reopened = 1;
  // Complaints and repairs get a return visit (the return-visit handbook), unless exempt or anonymous.
  if (handledEver && isVisitedKind(t.kind) && !t.noVisitNeeded && !t.anonymous) {
    s.visitNeeded = 1;
    if (t.visits.length) s.visited = 1;
  }
  s.visits = t.visits.length;
  s.satisfiedVisits = t.visits.filter((v) => v.satisfied).length;
  for (const score of t.scores) {
    s.scoreSum += score;
    s.scoreCount += 1;
  }
  return s;
}

/**
 * Why a ticket closed by itself needs no return visit: the visits' exemptions (visits/exemptions.ts) —
 * anonymous, no way to reach the person, sensitive, or the resident refuses visits; solved on the spot is
 * its own move ('resolve_on_spot'). 'unreachable' (tried, could not reach) still counts as a visit owed.
 */
export const NO_VISIT_NEEDED_REASONS: readonly string[] = VISIT_EXEMPTIONS.filter((e) => e !== 'on_spot');

/** The only events `visitFactsFromEvents` reads: the rollup reads no others. */
export const VISIT_EVENT_ACTIONS: readonly string[] = ['close', 'reopen', 'resolve_on_spot', 'auto_close'];

/** A ticket event as the key figures read it (ticket_events). */
export interface EventForKpi {
  action: string;
  fromStatus: string | null;
  actorRole: string;
  /** JSON details of the move. */
  data: string | null;
}

/**
 * Return visits read from the ticket's events: a visit that found the resident satisfied closes the ticket
 * ('close'); one that did not sends it back to handling ('reopen' from 待回访 by staff). A close or reopen moved
 * by a rating (its data names the rating) is left out here: the rating itself is the answer (`answersOf`), so
 * the resident's own unsatisfied online rating counts as well. Solved on the spot, or closed for a no-visit
 * reason: none owed.
 */
export function visitFactsFromEvents(events: readonly EventForKpi[]): {
  visits: { satisfied: boolean }[];
  noVisitNeeded: boolean;
} {
  const visits: { satisfied: boolean }[] = [];
  let noVisitNeeded = false;
  for (const e of events) {
    if ((e.action === 'close' || e.action === 'reopen') && ratingOf(e.data)) continue;
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

/** Whether an event's data names the rating that moved it ({ rating: { id, … } }). */
function ratingOf(data: string | null): boolean {
  if (!data) return false;
  try {
    const r = (JSON.parse(data) as { rating?: { id?: unknown } } | null)?.rating;
    return !!r && typeof r.id === 'string';
  } catch {
    return false;
  }
}

/**
 * Every answer of the residents on one ticket, for the satisfaction rate 满意率 (satisfied ÷ all answers): the
 * visits read from events (`visitFactsFromEvents`, without those a rating moved) and every rating, online or
 * recorded by staff.
 */
export function answersOf(
  fromEvents: readonly { satisfied: boolean }[],
  ratings: readonly { satisfied: boolean }[],
): { satisfied: boolean }[] {
  return [...fromEvents, ...ratings.map((r) => ({ satisfied: r.satisfied }))];
}
