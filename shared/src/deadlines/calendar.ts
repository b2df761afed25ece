/**
 * Working-day calendar 工作日历 of mainland China: statutory holidays 法定节假日 and adjusted
 * working days 调休上班日, with per-company extras. Data: ./cn-holidays.json (update procedure in ./README.md).
 */
import holidayJson from './cn-holidays.json';
import { parseDayKey, type DayKey } from './shanghai';

/** Shape of ./cn-holidays.json. */
export interface HolidayData {
  country: string;
  timezone: string;
  attribution: string;
  $schema_note?: string;
  years: Record<
    string,
    {
      /** Title of the State Council notice the dates come from. */
      notice: string;
      /** Day the notice was published. */
      published: string;
      /** Days off, including weekend days inside a holiday block, with the holiday's name. */
      holidays: Record<DayKey, string>;
      /** Weekend days that are working days (调休上班), with the holiday they make up for. */
      workdays: Record<DayKey, string>;
    }
  >;
}

/** A resolved calendar: which days are off and which weekend days are worked. */
export interface WorkCalendar {
  /** Days off (statutory or company), with a name for explanations. */
  readonly holidays: ReadonlyMap<DayKey, string>;
  /** Days worked although they fall on a non-working weekday (调休 or company). */
  readonly workdays: ReadonlyMap<DayKey, string>;
  /** Years whose official arrangement is in the data; other years fall back to plain weekends. */
  readonly coveredYears: readonly number[];
}

export interface CalendarOverrides {
  /** Company days off, e.g. '2026-11-20' or { day, name }. Win over statutory 调休 workdays. */
  extraHolidays?: ReadonlyArray<DayKey | { day: DayKey; name: string }>;
  /** Company working days, e.g. a Saturday the company works. Win over everything else. */
  extraWorkdays?: ReadonlyArray<DayKey | { day: DayKey; name: string }>;
  /** Replace the built-in statutory data (tests, another region). */
  data?: HolidayData;
  /**
   * Official schedules HQ imported for years the shipped data does not know yet (see `parseOfficialSchedule`);
   * a year here replaces the shipped one.
   */
  years?: Record<string, OfficialYear>;
}

/** One year's official arrangement as published by the State Council. */
export interface OfficialYear {
  notice: string;
  published: string;
  holidays: Record<DayKey, string>;
  workdays: Record<DayKey, string>;
}

function entries(list: CalendarOverrides['extraHolidays'], fallbackName: string): Array<[DayKey, string]> {
  return (list ?? []).map((e) =>
    typeof e === 'string' ? [parseDayKey(e), fallbackName] : [parseDayKey(e.day), e.name],
  );
}

/** Builds a calendar: statutory data first, then the company's own days off and working days. */
export function createCalendar(overrides: CalendarOverrides = {}): WorkCalendar {
  const data = overrides.data ?? CN_HOLIDAY_DATA;
  const holidays = new Map<DayKey, string>();
  const workdays = new Map<DayKey, string>();
  const years: Record<string, OfficialYear> = { ...data.years, ...overrides.years };
  for (const year of Object.values(years)) {
    for (const [day, name] of Object.entries(year.holidays)) holidays.set(day, name);
    for (const [day, name] of Object.entries(year.workdays)) workdays.set(day, name);
  }
  const extraOff = entries(overrides.extraHolidays, '公司假日');
  const extraOn = entries(overrides.extraWorkdays, '公司工作日');
  const onSet = new Set(extraOn.map(([d]) => d));
  for (const [day] of extraOff) {
    if (onSet.has(day)) throw new RangeError(`${day} is both an extra holiday and an extra workday`);
  }
  for (const [day, name] of extraOff) {
    workdays.delete(day);
    holidays.set(day, name);
  }
  for (const [day, name] of extraOn) {
    holidays.delete(day);
    workdays.set(day, name);
  }
  const coveredYears = Object.keys(years)
    .map(Number)
    .sort((a, b) => a - b);
  return { holidays, workdays, coveredYears };
}

/** The statutory data as shipped (2025, 2026). */
export const CN_HOLIDAY_DATA: HolidayData = holidayJson;

/** Mainland China's statutory calendar without company extras. */
export const CN_CALENDAR: WorkCalendar = createCalendar();

