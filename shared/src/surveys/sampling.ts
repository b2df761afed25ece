/**
 * The survey sample 抽样 (docs/domain-rules.md "Satisfaction surveys"; the satisfaction-management handbook
 * (3) 确定要测量的样本): at least 20% of households and at least 20 in absolute terms (all of them when there
 * are fewer), spread evenly over buildings (物业类型) and customer types (客户类型), drawn at random with a
 * seed so the same population and seed always give the same list — fixed in advance, never chosen by the
 * service centre.
 */
import { isKeyCustomerReason, Tenure, TENURE_LABELS, tenureOf } from '../customers';

/** Customer type 客户类型 for spreading the sample: key customers 重点客户 apart, others by tenure. */
export type CustomerType = 'key' | Tenure | 'unknown';

export const CUSTOMER_TYPE_LABELS: Record<CustomerType, string> = {
  key: '重点客户',
  ...TENURE_LABELS,
  unknown: '入住时间不详',
};

export function customerTypeOf(
  household: { keyCustomerReasons: readonly string[]; moveInDate: string | null },
  now: Date,
): CustomerType {
  if (household.keyCustomerReasons.some(isKeyCustomerReason)) return 'key';
  return household.moveInDate ? tenureOf(household.moveInDate, now) : 'unknown';
}

/** Sampling rules 抽样规则 of a campaign. */
export interface SamplingRules {
  /** Share of households, 0.2 … 1. */
  rate: number;
  /** Smallest sample, ≥ 20. */
  min: number;
}

/** The handbook's floor: 采样率不小于20%，绝对样本量不小于20. A campaign may ask for more, never less. */
export const MIN_SAMPLING: SamplingRules = { rate: 0.2, min: 20 };
export const DEFAULT_SAMPLING: SamplingRules = { ...MIN_SAMPLING };

/** Why the rules cannot be used, in Chinese, or null. */
export function samplingRulesError(rules: SamplingRules): string | null {
  if (!Number.isFinite(rules.rate) || rules.rate < MIN_SAMPLING.rate || rules.rate > 1)
    return `抽样比例应在 ${MIN_SAMPLING.rate * 100}%–100% 之间`;
  if (!Number.isInteger(rules.min) || rules.min < MIN_SAMPLING.min || rules.min > 100000)
    return `最少样本量应为不小于 ${MIN_SAMPLING.min} 的整数`;
  return null;
}

/** How many households to sample out of `population`: max(min, ⌈rate·N⌉), all of them when fewer. */
export function sampleSize(population: number, rules: SamplingRules = DEFAULT_SAMPLING): number {
  if (population <= 0) return 0;
  // Rates are stored as decimals (0.2): round away float noise before taking the ceiling.
  const byRate = Math.ceil(Math.round(rules.rate * population * 1e6) / 1e6);
  return Math.min(population, Math.max(rules.min, byRate));
}

/** One household that may be sampled. */
export interface SamplingUnit {
  id: string;
  /** Orders the population independently of database ids, e.g. the household label 1栋1单元101. */
  sortKey: string;
  building: string;
  customerType: string;
}

export interface Stratum {
  building: string;
  customerType: string;
  /** Households in the population. */
  size: number;
}

