/**
 * Time limits 时限 as data, with the handbook's values as defaults (docs/domain-rules.md "Time limits").
 * A project overrides any entry through `resolveDeadlineRules`; the arithmetic lives in ./compute.
 */
import type { Channel, RepairClass, TicketKind } from '../tickets';

/** One time limit, counted from the moment the clock starts (receipt, agreement…). */
export type TimeLimit =
  /** 当日内: close of business that working day; after hours or on a day off, of the next working day. */
  | { type: 'same_working_day' }
  /** N个工作日内: close of business of the N-th working day after the start day (start day not counted). */
  | { type: 'working_days'; days: number }
  /** After N full working days of working time (Friday 10:00 + 1 → Monday 10:00). */
  | { type: 'working_days_elapsed'; days: number }
  /** N日内 in calendar days: 24:00 Shanghai of the N-th day after the start day. */
  | { type: 'calendar_days'; days: number }
  /** Round the clock (on-duty staff answer 24 h a day: the customer-service handbook). */
  | { type: 'hours'; hours: number }
  | { type: 'minutes'; minutes: number }
  /** No deadline. */
  | { type: 'none' };

export interface RepairLimits {
  /** Reply 回复: contact the resident and agree the visit. */
  reply: TimeLimit;
  /** Done 解决. */
  handle: TimeLimit;
}

export interface DeadlineRules {
  /** Reply to a complaint, suggestion or inquiry, by channel (the customer-service handbook). */
  replyByChannel: Record<Channel, TimeLimit>;
  /** Kinds that need no reply deadline (praise is thanked, not answered against the clock). */
  kindsWithoutReply: readonly TicketKind[];
  /** Repairs by class (the return-visit handbook); the class rule replaces the channel rule for repairs. */
  repairByClass: Record<RepairClass, RepairLimits>;
  /**
   * Emergencies are dispatched at once (the customer-service handbook) and fixed at once (the return-visit
   * handbook), round the clock.
   */
  emergency: { dispatch: TimeLimit; handle: TimeLimit };
  /**
   * Cannot answer on the spot → the agreed reply time must lie within this (the complaint-handling standards,
   * 标准5).
   */
  promisedReply: TimeLimit;
  /**
   * Not solved within this after agreeing → tell the resident the progress (the complaint-handling standards,
   * 标准5).
   */
  progressNotice: TimeLimit;
  /** Solution agreed with the resident → finish and reply (the complaint-handling standards, 标准9). */
  solutionAgreed: { handle: TimeLimit; reply: TimeLimit };
  /**
   * A complaint open longer than this needs a 顾客投诉处理记录表 with corrective measures (the
   * customer-service handbook).
   */
  handlingRecordAfter: TimeLimit;
}

const SAME_DAY: TimeLimit = { type: 'same_working_day' };
const TWO_WORKING_DAYS: TimeLimit = { type: 'working_days', days: 2 };

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  replyByChannel: {
    walk_in: SAME_DAY, // 当面 → 当日内回复 (the customer-service handbook)
    phone: SAME_DAY, // 电话 → 当日内回复 (the customer-service handbook)
    patrol: SAME_DAY, // told to staff on their round = 口头 → 当日内 (the customer-service handbook)
    letter: TWO_WORKING_DAYS, // 书面 → 二个工作日内 (the customer-service handbook)
    email: TWO_WORKING_DAYS, // 邮件 → 二个工作日内 (the customer-service handbook)
    hq: TWO_WORKING_DAYS, // forwarded in writing by 集团 → treated as 书面
    online: SAME_DAY, // 网上: 工作时间内当天；非工作时间上班后的当天内 (the customer-service handbook)
    miniapp: SAME_DAY, // mini-program is an online channel → same rule as 网上
  },
  kindsWithoutReply: ['praise'],
  repairByClass: {
    small: { reply: SAME_DAY, handle: SAME_DAY }, // 小事、急事当时或当天解决
    general: { reply: SAME_DAY, handle: { type: 'working_days', days: 3 } }, // 当天有回复，三天内解决
    // 重大事情三天有回复，七天至十五天内解决: the project picks 7…15; default the outer limit.
    major: { reply: { type: 'working_days', days: 3 }, handle: { type: 'working_days', days: 15 } },
  },
  emergency: { dispatch: { type: 'minutes', minutes: 30 }, handle: { type: 'hours', hours: 24 } },
  promisedReply: { type: 'hours', hours: 24 },
  progressNotice: { type: 'hours', hours: 24 },
  solutionAgreed: { handle: SAME_DAY, reply: { type: 'hours', hours: 24 } },
  handlingRecordAfter: { type: 'working_days_elapsed', days: 1 },
};

