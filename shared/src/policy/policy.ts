/**
 * ProjectPolicy 项目规则: everything a company or one of its projects may set, in one type, with the handbooks'
 * values as defaults (docs/policy.md lists every field, its bounds and where its default comes from). The server
 * resolves it per project — the defaults, then the company's settings, then the project's — and hands it to
 * every computation that depends on a setting: deadlines, escalation, the status table's checks, return visits
 * and closing. Validation is in ./validate, merging in ./resolve.
 */
import {
  CN_CALENDAR,
  createCalendar,
  type CalendarOverrides,
  type WorkCalendar,
} from '../deadlines/calendar';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from '../deadlines/escalation';
import { DEFAULT_DEADLINE_RULES, type DeadlineRuleOverrides, type DeadlineRules } from '../deadlines/rules';
import { HOUR_MS } from '../deadlines/shanghai';
import {
  addWorkingDays,
  DEFAULT_WORKING_HOURS,
  type WorkingHours,
  type WorkTimeOptions,
} from '../deadlines/working-time';
import { CATEGORY_NAMES, DEFAULT_CATEGORY_ROUTING, type CategoryName } from '../classification/categories';
import { DEFAULT_TRADE_ROUTING, type RepairTrade } from '../classification/trades';
import type { StatisticalMonth } from '../reports/month';
import type { DepartmentCode } from '../roles';
import type { TicketKind } from '../tickets';
import { DEFAULT_VISIT_RULES, type VisitRuleOverrides, type VisitRules } from '../visits/rules';

/**
 * 处理完毕后一周: how long after handling a ticket without a return visit closes by itself. The same span is
 * the resident's window to ask for it to be handled again, the deadline of the resident's rating, and the
 * window in which the same household's repeat complaint reopens the ticket instead of opening a new one.
 */
export type CloseWindow =
  /** N × 24 hours after the moment it was handled (the handbook's "一周" = 7). */
  | { type: 'calendar_days'; days: number }
  /** The same time of the working day, N working days later (after hours: from the next work start). */
  | { type: 'working_days'; days: number };

export const CLOSE_WINDOW_TYPES = ['calendar_days', 'working_days'] as const;
export const CLOSE_WINDOW_MAX_DAYS = 30;

export interface ClosingPolicy {
  window: CloseWindow;
}

/** What the status table's checks take from the project (shared/src/lifecycle/apply.ts TransitionPolicy). */
export interface TransitionSettings {
  /** Kinds whose 处理完毕 must carry photos (none by default; many projects require them for repairs). */
  photosRequiredOnHandled: readonly TicketKind[];
}

/** The company's calendar: its own days off and working days on top of the statutory calendar. */
export interface CalendarSettings {
  extraHolidays: NonNullable<CalendarOverrides['extraHolidays']>;
  extraWorkdays: NonNullable<CalendarOverrides['extraWorkdays']>;
  /** Official schedules HQ imported for years the shipped holiday data does not know yet (by year). */
  years?: NonNullable<CalendarOverrides['years']>;
}

/** Routing 分派: where complaints and repairs go, and whether the classifier may send them there itself. */
export interface RoutingSettings {
  /** Route and assign automatically when the classifier is sure enough (else the lead triages everything). */
  autoRoute: boolean;
  /** The project's own confidence threshold for automatic routing, 0–1; null = the model's own. */
  autoRouteThreshold: number | null;
  /** Complaint category 投诉分类 → responsible department (docs/domain-rules.md "The eight complaint categories"). */
  categories: Record<CategoryName, DepartmentCode>;
  /** Repair trade 工种 → department. */
  trades: Record<RepairTrade, DepartmentCode>;
  /**
   * The categories the project's staff may pick when they correct a complaint's category (at least one, in the
   * order of CATEGORY_NAMES; all eight by default). The classifier still knows all eight: a complaint it puts in
   * a category not shown keeps that category but waits in the lead's triage queue (docs/policy.md).
   */
  shownCategories: CategoryName[];
}

/**
 * Statistics 统计设置 (company level only: HQ adds up its projects' figures, which must cut months alike).
 */
export interface ReportSettings {
  /** 统计月份: calendar months, or the 26th of the month before to the 25th. */
  statisticalMonth: StatisticalMonth;
}

export interface ProjectPolicy {
  /** Time limits by channel, kind and repair class (docs/domain-rules.md "Time limits"). */
  deadlines: DeadlineRules;
  /** The service centre's working hours 工作时间. */
  workingHours: WorkingHours;
  /** The company's calendar (set by HQ for all its projects). */
  calendar: CalendarSettings;
  /** Reminder before a deadline and the escalation chain after it. */
  escalation: EscalationRules;
  /** Return-visit schedules, who visits, dissatisfaction (docs/domain-rules.md "Return visits"). */
  visits: VisitRules;
  /** Closing without a visit, reopening, rating and repeat-complaint window (docs/domain-rules.md "Closing"). */
  closing: ClosingPolicy;
  transitions: TransitionSettings;
  routing: RoutingSettings;
  /** How the company's reports cut months (set by HQ for all its projects). */
  reports: ReportSettings;
}

