/**
 * Resolving a project's policy: the handbooks' defaults, then each layer of settings in order (the company's,
 * then the project's); maps are merged entry by entry, lists and single values replace. Layers are expected
 * to have passed `validatePolicy` or `sanitizePolicy` (./validate).
 */
import { CATEGORY_NAMES } from '../classification/categories';
import { resolveDeadlineRules } from '../deadlines/rules';
import { addWorkingDays, endOfNthWorkingDay } from '../deadlines/working-time';
import { resolveVisitRules } from '../visits/rules';
import { DEFAULT_POLICY, workTimeOf, type ProjectPolicy, type ProjectPolicyOverrides } from './policy';
import { TIME_LIMIT_BOUNDS, type PolicyProblem } from './validate';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `b` over `a`: plain objects merged key by key, everything else replaced. */
export function mergeSettings<T>(a: T, b: unknown): T {
  if (b === undefined) return a;
  if (!isPlain(a) || !isPlain(b)) return b as T;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (UNSAFE_KEYS.has(k) || v === undefined) continue;
    out[k] = mergeSettings(out[k], v);
  }
  return out as T;
}

/** Instants the probe below computes from: the first working days of the years this release will run in. */
const PROBES = [2025, 2026, 2027, 2028, 2029, 2030].map((y) => new Date(Date.UTC(y, 0, 5, 1)));

/**
 * The policy in force for the layers given, with any problem found while resolving (a combination of valid
 * layers that does not work together): that part falls back to the defaults, so a computation never fails.
 */
export function resolvePolicy(...layers: ProjectPolicyOverrides[]): {
  policy: ProjectPolicy;
  problems: PolicyProblem[];
} {
  const problems: PolicyProblem[] = [];
  const m = layers.reduce<ProjectPolicyOverrides>((acc, l) => mergeSettings(acc, l), {});
  const d = DEFAULT_POLICY;
  const attempt = <T>(path: string, f: () => T, fallback: T): T => {
    try {
      return f();
    } catch (e) {
      problems.push({ path, message: e instanceof Error ? e.message : String(e) });
      return fallback;
    }
  };
  const policy: ProjectPolicy = {
    deadlines: m.deadlines
      ? attempt('deadlines', () => resolveDeadlineRules(m.deadlines), d.deadlines)
      : d.deadlines,
    workingHours: m.workingHours ?? d.workingHours,
    calendar: {
      extraHolidays: m.calendar?.extraHolidays ?? d.calendar.extraHolidays,
      extraWorkdays: m.calendar?.extraWorkdays ?? d.calendar.extraWorkdays,
      ...(m.calendar?.years ? { years: m.calendar.years } : {}),
    },
    escalation: m.escalation ?? d.escalation,
    visits: m.visits ? attempt('visits', () => resolveVisitRules(m.visits), d.visits) : d.visits,
    closing: { window: m.closing?.window ?? d.closing.window },
    transitions: {
      photosRequiredOnHandled:
        m.transitions?.photosRequiredOnHandled ?? d.transitions.photosRequiredOnHandled,
    },
    routing: {
      autoRoute: m.routing?.autoRoute ?? d.routing.autoRoute,
      autoRouteThreshold:
        m.routing?.autoRouteThreshold === undefined
          ? d.routing.autoRouteThreshold
          : m.routing.autoRouteThreshold,
      categories: { ...d.routing.categories, ...m.routing?.categories },
      trades: { ...d.routing.trades, ...m.routing?.trades },
      // In the categories' own order, whatever order they were set in.
      shownCategories: m.routing?.shownCategories
        ? CATEGORY_NAMES.filter((n) => m.routing!.shownCategories!.includes(n))
        : d.routing.shownCategories,
    },
    reports: { statisticalMonth: m.reports?.statisticalMonth ?? d.reports.statisticalMonth },
  };
  // Working days must exist: the longest working-day limit allowed has to be computable on these hours and
  // this calendar (e.g. one working weekday and a year of company days off would not be).
  const longest = TIME_LIMIT_BOUNDS.working_days.max;
  const works = attempt(
    'workingHours',
    () => {
      const w = workTimeOf(policy);
      for (const at of PROBES) {
        endOfNthWorkingDay(at, longest, w);
        addWorkingDays(at, longest, w);
      }
      return true;
    },
    false,
  );
  if (!works) {
    policy.workingHours = d.workingHours;
    policy.calendar = d.calendar;
  }
  return { policy, problems };
}
