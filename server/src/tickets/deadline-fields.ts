import {
  Channel,
  DeadlineRules,
  WorkTimeOptions,
  computeDeadlines,
  extendForPause,
  solutionAgreedDeadlines,
  TicketKind,
  TicketStatus,
} from '@wuye/shared';
import { Ticket } from './entities';

/** Statuses whose clock is not running: done, or paused while an outside party works (deferred). */
const CLOCK_STOPPED: readonly string[] = ['handled', 'awaiting_visit', 'closed', 'cancelled', 'deferred'];

/** Whether a ticket in this status has its clock running. */
export const clockRunning = (status: string) => !CLOCK_STOPPED.includes(status);

/** The nearest deadline still open, for sorting queues and flagging overdue tickets. */
export function nearestDue(
  t: Pick<Ticket, 'status' | 'repliedAt' | 'replyDueAt' | 'handleDueAt'>,
): Date | null {
  if (CLOCK_STOPPED.includes(t.status)) return null;
  const candidates = [t.repliedAt ? null : t.replyDueAt, t.handleDueAt].filter((d): d is Date => !!d);
  return candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
}

/** The project's rules, calendar and working hours (the handbook's values when it set none). */
export type ClockOptions = WorkTimeOptions & { rules?: DeadlineRules };

/** Deadlines that start when a ticket is received (docs/domain-rules.md "Time limits"). */
export function initialDeadlines(
  kind: TicketKind,
  channel: Channel,
  receivedAt: Date,
  opts: ClockOptions & { emergency?: boolean } = {},
) {
  const d = computeDeadlines({ kind, channel, receivedAt, ...opts });
  return {
    replyDueAt: d.replyBy ?? d.dispatchBy,
    handleDueAt: d.handleBy,
    handlingRecordDueAt: d.handlingRecordAfter,
  };
}

/** An agreed solution: done the same day, result replied within 24 h (the complaint-handling standards). */
export function agreedSolutionDeadlines(at: Date, opts: ClockOptions = {}) {
  const d = solutionAgreedDeadlines({ at, ...opts });
  return { handleDueAt: d.handleBy, replyDueAt: d.replyBy, repliedAt: null };
}

/** Resuming after a deferral moves every running deadline by the time spent waiting. */
export function resumedDeadlines(t: Ticket, now: Date) {
  const paused = t.pausedAt ? now.getTime() - t.pausedAt.getTime() : 0;
  const shift = (d: Date | null) => (d ? extendForPause(d, paused) : null);
  return {
    replyDueAt: shift(t.replyDueAt),
    handleDueAt: shift(t.handleDueAt),
    pausedAt: null,
    deferredUntil: null,
  };
}

export const isOpen = (s: string) => s !== 'closed' && s !== 'cancelled';
export type { TicketStatus };
