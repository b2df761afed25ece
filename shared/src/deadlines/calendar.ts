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
  for (const year of Object.values(data.years)) {
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
  const coveredYears = Object.keys(data.years)
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
