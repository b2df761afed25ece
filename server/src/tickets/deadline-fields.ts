import {
  Channel,
  DeadlineRules,
  WorkTimeOptions,
  computeDeadlines,
  detectRepairType,
  RepairClass,
  RepairVisitType,
  resumeAfterPause,
  solutionAgreedDeadlines,
  suggestRepairClass,
  TRANSITIONS,
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

/** Repairs: what sets their time limits besides the channel — the class, the type read from the text, a set date. */
export interface RepairInputs {
  repairClass?: RepairClass;
  repairType?: RepairVisitType;
  fixBy?: Date;
}

/** The class and type of a stored repair (the class staff set, or the one suggested at intake). */
export function repairInputsOf(t: Pick<Ticket, 'kind' | 'content' | 'repairClass'>): RepairInputs {
  if (t.kind !== 'repair') return {};
  return {
    repairClass: (t.repairClass as RepairClass | null) ?? undefined,
    repairType: detectRepairType(t.content).type,
  };
}

/** Deadlines that start when a ticket is received (docs/domain-rules.md "Time limits"). */
export function initialDeadlines(
  kind: TicketKind,
  channel: Channel,
  receivedAt: Date,
  opts: ClockOptions & { emergency?: boolean } & RepairInputs = {},
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

/** Resuming after a deferral: each running deadline gets the working time it had left when paused. */
export function resumedDeadlines(
  t: Pick<Ticket, 'pausedAt' | 'replyDueAt' | 'handleDueAt' | 'handlingRecordDueAt'>,
  now: Date,
  opts: ClockOptions = {},
) {
  const shift = (d: Date | null) => (d && t.pausedAt ? resumeAfterPause(d, t.pausedAt, now, opts) : d);
  return {
    replyDueAt: shift(t.replyDueAt),
    handleDueAt: shift(t.handleDueAt),
    handlingRecordDueAt: shift(t.handlingRecordDueAt),
    pausedAt: null,
    deferredUntil: null,
  };
}

/** The day the outside party expects to be done, as an instant (a bare date: the end of that day, Beijing). */
export function expectedInstant(expectedDate: string | Date): Date {
  if (expectedDate instanceof Date) return expectedDate;
  return new Date(expectedDate.length === 10 ? `${expectedDate}T23:59:59+08:00` : expectedDate);
}

type DeadlineState = Pick<
  Ticket,
  | 'kind'
  | 'content'
  | 'createdAt'
  | 'repairClass'
  | 'channel'
  | 'emergency'
  | 'replyDueAt'
  | 'handleDueAt'
  | 'handlingRecordDueAt'
  | 'repliedAt'
  | 'pausedAt'
  | 'deferredUntil'
>;

/**
 * What one move does to a ticket's clocks (docs/domain-rules.md "Time limits"): the same function for a move
 * being made and for rebuilding the deadlines from the ticket's history (`replayDeadlines`).
 */
export function deadlinePatch(
  effects: readonly string[],
  action: string,
  t: DeadlineState,
  at: Date,
  input: {
    replyBy?: Date | string | null;
    expectedDate?: string | Date | null;
    repairClass?: string | null;
    fixBy?: Date | string | null;
  },
  opts: ClockOptions = {},
): Partial<Ticket> {
  const patch: Partial<Ticket> = {};
  // A repair's class set or changed at dispatch: its limits counted again from receipt.
  if (input.repairClass && t.kind === 'repair') {
    const fresh = initialDeadlines('repair', t.channel as Channel, t.createdAt, {
      ...opts,
      emergency: t.emergency,
      ...repairInputsOf({ ...t, repairClass: input.repairClass }),
      fixBy: input.fixBy ? new Date(input.fixBy) : undefined,
    });
    patch.repairClass = input.repairClass;
    patch.replyDueAt = fresh.replyDueAt;
    patch.handleDueAt = fresh.handleDueAt;
  }
  for (const effect of effects) {
    switch (effect) {
      case 'pause_deadlines':
        patch.pausedAt = at;
        patch.deferredUntil = input.expectedDate ? expectedInstant(input.expectedDate) : null;
        break;
      case 'resume_deadlines':
        Object.assign(patch, resumedDeadlines(t, at, opts));
        break;
      case 'start_solution_clock':
        Object.assign(patch, agreedSolutionDeadlines(at, opts));
        break;
      case 'restart_handling': {
        // Reopened (unsatisfied rating or visit, repeat complaint): a new clock from now, as if received again.
        const fresh = initialDeadlines(t.kind as TicketKind, t.channel as Channel, at, {
          ...opts,
          emergency: t.emergency,
          ...repairInputsOf(t),
        });
        Object.assign(patch, fresh, { repliedAt: null, pausedAt: null, deferredUntil: null });
        break;
      }
    }
  }
  // The reply time agreed with the resident (within 24 h) is the reply deadline.
  if (action === 'schedule_reply' && input.replyBy) {
    patch.replyDueAt = new Date(input.replyBy);
    patch.repliedAt = null;
  }
  return patch;
}

export interface RecordedMove {
  action: string;
  fromStatus: string | null;
  createdAt: Date;
  data: string | null;
}

/**
 * The deadlines as they would be had the project's calendar and rules been what they are now all along:
 * the clocks started at intake and by every recorded move, computed again (a year's official schedule
 * imported, a company day off added). Returns only the deadline fields.
 */
export function replayDeadlines(
  t: Ticket,
  moves: readonly RecordedMove[],
  opts: ClockOptions = {},
): Pick<Ticket, 'replyDueAt' | 'handleDueAt' | 'handlingRecordDueAt'> {
  let state: DeadlineState = {
    ...t,
    ...initialDeadlines(t.kind as TicketKind, t.channel as Channel, t.createdAt, {
      ...opts,
      emergency: t.emergency,
    }),
    repliedAt: null,
    pausedAt: null,
    deferredUntil: null,
  };
  for (const mv of moves) {
    const row = TRANSITIONS.find(
      (r) => r.action === mv.action && r.from.includes(mv.fromStatus as TicketStatus),
    );
    const data = mv.data
      ? (JSON.parse(mv.data) as {
          replyBy?: string;
          expectedDate?: string;
          repairClass?: string;
          fixBy?: string;
        })
      : {};
    if (!row && mv.action !== 'schedule_reply') continue;
    const patch = deadlinePatch(row?.effects ?? [], mv.action, state, mv.createdAt, data, opts);
    state = { ...state, ...patch };
  }
  return {
    replyDueAt: state.replyDueAt,
    handleDueAt: state.handleDueAt,
    handlingRecordDueAt: state.handlingRecordDueAt,
  };
}

export const isOpen = (s: string) => s !== 'closed' && s !== 'cancelled';
export type { TicketStatus };
