import {
  allocateSample,
  customerTypeOf,
  drawSample,
  sampleSize,
  samplingRulesError,
  seededRandom,
  type SamplingUnit,
  type Stratum,
} from './sampling';

const RULES = { rate: 0.2, min: 20 };

/** A compound like the demo one: buildings × units × floors × 2 flats, customer types cycling. */
function compound(
  buildings: number,
  perBuilding: number,
  types = ['key', 'new', 'settling', 'stable', 'long_standing'],
) {
  const units: SamplingUnit[] = [];
  for (let b = 1; b <= buildings; b++)
    for (let i = 0; i < perBuilding; i++) {
      const label = `${b}栋${String(i + 1).padStart(3, '0')}`;
      units.push({
        id: `id-${b}-${i}`,
        sortKey: label,
        building: `${b}栋`,
        // Uneven types: key customers are rare.
        customerType: i % 12 === 0 ? types[0] : types[1 + ((i * 7 + b) % (types.length - 1))],
      });
    }
  return units;
}

const count = <T>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, number>();
  xs.forEach((x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1));
  return m;
};

describe('sample size 样本量: at least 20% and at least 20', () => {
  it('takes 20 when 20% would be fewer', () => {
    expect(sampleSize(72, RULES)).toBe(20);
    expect(sampleSize(100, RULES)).toBe(20);
  });
  it('takes 20%, rounded up, when that is more than 20', () => {
    expect(sampleSize(101, RULES)).toBe(21);
    expect(sampleSize(500, RULES)).toBe(100);
    expect(sampleSize(1234, RULES)).toBe(247);
  });
  it('takes every household when there are 20 or fewer', () => {
    expect(sampleSize(20, RULES)).toBe(20);
    expect(sampleSize(7, RULES)).toBe(7);
    expect(sampleSize(0, RULES)).toBe(0);
  });
  it('honours stricter campaign settings, never looser ones', () => {
    expect(sampleSize(100, { rate: 0.3, min: 20 })).toBe(30);
    expect(sampleSize(50, { rate: 0.2, min: 25 })).toBe(25);
    expect(samplingRulesError({ rate: 0.1, min: 20 })).toBe('抽样比例应在 20%–100% 之间');
    expect(samplingRulesError({ rate: 0.2, min: 10 })).toBe('最少样本量应为不小于 20 的整数');
    expect(samplingRulesError({ rate: 0.25, min: 30 })).toBeNull();
    expect(() => drawSample(compound(1, 30), { rate: 0.15, min: 20 }, 's')).toThrow(RangeError);
  });
});

describe('customer types 客户类型', () => {
  const now = new Date('2026-11-20T04:00:00Z');
  it('puts key customers apart, the others by tenure', () => {
    expect(customerTypeOf({ keyCustomerReasons: ['owners_committee'], moveInDate: '2020-01-01' }, now)).toBe(
      'key',
    );
    expect(customerTypeOf({ keyCustomerReasons: [], moveInDate: '2026-09-01' }, now)).toBe('new');
    expect(customerTypeOf({ keyCustomerReasons: [], moveInDate: '2025-12-01' }, now)).toBe('settling');
    expect(customerTypeOf({ keyCustomerReasons: [], moveInDate: '2025-01-01' }, now)).toBe('stable');
    expect(customerTypeOf({ keyCustomerReasons: [], moveInDate: '2020-01-01' }, now)).toBe('long_standing');
    expect(customerTypeOf({ keyCustomerReasons: ['no_such_reason'], moveInDate: null }, now)).toBe('unknown');
  });
});

