import { CN_CALENDAR, CN_HOLIDAY_DATA, createCalendar, hasOfficialCalendar } from './calendar';
import { parseDayKey, weekdayOf } from './shanghai';
import { isWorkingDay } from './working-time';

describe('the statutory calendar data', () => {
  it('holds only real days, each filed under its own year', () => {
    for (const [year, y] of Object.entries(CN_HOLIDAY_DATA.years)) {
      for (const day of [...Object.keys(y.holidays), ...Object.keys(y.workdays)]) {
        expect(parseDayKey(day)).toBe(day);
        expect(day.slice(0, 4)).toBe(year);
      }
      expect(y.notice).toContain(`${year}年部分节假日安排`);
    }
  });

  it('covers 2025 and 2026; 2027 has not been entered yet', () => {
    expect(hasOfficialCalendar(2025)).toBe(true);
    expect(hasOfficialCalendar(2026)).toBe(true);
    expect(hasOfficialCalendar(2027)).toBe(false);
  });

  it('lists only weekend days as 调休 working days, and no day as both', () => {
    for (const y of Object.values(CN_HOLIDAY_DATA.years)) {
      for (const day of Object.keys(y.workdays)) {
        expect([0, 6]).toContain(weekdayOf(day));
        expect(y.holidays[day]).toBeUndefined();
      }
    }
  });

  it('has the 2025 and 2026 arrangements of the State Council', () => {
    const days = (y: string) => Object.keys(CN_HOLIDAY_DATA.years[y].holidays);
    // 2025: 元旦1 + 春节8 + 清明3 + 劳动节5 + 端午3 + 国庆中秋8
    expect(days('2025')).toHaveLength(28);
    expect(Object.keys(CN_HOLIDAY_DATA.years['2025'].workdays)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    // 2026: 元旦3 + 春节9 + 清明3 + 劳动节5 + 端午3 + 中秋3 + 国庆7
    expect(days('2026')).toHaveLength(33);
    expect(Object.keys(CN_HOLIDAY_DATA.years['2026'].workdays).sort()).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });
});

describe('working days', () => {
  it.each([
    ['2026-11-20', true, 'an ordinary Friday'],
    ['2026-11-21', false, 'an ordinary Saturday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-05', false, 'a Monday inside the National Day week'],
    ['2026-10-08', true, 'the Thursday after National Day'],
    ['2026-10-10', true, 'the 调休 Saturday after National Day'],
    ['2026-10-11', false, 'the Sunday after it'],
    ['2026-09-20', true, 'the 调休 Sunday before National Day'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-02-14', true, 'the 调休 Saturday before Spring Festival'],
    ['2026-02-23', false, 'the last day of Spring Festival (a Monday)'],
    ['2025-10-08', false, 'the eighth day of the 2025 National Day + Mid-Autumn break'],
    ['2025-10-11', true, 'the 2025 调休 Saturday'],
    ['2025-09-28', true, 'the 2025 调休 Sunday'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(isWorkingDay(day)).toBe(expected);
  });

  it('falls back to plain Monday–Friday for a year without data', () => {
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(isWorkingDay('2027-01-02')).toBe(false);
  });

  it('judges an instant by its Beijing date, not the UTC date', () => {
    // 2026-10-09T16:30Z is Saturday 10-10 00:30 in Beijing (调休 working day).
    expect(isWorkingDay(new Date('2026-10-10T00:30:00+08:00'))).toBe(true);
    // 2026-10-10T16:30Z is Sunday 10-11 00:30 in Beijing.
    expect(isWorkingDay(new Date('2026-10-10T16:30:00Z'))).toBe(false);
  });

  it('rejects days that do not exist', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('20261001')).toThrow(RangeError);
  });
});

describe('company overrides', () => {
  it('adds company days off and working days on top of the statutory calendar', () => {
    const cal = createCalendar({
      extraHolidays: [{ day: '2026-11-20', name: '公司成立日' }],
      extraWorkdays: ['2026-11-21'],
    });
    expect(isWorkingDay('2026-11-20', { calendar: cal })).toBe(false);
    expect(cal.holidays.get('2026-11-20')).toBe('公司成立日');
    expect(isWorkingDay('2026-11-21', { calendar: cal })).toBe(true);
    expect(isWorkingDay('2026-11-20')).toBe(true); // the national calendar is untouched
  });

  it('lets a company give a 调休 Saturday off or work on a statutory holiday', () => {
    const cal = createCalendar({ extraHolidays: ['2026-10-10'], extraWorkdays: ['2026-10-07'] });
    expect(isWorkingDay('2026-10-10', { calendar: cal })).toBe(false);
    expect(isWorkingDay('2026-10-07', { calendar: cal })).toBe(true);
  });

  it('lets a company enter next year before the data file is updated', () => {
    const cal = createCalendar({ extraHolidays: ['2027-01-01'] });
    expect(isWorkingDay('2027-01-01', { calendar: cal })).toBe(false);
    expect(isWorkingDay('2027-01-01', { calendar: CN_CALENDAR })).toBe(true);
  });

  it('refuses a day that is both an extra holiday and an extra workday', () => {
    expect(() => createCalendar({ extraHolidays: ['2026-11-20'], extraWorkdays: ['2026-11-20'] })).toThrow(
      RangeError,
    );
  });
});
