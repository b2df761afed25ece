import {
  addMonths,
  isMonthKey,
  monthLabel,
  monthOf,
  monthRange,
  monthsEnding,
  monthSpan,
  quarterLabel,
  quarterMonths,
  quarterOf,
} from './month';

describe('report months are Shanghai calendar months', () => {
  it('puts a ticket received late on the last evening of a month in that month', () => {
    expect(monthOf(new Date('2026-11-30T15:30:00Z'))).toBe('2026-11'); // 23:30 Shanghai
    expect(monthOf(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12'); // 00:00 Shanghai on 1 Dec
  });

  it('bounds a month by 00:00 Shanghai on the first days', () => {
    expect(monthRange('2026-12')).toEqual({
      start: new Date('2026-11-30T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
  });

  it('cuts a 26th–25th statistical month from the 26th of the month before', () => {
    // 2026-11 is 26 October 00:00 to 26 November 00:00, Shanghai
    expect(monthRange('2026-11', 'day26')).toEqual({
      start: new Date('2026-10-25T16:00:00Z'),
      end: new Date('2026-11-25T16:00:00Z'),
    });
    expect(monthRange('2027-01', 'day26').start).toEqual(new Date('2026-12-25T16:00:00Z'));
    expect(monthOf(new Date('2026-11-25T15:59:00Z'), 'day26')).toBe('2026-11'); // 25 Nov 23:59
    expect(monthOf(new Date('2026-11-25T16:00:00Z'), 'day26')).toBe('2026-12'); // 26 Nov 00:00
    expect(monthOf(new Date('2026-12-26T01:00:00Z'), 'day26')).toBe('2027-01');
    expect(monthOf(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11'); // calendar
    expect(monthSpan('2026-11', 'day26')).toBe('2026-10-26 至 2026-11-25');
    expect(monthSpan('2026-02')).toBe('2026-02-01 至 2026-02-28');
  });

  it('steps across years and lists a trend’s twelve months oldest first', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(monthsEnding('2026-03', 4)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthsEnding('2026-11', 12)).toHaveLength(12);
  });

  it('knows quarters and speaks Chinese', () => {
    expect(quarterOf('2026-11')).toBe('2026-Q4');
    expect(quarterMonths('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(quarterLabel('2026-Q4')).toBe('2026年第4季度');
  });

  it('refuses what is not a month', () => {
    expect(isMonthKey('2026-13')).toBe(false);
    expect(isMonthKey('2026-1')).toBe(false);
    expect(isMonthKey('2026-01')).toBe(true);
    expect(() => monthRange('2026/01')).toThrow(RangeError);
  });
});
