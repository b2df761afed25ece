/**
 * Checks a company's or a project's policy settings (./policy) before they are stored, and again when they are
 * read: every number bounded, every type one of a fixed list, every list of bounded length, no unknown field —
 * so that no stored setting can make a deadline computation slow or fail. Messages are Chinese, fit to show
 * the manager who typed the value. Bounds are listed in docs/policy.md.
 */
import { parseDayKey } from '../deadlines/shanghai';
import { ESCALATION_AUDIENCE_LABELS } from '../deadlines/escalation';
import {
  CHANNEL_LABELS,
  CHANNELS,
  REPAIR_CLASS_LABELS,
  REPAIR_CLASSES,
  TICKET_KIND_LABELS,
  TICKET_KINDS,
} from '../tickets';
import { CATEGORY_NAMES } from '../classification/categories';
import { REPAIR_TRADES } from '../classification/trades';
import { STATISTICAL_MONTHS } from '../reports/month';
import { STANDARD_DEPARTMENTS } from '../roles';
import { resolveVisitRules } from '../visits/rules';
import {
  CLOSE_WINDOW_MAX_DAYS,
  CLOSE_WINDOW_TYPES,
  COMPANY_ONLY_REASONS,
  COMPANY_ONLY_SECTIONS,
  POLICY_SECTION_LABELS,
  POLICY_SECTIONS,
  type PolicySection,
  type ProjectPolicyOverrides,
} from './policy';

/** One thing wrong with a setting: where (dotted path) and why, in Chinese. */
export interface PolicyProblem {
  path: string;
  message: string;
}

export type PolicyCheck =
  { ok: true; value: ProjectPolicyOverrides } | { ok: false; problems: PolicyProblem[] };

/** Thrown by `parsePolicy`; `message` is every problem in one Chinese sentence list. */
export class PolicyError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(problems.map((p) => p.message).join('；'));
    this.name = 'PolicyError';
  }
}

/** The bounds of each kind of time limit (shared/src/deadlines/rules.ts TimeLimit). */
export const TIME_LIMIT_BOUNDS = {
  same_working_day: null,
  none: null,
  working_days: { field: 'days', max: 60, integer: true, unit: '个工作日' },
  working_days_elapsed: { field: 'days', max: 60, integer: true, unit: '个工作日' },
  calendar_days: { field: 'days', max: 90, integer: true, unit: '天' },
  hours: { field: 'hours', max: 90 * 24, integer: false, unit: '小时' },
  minutes: { field: 'minutes', max: 90 * 24 * 60, integer: false, unit: '分钟' },
} as const;
export const TIME_LIMIT_TYPES = Object.keys(TIME_LIMIT_BOUNDS) as Array<keyof typeof TIME_LIMIT_BOUNDS>;

/** The company calendar holds at most this many days off, and as many extra working days. */
export const CALENDAR_MAX_ENTRIES = 100;
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
export const ESCALATION_MAX_STEPS = 5;
export const ESCALATION_MAX_AFTER_DAYS = 30;
/** 重大事情…七天至十五天内解决 (the return-visit handbook): a project picks within this range. */
export const MAJOR_REPAIR_DAYS = { min: 7, max: 15 } as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const DEADLINE_KEY_LABELS: Record<string, string> = {
  replyByChannel: '各渠道答复时限',
  kindsWithoutReply: '无需答复的反馈类型',
  repairByClass: '报修分级时限',
  emergency: '紧急情况时限',
  promisedReply: '约定答复时间上限',
  progressNotice: '告知进展时限',
  solutionAgreed: '方案商定后时限',
  handlingRecordAfter: '填写处理记录表时限',
};
const LIMIT_PART_LABELS: Record<string, string> = {
  reply: '回复',
  handle: '解决',
  dispatch: '派单',
};

/** A JSON object (a DTO instance counts; arrays, dates and other values do not). */
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

