/**
 * Deadlines 时限 of a ticket, computed from the rules in ./rules on the working-day calendar.
 * Interpretations of the handbook's wording are documented in shared/src/deadlines/README.md.
 */
import { CHANNEL_LABELS, REPAIR_CLASS_LABELS, TICKET_KIND_LABELS } from '../tickets';
import type { Channel, RepairClass, TicketKind } from '../tickets';
import { CN_CALENDAR } from './calendar';
import { REPAIR_TYPE_FIX_LIMITS } from './repairs';
import { REPAIR_VISIT_TYPE_LABELS, type RepairVisitType } from '../visits/repair-types';
import {
  describeLimit,
  resolveDeadlineRules,
  type DeadlineRuleOverrides,
  type DeadlineRules,
  type TimeLimit,
} from './rules';
import { DAY_MS, dayKeyOf, dayStartMs, formatShanghai, HOUR_MS, MINUTE_MS, addDays } from './shanghai';
import { addWorkingDays, endOfNthWorkingDay, isWorkingTime, type WorkTimeOptions } from './working-time';

/** The instant a limit runs out when its clock starts at `from`; null for 'none'. */
export function applyLimit(from: Date, limit: TimeLimit, opts?: WorkTimeOptions): Date | null {
  switch (limit.type) {
    case 'same_working_day':
      return endOfNthWorkingDay(from, 0, opts);
    case 'working_days':
      return endOfNthWorkingDay(from, limit.days, opts);
    case 'working_days_elapsed':
      return addWorkingDays(from, limit.days, opts);
    case 'calendar_days':
      return new Date(dayStartMs(addDays(dayKeyOf(from), limit.days)) + DAY_MS - 1);
    case 'hours':
      return new Date(from.getTime() + limit.hours * HOUR_MS);
    case 'minutes':
      return new Date(from.getTime() + limit.minutes * MINUTE_MS);
    case 'none':
      return null;
  }
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/** Full rules pass through unchanged (every key overrides its default); partial ones are merged. */
function rulesOf(r: DeadlineRules | DeadlineRuleOverrides | undefined): DeadlineRules {
  return resolveDeadlineRules(r);
}

export interface DeadlineInput extends WorkTimeOptions {
  kind: TicketKind;
  channel: Channel;
  receivedAt: Date;
  /** Repairs only; a repair without a class is treated as 'general' 一般事情. */
  repairClass?: RepairClass;
  /** Repairs: the handbook's repair type read from the text; its fix time wins when it is shorter. */
  repairType?: RepairVisitType;
  /** Major repairs: the date staff set for the fix (validated to lie 7–15 working days out; `majorFixRange`). */
  fixBy?: Date;
  /** Danger to life or property: dispatch at once, round the clock. */
  emergency?: boolean;
  /** The project's rules, or overrides of the defaults. */
  rules?: DeadlineRules | DeadlineRuleOverrides;
}

export interface ComputedDeadlines {
  /** Reply to the resident 答复/回复 by then; null when none is due (praise). */
  replyBy: Date | null;
  /**
   * Done 处理完毕 by then. Complaints: the handling-record limit from receipt (`handlingRecordAfter`), replaced
   * by the agreed solution's limit once one is agreed (`solutionAgreedDeadlines`); null for suggestions etc.
   */
  handleBy: Date | null;
  /** Emergencies: dispatched 派单 by then. */
  dispatchBy: Date | null;
  /** Complaints: still open after this → fill in the 顾客投诉处理记录表 (the customer-service handbook). */
  handlingRecordAfter: Date | null;
  /** Chinese, one line per rule applied, for the timeline and the staff screens. */
  explanation: string;
  /** Years touched whose statutory holidays are not in the calendar (weekends only were assumed). */
  uncoveredYears: number[];
}

function limitLine(
  label: string,
  limit: TimeLimit,
  from: Date,
  due: Date | null,
  opts: WorkTimeOptions,
): string {
  if (!due) return `${label}：无时限`;
  let line = `${label}：${describeLimit(limit)} → ${formatShanghai(due)}前`;
  if (limit.type === 'same_working_day' && !isWorkingTime(from, opts) && dayKeyOf(due) !== dayKeyOf(from)) {
    line += '（非工作时间受理，顺延至上班后的当天）';
  } else if (limit.type === 'working_days') {
    line += '（受理当日不计）';
  } else if (limit.type === 'hours' || limit.type === 'minutes') {
    line += '（全天候计时）';
  }
  return line;
}

function uncovered(dates: Array<Date | null>, opts: WorkTimeOptions): number[] {
  const cal = opts.calendar ?? CN_CALENDAR;
  const years = new Set<number>();
  for (const d of dates) if (d) years.add(Number(dayKeyOf(d).slice(0, 4)));
  return [...years].filter((y) => !cal.coveredYears.includes(y)).sort((a, b) => a - b);
}

function uncoveredNote(years: number[]): string[] {
  return years.length ? [`注意：${years.join('、')}年法定节假日安排尚未录入日历，暂按普通周末计算。`] : [];
}

/**
 * The deadlines that start running when a ticket is received (docs/domain-rules.md "Time limits").
 * Complaints get a reply deadline by channel and a handling deadline at the handling-record limit (one full
 * working day by default), which an agreed solution replaces. Repairs get reply and handling deadlines by class; emergencies a dispatch deadline.
 */
export function computeDeadlines(input: DeadlineInput): ComputedDeadlines {
  const rules = rulesOf(input.rules);
  const opts: WorkTimeOptions = { calendar: input.calendar, workingHours: input.workingHours };
  const at = input.receivedAt;
  const lines: string[] = [
    `受理：${CHANNEL_LABELS[input.channel]}${TICKET_KIND_LABELS[input.kind]}，${formatShanghai(at)}${isWorkingTime(at, opts) ? '' : '（非工作时间）'}`,
  ];

  let replyLimit: TimeLimit;
  let handleLimit: TimeLimit = { type: 'none' };
  let replyLabel: string;
  if (input.kind === 'repair') {
    const cls = input.repairClass ?? 'general';
    replyLimit = rules.repairByClass[cls].reply;
    handleLimit = rules.repairByClass[cls].handle;
    replyLabel = `回复（${REPAIR_CLASS_LABELS[cls]}）`;
  } else if (rules.kindsWithoutReply.includes(input.kind)) {
    replyLimit = { type: 'none' };
    replyLabel = '答复';
  } else {
    replyLimit = rules.replyByChannel[input.channel];
    replyLabel = `答复（${CHANNEL_LABELS[input.channel]}）`;
  }

  let replyBy = applyLimit(at, replyLimit, opts);
  let handleBy = applyLimit(at, handleLimit, opts);
  lines.push(limitLine(replyLabel, replyLimit, at, replyBy, opts));
  if (input.kind === 'repair') {
    const cls = input.repairClass ?? 'general';
    if (cls === 'major' && input.fixBy) {
      handleBy = input.fixBy;
      lines.push(`解决（${REPAIR_CLASS_LABELS[cls]}）：按约定日期 → ${formatShanghai(handleBy)}前`);
    } else {
      lines.push(limitLine(`解决（${REPAIR_CLASS_LABELS[cls]}）`, handleLimit, at, handleBy, opts));
    }
    const typeLimit = input.repairType ? REPAIR_TYPE_FIX_LIMITS[input.repairType] : undefined;
    const typeDue = typeLimit ? applyLimit(at, typeLimit, opts) : null;
    if (typeLimit && typeDue && (!handleBy || typeDue.getTime() < handleBy.getTime())) {
      handleBy = typeDue;
      lines.push(
        limitLine(`解决（${REPAIR_VISIT_TYPE_LABELS[input.repairType!]}）`, typeLimit, at, typeDue, opts),
      );
    }
  }

  let dispatchBy: Date | null = null;
  if (input.emergency) {
    dispatchBy = applyLimit(at, rules.emergency.dispatch, opts);
    const emergencyHandle = applyLimit(at, rules.emergency.handle, opts);
    lines.push(limitLine('紧急派单', rules.emergency.dispatch, at, dispatchBy, opts));
    // The resident learns help is on the way when it is dispatched; fixing never waits for office hours.
    replyBy = earliest(replyBy, dispatchBy);
    handleBy = earliest(handleBy, emergencyHandle);
    lines.push(limitLine('紧急处理', rules.emergency.handle, at, emergencyHandle, opts));
  }

  let handlingRecordAfter: Date | null = null;
  if (input.kind === 'complaint') {
    handlingRecordAfter = applyLimit(at, rules.handlingRecordAfter, opts);
    // Every complaint is to be handled within the handling-record limit (a complaint that takes longer needs
    // the 顾客投诉处理记录表); once a solution is agreed, its own limit replaces this one.
    handleBy = earliest(handleBy, handlingRecordAfter);
    lines.push(
      `${limitLine('处理', rules.handlingRecordAfter, at, handlingRecordAfter, opts)}；与业主商定方案后改为${describeLimit(rules.solutionAgreed.handle)}处理完毕、${describeLimit(rules.solutionAgreed.reply)}回复`,
    );
    if (handlingRecordAfter) {
      lines.push(
        `${formatShanghai(handlingRecordAfter)}后仍未处理完毕的，须填写《顾客投诉处理记录表》并制定整改措施`,
      );
    }
  }

  const years = uncovered([at, replyBy, handleBy, dispatchBy, handlingRecordAfter], opts);
  lines.push(...uncoveredNote(years));
  return {
    replyBy,
    handleBy,
    dispatchBy,
    handlingRecordAfter,
    explanation: lines.join('\n'),
    uncoveredYears: years,
  };
}

export interface AgreementInput extends WorkTimeOptions {
  /** When the resident agreed. */
  at: Date;
  rules?: DeadlineRules | DeadlineRuleOverrides;
}

/**
 * Cannot answer on the spot → agree a reply time within 24 h (the complaint-handling standards, 标准5): the
 * latest reply time staff may agree, and when to tell the resident the progress if it is still unsolved.
 */
export function promisedReplyDeadlines(input: AgreementInput): {
  latestReplyBy: Date | null;
  progressNoticeBy: Date | null;
  explanation: string;
} {
  const rules = rulesOf(input.rules);
  const opts: WorkTimeOptions = { calendar: input.calendar, workingHours: input.workingHours };
  const latestReplyBy = applyLimit(input.at, rules.promisedReply, opts);
  const progressNoticeBy = applyLimit(input.at, rules.progressNotice, opts);
  const lines = [
    limitLine('约定答复时间', rules.promisedReply, input.at, latestReplyBy, opts),
    limitLine('未能解决时告知进展', rules.progressNotice, input.at, progressNoticeBy, opts),
  ];
  return { latestReplyBy, progressNoticeBy, explanation: lines.join('\n') };
}

/**
 * A solution agreed with the resident → finish the same day and reply within 24 h (the complaint-handling
 * standards, 标准9). If that is impossible staff tell the resident the completion date (the deferral flow).
 */
export function solutionAgreedDeadlines(input: AgreementInput): {
  handleBy: Date | null;
  replyBy: Date | null;
  explanation: string;
  uncoveredYears: number[];
} {
  const rules = rulesOf(input.rules);
  const opts: WorkTimeOptions = { calendar: input.calendar, workingHours: input.workingHours };
  const handleBy = applyLimit(input.at, rules.solutionAgreed.handle, opts);
  const replyBy = applyLimit(input.at, rules.solutionAgreed.reply, opts);
  const years = uncovered([input.at, handleBy, replyBy], opts);
  const lines = [
    limitLine('方案处理完毕', rules.solutionAgreed.handle, input.at, handleBy, opts),
    limitLine('处理结果回复', rules.solutionAgreed.reply, input.at, replyBy, opts),
    ...uncoveredNote(years),
  ];
  return { handleBy, replyBy, explanation: lines.join('\n'), uncoveredYears: years };
}

/**
 * The dates staff may choose for fixing a major repair 重大事情 received at `receivedAt`: from the close of the 7th
 * to the close of the 15th working day after receipt (the handbook's 七天至十五天, counted in working days).
 */
export function majorFixRange(
  receivedAt: Date,
  opts: WorkTimeOptions = {},
): { earliest: Date; latest: Date } {
  return {
    earliest: endOfNthWorkingDay(receivedAt, 7, opts),
    latest: endOfNthWorkingDay(receivedAt, 15, opts),
  };
}
