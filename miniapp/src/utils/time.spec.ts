import { formatBeijingTime } from './time';

describe('formatBeijingTime', () => {
  const now = new Date('2026-11-22T06:00:00Z');

  it('shows month, day and 24-hour Beijing time', () => {
    expect(formatBeijingTime('2026-11-22T06:05:00Z', now)).toBe('11月22日 14:05');
  });

  it('rolls over to the next day at 16:00 UTC (midnight in Beijing)', () => {
    expect(formatBeijingTime('2026-11-22T15:59:00Z', now)).toBe('11月22日 23:59');
    expect(formatBeijingTime('2026-11-22T16:00:00Z', now)).toBe('11月23日 00:00');
  });

  it('puts the year in front for another year', () => {
    expect(formatBeijingTime('2025-03-01T01:02:00Z', now)).toBe('2025年3月1日 09:02');
    // 2026-12-31 20:00 UTC is already 2027 in Beijing.
    expect(formatBeijingTime('2026-12-31T20:00:00Z', now)).toBe('2027年1月1日 04:00');
  });

  it('gives an empty string for missing or broken input', () => {
    expect(formatBeijingTime(null, now)).toBe('');
    expect(formatBeijingTime('not a date', now)).toBe('');
  });
});
