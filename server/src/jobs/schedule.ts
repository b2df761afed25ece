/** When recurring jobs run next (JobsService.every `next`), all in Beijing time. */
const DAY_MS = 24 * 3600_000;
const BEIJING_MS = 8 * 3600_000;

/** The next daily run at `hour` Beijing time (10.5 = 10:30) strictly after an instant. */
export function nextDailyAt(after: Date, hour: number): Date {
  const bjDayStart = Math.floor((after.getTime() + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;
  const run = bjDayStart + hour * 3600_000;
  return new Date(run > after.getTime() ? run : run + DAY_MS);
}

/** The next multiple of `everyMs` strictly after an instant (every 10 minutes: 10:00, 10:10 …). */
export function nextEvery(after: Date, everyMs: number): Date {
  return new Date(Math.floor(after.getTime() / everyMs) * everyMs + everyMs);
}
