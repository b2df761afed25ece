import {
  axisMonth,
  bars,
  canSeeReports,
  canWriteReports,
  clampMonth,
  downloadMode,
  formatChange,
  formatMinutes,
  formatRate,
  kpiCards,
  projectOptions,
  recentQuarters,
  reportQuery,
  trendBars,
  trendRange,
} from './reports';

describe('report pages: charts and figures', () => {
  it('scales bars to the largest value and keeps a small non-zero bar visible', () => {
    expect(
      bars([
        { label: '设备管理类', value: 40 },
        { label: '环境管理类', value: 10 },
        { label: '其它类', value: 0 },
        { label: '业户纠纷类', value: 0.1 },
      ]).map((b) => b.percent),
    ).toEqual([100, 25, 0, 2]);
    expect(bars([{ label: 'a', value: 0 }]).map((b) => b.percent)).toEqual([0]);
    expect(bars([{ label: 'a', value: 0.5 }], formatRate)[0].text).toBe('50%');
  });

  it('labels a trend’s bars by month and names its years in the title', () => {
    const trend = ['2025-12', '2026-01', '2026-02'].map((month, i) => ({ month, n: i * 5 }));
    expect(trendBars(trend, (t) => t.n).map((b) => [b.label, b.percent])).toEqual([
      ['12月', 0],
      ['1月', 50],
      ['2月', 100],
    ]);
    expect(trendRange(trend)).toBe('2025年12月–2026年2月');
    expect(axisMonth('2026-11')).toBe('11月');
  });

  it('says rates, durations and changes in words', () => {
    expect(formatRate(0.8333)).toBe('83.3%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
    expect(formatMinutes(45)).toBe('45分钟');
    expect(formatMinutes(125)).toBe('2小时5分');
    expect(formatMinutes(60 * 26)).toBe('1天2小时');
    expect(formatMinutes(null)).toBe('—');
    expect(formatChange(0.25)).toBe('↑25%');
    expect(formatChange(-0.1)).toBe('↓10%');
    expect(formatChange(0)).toBe('持平');
    expect(formatChange(null)).toBe('—');
  });

  it('shows each key figure with its definition and whether it meets the handbook’s target', () => {
    const cards = kpiCards({
      tickets: 13,
      complaintRate: 0.005,
      meanFirstResponseMinutes: 90,
      onTimeReplyRate: 0.9,
      onTimeHandleRate: null,
      resolutionRate: 0.5,
      reopenRate: 0.1,
      visitRate: 0.8,
      satisfactionRate: 0.75,
      meanScore: null,
    });
    const by = Object.fromEntries(cards.map((c) => [c.name, [c.label, c.text, c.ok]]));
    expect(by.tickets).toEqual(['受理量', '13', null]);
    expect(by.complaintRate).toEqual(['投诉率', '0.5%', true]);
    expect(by.visitRate).toEqual(['回访率', '80%', false]);
    expect(by.meanFirstResponseMinutes).toEqual(['平均首次响应', '1小时30分', null]);
    expect(by.onTimeHandleRate[1]).toBe('—');
    expect(cards.every((c) => c.hint.length > 0)).toBe(true);
  });

  it('opens the report centre to leads, managers and HQ only; only the project’s lead and manager write', () => {
    expect(['cs_lead', 'project_manager', 'hq'].map(canSeeReports)).toEqual([true, true, true]);
    expect(['resident', 'dept_staff', 'front_desk', null].map(canSeeReports)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(canWriteReports('hq')).toBe(false);
    expect(canWriteReports('cs_lead')).toBe(true);
  });

  it('picks months and quarters, never in the future', () => {
    const now = new Date('2026-11-22T04:00:00Z');
    expect(clampMonth('2027-01', now)).toBe('2026-11');
    expect(clampMonth('2026-03', now)).toBe('2026-03');
    expect(recentQuarters(now, 5)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
  });

  it('builds the request and the pickers', () => {
    expect(reportQuery({ month: '2026-10', projectId: null })).toBe('?month=2026-10');
    expect(reportQuery({ quarter: '2026-Q4', projectId: 'p1' })).toBe('?quarter=2026-Q4&projectId=p1');
    expect(reportQuery({})).toBe('');
    expect(projectOptions([{ id: 'a', name: '阳光花园' }], '幸福里物业')).toEqual([
      { id: null, name: '幸福里物业' },
      { id: 'a', name: '阳光花园' },
    ]);
    expect(downloadMode('h5')).toBe('link');
    expect(downloadMode('weapp')).toBe('document');
  });
});
