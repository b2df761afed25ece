import { calendarReach, CN_CALENDAR, createCalendar, parseOfficialSchedule } from './calendar';
import { computeDeadlines } from './compute';
import { formatShanghai as fmt } from './shanghai';
const formatShanghai = (d: Date) => fmt(d).replace(/（.*）/, ' ');
import { resumeAfterPause } from './working-time';
import { countsAsReply } from './reply';

const BJ = (s: string) => new Date(`${s}+08:00`);

/** A 2027 table as HQ would paste it (test data, not the published notice). */
const TABLE_2027 = [
  '日期\t类型\t节日',
  '2027-01-01\t休\t元旦',
  '2027-01-02\t休\t元旦',
  '2027-01-03\t休\t元旦',
  '2027-02-20,班,春节',
].join('\n');

describe('importing a year the shipped calendar does not know', () => {
  it('reads a pasted table: dates, 休/班 and names, with a header line', () => {
    const r = parseOfficialSchedule(2027, TABLE_2027);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.holidays).toBe(3);
    expect(r.workdays).toBe(1);
    expect(r.year.holidays['2027-01-01']).toBe('元旦');
    expect(r.year.workdays['2027-02-20']).toBe('春节');
  });

  it('refuses, line by line in Chinese, what is not a schedule of that year', () => {
    const r = parseOfficialSchedule(
      2027,
      [
        '2026-12-31 休 元旦',
        '2027-02-30 休 春节',
        '2027-01-04 班 元旦',
        '2027-01-01 放 元旦',
        '2027-01-02 休',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      '第1行：2026-12-31 不在 2027 年内',
      '第2行：日期“2027-02-30”不正确（应为 2027-01-01 这样的日期）',
      '第3行：2027-01-04 是工作日，不需要标为调休上班（只有周六、周日才需要标“班”）',
      '第4行：第二列应为“休”（放假）或“班”（调休上班），而不是“放”',
      '第5行：请填写节日名称，例如“春节”',
    ]);
    expect(parseOfficialSchedule(2027, '').ok).toBe(false);
    expect(parseOfficialSchedule(2027, '2027-01-01 休 元旦\n2027-01-01 休 元旦').ok).toBe(false);
  });

  it('a letter on 2026-12-31 is due on 2027-01-04 on weekends only, flagged; after the import, 2027-01-05', () => {
    const before = computeDeadlines({
      kind: 'complaint',
      channel: 'letter',
      receivedAt: BJ('2026-12-31T10:00:00'),
    });
    expect(formatShanghai(before.replyBy!)).toBe('2027-01-04 17:30');
    expect(before.uncoveredYears).toEqual([2027]);
    const r = parseOfficialSchedule(2027, TABLE_2027);
    if (!r.ok) throw new Error('bad table');
    const calendar = createCalendar({ years: { '2027': r.year } });
    expect(calendar.coveredYears).toEqual([2025, 2026, 2027]);
    const after = computeDeadlines({
      kind: 'complaint',
      channel: 'letter',
      receivedAt: BJ('2026-12-31T10:00:00'),
      calendar,
    });
    expect(formatShanghai(after.replyBy!)).toBe('2027-01-05 17:30'); // Fri 1st–Sun 3rd off: Mon 4th, Tue 5th
    expect(after.uncoveredYears).toEqual([]);
    expect(calendarReach(CN_CALENDAR, 2026)).toBe(2026);
    expect(calendarReach(calendar, 2026)).toBe(2027);
    expect(calendarReach(CN_CALENDAR, 2027)).toBe(2026);
  });
});

describe('resuming after a deferral', () => {
  it('adds the working time paused, not the wall-clock time', () => {
    // Due Friday 17:30; deferred Thursday 10:00 with 16.5 working hours left; resumed Saturday 10:00.
    const due = resumeAfterPause(
      BJ('2026-12-11T17:30:00'),
      BJ('2026-12-10T10:00:00'),
      BJ('2026-12-12T10:00:00'),
    );
    expect(formatShanghai(due)).toBe('2026-12-15 16:00'); // not Sunday 17:30
    // Left at close of business stays at close of business.
    expect(
      formatShanghai(
        resumeAfterPause(BJ('2026-12-11T17:30:00'), BJ('2026-12-11T10:00:00'), BJ('2026-12-14T10:00:00')),
      ),
    ).toBe('2026-12-14 17:30');
    // Already overdue when paused: unchanged.
    expect(
      formatShanghai(
        resumeAfterPause(BJ('2026-12-11T17:30:00'), BJ('2026-12-12T10:00:00'), BJ('2026-12-14T10:00:00')),
      ),
    ).toBe('2026-12-11 17:30');
  });
});

describe('what counts as a reply', () => {
  it('a public message with content; confirming or starting is not', () => {
    expect(countsAsReply('progress_note', '已联系供水公司，明天上午来修', true)).toBe(true);
    expect(countsAsReply('propose_solution', '更换门禁读卡器', true)).toBe(true);
    expect(countsAsReply('progress_note', '   ', true)).toBe(false);
    expect(countsAsReply('confirm', '门禁故障', true)).toBe(false);
    expect(countsAsReply('start', undefined, true)).toBe(false);
    expect(countsAsReply('defer', '等待供电局', true)).toBe(false);
    expect(countsAsReply('internal_note', '内部', false)).toBe(false);
  });
});
