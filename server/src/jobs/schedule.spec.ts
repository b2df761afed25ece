import { nextDailyAt, nextEvery } from './schedule';

describe('recurring job times', () => {
  it('runs daily at a Beijing hour, strictly after the instant', () => {
    // 2026-11-22 01:00 Beijing = 2026-11-21T17:00Z → 02:00 the same Beijing day.
    expect(nextDailyAt(new Date('2026-11-21T17:00:00Z'), 2).toISOString()).toBe('2026-11-21T18:00:00.000Z');
    // Exactly at 02:00 → the next day.
    expect(nextDailyAt(new Date('2026-11-21T18:00:00Z'), 2).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(nextDailyAt(new Date('2026-11-22T03:00:00Z'), 10.5).toISOString()).toBe(
      '2026-11-23T02:30:00.000Z',
    );
  });

  it('runs on the next multiple of an interval', () => {
    expect(nextEvery(new Date('2026-11-22T10:04:59Z'), 10 * 60_000).toISOString()).toBe(
      '2026-11-22T10:10:00.000Z',
    );
    expect(nextEvery(new Date('2026-11-22T10:10:00Z'), 10 * 60_000).toISOString()).toBe(
      '2026-11-22T10:20:00.000Z',
    );
  });
});
