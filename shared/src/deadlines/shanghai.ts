/**
 * Wall-clock arithmetic in Asia/Shanghai (UTC+8, no DST since 1991) done on the UTC instant
 * with an explicit offset, so results never depend on the machine's TZ.
 */
import { shanghaiDate, shanghaiDayKey } from '../time';

export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const MINUTE_MS = 60 * 1000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A Shanghai calendar day, 'YYYY-MM-DD'. */
export type DayKey = string;

const DAY_KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar day an instant falls on. */
export function dayKeyOf(at: Date): DayKey {
  return shanghaiDate(at);
}

/** Validates and normalises a 'YYYY-MM-DD' string (throws on nonsense such as 2026-02-30). */
export function parseDayKey(key: string): DayKey {
  const m = DAY_KEY_RE.exec(key);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${key}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== key) throw new RangeError(`no such day: ${key}`);
  return key;
}

/** Starts of the days read so far, by key (see `shanghaiDayKey`: the same few days over and over). */
const dayStarts = new Map<DayKey, number>();
const DAY_STARTS_KEPT = 20_000;

/** UTC milliseconds of 00:00 Shanghai time on that day. */
export function dayStartMs(key: DayKey): number {
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    const m = DAY_KEY_RE.exec(key);
    if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${key}`);
    ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SHANGHAI_OFFSET_MS;
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    dayStarts.set(key, ms);
  }
  return ms;
}

/** The instant `minutes` after 00:00 Shanghai time on that day. */
export function atMinutes(key: DayKey, minutes: number): Date {
  return new Date(dayStartMs(key) + minutes * MINUTE_MS);
}

/** Minutes (with fractions) since 00:00 Shanghai time of the instant's day. */
export function minutesOfDay(at: Date): number {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

export function addDays(key: DayKey, n: number): DayKey {
  return shanghaiDayKey(Math.round((dayStartMs(key) + SHANGHAI_OFFSET_MS) / DAY_MS) + n);
}

/** 0 = Sunday … 6 = Saturday, of the Shanghai calendar day. */
export function weekdayOf(key: DayKey): number {
  return new Date(dayStartMs(key) + SHANGHAI_OFFSET_MS).getUTCDay();
}

const WEEKDAY_CN = ['日', '一', '二', '三', '四', '五', '六'];

/** '2026-10-09（周五）17:30' — Shanghai wall clock, for explanations shown to people. */
export function formatShanghai(at: Date): string {
  const key = dayKeyOf(at);
  const mins = Math.floor(minutesOfDay(at));
  const hh = String(Math.floor(mins / 60)).padStart(2, '0');
  const mm = String(mins % 60).padStart(2, '0');
  return `${key}（周${WEEKDAY_CN[weekdayOf(key)]}）${hh}:${mm}`;
}
