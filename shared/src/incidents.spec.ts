import { eventSimilarity, isHot, placesIn, sameEvent } from './incidents';

const at = (iso: string) => new Date(iso);

describe('one event, many complaints (同一事件)', () => {
  it('finds the same event in differently worded complaints', () => {
    expect(eventSimilarity('3栋电梯又坏了！', '3栋的电梯坏了，又停了')).toBeGreaterThanOrEqual(0.35);
    expect(eventSimilarity('3栋電梯又壞了', '3栋电梯又坏了')).toBeGreaterThan(0.9);
  });

  it('never links complaints that name different buildings', () => {
    expect(placesIn('3栋2单元电梯停在5楼')).toEqual(['3栋', '2单元']);
    expect(eventSimilarity('3栋电梯又坏了', '5栋电梯又坏了')).toBe(0);
  });

  it('needs the same category and a short time apart', () => {
    const a = { text: '3栋电梯又坏了', category: '设备管理类', at: at('2026-11-01T08:00:00Z') };
    expect(sameEvent({ ...a, text: '3栋电梯坏了没人修', at: at('2026-11-01T10:00:00Z') }, a)).toBe(true);
    expect(
      sameEvent(
        { ...a, text: '3栋电梯坏了没人修', category: '综合服务类', at: at('2026-11-01T10:00:00Z') },
        a,
      ),
    ).toBe(false);
    expect(sameEvent({ ...a, at: at('2026-11-08T10:00:00Z') }, a)).toBe(false);
    expect(sameEvent({ ...a, text: '小区门口垃圾堆了三天没人清', at: at('2026-11-01T09:00:00Z') }, a)).toBe(
      false,
    );
    // same building, same category, different thing
    expect(sameEvent({ ...a, text: '3栋水管漏水了', at: at('2026-11-01T09:00:00Z') }, a)).toBe(false);
  });
});

describe('hot complaints (热点投诉)', () => {
  const base = { firstAt: at('2026-11-01T00:00:00Z'), lastAt: at('2026-11-20T00:00:00Z'), largestGroup: 1 };
  it('are hot from the third different complainant within a month', () => {
    expect(isHot({ ...base, complainants: 2 })).toBe(false);
    expect(isHot({ ...base, complainants: 3 })).toBe(true);
  });
  it('are not hot when the three complaints are spread over more than a month', () => {
    expect(isHot({ ...base, complainants: 3, lastAt: at('2026-12-15T00:00:00Z') })).toBe(false);
  });
  it('are hot at once for a collective complaint by three or more people', () => {
    expect(isHot({ ...base, complainants: 1, largestGroup: 3 })).toBe(true);
  });
});
