import { cuelessFloor, pickEmergencyThresholds, pickFlagThreshold } from './train-heads';

type Row = { positive: boolean; cue: boolean; p: number };
const rows = (n: number, r: Row): Row[] => Array.from({ length: n }, () => ({ ...r }));

describe('the flag thresholds, chosen on out-of-fold answers', () => {
  it('keeps the cue-less threshold above the bland texts: 1 in 200 cue-less non-emergencies may ring, not more', () => {
    // 400 cue-less negatives spread over p = 0.0025 … 1.0; 2 of them (0.5%) may be at or above the floor.
    const neg = Array.from({ length: 400 }, (_, i) => ({ positive: false, cue: false, p: (i + 1) / 401 }));
    const floor = cuelessFloor(neg, 0.005);
    expect(neg.filter((r) => r.p >= floor / 100).length).toBeLessThanOrEqual(2);
    expect(neg.filter((r) => r.p >= (floor - 2) / 100).length).toBeGreaterThan(2);
  });

  it('does not buy recall with cue-less alarms below the floor, even when the recall target is missed', () => {
    // Emergencies the head scores only 0.06 without a cue: reaching them would flag half the bland texts.
    const data = [
      ...rows(90, { positive: true, cue: true, p: 0.9 }),
      ...rows(10, { positive: true, cue: false, p: 0.06 }),
      ...rows(500, { positive: false, cue: false, p: 0.05 }),
      ...rows(500, { positive: false, cue: false, p: 0.01 }),
    ];
    const t = pickEmergencyThresholds(data, 0.97, 0.05);
    expect(t.alone).toBeGreaterThan(0.06);
    expect(t.recall).toBe(0.9);
    expect(t.falseAlarms).toBe(0);
  });

  it('still lowers the threshold for texts with a cue word, where the recall comes from', () => {
    const data = [
      ...rows(97, { positive: true, cue: true, p: 0.3 }),
      ...rows(3, { positive: true, cue: false, p: 0.99 }),
      ...rows(50, { positive: false, cue: true, p: 0.2 }),
      ...rows(900, { positive: false, cue: false, p: 0.02 }),
    ];
    const t = pickEmergencyThresholds(data);
    expect(t.withCue).toBeLessThanOrEqual(0.3);
    expect(t.withCue).toBeGreaterThan(0.2);
    expect(t.recall).toBe(1);
    expect(t.falseAlarms).toBe(0);
  });

  it('picks the highest agitation threshold that still reaches the recall target', () => {
    const data = [
      ...rows(50, { positive: true, cue: true, p: 0.1 }),
      ...rows(50, { positive: true, cue: false, p: 0.6 }),
      ...rows(100, { positive: false, cue: false, p: 0.3 }),
    ];
    expect(pickFlagThreshold(data, 0.85)).toBe(0.6);
  });
});

describe('the cue-less floor at its edge', () => {
  it('turns cue-less alarms off when even 0.99 would ring too often', () => {
    const neg = rows(100, { positive: false, cue: false, p: 0.995 });
    expect(cuelessFloor(neg, 0.005)).toBe(101);
    const t = pickEmergencyThresholds([...neg, ...rows(10, { positive: true, cue: true, p: 0.5 })]);
    expect(t.alone).toBeGreaterThan(1);
    expect(t.recall).toBe(1);
  });
});
