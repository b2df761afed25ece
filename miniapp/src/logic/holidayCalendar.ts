/**
 * The company's working-day calendar as HQ sees it (manager/pages/calendar): how far it reaches, and the pasted
 * table of a year's official holidays checked before it is sent (the server checks it again). Pure.
 */

export interface CalendarCoverage {
  coveredYears: number[];
  shippedYears: number[];
  coveredThrough: string | null;
  nextYearMissing: boolean;
  imported: Record<
    string,
    { notice: string; holidays: Record<string, string>; workdays: Record<string, string> }
  >;
}

/** Only group HQ imports a year's schedule; every staff member may look. */
export function canImportCalendar(role: string | null | undefined): boolean {
  return role === 'hq';
}

export function reachText(
  c: Pick<CalendarCoverage, 'coveredThrough' | 'nextYearMissing'>,
  year: number,
): string {
  if (!c.coveredThrough) return `工作日历尚无${year}年的节假日安排，时限暂按普通周末计算`;
  const through = c.coveredThrough.slice(0, 4);
  return c.nextYearMissing
    ? `工作日历覆盖到 ${through} 年底；${year + 1}年的放假安排公布后请尽快导入`
    : `工作日历覆盖到 ${through} 年底`;
}

export interface TablePreview {
  days: number;
  off: number;
  on: number;
  /** Lines that do not look like "日期 休/班 名称", by line number (1-based). */
  odd: number[];
}

const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/;

/** A quick look at the pasted table before sending: how many days off and make-up days, which lines look wrong. */
export function previewTable(text: string): TablePreview {
  const p: TablePreview = { days: 0, off: 0, on: 0, odd: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[\t,，;；]+|\s+/).filter(Boolean);
    if (/日期|date/i.test(cells[0] ?? '')) return;
    if (!DATE.test(cells[0] ?? '') || cells.length < 3) {
      p.odd.push(i + 1);
      return;
    }
    if (['休', '假', '休息', '放假'].includes(cells[1])) p.off++;
    else if (['班', '上班', '调休上班'].includes(cells[1])) p.on++;
    else {
      p.odd.push(i + 1);
      return;
    }
    p.days++;
  });
  return p;
}
