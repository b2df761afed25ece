import { createCalendar } from './calendar';
import { applyLimit, computeDeadlines, promisedReplyDeadlines, solutionAgreedDeadlines } from './compute';
import { DEFAULT_DEADLINE_RULES, describeLimit, resolveDeadlineRules } from './rules';

const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);

describe('complaint reply deadlines by channel (the customer-service handbook)', () => {
  it('answers a phone complaint the same day when it comes in during working hours', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-11-20 17:29') });
    expect(d.replyBy).toEqual(bj('2026-11-20 17:30'));
    // handled within one full working day of working time (the handling-record limit): Friday 17:29 → Monday
    expect(d.handleBy).toEqual(bj('2026-11-23 17:29'));
    expect(d.handleBy).toEqual(d.handlingRecordAfter);
  });

  it('answers a phone complaint received two minutes later by the end of the next working day', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-11-20 17:31') });
    expect(d.replyBy).toEqual(bj('2026-11-23 17:30'));
    expect(d.explanation).toContain('非工作时间受理，顺延至上班后的当天');
  });

  it('answers a walk-in complaint on the eve of National Day on the first day back', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'walk_in', receivedAt: bj('2026-09-30 18:00') });
    expect(d.replyBy).toEqual(bj('2026-10-08 17:30'));
  });

  it('answers an early-morning online complaint the same day once work starts', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'online', receivedAt: bj('2026-11-20 06:45') });
    expect(d.replyBy).toEqual(bj('2026-11-20 17:30'));
  });

  it('answers a mini-program complaint sent during the National Day holiday on the first day back', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'miniapp', receivedAt: bj('2026-10-04 21:00') });
    expect(d.replyBy).toEqual(bj('2026-10-08 17:30'));
  });

  it('answers a complaint made on the 调休 Saturday that same Saturday', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-10-10 10:00') });
    expect(d.replyBy).toEqual(bj('2026-10-10 17:30'));
  });

  it('answers a letter within two working days, not counting the day it arrived', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'letter', receivedAt: bj('2026-11-19 10:00') });
    expect(d.replyBy).toEqual(bj('2026-11-23 17:30'));
    expect(d.explanation).toContain('2个工作日内');
  });

  it('counts the 调休 Saturday among the two working days for an e-mail', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'email', receivedAt: bj('2026-10-09 16:00') });
    expect(d.replyBy).toEqual(bj('2026-10-12 17:30'));
  });

  it('treats a complaint forwarded by group HQ as written', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'hq', receivedAt: bj('2026-09-29 10:00') });
    expect(d.replyBy).toEqual(bj('2026-10-08 17:30'));
  });

  it('requires a complaint handling record after one working day', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-11-20 10:00') });
    expect(d.handlingRecordAfter).toEqual(bj('2026-11-23 10:00'));
    expect(d.explanation).toContain('顾客投诉处理记录表');
  });

  it('gives suggestions and inquiries the same reply limits, and praise none', () => {
    expect(
      computeDeadlines({ kind: 'suggestion', channel: 'letter', receivedAt: bj('2026-11-19 10:00') }).replyBy,
    ).toEqual(bj('2026-11-23 17:30'));
    expect(
      computeDeadlines({ kind: 'inquiry', channel: 'phone', receivedAt: bj('2026-11-20 10:00') }).replyBy,
    ).toEqual(bj('2026-11-20 17:30'));
    const praise = computeDeadlines({
      kind: 'praise',
      channel: 'miniapp',
      receivedAt: bj('2026-11-20 10:00'),
    });
    expect(praise.replyBy).toBeNull();
    expect(praise.handlingRecordAfter).toBeNull();
  });
});

