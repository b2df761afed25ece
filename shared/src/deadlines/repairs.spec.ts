import { computeDeadlines, majorFixRange } from './compute';
import { suggestRepairClass } from './repairs';
import { formatShanghai as fmt } from './shanghai';

const BJ = (s: string) => new Date(`${s}+08:00`);
const at = (d: Date | null) => (d ? fmt(d).replace(/（.*）/, ' ') : null);

describe('repair classes suggested from the text', () => {
  it.each([
    ['厨房下水道堵了，水下不去', 'small', 'plumbing'],
    ['客厅天花板批荡掉下来了，差点砸到人', 'small', 'danger'],
    ['冰箱不制冷了', 'small', 'appliance'],
    ['卧室墙角渗水，墙皮发霉', 'general', 'seepage'],
    ['卧室门把手松了', 'general', 'general'],
    ['楼顶屋面防水层老化，需要重做防水', 'major', 'general'],
  ])('%s → %s', (text, cls, type) => {
    const s = suggestRepairClass(text);
    expect(s.repairClass).toBe(cls);
    expect(s.repairType).toBe(type);
    expect(s.reason.length).toBeGreaterThan(0);
  });
});

describe('repair deadlines by class and type', () => {
  const receivedAt = BJ('2026-12-08T09:00:00'); // Tuesday
  it('a blocked drain is fixed the same day, not in 3 working days', () => {
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'miniapp',
      receivedAt,
      repairClass: 'general',
      repairType: 'plumbing',
    });
    expect(at(d.handleBy)).toBe('2026-12-08 17:30');
    expect(d.explanation).toContain('管道、洁具堵塞或漏水');
  });
  it('seepage within two working days; the class wins when it is shorter', () => {
    expect(
      at(
        computeDeadlines({ kind: 'repair', channel: 'miniapp', receivedAt, repairType: 'seepage' }).handleBy,
      ),
    ).toBe('2026-12-10 17:30');
    expect(
      at(
        computeDeadlines({
          kind: 'repair',
          channel: 'miniapp',
          receivedAt,
          repairClass: 'small',
          repairType: 'seepage',
        }).handleBy,
      ),
    ).toBe('2026-12-08 17:30');
  });
  it('danger at once: round the clock', () => {
    expect(
      at(computeDeadlines({ kind: 'repair', channel: 'miniapp', receivedAt, repairType: 'danger' }).handleBy),
    ).toBe('2026-12-09 09:00');
  });
  it('major: reply within 3 working days, fix on the date staff set within 7–15 working days', () => {
    const range = majorFixRange(receivedAt);
    expect(at(range.earliest)).toBe('2026-12-17 17:30');
    expect(at(range.latest)).toBe('2026-12-29 17:30');
    const d = computeDeadlines({
      kind: 'repair',
      channel: 'miniapp',
      receivedAt,
      repairClass: 'major',
      fixBy: BJ('2026-12-21T17:30:00'),
    });
    expect(at(d.replyBy)).toBe('2026-12-11 17:30');
    expect(at(d.handleBy)).toBe('2026-12-21 17:30');
  });
});