/** Whether the official arrangement for that year is in the calendar (2027: not yet, see ./README.md). */
export function hasOfficialCalendar(year: number, calendar: WorkCalendar = CN_CALENDAR): boolean {
  return calendar.coveredYears.includes(year);
}

/**
 * The last year of an unbroken run of covered years starting at `from` (the year asked about), or from - 1 when
 * `from` itself is not covered: "the calendar reaches to the end of …".
 */
export function calendarReach(calendar: WorkCalendar = CN_CALENDAR, from: number): number {
  let y = from;
  while (calendar.coveredYears.includes(y)) y++;
  return y - 1;
}

export type ScheduleParseResult =
  { ok: true; year: OfficialYear; holidays: number; workdays: number } | { ok: false; errors: string[] };

const OFF_WORDS = ['休', '假', '休息', '放假', 'holiday', 'off'];
const ON_WORDS = ['班', '上班', '调休上班', 'workday', 'work'];

/**
 * Reads a year's official schedule pasted as a table, one day a line: date, 休 or 班, and the holiday's name,
 * separated by tabs, commas or spaces (e.g. `2027-01-01	休	元旦`, `2027-02-20,班,春节`). Empty lines and lines
 * starting with # are skipped, as is a header line. Every day must lie in `year`; 班 days must be Saturdays or
 * Sundays (a weekday is a working day anyway); a day cannot be both; at least one day off. Errors are in Chinese,
 * by line.
 */
export function parseOfficialSchedule(
  year: number,
  text: string,
  meta: { notice?: string; published?: string } = {},
): ScheduleParseResult {
  const errors: string[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, errors: ['年份不正确'] };
  const holidays: Record<DayKey, string> = {};
  const workdays: Record<DayKey, string> = {};
  const lines = String(text ?? '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const at = `第${i + 1}行`;
    if (!line || line.startsWith('#')) return;
    const cells = line
      .split(/[\t,，;；]+|\s+/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (/日期|date/i.test(cells[0] ?? '')) return; // a header line
    if (cells.length < 2) {
      errors.push(`${at}：应为“日期 休/班 节日名称”`);
      return;
    }
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(cells[0]);
    let day: DayKey | null = null;
    if (m) {
      try {
        day = parseDayKey(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`);
      } catch {
        day = null;
      }
    }
    if (!day) {
      errors.push(`${at}：日期“${cells[0]}”不正确（应为 ${year}-01-01 这样的日期）`);
      return;
    }
    if (Number(day.slice(0, 4)) !== year) {
      errors.push(`${at}：${day} 不在 ${year} 年内`);
      return;
    }
    const type = cells[1].toLowerCase();
    const name = cells.slice(2).join(' ') || '';
    const off = OFF_WORDS.includes(type);
    const on = ON_WORDS.includes(type);
    if (!off && !on) {
      errors.push(`${at}：第二列应为“休”（放假）或“班”（调休上班），而不是“${cells[1]}”`);
      return;
    }
    if (!name) {
      errors.push(`${at}：请填写节日名称，例如“春节”`);
      return;
    }
    if (holidays[day] !== undefined || workdays[day] !== undefined) {
      errors.push(`${at}：${day} 重复出现`);
      return;
    }
    if (on) {
      const wd = new Date(`${day}T12:00:00+08:00`).getUTCDay();
      if (wd !== 0 && wd !== 6) {
        errors.push(`${at}：${day} 是工作日，不需要标为调休上班（只有周六、周日才需要标“班”）`);
        return;
      }
      workdays[day] = name;
    } else holidays[day] = name;
  });
  if (!errors.length && !Object.keys(holidays).length)
    errors.push(`没有读到任何放假日期，请粘贴 ${year} 年的放假安排`);
  if (errors.length) return { ok: false, errors };
  const sort = (r: Record<DayKey, string>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ok: true,
    year: {
      notice: meta.notice?.trim() || `国务院办公厅关于${year}年部分节假日安排的通知`,
      published: meta.published?.trim() || '',
      holidays: sort(holidays),
      workdays: sort(workdays),
    },
    holidays: Object.keys(holidays).length,
    workdays: Object.keys(workdays).length,
  };
}
