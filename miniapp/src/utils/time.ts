/**
 * Dates as residents read them: Beijing time (UTC+8, no DST) whatever the phone's zone,
 * e.g. "11月22日 14:05"; another year gets its year in front.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijingParts(d: Date) {
  const b = new Date(d.getTime() + BEIJING_OFFSET_MS);
  return {
    year: b.getUTCFullYear(),
    month: b.getUTCMonth() + 1,
    day: b.getUTCDate(),
    hour: b.getUTCHours(),
    minute: b.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatBeijingTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = beijingParts(d);
  const sameYear = p.year === beijingParts(now).year;
  return `${sameYear ? '' : `${p.year}年`}${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The Beijing calendar day of an instant, 'YYYY-MM-DD' (for date pickers). */
export function beijingDateKey(d: Date = new Date()): string {
  const p = beijingParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