describe('repair deadlines by class (the return-visit handbook)', () => {
  it('fixes a small or urgent repair the same day', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      repairClass: 'small',
      receivedAt: bj('2026-11-23 10:00'),
    });
    expect(d.replyBy).toEqual(bj('2026-11-23 17:30'));
    expect(d.handleBy).toEqual(bj('2026-11-23 17:30'));
  });

  it('replies to a general repair the same day and fixes it within three working days', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'miniapp',
      repairClass: 'general',
      receivedAt: bj('2026-11-23 10:00'),
    });
    expect(d.replyBy).toEqual(bj('2026-11-23 17:30'));
    expect(d.handleBy).toEqual(bj('2026-11-26 17:30'));
  });

  it('treats a repair without a class as general', () => {
    const d = computeDeadlines({ kind: 'repair', channel: 'miniapp', receivedAt: bj('2026-11-23 10:00') });
    expect(d.handleBy).toEqual(bj('2026-11-26 17:30'));
  });

  it('replies to a major repair within three working days and fixes it within fifteen by default', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      repairClass: 'major',
      receivedAt: bj('2026-11-23 10:00'),
    });
    expect(d.replyBy).toEqual(bj('2026-11-26 17:30'));
    expect(d.handleBy).toEqual(bj('2026-12-14 17:30'));
  });

  it('lets a project choose seven days for major repairs', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      repairClass: 'major',
      receivedAt: bj('2026-11-23 10:00'),
      rules: { repairByClass: { major: { handle: { type: 'working_days', days: 7 } } } },
    });
    expect(d.handleBy).toEqual(bj('2026-12-02 17:30'));
    expect(d.replyBy).toEqual(bj('2026-11-26 17:30')); // the reply rule is kept
  });

  it('lets a project count repair days as calendar days', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      receivedAt: bj('2026-09-30 10:00'),
      rules: { repairByClass: { general: { handle: { type: 'calendar_days', days: 3 } } } },
    });
    expect(d.handleBy).toEqual(new Date(bj('2026-10-04 00:00').getTime() - 1));
  });

  it('carries a general repair reported before National Day over the holiday', () => {
    const d = computeDeadlines({ kind: 'repair', channel: 'phone', receivedAt: bj('2026-09-29 15:00') });
    // working days after 09-29: 09-30, 10-08, 10-09
    expect(d.handleBy).toEqual(bj('2026-10-09 17:30'));
  });
});

describe('complaint handling deadline at intake (the customer-service handbook: 超过一个工作日 → 处理记录表)', () => {
  it('gives every complaint a handling deadline of one full working day, whatever the channel', () => {
    const phone = computeDeadlines({
      kind: 'complaint',
      channel: 'phone',
      receivedAt: bj('2026-11-20 10:00'),
    });
    expect(phone.handleBy).toEqual(bj('2026-11-23 10:00')); // Friday 10:00 → Monday 10:00
    expect(phone.explanation).toContain('处理：满1个工作日 → 2026-11-23');
    expect(phone.explanation).toContain('与业主商定方案后改为当日内处理完毕');
    const letter = computeDeadlines({
      kind: 'complaint',
      channel: 'letter',
      receivedAt: bj('2026-09-30 10:00'),
    });
    expect(letter.handleBy).toEqual(bj('2026-10-08 10:00')); // over National Day
    // a project's own handling-record limit is the handling deadline too
    const own = computeDeadlines({
      kind: 'complaint',
      channel: 'phone',
      receivedAt: bj('2026-11-20 10:00'),
      rules: { handlingRecordAfter: { type: 'working_days', days: 2 } },
    });
    expect(own.handleBy).toEqual(bj('2026-11-24 17:30'));
  });

  it('gives suggestions, inquiries and praise none', () => {
    for (const kind of ['suggestion', 'inquiry', 'praise'] as const)
      expect(
        computeDeadlines({ kind, channel: 'phone', receivedAt: bj('2026-11-20 10:00') }).handleBy,
      ).toBeNull();
  });

  it('keeps the earlier emergency limit for an emergency complaint', () => {
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'phone',
      emergency: true,
      receivedAt: bj('2026-11-20 22:00'),
    });
    expect(d.handleBy).toEqual(bj('2026-11-21 22:00'));
  });
});

describe('emergencies (the customer-service and return-visit handbooks)', () => {
  it('are dispatched within 30 minutes and fixed within 24 hours, round the clock', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      emergency: true,
      receivedAt: bj('2026-11-21 22:00'),
    });
    expect(d.dispatchBy).toEqual(bj('2026-11-21 22:30'));
    expect(d.replyBy).toEqual(bj('2026-11-21 22:30'));
    expect(d.handleBy).toEqual(bj('2026-11-22 22:00'));
    expect(d.explanation).toContain('紧急派单：30分钟内');
  });

  it('keep an earlier class deadline when there is one', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'phone',
      repairClass: 'small',
      emergency: true,
      receivedAt: bj('2026-11-23 09:00'),
    });
    expect(d.handleBy).toEqual(bj('2026-11-23 17:30'));
  });

  it('apply to complaints too (e.g. a safety hazard)', () => {
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'phone',
      emergency: true,
      receivedAt: bj('2026-10-02 03:00'),
    });
    expect(d.dispatchBy).toEqual(bj('2026-10-02 03:30'));
    expect(d.replyBy).toEqual(bj('2026-10-02 03:30'));
  });
});

