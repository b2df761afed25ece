/**
 * The return-visit plan 回访计划 of a handled ticket: which visits, by whom, in what form and by when
 * (docs/domain-rules.md "Return visits"). Pure: the handling time comes in, dates come out.
 */
import { addDays, dayKeyOf, dayStartMs, HOUR_MS } from '../deadlines/shanghai';
import type { TicketKind } from '../tickets';
import type { StaffRole } from '../roles';
import { COMPLAINT_LEVEL_LABELS, type ComplaintLevel } from './levels';
import { REPAIR_VISIT_TYPE_LABELS, detectRepairType, type RepairVisitType } from './repair-types';
import {
  DEFAULT_VISIT_RULES,
  describeVisitWhen,
  type VisitForm,
  type VisitRules,
  type VisitWhen,
} from './rules';

/** Kinds that get return visits: complaint visits and repair visits (the return-visit handbook). */
export const VISITED_KINDS: readonly TicketKind[] = ['complaint', 'repair'];

export function isVisitedKind(kind: string): kind is 'complaint' | 'repair' {
  return (VISITED_KINDS as readonly string[]).includes(kind);
}

export interface PlanInput {
  kind: TicketKind;
  /** What the resident wrote (repair types are detected from it). */
  text: string;
  handledAt: Date;
  /** Staff's correction of the detected repair type. */
  repairType?: RepairVisitType | null;
  /** Staff's correction of "caused by rain". */
  rainCaused?: boolean | null;
  /** Complaints: the level in force (derived or set by the lead). */
  complaintLevel?: ComplaintLevel;
  /** The resident has an account to answer online (default true); else staff visit from the start. */
  online?: boolean;
}

export interface PlannedVisit {
  /** 1 = the visit the rating invitation answers; later ones are follow-ups. */
  seq: number;
  /** null: waits for rain. */
  dueAt: Date | null;
  trigger: 'time' | 'after_rain';
  form: VisitForm;
  visitorRole: StaffRole;
  /** Why this date, in the handbook's words, e.g. '管道堵塞或漏水：次日回访'. */
  basis: string;
}

export interface VisitPlan {
  kind: 'complaint' | 'repair';
  repairType: RepairVisitType | null;
  rainCaused: boolean;
  complaintLevel: ComplaintLevel | null;
  /** Until then the resident's own rating is the visit; afterwards staff visit. Null without an invitation. */
  inviteDeadline: Date | null;
  visits: PlannedVisit[];
  /** Repairs needing repeated visits (danger to life): the visitor is offered another one this much later. */
  repeatEveryDays: number | null;
}

/** 24:00 Shanghai time of the instant's day (staff lists: "due today"). */
export function shanghaiDayEnd(at: Date): Date {
  return new Date(dayStartMs(addDays(dayKeyOf(at), 1)));
}

/** The instant a visit rule points at, or null for after-rain visits. */
export function visitDueAt(handledAt: Date, when: VisitWhen): Date | null {
  const day = dayKeyOf(handledAt);
  switch (when.type) {
    case 'hours':
      return new Date(handledAt.getTime() + when.hours * HOUR_MS);
    case 'next_day':
      return new Date(dayStartMs(addDays(day, 2)));
    case 'days':
      return new Date(dayStartMs(addDays(day, when.days + 1)));
    case 'after_rain':
      return null;
  }
}

/**
 * The plan for a ticket just handled, or null for kinds that are not visited. Complaints: the first visit's staff
 * due time never falls inside the resident's reply window (an unanswered invitation gets `staffGraceHours` more).
 * Repairs: the visit stays due when the rule says (24 h); the resident's window closes earlier instead.
 */
export function planVisits(input: PlanInput, rules: VisitRules = DEFAULT_VISIT_RULES): VisitPlan | null {
  if (!isVisitedKind(input.kind)) return null;
  const h = input.handledAt;
  let whens: VisitWhen[];
  let form: VisitForm;
  let visitorRole: StaffRole;
  let basis: string;
  let repairType: RepairVisitType | null = null;
  let rainCaused = false;
  let level: ComplaintLevel | null = null;
  let repeatEveryDays: number | null = null;
  if (input.kind === 'repair') {
    const detected = detectRepairType(input.text);
    repairType = input.repairType ?? detected.type;
    rainCaused = input.rainCaused ?? detected.rainCaused;
    const rule = rules.repair[repairType];
    whens = [...rule.visits];
    if (rule.afterRain && rainCaused) whens.push({ type: 'after_rain' });
    repeatEveryDays = rule.repeatEveryDays ?? null;
    form = rules.repairVisitor.form;
    visitorRole = rules.repairVisitor.role;
    basis = rule.basis;
  } else {
    level = input.complaintLevel ?? 4;
    const rule = rules.complaint[level];
    whens = [...rule.visits];
    form = rule.form;
    visitorRole = rule.visitorRole;
    basis = rule.basis;
  }
  let inviteDeadline =
    input.online === false ? null : new Date(h.getTime() + rules.onlineReplyHours[input.kind] * HOUR_MS);
  // A repair's visit is due within 24 hours whoever makes it (docs/domain-rules.md "Return visits"): when the first
  // visit falls due inside the resident's reply window, the window is shortened so that staff still have
  // `staffGraceHours` (at least half the time) to call before it is due. Complaints keep the window and staff get
  // their grace after it.
  const firstDue = whens.length ? visitDueAt(h, whens[0]) : null;
  if (
    input.kind === 'repair' &&
    inviteDeadline &&
    firstDue &&
    firstDue.getTime() <= inviteDeadline.getTime()
  ) {
    const span = firstDue.getTime() - h.getTime();
    inviteDeadline = new Date(h.getTime() + Math.max(span / 2, span - rules.staffGraceHours * HOUR_MS));
  }
  const visits = whens.map((when, i): PlannedVisit => {
    let dueAt = visitDueAt(h, when);
    if (
      i === 0 &&
      input.kind !== 'repair' &&
      inviteDeadline &&
      dueAt &&
      dueAt.getTime() <= inviteDeadline.getTime()
    )
      dueAt = new Date(inviteDeadline.getTime() + rules.staffGraceHours * HOUR_MS);
    const label =
      input.kind === 'repair' ? REPAIR_VISIT_TYPE_LABELS[repairType!] : COMPLAINT_LEVEL_LABELS[level!];
    return {
      seq: i + 1,
      dueAt,
      trigger: when.type === 'after_rain' ? 'after_rain' : 'time',
      form,
      visitorRole,
      basis: i === 0 ? basis : `${label}：第${i + 1}次回访（${describeVisitWhen(when)}）`,
    };
  });
  return {
    kind: input.kind,
    repairType,
    rainCaused,
    complaintLevel: level,
    inviteDeadline,
    visits,
    repeatEveryDays,
  };
}