class Checker {
  readonly problems: PolicyProblem[] = [];
  add(path: string, message: string) {
    this.problems.push({ path, message });
  }
  /** A plain object with only the allowed keys; false (and a problem) otherwise. */
  object(path: string, label: string, v: unknown, allowed: readonly string[]): v is Record<string, unknown> {
    if (!isPlain(v)) {
      this.add(path, `${label}格式不正确`);
      return false;
    }
    let ok = true;
    for (const k of Object.keys(v))
      if (!allowed.includes(k)) {
        this.add(`${path}.${k}`, `${label}中没有"${k}"这一项`);
        ok = false;
      }
    return ok;
  }
  /** An array of distinct values from `values`, at most `max` long. */
  list(path: string, label: string, v: unknown, values: readonly string[], max: number, min = 0): boolean {
    if (!Array.isArray(v) || v.length > max || v.length < min) {
      this.add(path, `${label}应为${min ? `${min}至` : '不超过'}${max}项的列表`);
      return false;
    }
    const bad = v.filter((x) => typeof x !== 'string' || !values.includes(x));
    if (bad.length) {
      this.add(
        path,
        `${label}中有无效的值：${bad
          .map((x) => JSON.stringify(x))
          .join('、')
          .slice(0, 60)}`,
      );
      return false;
    }
    if (new Set(v).size !== v.length) {
      this.add(path, `${label}中有重复的值`);
      return false;
    }
    return true;
  }
  number(path: string, label: string, v: unknown, min: number, max: number, integer: boolean): boolean {
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      this.add(path, `${label}应为 ${min} 至 ${max} 之间的${integer ? '整数' : '数'}`);
      return false;
    }
    return true;
  }
}

function checkTimeLimit(c: Checker, path: string, label: string, v: unknown) {
  if (!isPlain(v) || typeof v.type !== 'string' || !(TIME_LIMIT_TYPES as string[]).includes(v.type)) {
    c.add(path, `${label}的类型应为 ${TIME_LIMIT_TYPES.join('、')} 之一`);
    return;
  }
  const bounds = TIME_LIMIT_BOUNDS[v.type as keyof typeof TIME_LIMIT_BOUNDS];
  if (!c.object(path, label, v, bounds ? ['type', bounds.field] : ['type'])) return;
  if (bounds)
    c.number(
      `${path}.${bounds.field}`,
      `${label}（${bounds.unit}）`,
      v[bounds.field],
      0,
      bounds.max,
      bounds.integer,
    );
}

function checkDeadlines(c: Checker, v: unknown) {
  const p = 'deadlines';
  if (!c.object(p, '时限规则', v, Object.keys(DEADLINE_KEY_LABELS))) return;
  const L = DEADLINE_KEY_LABELS;
  if (
    v.replyByChannel !== undefined &&
    c.object(`${p}.replyByChannel`, L.replyByChannel, v.replyByChannel, CHANNELS)
  )
    for (const [ch, limit] of Object.entries(v.replyByChannel))
      checkTimeLimit(c, `${p}.replyByChannel.${ch}`, `${CHANNEL_LABELS[ch as never]}答复时限`, limit);
  if (v.kindsWithoutReply !== undefined)
    c.list(
      `${p}.kindsWithoutReply`,
      L.kindsWithoutReply,
      v.kindsWithoutReply,
      TICKET_KINDS,
      TICKET_KINDS.length,
    );
  if (
    v.repairByClass !== undefined &&
    c.object(`${p}.repairByClass`, L.repairByClass, v.repairByClass, REPAIR_CLASSES)
  )
    for (const [cls, limits] of Object.entries(v.repairByClass)) {
      const label = `${REPAIR_CLASS_LABELS[cls as never]}维修`;
      if (!c.object(`${p}.repairByClass.${cls}`, label, limits, ['reply', 'handle'])) continue;
      for (const [part, limit] of Object.entries(limits))
        checkTimeLimit(
          c,
          `${p}.repairByClass.${cls}.${part}`,
          `${label}${LIMIT_PART_LABELS[part]}时限`,
          limit,
        );
      const major = limits.handle as { type?: string; days?: number } | undefined;
      if (
        cls === 'major' &&
        major?.type === 'working_days' &&
        typeof major.days === 'number' &&
        (major.days < MAJOR_REPAIR_DAYS.min || major.days > MAJOR_REPAIR_DAYS.max)
      )
        c.add(`${p}.repairByClass.major.handle.days`, '重大维修的解决时限应在 7 至 15 天之间（手册规定）');
    }
  for (const [key, parts] of [
    ['emergency', ['dispatch', 'handle']],
    ['solutionAgreed', ['handle', 'reply']],
  ] as const) {
    const o = v[key];
    if (o === undefined || !c.object(`${p}.${key}`, L[key], o, parts)) continue;
    for (const [part, limit] of Object.entries(o))
      checkTimeLimit(c, `${p}.${key}.${part}`, `${L[key]}（${LIMIT_PART_LABELS[part]}）`, limit);
  }
  for (const key of ['promisedReply', 'progressNotice', 'handlingRecordAfter'] as const)
    if (v[key] !== undefined) checkTimeLimit(c, `${p}.${key}`, L[key], v[key]);
}