describe('proportional allocation 按比例分配 with controlled rounding', () => {
  /** Checks the three promises: exact total; every stratum, building and type within 1 of its share. */
  function checkAllocation(strata: Stratum[], n: number) {
    const alloc = allocateSample(strata, n);
    const N = strata.reduce((a, s) => a + s.size, 0);
    expect(alloc.reduce((a, s) => a + s.sample, 0)).toBe(n);
    const within = (got: number, size: number) => {
      const share = (n * size) / N;
      expect(got).toBeGreaterThanOrEqual(Math.floor(share + 1e-9));
      expect(got).toBeLessThanOrEqual(Math.ceil(share - 1e-9));
    };
    for (const s of alloc) {
      within(s.sample, s.size);
      expect(s.sample).toBeLessThanOrEqual(s.size);
    }
    for (const margin of ['building', 'customerType'] as const) {
      const keys = new Set(strata.map((s) => s[margin]));
      for (const k of keys)
        within(
          alloc.filter((s) => s[margin] === k).reduce((a, s) => a + s.sample, 0),
          strata.filter((s) => s[margin] === k).reduce((a, s) => a + s.size, 0),
        );
    }
    return alloc;
  }

  it('splits 20 of 72 households over 3 equal buildings as 7 / 7 / 6', () => {
    const strata = ['1栋', '2栋', '3栋'].map((building) => ({ building, customerType: 'stable', size: 24 }));
    const alloc = checkAllocation(strata, 20);
    expect(alloc.map((a) => a.sample).sort()).toEqual([6, 7, 7]);
  });

  it('keeps every building and every customer type within one household of its share (hand-made case)', () => {
    // 25 strata each due 0.8 of a household: rounding each stratum on its own cannot keep all five
    // buildings and all five types at 4, the controlled rounding does.
    const strata: Stratum[] = [];
    for (const b of ['A', 'B', 'C', 'D', 'E'])
      for (const t of ['key', 'new', 'settling', 'stable', 'long_standing'])
        strata.push({ building: b, customerType: t, size: 3 });
    checkAllocation(strata, 20); // every stratum share 0.8
  });

  it('rounds up the strata with the largest remainders when nothing else constrains it', () => {
    // One building: shares 9.63 / 6.67 / 3.70 → floors 9 + 6 + 3 = 18, the two largest remainders
    // (.70 and .67) get one more each.
    const alloc = checkAllocation(
      [
        { building: 'A', customerType: 'long_standing', size: 13 },
        { building: 'A', customerType: 'stable', size: 9 },
        { building: 'A', customerType: 'new', size: 5 },
      ],
      20,
    );
    expect(alloc.map((a) => a.sample)).toEqual([9, 7, 4]);
  });

  it('holds for many random compounds', () => {
    const random = seededRandom('allocation-property');
    for (let trial = 0; trial < 300; trial++) {
      const strata: Stratum[] = [];
      const nb = 1 + Math.floor(random() * 8);
      const nt = 1 + Math.floor(random() * 5);
      for (let b = 0; b < nb; b++)
        for (let t = 0; t < nt; t++)
          strata.push({ building: `b${b}`, customerType: `t${t}`, size: Math.floor(random() * 30) });
      const N = strata.reduce((a, s) => a + s.size, 0);
      if (N === 0) continue;
      checkAllocation(strata, sampleSize(N, RULES));
      checkAllocation(strata, Math.floor(random() * (N + 1)));
    }
  });

  it('refuses to sample more than there are', () => {
    expect(() => allocateSample([{ building: 'A', customerType: 'x', size: 3 }], 4)).toThrow(RangeError);
  });
});

describe('drawing the sample 抽样', () => {
  it('draws 20 of the 72 demo households, 6–7 per building, spread over customer types', () => {
    const units = compound(3, 24);
    const s = drawSample(units, RULES, 'campaign-2026-q4');
    expect(s.size).toBe(20);
    expect(s.ids).toHaveLength(20);
    expect(new Set(s.ids).size).toBe(20);
    const byId = new Map(units.map((u) => [u.id, u]));
    const picked = s.ids.map((id) => byId.get(id)!);
    const perBuilding = count(picked, (u) => u.building);
    for (const b of ['1栋', '2栋', '3栋']) expect([6, 7]).toContain(perBuilding.get(b));
    const population = count(units, (u) => u.customerType);
    const perType = count(picked, (u) => u.customerType);
    for (const [t, size] of population) {
      const share = (20 * size) / 72;
      expect(perType.get(t) ?? 0).toBeGreaterThanOrEqual(Math.floor(share));
      expect(perType.get(t) ?? 0).toBeLessThanOrEqual(Math.ceil(share));
    }
    expect(s.byBuilding).toEqual([
      { key: '1栋', population: 24, sample: perBuilding.get('1栋') },
      { key: '2栋', population: 24, sample: perBuilding.get('2栋') },
      { key: '3栋', population: 24, sample: perBuilding.get('3栋') },
    ]);
  });

  it('samples at least 20% of a large compound', () => {
    const units = compound(10, 53); // 530 households
    const s = drawSample(units, RULES, 'big');
    expect(s.size).toBe(106);
    expect(s.ids.length / units.length).toBeGreaterThanOrEqual(0.2);
    for (const b of s.byBuilding) expect([10, 11]).toContain(b.sample);
  });

  it('takes every household of a small compound', () => {
    const units = compound(2, 6);
    const s = drawSample(units, RULES, 'small');
    expect(s.ids.sort()).toEqual(units.map((u) => u.id).sort());
  });

  it('is deterministic per seed, whatever order the households come in', () => {
    const units = compound(3, 24);
    const a = drawSample(units, RULES, 'seed-1');
    const b = drawSample([...units].reverse(), RULES, 'seed-1');
    expect(b.ids).toEqual(a.ids);
    const c = drawSample(units, RULES, 'seed-2');
    expect(c.ids).not.toEqual(a.ids);
    expect(c.size).toBe(a.size);
  });

  it('gives every household a fair chance over many seeds', () => {
    const units = compound(1, 40, ['key', 'stable']).map((u) => ({ ...u, customerType: 'stable' }));
    const hits = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const id of drawSample(units, RULES, `fair-${i}`).ids) hits.set(id, (hits.get(id) ?? 0) + 1);
    // Each is drawn with probability 20/40 = 0.5: about 1000 of 2000 times.
    for (const u of units) expect(Math.abs((hits.get(u.id) ?? 0) - 1000)).toBeLessThan(130);
  });
});
