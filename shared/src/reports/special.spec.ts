import {
  followUpDueAt,
  monthlyReportDueAt,
  nextReportDeadline,
  reportDueAt,
  specialCaseStage,
} from './special';

const sh = (s: string) => new Date(`${s}+08:00`);

describe('major and hot complaint reports (重大投诉 / 热点投诉)', () => {
  it('a major complaint is reported within one working day, over the weekend', () => {
    // Friday 2026-11-20 15:00 → Monday 15:00
    expect(reportDueAt('major', sh('2026-11-20T15:00:00'))).toEqual(sh('2026-11-23T15:00:00'));
    // received on Saturday → the clock starts Monday at 08:30, due Tuesday 08:30
    expect(reportDueAt('major', sh('2026-11-21T10:00:00'))).toEqual(sh('2026-11-24T08:30:00'));
  });

  it('a hot complaint is reported within a week, its case report within a week of closing', () => {
    expect(reportDueAt('hot', sh('2026-11-20T15:00:00'))).toEqual(
      new Date(sh('2026-11-28T00:00:00').getTime() - 1),
    );
    expect(followUpDueAt('hot', sh('2026-11-25T10:00:00'))).toEqual(
      new Date(sh('2026-12-03T00:00:00').getTime() - 1),
    );
  });

  it('moves from due to reported to the special report to archived', () => {
    const base = {
      reportDueAt: sh('2026-11-23T15:00:00'),
      reportedAt: null,
      followUpDueAt: null,
      followUpAt: null,
    };
    expect(specialCaseStage(base, sh('2026-11-23T14:00:00'))).toBe('report_due');
    expect(specialCaseStage(base, sh('2026-11-23T16:00:00'))).toBe('report_overdue');
    expect(nextReportDeadline(base)).toEqual({ what: 'report', dueAt: base.reportDueAt });
    const reported = { ...base, reportedAt: sh('2026-11-23T10:00:00') };
    expect(specialCaseStage(reported, sh('2026-11-30T10:00:00'))).toBe('reported');
    expect(nextReportDeadline(reported)).toBeNull();
    const closed = { ...reported, followUpDueAt: sh('2026-12-07T23:59:59') };
    expect(specialCaseStage(closed, sh('2026-12-01T10:00:00'))).toBe('follow_up_due');
    expect(specialCaseStage(closed, sh('2026-12-08T10:00:00'))).toBe('follow_up_overdue');
    expect(
      specialCaseStage({ ...closed, followUpAt: sh('2026-12-02T10:00:00') }, sh('2026-12-08T10:00:00')),
    ).toBe('archived');
    // a major complaint the lead cleared owes nothing, even past its deadline
    const cleared = { ...base, decision: 'cleared' };
    expect(specialCaseStage(cleared, sh('2026-11-30T10:00:00'))).toBe('cleared');
    expect(nextReportDeadline(cleared)).toBeNull();
  });

  it('the monthly analysis is due at HQ before the first 28th after its month ends, Shanghai time', () => {
    expect(monthlyReportDueAt('2026-10').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(monthlyReportDueAt('2026-12')).toEqual(sh('2027-01-28T00:00:00'));
    expect(monthlyReportDueAt('2027-01')).toEqual(sh('2027-02-28T00:00:00'));
    // 26th–25th: November is 26 October – 25 November, due before 28 November
    expect(monthlyReportDueAt('2026-11', 'day26')).toEqual(sh('2026-11-28T00:00:00'));
    expect(monthlyReportDueAt('2027-01', 'day26')).toEqual(sh('2027-01-28T00:00:00'));
  });
});