function checkWorkingHours(c: Checker, v: unknown) {
  const p = 'workingHours';
  if (!c.object(p, '工作时间', v, ['start', 'end', 'weekdays'])) return;
  if (
    typeof v.start !== 'string' ||
    typeof v.end !== 'string' ||
    !HHMM.test(v.start) ||
    !HHMM.test(v.end) ||
    v.start >= v.end
  )
    c.add(p, '工作时间格式应为 08:30 至 17:30，且开始早于结束');
  const days = v.weekdays;
  if (
    !Array.isArray(days) ||
    !days.length ||
    days.length > 7 ||
    days.some((d) => !Number.isInteger(d) || d < 0 || d > 6) ||
    new Set(days).size !== days.length
  )
    c.add(`${p}.weekdays`, '工作日应为 0（周日）至 6（周六）中不重复的若干天');
}

function checkEscalation(c: Checker, v: unknown) {
  const p = 'escalation';
  if (!c.object(p, '提醒与升级规则', v, ['remindAt', 'steps'])) return;
  if (!(typeof v.remindAt === 'number' && v.remindAt > 0 && v.remindAt < 1))
    c.add(`${p}.remindAt`, '提醒时点应在 0 与 1 之间，例如 0.75 表示时限过去四分之三时提醒');
  const steps = v.steps;
  if (!Array.isArray(steps) || steps.length > ESCALATION_MAX_STEPS) {
    c.add(`${p}.steps`, `升级步骤应为不超过${ESCALATION_MAX_STEPS}步的列表`);
    return;
  }
  const audiences = Object.keys(ESCALATION_AUDIENCE_LABELS);
  steps.forEach((st, i) => {
    const sp = `${p}.steps.${i}`;
    const label = `第${i + 1}步升级`;
    if (!c.object(sp, label, st, ['level', 'afterWorkingDays', 'notify', 'majorOnly'])) return;
    c.number(`${sp}.level`, `${label}的级别`, st.level, 1, 9, true);
    c.number(
      `${sp}.afterWorkingDays`,
      `${label}的超时工作日数`,
      st.afterWorkingDays,
      0,
      ESCALATION_MAX_AFTER_DAYS,
      true,
    );
    c.list(`${sp}.notify`, `${label}的通知对象`, st.notify, audiences, audiences.length, 1);
    if (st.majorOnly !== undefined && typeof st.majorOnly !== 'boolean')
      c.add(`${sp}.majorOnly`, `${label}的"仅重大投诉"应为是或否`);
  });
}

/** At most this many years of imported official schedules (a year at a time, by HQ). */
export const CALENDAR_MAX_IMPORTED_YEARS = 30;

