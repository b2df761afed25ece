/**
 * When no return visit is made, and how a ticket then closes (docs/domain-rules.md "Return visits",
 * "Closing"; the customer-service handbook: 客户投诉回访): solved on the spot and confirmed, anonymous or no
 * contact, sensitive, or the resident refused visits (recorded so nobody visits again). Such a ticket closes
 * by itself when no repeat complaint arrives within a week of handling.
 */
import { NO_VISIT_REASON_LABELS, type NoVisitReason } from '../lifecycle/transitions';

export const VISIT_EXEMPTIONS = ['on_spot', 'anonymous', 'no_contact', 'sensitive', 'declined'] as const;
export type VisitExemption = (typeof VISIT_EXEMPTIONS)[number];

export const VISIT_EXEMPTION_LABELS: Record<VisitExemption, string> = {
  on_spot: '现场处理并经业主确认满意',
  anonymous: NO_VISIT_REASON_LABELS.anonymous,
  no_contact: NO_VISIT_REASON_LABELS.no_contact,
  sensitive: NO_VISIT_REASON_LABELS.sensitive,
  declined: NO_VISIT_REASON_LABELS.declined,
};

export interface ExemptionFacts {
  /** Closed by 现场解释处理 with the resident's confirmation. */
  resolvedOnSpot?: boolean;
  anonymous: boolean;
  /** A resident account, or a phone number to call. */
  hasContact: boolean;
  /** Marked 不便回访的敏感投诉 by the lead. */
  sensitive: boolean;
  /** The resident or household asked not to be visited. */
  declined: boolean;
}

/** Why this ticket gets no return visit, or null when it must be visited. */
export function visitExemption(f: ExemptionFacts): VisitExemption | null {
  if (f.resolvedOnSpot) return 'on_spot';
  if (f.anonymous) return 'anonymous';
  if (!f.hasContact) return 'no_contact';
  if (f.sensitive) return 'sensitive';
  if (f.declined) return 'declined';
  return null;
}

/** Outcomes of one visit attempt 回访结果. */
export const VISIT_RESULTS = ['satisfied', 'unsatisfied', 'unreachable', 'declined'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];
export const VISIT_RESULT_LABELS: Record<VisitResult, string> = {
  satisfied: '满意',
  unsatisfied: '不满意',
  unreachable: '未联系上',
  declined: '业主拒绝回访',
};

/** Unanswered tries needed before a visit counts as impossible: at least 3, spread over at least 2 days. */
export const UNREACHABLE_MIN_ATTEMPTS = 3;
export const UNREACHABLE_MIN_DAYS = 2;

/** One staff try at a visit: its result and when it was made. */
export interface VisitAttemptFact {
  result: VisitResult;
  at: Date;
}

/**
 * The reason a handled ticket may close by itself a week after handling, or null when it may not:
 * satisfaction is never invented, so a visit still owed keeps it open. The resident counts as unreachable only
 * after at least 3 unanswered tries on at least 2 different days (Beijing time); one missed call is not enough.
 */
export function autoCloseReason(f: {
  exemption: VisitExemption | null;
  /** The staff attempts on its first visit. */
  attempts: readonly VisitAttemptFact[];
}): NoVisitReason | null {
  if (f.exemption && f.exemption !== 'on_spot') return f.exemption;
  if (f.attempts.some((a) => a.result === 'declined')) return 'declined';
  const unanswered = f.attempts.filter((a) => a.result === 'unreachable');
  const days = new Set(
    unanswered.map((a) => new Date(a.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)),
  );
  if (
    unanswered.length === f.attempts.length &&
    unanswered.length >= UNREACHABLE_MIN_ATTEMPTS &&
    days.size >= UNREACHABLE_MIN_DAYS
  )
    return 'unreachable';
  return null;
}