export interface StratumAllocation extends Stratum {
  sample: number;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Proportional allocation 按比例分配 of `n` over strata (building × customer type) with controlled
 * rounding: every stratum, every building's total and every customer type's total is its exact
 * share n·size/N rounded down or up, and the totals add up to exactly `n`. (A plain per-stratum
 * rounding keeps the total but can drift a whole building away from its share.)
 * Found as an integer min-cost flow: rows = buildings, columns = customer types, each stratum may take
 * one household above its floor, preferring the largest remainders; a flow always exists because the
 * exact shares are one (and network flows have integral optima).
 */
export function allocateSample(strata: readonly Stratum[], n: number): StratumAllocation[] {
  const cells = strata.filter((s) => s.size > 0);
  const N = cells.reduce((a, s) => a + s.size, 0);
  if (!Number.isInteger(n) || n < 0 || n > N) throw new RangeError(`cannot sample ${n} of ${N}`);
  if (N === 0) return [];
  const buildings = [...new Set(cells.map((c) => c.building))].sort(byCode);
  const types = [...new Set(cells.map((c) => c.customerType))].sort(byCode);
  // Exact share n·size/N = floor + rem/N, in integers.
  const floors = cells.map((c) => Math.floor((n * c.size) / N));
  const rems = cells.map((c) => (n * c.size) % N);
  const rowRem = buildings.map((b) => cells.reduce((a, c, i) => a + (c.building === b ? rems[i] : 0), 0));
  const colRem = types.map((t) => cells.reduce((a, c, i) => a + (c.customerType === t ? rems[i] : 0), 0));
  const extra = rems.reduce((a, r) => a + r, 0) / N; // households left after the floors (an integer)

  // Nodes: 0 source, 1 sink, rows, columns; lower bounds via the usual super source/sink.
  const S = 0;
  const T = 1;
  const row = (i: number) => 2 + i;
  const col = (j: number) => 2 + buildings.length + j;
  const SS = 2 + buildings.length + types.length;
  const TT = SS + 1;
  const flow = new MinCostFlow(TT + 1);
  const excess = new Array<number>(TT + 1).fill(0);
  const bounded = (u: number, v: number, lo: number, hi: number) => {
    excess[v] += lo;
    excess[u] -= lo;
    return flow.addEdge(u, v, hi - lo);
  };
  buildings.forEach((_, i) => bounded(S, row(i), Math.floor(rowRem[i] / N), Math.ceil(rowRem[i] / N)));
  types.forEach((_, j) => bounded(col(j), T, Math.floor(colRem[j] / N), Math.ceil(colRem[j] / N)));
  bounded(T, S, extra, extra);
  // Rounding a stratum up costs −remainder: among all allocations that keep the margins, the one
  // rounding up the largest remainders (the closest to the exact shares) wins.
  const cellEdge = new Map<number, number>();
  cells.forEach((cell, i) => {
    if (rems[i] === 0) return;
    const r = buildings.indexOf(cell.building);
    const c = types.indexOf(cell.customerType);
    cellEdge.set(i, flow.addEdge(row(r), col(c), 1, -rems[i]));
  });
  let need = 0;
  excess.forEach((e, v) => {
    if (e > 0) {
      flow.addEdge(SS, v, e);
      need += e;
    } else if (e < 0) flow.addEdge(v, TT, -e);
  });
  if (flow.run(SS, TT) !== need) throw new Error('controlled rounding found no allocation'); // cannot happen
  return cells.map((c, i) => ({
    building: c.building,
    customerType: c.customerType,
    size: c.size,
    sample: floors[i] + (cellEdge.has(i) ? flow.flowOn(cellEdge.get(i)!) : 0),
  }));
}

/**
 * Min-cost max-flow (successive shortest paths, Bellman–Ford) on a small graph: strata are a few
 * dozen at most. Costs let the allocation prefer rounding up the strata with the largest remainders.
 */
class MinCostFlow {
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];
  private orig: number[] = [];
  private adj: number[][];
  constructor(n: number) {
    this.adj = Array.from({ length: n }, () => []);
  }
  addEdge(u: number, v: number, c: number, cost = 0): number {
    const id = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.cost.push(cost, -cost);
    this.orig.push(c, 0);
    this.adj[u].push(id);
    this.adj[v].push(id + 1);
    return id;
  }
  flowOn(id: number): number {
    return this.orig[id] - this.cap[id];
  }
  run(s: number, t: number): number {
    let total = 0;
    const n = this.adj.length;
    for (;;) {
      const dist = new Array<number>(n).fill(Infinity);
      const prev = new Array<number>(n).fill(-1);
      dist[s] = 0;
      for (let round = 0, changed = true; changed && round < n; round++) {
        changed = false;
        for (let u = 0; u < n; u++) {
          if (dist[u] === Infinity) continue;
          for (const e of this.adj[u]) {
            const v = this.to[e];
            if (this.cap[e] > 0 && dist[u] + this.cost[e] < dist[v]) {
              dist[v] = dist[u] + this.cost[e];
              prev[v] = e;
              changed = true;
            }
          }
        }
      }
      if (dist[t] === Infinity) return total;
      let push = Infinity;
      for (let v = t; v !== s; v = this.to[prev[v] ^ 1]) push = Math.min(push, this.cap[prev[v]]);
      for (let v = t; v !== s; v = this.to[prev[v] ^ 1]) {
        this.cap[prev[v]] -= push;
        this.cap[prev[v] ^ 1] += push;
      }
      total += push;
    }
  }
}

/** A seeded pseudo-random generator (cyrb53-style hash of the seed text → mulberry32). */
export function seededRandom(seed: string): () => number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const ch = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let a = h1 >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleTally {
  key: string;
  population: number;
  sample: number;
}

export interface DrawnSample {
  seed: string;
  population: number;
  size: number;
  /** Sampled unit ids, in population order. */
  ids: string[];
  strata: StratumAllocation[];
  byBuilding: SampleTally[];
  byCustomerType: SampleTally[];
}

/**
 * Draws the sample: size by sampleSize(), split over building × customer type by allocateSample(),
 * then within each stratum a seeded random choice. Same units (in any order) + same seed → same ids.
 */
export function drawSample(units: readonly SamplingUnit[], rules: SamplingRules, seed: string): DrawnSample {
  const err = samplingRulesError(rules);
  if (err) throw new RangeError(err);
  if (new Set(units.map((u) => u.id)).size !== units.length) throw new RangeError('duplicate unit ids');
  const sorted = [...units].sort((a, b) => byCode(a.sortKey, b.sortKey) || byCode(a.id, b.id));
  const n = sampleSize(sorted.length, rules);
  const key = (b: string, t: string) => JSON.stringify([b, t]);
  const groups = new Map<string, SamplingUnit[]>();
  for (const u of sorted) {
    const k = key(u.building, u.customerType);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(u);
  }
  const strata = allocateSample(
    [...groups.values()].map((g) => ({
      building: g[0].building,
      customerType: g[0].customerType,
      size: g.length,
    })),
    n,
  ).sort((a, b) => byCode(a.building, b.building) || byCode(a.customerType, b.customerType));
  const random = seededRandom(seed);
  const chosen = new Set<string>();
  for (const s of strata) {
    const pool = [...groups.get(key(s.building, s.customerType))!];
    // Partial Fisher–Yates: the first s.sample places get a uniform random choice.
    for (let i = 0; i < s.sample; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
      chosen.add(pool[i].id);
    }
  }
  const tally = (pick: (x: { building: string; customerType: string }) => string): SampleTally[] => {
    const m = new Map<string, SampleTally>();
    for (const s of strata) {
      const k = pick(s);
      const t = m.get(k) ?? { key: k, population: 0, sample: 0 };
      t.population += s.size;
      t.sample += s.sample;
      m.set(k, t);
    }
    return [...m.values()].sort((a, b) => byCode(a.key, b.key));
  };
  return {
    seed,
    population: sorted.length,
    size: n,
    ids: sorted.filter((u) => chosen.has(u.id)).map((u) => u.id),
    strata,
    byBuilding: tally((s) => s.building),
    byCustomerType: tally((s) => s.customerType),
  };
}