/**
 * Official schedules HQ imported (`parseOfficialSchedule`): year → { notice, published, holidays, workdays }, every
 * day inside its year, at most 366 days a year and CALENDAR_MAX_IMPORTED_YEARS years.
 */
function checkImportedYears(c: Checker, v: unknown, path: string) {
  if (!isPlain(v) || Object.keys(v).length > CALENDAR_MAX_IMPORTED_YEARS) {
    c.add(path, `导入的放假安排应为不超过${CALENDAR_MAX_IMPORTED_YEARS}个年份的表`);
    return;
  }
  for (const [year, y] of Object.entries(v)) {
    const n = Number(year);
    const at = `${path}.${year}`;
    if (!/^\d{4}$/.test(year) || n < CALENDAR_YEARS.min || n > CALENDAR_YEARS.max) {
      c.add(at, `导入的放假安排年份不正确：${year.slice(0, 10)}`);
      continue;
    }
    if (!c.object(at, `${year}年放假安排`, y, ['notice', 'published', 'holidays', 'workdays'])) continue;
    for (const key of ['notice', 'published'] as const)
      if (y[key] !== undefined && (typeof y[key] !== 'string' || (y[key] as string).length > 200))
        c.add(`${at}.${key}`, `${year}年放假安排的说明应为不超过200字的文字`);
    for (const key of ['holidays', 'workdays'] as const) {
      const days = y[key];
      if (!isPlain(days) || Object.keys(days).length > 366) {
        c.add(`${at}.${key}`, `${year}年放假安排的日期表不正确`);
        continue;
      }
      for (const [day, name] of Object.entries(days)) {
        let ok = typeof name === 'string' && name.length <= 20 && day.startsWith(`${year}-`);
        if (ok) {
          try {
            parseDayKey(day);
          } catch {
            ok = false;
          }
        }
        if (!ok) {
          c.add(`${at}.${key}.${day.slice(0, 12)}`, `${year}年放假安排的日期不正确：${day.slice(0, 12)}`);
          break;
        }
      }
    }
  }
}

/** The company calendar's entries ('2026-10-09' or { day, name }), bounded in number and years. */
function checkCalendar(c: Checker, v: unknown, path = 'calendar') {
  if (!c.object(path, '公司日历', v, ['extraHolidays', 'extraWorkdays', 'years'])) return;
  if (v.years !== undefined) checkImportedYears(c, v.years, `${path}.years`);
  const seen = new Map<string, string>();
  for (const [key, label] of [
    ['extraHolidays', '公司休息日'],
    ['extraWorkdays', '公司工作日'],
  ] as const) {
    const list = v[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > CALENDAR_MAX_ENTRIES) {
      c.add(`${path}.${key}`, `${label}应为不超过${CALENDAR_MAX_ENTRIES}个日期的列表`);
      continue;
    }
    list.forEach((e, i) => {
      const day = typeof e === 'string' ? e : isPlain(e) ? e.day : undefined;
      const named =
        typeof e === 'string' ||
        (isPlain(e) &&
          Object.keys(e).every((k) => k === 'day' || k === 'name') &&
          typeof e.name === 'string' &&
          e.name.length >= 1 &&
          e.name.length <= 20);
      let ok = typeof day === 'string' && named;
      if (ok) {
        try {
          const year = Number(parseDayKey(day as string).slice(0, 4));
          ok = year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max;
        } catch {
          ok = false;
        }
      }
      if (!ok) {
        c.add(
          `${path}.${key}.${i}`,
          `${label}第${i + 1}项日期格式不正确（应为 2026-10-09，${CALENDAR_YEARS.min}–${CALENDAR_YEARS.max}年；名称不超过20字）`,
        );
        return;
      }
      const other = seen.get(day as string);
      if (other && other !== key) c.add(`${path}.${key}.${i}`, `${day} 不能既是公司休息日又是公司工作日`);
      seen.set(day as string, key);
    });
  }
}

