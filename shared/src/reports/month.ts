/**
 * Report months 统计月份 and quarters: months as 'YYYY-MM', with the UTC instants that bound them in Shanghai
 * time (a ticket received at 23:30 Shanghai time on the 31st belongs to that month, not the next, whatever the
 * server's zone). docs/domain-rules.md "Records, statistics and reports": daily record, monthly summary,
 * quarterly analysis.
 *
 * The statistical month is a company setting (`StatisticalMonth`): the calendar month, or the 26th of the month
 * before to the 25th (the month '2026-11' is then 26 October to 25 November), as many companies count so that
 * the analysis can reach HQ before the 28th.
 */
import { shanghaiDate } from '../time';

/** A Shanghai calendar month, 'YYYY-MM'. */
export type MonthKey = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export function isMonthKey(value: unknown): value is MonthKey {
  return typeof value === 'string' && MONTH_RE.test(value);
}

/** How a company cuts its statistical months 统计月份. */
export const STATISTICAL_MONTHS = ['calendar', 'day26'] as const;
export type StatisticalMonth = (typeof STATISTICAL_MONTHS)[number];
export const STATISTICAL_MONTH_LABELS: Record<StatisticalMonth, string> = {
  calendar: '自然月（1日至月末）',
  day26: '上月26日至本月25日',
};
/** The day a 26th–25th month starts on (in the month before the one it is named after). */
const DAY26_START = 26;

export function isStatisticalMonth(value: unknown): value is StatisticalMonth {
  return typeof value === 'string' && (STATISTICAL_MONTHS as readonly string[]).includes(value);
}

/** The statistical month an instant falls in (Shanghai time): from the 26th on, a 26th–25th month is the next. */
export function monthOf(at: Date, kind: StatisticalMonth = 'calendar'): MonthKey {
  const day = shanghaiDate(at);
  const month = day.slice(0, 7);
  return kind === 'day26' && Number(day.slice(8, 10)) >= DAY26_START ? addMonths(month, 1) : month;
}

function parts(month: MonthKey): [number, number] {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return [Number(m[1]), Number(m[2])];
}

/** The month n months after (n < 0: before). */
export function addMonths(month: MonthKey, n: number): MonthKey {
  const [y, m] = parts(month);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * [start, end) of a statistical month as UTC instants: 00:00 Shanghai on the 1st to 00:00 on the 1st of the
 * next; a 26th–25th month from 00:00 on the 26th of the month before to 00:00 on its own 26th.
 */
export function monthRange(month: MonthKey, kind: StatisticalMonth = 'calendar'): { start: Date; end: Date } {
  const [y, m] = parts(month);
  if (kind === 'day26')
    return {
      start: new Date(Date.UTC(y, m - 2, DAY26_START) - SHANGHAI_OFFSET_MS),
      end: new Date(Date.UTC(y, m - 1, DAY26_START) - SHANGHAI_OFFSET_MS),
    };
  return {
    start: new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS),
    end: new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS),
  };
}

/** '2026-10-26 至 2026-11-25': the days a statistical month covers (Shanghai dates). */
export function monthSpan(month: MonthKey, kind: StatisticalMonth = 'calendar'): string {
  const { start, end } = monthRange(month, kind);
  return `${shanghaiDate(start)} 至 ${shanghaiDate(new Date(end.getTime() - 1))}`;
}

/** The `count` months ending with `last`, oldest first (a trend's x-axis). */
export function monthsEnding(last: MonthKey, count: number): MonthKey[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** '2026年11月'. */
export function monthLabel(month: MonthKey): string {
  const [y, m] = parts(month);
  return `${y}年${m}月`;
}

/** A quarter, 'YYYY-Qn'. */
export type QuarterKey = string;

const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

export function isQuarterKey(value: unknown): value is QuarterKey {
  return typeof value === 'string' && QUARTER_RE.test(value);
}

export function quarterOf(month: MonthKey): QuarterKey {
  const [y, m] = parts(month);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** The three months of a quarter, in order. */
export function quarterMonths(quarter: QuarterKey): MonthKey[] {
  const q = QUARTER_RE.exec(quarter);
  if (!q) throw new RangeError(`not a YYYY-Qn quarter: ${quarter}`);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${q[1]}-${String(first + i).padStart(2, '0')}`);
}

/** '2026年第4季度'. */
export function quarterLabel(quarter: QuarterKey): string {
  const q = QUARTER_RE.exec(quarter);
  if (!q) throw new RangeError(`not a YYYY-Qn quarter: ${quarter}`);
  return `${q[1]}年第${q[2]}季度`;
}
