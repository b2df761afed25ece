/** All business dates are Asia/Shanghai (UTC+8, no DST) whatever the server's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Day keys made so far, by day number since 1970-01-01 (Shanghai). The deadline arithmetic names the same few
 * days over and over (every intake plans its deadlines and reminders through them): a lookup instead of a
 * Date and its ISO string each time. Bounded: cleared when full.
 */
const dayKeys = new Map<number, string>();
const DAY_KEYS_KEPT = 20_000;

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return shanghaiDayKey(Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** YYYY-MM-DD of the Shanghai day that number of days after 1970-01-01. */
export function shanghaiDayKey(day: number): string {
  let key = dayKeys.get(day);
  if (key === undefined) {
    key = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayKeys.size >= DAY_KEYS_KEPT) dayKeys.clear();
    dayKeys.set(day, key);
  }
  return key;
}