function checkVisits(c: Checker, v: unknown) {
  const keys = [
    'repair',
    'repairVisitor',
    'complaint',
    'onlineReplyHours',
    'staffGraceHours',
    'dissatisfaction',
    'repeatComplaint',
  ];
  if (!c.object('visits', '回访规则', v, keys)) return;
  try {
    resolveVisitRules(v as never);
  } catch (e) {
    c.add('visits', e instanceof RangeError ? e.message : '回访规则格式不正确');
  }
}

function checkClosing(c: Checker, v: unknown) {
  if (!c.object('closing', '办结期限', v, ['window'])) return;
  if (v.window === undefined) return;
  const w = v.window;
  if (!isPlain(w) || !(CLOSE_WINDOW_TYPES as readonly unknown[]).includes(w.type)) {
    c.add('closing.window', '办结期限的类型应为 calendar_days（自然日）或 working_days（工作日）');
    return;
  }
  if (!c.object('closing.window', '办结期限', w, ['type', 'days'])) return;
  c.number('closing.window.days', '办结期限的天数', w.days, 1, CLOSE_WINDOW_MAX_DAYS, true);
}

function checkTransitions(c: Checker, v: unknown) {
  if (!c.object('transitions', '处理要求', v, ['photosRequiredOnHandled'])) return;
  if (v.photosRequiredOnHandled !== undefined)
    c.list(
      'transitions.photosRequiredOnHandled',
      '须拍照证明处理完毕的反馈类型',
      v.photosRequiredOnHandled,
      TICKET_KINDS,
      TICKET_KINDS.length,
    );
}

function checkRouting(c: Checker, v: unknown) {
  if (
    !c.object('routing', '分派规则', v, [
      'autoRoute',
      'autoRouteThreshold',
      'categories',
      'trades',
      'shownCategories',
    ])
  )
    return;
  const shown = v.shownCategories;
  if (Array.isArray(shown) && shown.length === 0)
    c.add('routing.shownCategories', '本项目使用的投诉分类至少要保留一项');
  else if (shown !== undefined)
    c.list(
      'routing.shownCategories',
      '本项目使用的投诉分类',
      shown,
      CATEGORY_NAMES,
      CATEGORY_NAMES.length,
      1,
    );
  if (v.autoRoute !== undefined && typeof v.autoRoute !== 'boolean')
    c.add('routing.autoRoute', '自动分派应为是或否');
  if (v.autoRouteThreshold !== undefined && v.autoRouteThreshold !== null)
    c.number('routing.autoRouteThreshold', '自动分派的置信度阈值', v.autoRouteThreshold, 0, 1, false);
  const codes = STANDARD_DEPARTMENTS.map((d) => d.code as string);
  for (const [key, label, names] of [
    ['categories', '投诉分类', CATEGORY_NAMES],
    ['trades', '维修工种', REPAIR_TRADES],
  ] as const) {
    const map = v[key];
    if (map === undefined || !c.object(`routing.${key}`, `${label}的分派`, map, names)) continue;
    for (const [name, code] of Object.entries(map))
      if (typeof code !== 'string' || !codes.includes(code))
        c.add(
          `routing.${key}.${name}`,
          `${label}"${name}"的部门不存在：${JSON.stringify(code).slice(0, 30)}`,
        );
  }
}

function checkReports(c: Checker, v: unknown) {
  if (!c.object('reports', '统计设置', v, ['statisticalMonth'])) return;
  if (
    v.statisticalMonth !== undefined &&
    !(STATISTICAL_MONTHS as readonly unknown[]).includes(v.statisticalMonth)
  )
    c.add('reports.statisticalMonth', '统计月份应为 calendar（自然月）或 day26（上月26日至本月25日）');
}

const SECTION_CHECKS: Record<PolicySection, (c: Checker, v: unknown) => void> = {
  deadlines: checkDeadlines,
  workingHours: checkWorkingHours,
  calendar: (c, v) => checkCalendar(c, v),
  escalation: checkEscalation,
  visits: checkVisits,
  closing: checkClosing,
  transitions: checkTransitions,
  routing: checkRouting,
  reports: checkReports,
};

