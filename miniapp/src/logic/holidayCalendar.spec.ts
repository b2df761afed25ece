import { canImportCalendar, previewTable, reachText } from './holidayCalendar';

describe('the holiday calendar page', () => {
  it('lets only group HQ import', () => {
    expect(canImportCalendar('hq')).toBe(true);
    expect(canImportCalendar('project_manager')).toBe(false);
    expect(canImportCalendar(null)).toBe(false);
  });

  it('says how far the calendar reaches and when next year is missing', () => {
    expect(reachText({ coveredThrough: '2026-12-31', nextYearMissing: true }, 2026)).toBe(
      '工作日历覆盖到 2026 年底；2027年的放假安排公布后请尽快导入',
    );
    expect(reachText({ coveredThrough: '2027-12-31', nextYearMissing: false }, 2026)).toBe(
      '工作日历覆盖到 2027 年底',
    );
    expect(reachText({ coveredThrough: null, nextYearMissing: true }, 2027)).toContain('暂按普通周末计算');
  });

  it('previews a pasted table: days off, make-up days and odd lines', () => {
    const p = previewTable(
      '日期\t类型\t名称\n2027-01-01\t休\t元旦\n2027-02-20,班,春节\n元旦放假三天\n2027-01-02 放 元旦',
    );
    expect(p).toEqual({ days: 2, off: 1, on: 1, odd: [4, 5] });
  });
});