/** A company's or a project's changes to the defaults: any section, maps merged entry by entry. */
export interface ProjectPolicyOverrides {
  deadlines?: DeadlineRuleOverrides;
  workingHours?: WorkingHours;
  calendar?: Partial<CalendarSettings>;
  escalation?: EscalationRules;
  visits?: VisitRuleOverrides;
  closing?: Partial<ClosingPolicy>;
  transitions?: Partial<TransitionSettings>;
  routing?: {
    autoRoute?: boolean;
    autoRouteThreshold?: number | null;
    categories?: Partial<Record<CategoryName, DepartmentCode>>;
    trades?: Partial<Record<RepairTrade, DepartmentCode>>;
    shownCategories?: CategoryName[];
  };
  reports?: Partial<ReportSettings>;
}

export const POLICY_SECTIONS = [
  'deadlines',
  'workingHours',
  'calendar',
  'escalation',
  'visits',
  'closing',
  'transitions',
  'routing',
  'reports',
] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

/**
 * Sections only a company sets: a project's value is refused when it is set, and ignored (with a warning) when
 * one is found stored. The calendar is the company's; the statistical month is one for all of a company's
 * projects, since HQ adds up their figures month by month.
 */
export const COMPANY_ONLY_SECTIONS = ['calendar', 'reports'] as const satisfies readonly PolicySection[];
export type CompanyOnlySection = (typeof COMPANY_ONLY_SECTIONS)[number];
export const COMPANY_ONLY_REASONS: Record<CompanyOnlySection, string> = {
  calendar: '公司日历由集团总部为全公司统一设置，项目不能单独设置',
  reports: '统计月份由集团总部为全公司统一设置（总部汇总各项目数据须按同一统计月份），项目不能单独设置',
};

export const POLICY_SECTION_LABELS: Record<PolicySection, string> = {
  deadlines: '时限规则',
  workingHours: '工作时间',
  calendar: '公司日历',
  escalation: '提醒与升级',
  visits: '回访规则',
  closing: '办结期限',
  transitions: '处理要求',
  routing: '分派规则',
  reports: '统计设置',
};

/** The handbooks' values (docs/policy.md). */
export const DEFAULT_POLICY: ProjectPolicy = {
  deadlines: DEFAULT_DEADLINE_RULES,
  workingHours: DEFAULT_WORKING_HOURS,
  calendar: { extraHolidays: [], extraWorkdays: [] },
  escalation: DEFAULT_ESCALATION_RULES,
  visits: DEFAULT_VISIT_RULES,
  // 处理完毕后一周内无再次投诉 (the customer-service handbook, 统计说明7).
  closing: { window: { type: 'calendar_days', days: 7 } },
  transitions: { photosRequiredOnHandled: [] },
  routing: {
    autoRoute: true,
    autoRouteThreshold: null,
    categories: { ...DEFAULT_CATEGORY_ROUTING },
    trades: { ...DEFAULT_TRADE_ROUTING },
    shownCategories: [...CATEGORY_NAMES],
  },
  // 自然月 unless HQ counts 上月26日至本月25日 (docs/domain-rules.md "Records, statistics and reports").
  reports: { statisticalMonth: 'calendar' },
};

/** Whether staff of a project with this policy may pick `category` (correcting a complaint's category). */
export const isCategoryShown = (policy: Pick<ProjectPolicy, 'routing'>, category: string): boolean =>
  (policy.routing.shownCategories as readonly string[]).includes(category);

export const DEFAULT_CLOSE_WINDOW: CloseWindow = DEFAULT_POLICY.closing.window;

/** The instant the close window of a ticket handled at `handledAt` ends. */
export function closeWindowEnd(
  handledAt: Date,
  window: CloseWindow = DEFAULT_CLOSE_WINDOW,
  opts?: WorkTimeOptions,
): Date {
  if (window.type === 'working_days') return addWorkingDays(handledAt, window.days, opts);
  return new Date(handledAt.getTime() + window.days * 24 * HOUR_MS);
}

/** Chinese wording: '7天', '5个工作日'. */
export function describeCloseWindow(window: CloseWindow = DEFAULT_CLOSE_WINDOW): string {
  return window.type === 'working_days' ? `${window.days}个工作日` : `${window.days}天`;
}

/** Whether a window is the handbook's week (7 × 24 h). */
export const isDefaultCloseWindow = (w: CloseWindow | undefined): boolean =>
  !w || (w.type === DEFAULT_CLOSE_WINDOW.type && w.days === DEFAULT_CLOSE_WINDOW.days);

const calendars = new WeakMap<CalendarSettings, WorkCalendar>();

/** The policy's working hours on its calendar (built once per resolved policy). */
export function workTimeOf(policy: Pick<ProjectPolicy, 'calendar' | 'workingHours'>): WorkTimeOptions {
  let calendar = calendars.get(policy.calendar);
  if (!calendar) {
    const c = policy.calendar;
    calendar =
      c.extraHolidays.length || c.extraWorkdays.length || (c.years && Object.keys(c.years).length)
        ? createCalendar(c)
        : CN_CALENDAR;
    calendars.set(policy.calendar, calendar);
  }
  return { calendar, workingHours: policy.workingHours };
}