describe('after the first contact', () => {
  it('caps an agreed reply time at 24 hours and asks for a progress notice after 24 hours (the complaint-handling standards)', () => {
    const d = promisedReplyDeadlines({ at: bj('2026-11-20 16:00') });
    expect(d.latestReplyBy).toEqual(bj('2026-11-21 16:00'));
    expect(d.progressNoticeBy).toEqual(bj('2026-11-21 16:00'));
  });

  it('finishes an agreed solution the same working day and replies within 24 hours (the complaint-handling standards)', () => {
    const d = solutionAgreedDeadlines({ at: bj('2026-11-20 16:00') });
    expect(d.handleBy).toEqual(bj('2026-11-20 17:30'));
    expect(d.replyBy).toEqual(bj('2026-11-21 16:00'));
    expect(d.explanation).toContain('方案处理完毕');
  });
});

describe('years without statutory data', () => {
  it('warn that 2027 is counted with plain weekends', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'letter', receivedAt: bj('2026-12-30 10:00') });
    // 2027-01-01 (Friday) is not yet known to be a holiday, so it counts as a working day.
    expect(d.replyBy).toEqual(bj('2027-01-01 17:30'));
    expect(d.uncoveredYears).toEqual([2027]);
    expect(d.explanation).toContain('2027年法定节假日安排尚未录入日历');
  });

  it('can be patched by the company until the data file is updated', () => {
    const calendar = createCalendar({ extraHolidays: ['2027-01-01'] });
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'letter',
      receivedAt: bj('2026-12-30 10:00'),
      calendar,
    });
    expect(d.replyBy).toEqual(bj('2027-01-04 17:30'));
  });

  it('are not mentioned when every date is covered', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-11-20 10:00') });
    expect(d.uncoveredYears).toEqual([]);
    expect(d.explanation).not.toContain('尚未录入');
  });
});

describe('rules as data', () => {
  it('uses the project working hours', () => {
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'phone',
      receivedAt: bj('2026-11-20 17:45'),
      workingHours: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5] },
    });
    expect(d.replyBy).toEqual(bj('2026-11-20 18:00'));
  });

  it('lets a project tighten a channel', () => {
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'email',
      receivedAt: bj('2026-11-20 10:00'),
      rules: { replyByChannel: { email: { type: 'same_working_day' } } },
    });
    expect(d.replyBy).toEqual(bj('2026-11-20 17:30'));
  });

  it('accepts a full rules object unchanged', () => {
    expect(resolveDeadlineRules(DEFAULT_DEADLINE_RULES)).toEqual(DEFAULT_DEADLINE_RULES);
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() =>
      resolveDeadlineRules({ replyByChannel: { letter: { type: 'working_days', days: -1 } } }),
    ).toThrow(RangeError);
    expect(() => resolveDeadlineRules({ handlingRecordAfter: { type: 'working_days', days: 1.5 } })).toThrow(
      RangeError,
    );
  });

  it('describes every kind of limit in Chinese', () => {
    expect(describeLimit({ type: 'same_working_day' })).toBe('当日内');
    expect(describeLimit({ type: 'working_days', days: 2 })).toBe('2个工作日内');
    expect(describeLimit({ type: 'calendar_days', days: 3 })).toBe('3日内');
    expect(describeLimit({ type: 'hours', hours: 24 })).toBe('24小时内');
    expect(describeLimit({ type: 'minutes', minutes: 30 })).toBe('30分钟内');
    expect(describeLimit({ type: 'working_days_elapsed', days: 1 })).toBe('满1个工作日');
    expect(describeLimit({ type: 'none' })).toBe('无时限');
    expect(applyLimit(bj('2026-11-20 10:00'), { type: 'none' })).toBeNull();
  });

  it('explains the computation line by line', () => {
    const d = computeDeadlines({ kind: 'complaint', channel: 'phone', receivedAt: bj('2026-11-20 17:31') });
    expect(d.explanation.split('\n')[0]).toBe('受理：来电投诉，2026-11-20（周五）17:31（非工作时间）');
    expect(d.explanation).toContain('答复（来电）：当日内 → 2026-11-23（周一）17:30前');
  });
});
