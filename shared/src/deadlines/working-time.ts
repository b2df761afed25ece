/**
 * Working time 工作时间 arithmetic on the working-day calendar, in Asia/Shanghai.
 * A project's working hours default to 08:30–17:30, Monday–Friday, plus 调休 working days.
 */
import { CN_CALENDAR, type WorkCalendar } from './calendar';
import {
  addDays,
  atMinutes,
  dayKeyOf,
  dayStartMs,
  HOUR_MS,
  MINUTE_MS,
  minutesOfDay,
  parseDayKey,
  weekdayOf,
  type DayKey,
} from './shanghai';

/** Working hours 工作时间 of a project (服务中心). Times are Shanghai wall clock, 'HH:MM'. */
export interface WorkingHours {
  start: string;
  end: string;
  /** Ordinary working weekdays, 0 = Sunday … 6 = Saturday. Holidays and 调休 days override. */
  weekdays: readonly number[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  start: '08:30',
  end: '17:30',
  weekdays: [1, 2, 3, 4, 5],
};

/** Which calendar and hours to use; both default to the national calendar and 08:30–17:30. */
export interface WorkTimeOptions {
  calendar?: WorkCalendar;
  workingHours?: WorkingHours;
}

interface Resolved {
  calendar: WorkCalendar;
  weekdays: readonly number[];
  startMin: number;
  endMin: number;
}

function parseClock(s: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new RangeError(`not an HH:MM time: ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function resolve(opts: WorkTimeOptions = {}): Resolved {
  const hours = opts.workingHours ?? DEFAULT_WORKING_HOURS;
  const startMin = parseClock(hours.start);
  const endMin = parseClock(hours.end);
  if (endMin <= startMin)
    throw new RangeError(`working hours must end after they start: ${hours.start}–${hours.end}`);
  return { calendar: opts.calendar ?? CN_CALENDAR, weekdays: hours.weekdays, startMin, endMin };
}

function isWorkingDayKey(key: DayKey, r: Resolved): boolean {
  if (r.calendar.workdays.has(key)) return true;
  if (r.calendar.holidays.has(key)) return false;
  return r.weekdays.includes(weekdayOf(key));
}

function nextWorkingDayKey(key: DayKey, r: Resolved): DayKey {
  // Bounded: no real calendar has a year without working days.
  for (let i = 1; i <= 366; i++) {
    const next = addDays(key, i);
    if (isWorkingDayKey(next, r)) return next;
  }
  throw new RangeError(`no working day within a year after ${key}`);
}

/** Whether a day (an instant's Shanghai day, or 'YYYY-MM-DD') is a working day. */
export function isWorkingDay(day: Date | DayKey, opts?: WorkTimeOptions): boolean {
  const key = typeof day === 'string' ? parseDayKey(day) : dayKeyOf(day);
  return isWorkingDayKey(key, resolve(opts));
}

/** Whether the instant is inside working hours of a working day (start inclusive, end exclusive). */
export function isWorkingTime(at: Date, opts?: WorkTimeOptions): boolean {
  const r = resolve(opts);
  const m = minutesOfDay(at);
  return isWorkingDayKey(dayKeyOf(at), r) && m >= r.startMin && m < r.endMin;
}

/** The first working day after the instant's (or key's) Shanghai day. */
export function nextWorkingDay(day: Date | DayKey, opts?: WorkTimeOptions): DayKey {
  const key = typeof day === 'string' ? parseDayKey(day) : dayKeyOf(day);
  return nextWorkingDayKey(key, resolve(opts));
}

/**
 * When work can next happen on something received at `at`: `at` itself during working hours,
 * else the start of the same working day (before hours) or of the next working day.
 */
export function nextWorkStart(at: Date, opts?: WorkTimeOptions): Date {
  const r = resolve(opts);
  const key = dayKeyOf(at);
  const m = minutesOfDay(at);
  if (isWorkingDayKey(key, r)) {
    if (m < r.startMin) return atMinutes(key, r.startMin);
    if (m < r.endMin) return at;
  }
  return atMinutes(nextWorkingDayKey(key, r), r.startMin);
}

/**
 * "当日内": close of business of the working day `at` falls in; if `at` is after hours or on a
 * day off, close of business of the next working day (the customer-service handbook's "上班后的当天内").
 */
export function endOfWorkingDay(at: Date, opts?: WorkTimeOptions): Date {
  const r = resolve(opts);
  return atMinutes(dayKeyOf(nextWorkStart(at, opts)), r.endMin);
}

/**
 * Close of business of the n-th working day after the Shanghai day of `at`; the day of receipt
 * is not counted (民法典 第二百零一条: 开始的当日不计入). n = 0 means `endOfWorkingDay(at)`.
 */
export function endOfNthWorkingDay(at: Date, n: number, opts?: WorkTimeOptions): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return endOfWorkingDay(at, opts);
  const r = resolve(opts);
  let key = dayKeyOf(at);
  for (let i = 0; i < n; i++) key = nextWorkingDayKey(key, r);
  return atMinutes(key, r.endMin);
}

/**
 * The same point of the working day, n working days later: Friday 10:00 + 1 → Monday 10:00.
 * An instant outside working hours first moves to the next work start.
 */
export function addWorkingDays(at: Date, n: number, opts?: WorkTimeOptions): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const r = resolve(opts);
  const start = nextWorkStart(at, opts);
  let key = dayKeyOf(start);
  for (let i = 0; i < n; i++) key = nextWorkingDayKey(key, r);
  return new Date(dayStartMs(key) + (start.getTime() - dayStartMs(dayKeyOf(start))));
}

/** Adds working time (ms) to an instant, skipping nights, weekends and holidays. */
export function addWorkingTime(at: Date, ms: number, opts?: WorkTimeOptions): Date {
  if (!(ms >= 0)) throw new RangeError(`ms must be ≥ 0, got ${ms}`);
  const r = resolve(opts);
  let cur = nextWorkStart(at, opts);
  let left = ms;
  for (;;) {
    const key = dayKeyOf(cur);
    const dayEnd = atMinutes(key, r.endMin).getTime();
    const room = dayEnd - cur.getTime();
    if (left <= room) return new Date(cur.getTime() + left);
    left -= room;
    cur = atMinutes(nextWorkingDayKey(key, r), r.startMin);
  }
}

/** Working time (ms) between two instants; negative when `to` is before `from`. */
export function workingTimeBetween(from: Date, to: Date, opts?: WorkTimeOptions): number {
  if (to.getTime() < from.getTime()) return -workingTimeBetween(to, from, opts);
  const r = resolve(opts);
  let total = 0;
  let key = dayKeyOf(from);
  const lastKey = dayKeyOf(to);
  for (;;) {
    if (isWorkingDayKey(key, r)) {
      const s = Math.max(atMinutes(key, r.startMin).getTime(), from.getTime());
      const e = Math.min(atMinutes(key, r.endMin).getTime(), to.getTime());
      if (e > s) total += e - s;
    }
    if (key === lastKey) return total;
    key = addDays(key, 1);
  }
}

/** Length of one working day in ms (9 h for 08:30–17:30). */
export function workingDayLength(opts?: WorkTimeOptions): number {
  const r = resolve(opts);
  return (r.endMin - r.startMin) * MINUTE_MS;
}

export interface ReminderOptions extends WorkTimeOptions {
  /** 'wall' (default): a share of elapsed clock time; 'working': a share of working time. */
  basis?: 'wall' | 'working';
}

/**
 * When to remind the person responsible: once `fraction` of the time from `start` to `due` has passed
 * (default three quarters), so an item is chased before it is overdue (日盘点: the customer-service
 * handbook).
 */
export function reminderAt(start: Date, due: Date, fraction = 0.75, opts: ReminderOptions = {}): Date {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within 0…1, got ${fraction}`);
  if (due.getTime() <= start.getTime()) return new Date(due.getTime());
  if (opts.basis === 'working') {
    const span = workingTimeBetween(start, due, opts);
    if (span === 0) return new Date(due.getTime());
    return addWorkingTime(start, Math.round(span * fraction), opts);
  }
  return new Date(start.getTime() + Math.round((due.getTime() - start.getTime()) * fraction));
}

/**
 * A deadline pushed back by the time a ticket spent waiting on an outside party (deferred 等待外部单位):
 * the clock stops while the ball is not in our court. `pausedMs` is wall-clock time paused.
 */
export function extendForPause(due: Date, pausedMs: number): Date {
  if (!(pausedMs >= 0)) throw new RangeError(`pausedMs must be ≥ 0, got ${pausedMs}`);
  return new Date(due.getTime() + pausedMs);
}

/**
 * A deadline after a pause (deferred 等待外部单位, from `pausedAt` to `resumedAt`): the working time that was left
 * at the pause runs again from the resumption, so the paused working time is added and nights, weekends and
 * holidays spent waiting add nothing (docs/domain-rules.md "Time limits"). A deadline already past when the
 * ticket was paused stays where it was. A deadline left at close of business stays at close of business.
 */
export function resumeAfterPause(due: Date, pausedAt: Date, resumedAt: Date, opts?: WorkTimeOptions): Date {
  if (due.getTime() <= pausedAt.getTime()) return new Date(due.getTime());
  const left = workingTimeBetween(pausedAt, due, opts);
  if (left <= 0) {
    // Due outside working hours with no working time left before it (a round-the-clock limit): wall-clock.
    return new Date(due.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
  }
  return addWorkingTime(resumedAt, left, opts);
}

/** Wall-clock hours later (deadlines the handbook states in hours run round the clock). */
export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR_MS);
}
