import { createCalendar } from './calendar';
import { formatShanghai } from './shanghai';
import {
  addWorkingDays,
  addWorkingTime,
  endOfNthWorkingDay,
  endOfWorkingDay,
  extendForPause,
  isWorkingTime,
  nextWorkingDay,
  nextWorkStart,
  reminderAt,
  workingDayLength,
  workingTimeBetween,
  type WorkTimeOptions,
} from './working-time';

/** An instant given as Beijing wall-clock time. */
const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const MIN = 60_000;
const HOUR = 60 * MIN;

// tz.spec.ts re-runs this file under TZ=UTC and TZ=America/New_York: nothing may depend on the machine's zone.
describe(`working time (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('runs in the zone the harness asked for', () => {
    const offset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
    if (process.env.TZ === 'UTC') expect(offset).toBe(0);
    if (process.env.TZ === 'America/New_York') expect(offset).toBe(300);
  });

  describe('working hours 08:30–17:30', () => {
    it('counts 08:30 as inside and 17:30 as outside', () => {
      expect(isWorkingTime(bj('2026-11-20 08:29'))).toBe(false);
      expect(isWorkingTime(bj('2026-11-20 08:30'))).toBe(true);
      expect(isWorkingTime(bj('2026-11-20 17:29'))).toBe(true);
      expect(isWorkingTime(bj('2026-11-20 17:30'))).toBe(false);
      expect(isWorkingTime(bj('2026-11-21 10:00'))).toBe(false); // Saturday
      expect(isWorkingTime(bj('2026-10-10 10:00'))).toBe(true); // 调休 Saturday
    });
  });

  describe('nextWorkStart', () => {
    it('is the instant itself during working hours', () => {
      expect(nextWorkStart(bj('2026-11-20 17:29'))).toEqual(bj('2026-11-20 17:29'));
    });
    it('is 08:30 the same day when before hours', () => {
      expect(nextWorkStart(bj('2026-11-20 06:00'))).toEqual(bj('2026-11-20 08:30'));
    });
    it('is 08:30 of the next working day after hours, over the weekend', () => {
      expect(nextWorkStart(bj('2026-11-20 17:31'))).toEqual(bj('2026-11-23 08:30'));
    });
    it('skips the National Day week but not its 调休 Saturday', () => {
      expect(nextWorkStart(bj('2026-09-30 18:00'))).toEqual(bj('2026-10-08 08:30'));
      expect(nextWorkStart(bj('2026-10-09 20:00'))).toEqual(bj('2026-10-10 08:30'));
    });
    it('works on the 调休 Sunday before National Day', () => {
      expect(nextWorkStart(bj('2026-09-19 12:00'))).toEqual(bj('2026-09-20 08:30'));
    });
  });

  describe('endOfWorkingDay ("当日内")', () => {
    it('is 17:30 today at 17:29, but the next working day at 17:31', () => {
      expect(endOfWorkingDay(bj('2026-11-20 17:29'))).toEqual(bj('2026-11-20 17:30'));
      expect(endOfWorkingDay(bj('2026-11-20 17:31'))).toEqual(bj('2026-11-23 17:30'));
    });
    it('is today at 17:30 for something received at 07:00 on a working day', () => {
      expect(endOfWorkingDay(bj('2026-11-20 07:00'))).toEqual(bj('2026-11-20 17:30'));
    });
    it('carries the eve of National Day over to the first day back', () => {
      expect(endOfWorkingDay(bj('2026-09-30 17:45'))).toEqual(bj('2026-10-08 17:30'));
      expect(endOfWorkingDay(bj('2026-10-03 11:00'))).toEqual(bj('2026-10-08 17:30'));
    });
    it('rolls at Beijing midnight, not UTC midnight', () => {
      // 2026-11-22T16:30Z = Monday 00:30 Beijing; still Sunday in UTC and New York.
      expect(endOfWorkingDay(new Date('2026-11-22T16:30:00Z'))).toEqual(bj('2026-11-23 17:30'));
    });
  });

  describe('endOfNthWorkingDay ("N个工作日内", the day of receipt not counted)', () => {
    it('counts from the next day', () => {
      expect(endOfNthWorkingDay(bj('2026-11-23 10:00'), 2)).toEqual(bj('2026-11-25 17:30'));
    });
    it('counts the same for a letter opened before, during or after hours', () => {
      for (const t of ['07:00', '12:00', '20:00']) {
        expect(endOfNthWorkingDay(bj(`2026-11-23 ${t}`), 2)).toEqual(bj('2026-11-25 17:30'));
      }
    });
    it('jumps the National Day week', () => {
      expect(endOfNthWorkingDay(bj('2026-09-29 10:00'), 2)).toEqual(bj('2026-10-08 17:30'));
    });
    it('counts the 调休 Saturday as a working day', () => {
      expect(endOfNthWorkingDay(bj('2026-10-09 10:00'), 1)).toEqual(bj('2026-10-10 17:30'));
      expect(endOfNthWorkingDay(bj('2026-10-09 10:00'), 2)).toEqual(bj('2026-10-12 17:30'));
    });
    it('is endOfWorkingDay for n = 0 and rejects negative or fractional n', () => {
      expect(endOfNthWorkingDay(bj('2026-11-20 17:31'), 0)).toEqual(bj('2026-11-23 17:30'));
      expect(() => endOfNthWorkingDay(bj('2026-11-20 10:00'), -1)).toThrow(RangeError);
      expect(() => endOfNthWorkingDay(bj('2026-11-20 10:00'), 1.5)).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('keeps the time of day: Friday 10:00 + 1 = Monday 10:00', () => {
      expect(addWorkingDays(bj('2026-11-20 10:00'), 1)).toEqual(bj('2026-11-23 10:00'));
    });
    it('starts an after-hours instant at the next work start', () => {
      expect(addWorkingDays(bj('2026-11-20 17:31'), 1)).toEqual(bj('2026-11-24 08:30'));
      expect(addWorkingDays(bj('2026-11-20 17:31'), 0)).toEqual(bj('2026-11-23 08:30'));
    });
    it('skips holidays and uses 调休 days', () => {
      expect(addWorkingDays(bj('2026-09-30 10:00'), 1)).toEqual(bj('2026-10-08 10:00'));
      expect(addWorkingDays(bj('2026-09-30 10:00'), 3)).toEqual(bj('2026-10-10 10:00'));
      expect(addWorkingDays(bj('2026-09-18 10:00'), 1)).toEqual(bj('2026-09-20 10:00'));
    });
  });

  describe('working time', () => {
    it('a working day is nine hours by default', () => {
      expect(workingDayLength()).toBe(9 * HOUR);
    });
    it('between 17:00 Friday and 09:00 Monday is one hour', () => {
      expect(workingTimeBetween(bj('2026-11-20 17:00'), bj('2026-11-23 09:00'))).toBe(60 * MIN);
    });
    it('between the eve of National Day and the first day back is ninety minutes', () => {
      expect(workingTimeBetween(bj('2026-09-30 17:00'), bj('2026-10-08 09:30'))).toBe(90 * MIN);
    });
    it('is zero within a weekend, and negative backwards', () => {
      expect(workingTimeBetween(bj('2026-11-21 09:00'), bj('2026-11-22 18:00'))).toBe(0);
      expect(workingTimeBetween(bj('2026-11-23 09:00'), bj('2026-11-20 17:00'))).toBe(-60 * MIN);
    });
    it('counts a whole week across National Day', () => {
      // 09-28 Mon … 10-11 Sun 2026: 09-28,29,30 + 10-08,09,10 = six working days
      expect(workingTimeBetween(bj('2026-09-28 00:00'), bj('2026-10-12 00:00'))).toBe(6 * 9 * HOUR);
    });
    it('addWorkingTime carries the remainder over nights and holidays', () => {
      expect(addWorkingTime(bj('2026-09-30 17:00'), 90 * MIN)).toEqual(bj('2026-10-08 09:30'));
      expect(addWorkingTime(bj('2026-11-20 17:30'), 0)).toEqual(bj('2026-11-23 08:30'));
      expect(addWorkingTime(bj('2026-11-20 09:00'), 9 * HOUR)).toEqual(bj('2026-11-23 09:00'));
    });
  });

  describe('reminders and pauses', () => {
    it('reminds at three quarters of the time by default', () => {
      expect(reminderAt(bj('2026-11-20 09:00'), bj('2026-11-20 17:00'))).toEqual(bj('2026-11-20 15:00'));
      expect(reminderAt(bj('2026-11-20 09:00'), bj('2026-11-20 17:00'), 0.5)).toEqual(bj('2026-11-20 13:00'));
    });
    it('can remind on working time, over a weekend', () => {
      // Friday 15:30 → Monday 17:30 holds 11 working hours; 3/4 of that is 8h15 → Monday 14:45.
      expect(reminderAt(bj('2026-11-20 15:30'), bj('2026-11-23 17:30'), 0.75, { basis: 'working' })).toEqual(
        bj('2026-11-23 14:45'),
      );
    });
    it('reminds at the due time when it is already due', () => {
      expect(reminderAt(bj('2026-11-20 10:00'), bj('2026-11-20 09:00'))).toEqual(bj('2026-11-20 09:00'));
      expect(() => reminderAt(bj('2026-11-20 09:00'), bj('2026-11-20 10:00'), 1.5)).toThrow(RangeError);
    });
    it('moves a deadline back by the time spent waiting on an outside party', () => {
      expect(extendForPause(bj('2026-11-20 17:30'), 3 * 24 * HOUR)).toEqual(bj('2026-11-23 17:30'));
      expect(() => extendForPause(bj('2026-11-20 17:30'), -1)).toThrow(RangeError);
    });
  });

  it('formats in Beijing time for explanations', () => {
    expect(formatShanghai(new Date('2026-10-09T09:30:00Z'))).toBe('2026-10-09（周五）17:30');
  });
});

describe('project working hours', () => {
  const sixDays: WorkTimeOptions = {
    workingHours: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5, 6] },
  };

  it('uses the project hours and weekdays', () => {
    expect(endOfWorkingDay(bj('2026-11-20 17:45'), sixDays)).toEqual(bj('2026-11-20 18:00'));
    expect(endOfWorkingDay(bj('2026-11-20 18:01'), sixDays)).toEqual(bj('2026-11-21 18:00'));
    expect(nextWorkStart(bj('2026-11-22 12:00'), sixDays)).toEqual(bj('2026-11-23 09:00'));
  });

  it('still honours statutory holidays on a six-day week', () => {
    expect(nextWorkingDay('2026-09-30', sixDays)).toBe('2026-10-08');
  });

  it('combines project hours with a company calendar', () => {
    const calendar = createCalendar({ extraHolidays: ['2026-11-23'] });
    expect(endOfWorkingDay(bj('2026-11-20 17:45'), { calendar })).toEqual(bj('2026-11-24 17:30'));
  });

  it('rejects nonsense hours', () => {
    expect(() =>
      nextWorkStart(bj('2026-11-20 10:00'), {
        workingHours: { start: '18:00', end: '09:00', weekdays: [1] },
      }),
    ).toThrow(RangeError);
    expect(() =>
      nextWorkStart(bj('2026-11-20 10:00'), { workingHours: { start: '8:30', end: '17:30', weekdays: [1] } }),
    ).toThrow(RangeError);
  });
});