function checkSections(
  input: unknown,
  allow: readonly PolicySection[],
  project = false,
): { c: Checker; sections: PolicySection[] } {
  const c = new Checker();
  // A company-only section sent for a project: refused in words that say who sets it.
  if (project && isPlain(input)) {
    const given = input;
    const refused = COMPANY_ONLY_SECTIONS.filter((s) => !allow.includes(s) && given[s] !== undefined);
    for (const s of refused) c.add(s, COMPANY_ONLY_REASONS[s]);
    if (refused.length) {
      const rest = { ...given };
      for (const s of refused) delete rest[s];
      input = rest;
    }
  }
  if (!c.object('', '规则设置', input, allow)) {
    // Unknown sections are reported; the known ones are still checked.
    if (!isPlain(input)) return { c, sections: [] };
  }
  const sections = allow.filter((s) => (input as Record<string, unknown>)[s] !== undefined);
  for (const s of sections) SECTION_CHECKS[s](c, (input as Record<string, unknown>)[s]);
  return { c, sections };
}

export interface PolicyCheckOptions {
  /** The sections that may appear (all by default). */
  allow?: readonly PolicySection[];
  /** A project's settings: a company-only section is refused saying that the company sets it. */
  project?: boolean;
}

/** Checks a whole set of overrides; `allow` limits the sections that may appear (all by default). */
export function validatePolicy(input: unknown, opts: PolicyCheckOptions = {}): PolicyCheck {
  const { c } = checkSections(input, opts.allow ?? POLICY_SECTIONS, opts.project);
  return c.problems.length
    ? { ok: false, problems: c.problems }
    : { ok: true, value: input as ProjectPolicyOverrides };
}

/** The overrides when valid; otherwise throws a PolicyError carrying every problem in Chinese. */
export function parsePolicy(input: unknown, opts: PolicyCheckOptions = {}): ProjectPolicyOverrides {
  const r = validatePolicy(input, opts);
  if (!r.ok) throw new PolicyError(r.problems);
  return r.value;
}

/**
 * For settings read back from storage: keeps each valid section and drops each invalid one (its defaults
 * apply), with the problems, so the caller can log them. A value stored before validation existed can
 * therefore never reach a computation.
 */
export function sanitizePolicy(input: unknown): { value: ProjectPolicyOverrides; problems: PolicyProblem[] } {
  if (input === null || input === undefined) return { value: {}, problems: [] };
  if (!isPlain(input)) return { value: {}, problems: [{ path: '', message: '规则设置格式不正确' }] };
  const value: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (!(POLICY_SECTIONS as readonly string[]).includes(k)) {
      problems.push({ path: k, message: `规则设置中没有"${k}"这一项` });
      continue;
    }
    const c = new Checker();
    SECTION_CHECKS[k as PolicySection](c, v);
    if (c.problems.length) problems.push(...c.problems);
    else value[k] = v;
  }
  return { value: value as ProjectPolicyOverrides, problems };
}

/**
 * A project's layer without the sections only a company sets (COMPANY_ONLY_SECTIONS), with a problem for each
 * one found: a project's stored calendar or statistical month never applies.
 */
export function withoutCompanyOnly(layer: ProjectPolicyOverrides): {
  value: ProjectPolicyOverrides;
  problems: PolicyProblem[];
} {
  const value: Record<string, unknown> = { ...layer };
  const problems: PolicyProblem[] = [];
  for (const s of COMPANY_ONLY_SECTIONS)
    if (value[s] !== undefined) {
      delete value[s];
      problems.push({ path: s, message: COMPANY_ONLY_REASONS[s] });
    }
  return { value: value as ProjectPolicyOverrides, problems };
}

export { POLICY_SECTION_LABELS };
