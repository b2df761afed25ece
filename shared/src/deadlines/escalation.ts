import { endOfNthWorkingDay, reminderAt, WorkTimeOptions } from './working-time';

/**
 * What happens around one deadline (docs/domain-rules.md "Time limits", "Levels and special complaints"
 * 服务上移): the assignee is reminded before it passes; when it passes, the ticket climbs the chain assignee
 * → customer-service lead → project manager → group HQ (HQ only for major complaints), one step per interval,
 * each step recorded on the ticket.
 */
export type EscalationAudience = 'assignee' | 'cs_lead' | 'project_manager' | 'hq';

export interface EscalationStep {
  level: number;
  /** 0 = the moment the deadline passes; n = close of business of the n-th working day after it. */
  afterWorkingDays: number;
  notify: EscalationAudience[];
  /** Only for major complaints 重大投诉. */
  majorOnly?: boolean;
}

export interface EscalationRules {
  /** Share of the allowed time after which the assignee is reminded (0.75 = at 75%). */
  remindAt: number;
  steps: EscalationStep[];
}

export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  remindAt: 0.75,
  steps: [
    { level: 1, afterWorkingDays: 0, notify: ['assignee', 'cs_lead'] },
    { level: 2, afterWorkingDays: 1, notify: ['project_manager'] },
    { level: 3, afterWorkingDays: 2, notify: ['hq'], majorOnly: true },
  ],
};

export const ESCALATION_AUDIENCE_LABELS: Record<EscalationAudience, string> = {
  assignee: '处理人',
  cs_lead: '客服主管',
  project_manager: '项目经理',
  hq: '集团总部',
};

export interface ClockPlan {
  remindAt: Date | null;
  steps: { level: number; at: Date; notify: EscalationAudience[] }[];
}

/** When to remind and escalate for a deadline that started at `start` and falls due at `due`. */
export function planDeadline(
  start: Date,
  due: Date,
  opts: { major?: boolean; rules?: EscalationRules } & WorkTimeOptions = {},
): ClockPlan {
  const rules = opts.rules ?? DEFAULT_ESCALATION_RULES;
  // A share of the working time, so a three-day repair is not 'reminded' on a Sunday.
  const remind =
    due.getTime() > start.getTime()
      ? reminderAt(start, due, rules.remindAt, { ...opts, basis: 'working' })
      : null;
  return {
    remindAt: remind && remind.getTime() < due.getTime() ? remind : null,
    steps: rules.steps
      .filter((s) => !s.majorOnly || opts.major)
      .map((s) => ({
        level: s.level,
        at: s.afterWorkingDays === 0 ? due : endOfNthWorkingDay(due, s.afterWorkingDays, opts),
        notify: s.notify,
      })),
  };
}

/** Finished after its deadline: flagged for the KPIs (按时率). */
export function isLate(due: Date | null | undefined, doneAt: Date | null | undefined): boolean {
  return !!due && !!doneAt && doneAt.getTime() > due.getTime();
}