/** A project's changes to the defaults; maps are merged key by key. */
export interface DeadlineRuleOverrides {
  replyByChannel?: Partial<Record<Channel, TimeLimit>>;
  kindsWithoutReply?: readonly TicketKind[];
  repairByClass?: Partial<Record<RepairClass, Partial<RepairLimits>>>;
  emergency?: Partial<DeadlineRules['emergency']>;
  promisedReply?: TimeLimit;
  progressNotice?: TimeLimit;
  solutionAgreed?: Partial<DeadlineRules['solutionAgreed']>;
  handlingRecordAfter?: TimeLimit;
}

function checkLimit(where: string, limit: TimeLimit): void {
  const n =
    limit.type === 'working_days' || limit.type === 'working_days_elapsed' || limit.type === 'calendar_days'
      ? limit.days
      : limit.type === 'hours'
        ? limit.hours
        : limit.type === 'minutes'
          ? limit.minutes
          : 0;
  const whole =
    limit.type === 'working_days' || limit.type === 'working_days_elapsed' || limit.type === 'calendar_days';
  if (!(n >= 0) || (whole && !Number.isInteger(n)))
    throw new RangeError(`bad time limit at ${where}: ${JSON.stringify(limit)}`);
}

/** The defaults with a project's overrides applied, validated. */
export function resolveDeadlineRules(overrides: DeadlineRuleOverrides = {}): DeadlineRules {
  const d = DEFAULT_DEADLINE_RULES;
  const repairByClass = { ...d.repairByClass };
  for (const [cls, limits] of Object.entries(overrides.repairByClass ?? {}) as Array<
    [RepairClass, Partial<RepairLimits>]
  >) {
    repairByClass[cls] = { ...repairByClass[cls], ...limits };
  }
  const rules: DeadlineRules = {
    replyByChannel: { ...d.replyByChannel, ...overrides.replyByChannel } as Record<Channel, TimeLimit>,
    kindsWithoutReply: overrides.kindsWithoutReply ?? d.kindsWithoutReply,
    repairByClass,
    emergency: { ...d.emergency, ...overrides.emergency },
    promisedReply: overrides.promisedReply ?? d.promisedReply,
    progressNotice: overrides.progressNotice ?? d.progressNotice,
    solutionAgreed: { ...d.solutionAgreed, ...overrides.solutionAgreed },
    handlingRecordAfter: overrides.handlingRecordAfter ?? d.handlingRecordAfter,
  };
  for (const [ch, l] of Object.entries(rules.replyByChannel)) checkLimit(`replyByChannel.${ch}`, l);
  for (const [cls, l] of Object.entries(rules.repairByClass)) {
    checkLimit(`repairByClass.${cls}.reply`, l.reply);
    checkLimit(`repairByClass.${cls}.handle`, l.handle);
  }
  checkLimit('emergency.dispatch', rules.emergency.dispatch);
  checkLimit('emergency.handle', rules.emergency.handle);
  checkLimit('promisedReply', rules.promisedReply);
  checkLimit('progressNotice', rules.progressNotice);
  checkLimit('solutionAgreed.handle', rules.solutionAgreed.handle);
  checkLimit('solutionAgreed.reply', rules.solutionAgreed.reply);
  checkLimit('handlingRecordAfter', rules.handlingRecordAfter);
  return rules;
}

/** Chinese wording of a limit, e.g. '当日内', '2个工作日内', '24小时内'. */
export function describeLimit(limit: TimeLimit): string {
  switch (limit.type) {
    case 'same_working_day':
      return '当日内';
    case 'working_days':
      return `${limit.days}个工作日内`;
    case 'working_days_elapsed':
      return `满${limit.days}个工作日`;
    case 'calendar_days':
      return `${limit.days}日内`;
    case 'hours':
      return `${limit.hours}小时内`;
    case 'minutes':
      return `${limit.minutes}分钟内`;
    case 'none':
      return '无时限';
  }
}
