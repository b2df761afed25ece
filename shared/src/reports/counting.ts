/**
 * The complaint classification statistics table 顾客投诉分类统计表 and the handbook's counting rules
 * (docs/domain-rules.md "Records, statistics and reports"; the customer-service handbook, 客户投诉统计说明):
 *
 * 1. Count by the FINAL cause: the ticket's category as finally corrected, not the first guess.
 * 2. One complainant's different issues count separately: every complaint not linked to an event is one.
 * 3. One event complained about by many people counts ONCE, with how many people and how many times.
 *    The server links such complaints into an incident 同一事件 (tickets.incidentId).
 * 4. Online posts about one event count once, with their heat (the number of posts); a follow-up post
 *    with new content is a new complaint (not linked to the event), so it counts separately by rule 2.
 *
 * Choices where the handbook is silent, made here once:
 * - A withdrawn complaint (cancelled) is not counted: the person who checks the records decides what is
 *   counted (the customer-service handbook, 统计说明 2), and a withdrawal means there was nothing to handle.
 * - An event's complaints whose final categories differ (staff corrected one of them) count once per
 *   category: a different final cause is a different issue.
 * - Each month counts the complaints received that month: an event that draws complaints in two months
 *   counts once in each, with that month's people and times, so a month's table never changes after the
 *   month is reported except through late corrections.
 * - The cause 人/机/料/法/环 of a counted item is the factor and sub-factor of one of its complaints (the
 *   smallest "factor:sub" pair), so an event counts once in the cause analysis too.
 *
 * This file is what production runs: the server's rollup (server/src/reports/rollup-rows.ts) puts each
 * project's month of complaints through `countedItems`, `tallyItems` and `tallyCauses` and stores the
 * tallies; SQL only adds stored tallies up over projects and months; `classificationTable` lays them out.
 * The public notice groups its lines with the same `countedGroups` and `peopleOf`.
 */
import { CATEGORY_NAMES } from '../classification/categories';
import { WITHDRAWN_STATUS } from './ticket-kpis';

/** Row label for complaints still without a category (shown only when there are any). */
export const UNCLASSIFIED = '未分类';

/** A complaint as the statistics see it. */
export interface ComplaintForCount {
  id: string;
  /** Final category (one of the eight), or null when still unclassified. */
  category: string | null;
  /** The event 同一事件 it belongs to, if any. */
  incidentId: string | null;
  channel: string;
  status: string;
  /** Who complained (resident id, else phone); null for an anonymous complaint (a person of its own). */
  complainantKey: string | null;
  /** People behind it: > 1 for a collective complaint registered by staff. */
  peopleCount: number;
  /** 重大投诉: compensation claimed ≥ 10,000 yuan. */
  major: boolean;
  /** Its event is a hot complaint 热点投诉. */
  hot: boolean;
  /** Cause factor 人/机/料/法/环 (a CAUSE_FACTORS code) and sub-factor found when it was handled, if any. */
  causeFactor?: string | null;
  causeSub?: string | null;
}

/** One counted complaint 投诉件: a lone complaint, or one event's complaints in one category. */
export interface CountedItem {
  category: string;
  /** 'ticket:<id>' or 'incident:<id>'. */
  key: string;
  /** Complaints received 受理次数. */
  times: number;
  /** People who complained 涉及人数 (a collective complaint counts its people). */
  people: number;
  /** Counted from several complaints about one event. */
  event: boolean;
  /** Came in (at least partly) through online posts. */
  online: boolean;
  /** Online posts about it 跟帖热度. */
  onlinePosts: number;
  /** Every complaint in it is closed 已办结. */
  closed: boolean;
  major: boolean;
  hot: boolean;
  /** Its cause for the cause analysis: one complaint's factor and sub-factor ('' when none), or null. */
  cause: { factor: string; sub: string } | null;
}

/** Sums for one category: what the rollup stores per project and month, and what the table is made of. */
export interface CategoryTally {
  category: string;
  /** Counted complaints 投诉件数. */
  items: number;
  times: number;
  people: number;
  /** Items that are one event counted once. */
  eventItems: number;
  onlineItems: number;
  onlineHeat: number;
  closedItems: number;
  majorItems: number;
  hotItems: number;
}

export const ONLINE_CHANNEL = 'online';

/** Quarterly summary to HQ of complaints about the developer 开发商相关类 (施工方遗留问题). */
export const DEVELOPER_CATEGORY = '开发商相关类';

/** A withdrawn complaint is not counted (see the file comment). */
export function isCounted(c: Pick<ComplaintForCount, 'status'>): boolean {
  return c.status !== WITHDRAWN_STATUS;
}

/** Rules 2 and 3: complaints with the same key and final category are one counted item. */
export function groupKeyOf(c: Pick<ComplaintForCount, 'id' | 'incidentId'>): string {
  return c.incidentId ? `incident:${c.incidentId}` : `ticket:${c.id}`;
}

/**
 * Rules 1–3 and the withdrawn ones left out: the counted complaints grouped into counted items (the same
 * final category and the same event, or the lone complaint), in the order they first appear.
 */
export function countedGroups<T extends Pick<ComplaintForCount, 'id' | 'category' | 'incidentId' | 'status'>>(
  complaints: readonly T[],
): T[][] {
  const groups = new Map<string, T[]>();
  for (const c of complaints) {
    if (!isCounted(c)) continue;
    const k = `${c.category ?? UNCLASSIFIED}\u0000${groupKeyOf(c)}`;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.values()];
}

/**
 * People behind a group of complaints: distinct complainants (anonymous ones each a person), plus the
 * extra people of collective complaints — the same count the incident keeps (server/src/incidents).
 */
export function peopleOf(
  group: readonly Pick<ComplaintForCount, 'id' | 'complainantKey' | 'peopleCount'>[],
): number {
  const distinct = new Set(group.map((c) => c.complainantKey ?? `ticket:${c.id}`)).size;
  return distinct + group.reduce((a, c) => a + Math.max(0, c.peopleCount - 1), 0);
}

/** Every complaint of the group closed 已办结. */
export function allClosed(group: readonly Pick<ComplaintForCount, 'status'>[]): boolean {
  return group.every((c) => c.status === 'closed');
}

/** The item's cause: the smallest "factor:sub" pair among its complaints with a factor. */
function causeOf(group: readonly ComplaintForCount[]): CountedItem['cause'] {
  let best: string | null = null;
  for (const c of group) {
    if (!c.causeFactor) continue;
    const pair = `${c.causeFactor}:${c.causeSub ?? ''}`;
    if (best === null || pair < best) best = pair;
  }
  if (best === null) return null;
  const at = best.indexOf(':');
  return { factor: best.slice(0, at), sub: best.slice(at + 1) };
}

/** The counted items of a set of complaints (one month, one project or the company). */
export function countedItems(complaints: readonly ComplaintForCount[]): CountedItem[] {
  return countedGroups(complaints).map((g) => {
    const online = g.filter((c) => c.channel === ONLINE_CHANNEL).length;
    return {
      category: g[0].category ?? UNCLASSIFIED,
      key: groupKeyOf(g[0]),
      times: g.length,
      people: peopleOf(g),
      event: g[0].incidentId !== null,
      online: online > 0,
      onlinePosts: online,
      closed: allClosed(g),
      major: g.some((c) => c.major),
      hot: g.some((c) => c.hot),
      cause: causeOf(g),
    };
  });
}

export function emptyTally(category: string): CategoryTally {
  return {
    category,
    items: 0,
    times: 0,
    people: 0,
    eventItems: 0,
    onlineItems: 0,
    onlineHeat: 0,
    closedItems: 0,
    majorItems: 0,
    hotItems: 0,
  };
}

/** The additive fields of a tally (the rollup's columns). */
export const TALLY_FIELDS = [
  'items',
  'times',
  'people',
  'eventItems',
  'onlineItems',
  'onlineHeat',
  'closedItems',
  'majorItems',
  'hotItems',
] as const;

/** Adds tallies of the same category (projects into the company, months into a quarter). */
export function mergeTallies(tallies: readonly CategoryTally[]): CategoryTally[] {
  const by = new Map<string, CategoryTally>();
  for (const t of tallies) {
    const acc = by.get(t.category) ?? emptyTally(t.category);
    for (const f of TALLY_FIELDS) acc[f] += Number(t[f]) || 0;
    by.set(t.category, acc);
  }
  return [...by.values()];
}

/** Per-category tallies of counted items (what the rollup stores for a project's month). */
export function tallyItems(items: readonly CountedItem[]): CategoryTally[] {
  return mergeTallies(
    items.map((i) => ({
      category: i.category,
      items: 1,
      times: i.times,
      people: i.people,
      eventItems: i.event ? 1 : 0,
      onlineItems: i.online ? 1 : 0,
      onlineHeat: i.onlinePosts,
      closedItems: i.closed ? 1 : 0,
      majorItems: i.major ? 1 : 0,
      hotItems: i.hot ? 1 : 0,
    })),
  );
}

/** Counted items of one category with one cause (the rollup of the cause analysis 原因分析). */
export interface CauseTally {
  category: string;
  factor: string;
  /** '' when the sub-factor was not given. */
  sub: string;
  items: number;
}

/** Counted items per category and cause; items without a cause are left out. */
export function tallyCauses(items: readonly CountedItem[]): CauseTally[] {
  const by = new Map<string, CauseTally>();
  for (const i of items) {
    if (!i.cause) continue;
    const k = `${i.category}\u0000${i.cause.factor}\u0000${i.cause.sub}`;
    const acc = by.get(k) ?? { category: i.category, factor: i.cause.factor, sub: i.cause.sub, items: 0 };
    acc.items += 1;
    by.set(k, acc);
  }
  return [...by.values()];
}

export interface ClassificationRow extends CategoryTally {
  /** Share of the month's counted complaints (0–1), null when there are none. */
  share: number | null;
  /** Closed items ÷ items, null when there are none. */
  closeRate: number | null;
}

export interface ClassificationTable {
  /** The eight categories in the handbook's order (zeros included), then 未分类 when any. */
  rows: ClassificationRow[];
  total: ClassificationRow;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The table from per-category tallies (the stored rollups of any projects and months, summed): the eight
 * categories in the handbook's order, zeros included, then anything else, then 未分类 when any.
 */
export function classificationTable(tallies: readonly CategoryTally[]): ClassificationTable {
  const merged = new Map(mergeTallies(tallies).map((t) => [t.category, t]));
  const order: string[] = [...CATEGORY_NAMES];
  const unknown = [...merged.keys()].filter((k) => !order.includes(k)).sort();
  // Anything outside the eight (old data, a null category) is shown, never silently dropped.
  for (const k of unknown) if (k !== UNCLASSIFIED) order.push(k);
  if (merged.get(UNCLASSIFIED)?.items) order.push(UNCLASSIFIED);
  const total =
    mergeTallies([...merged.values()].map((t) => ({ ...t, category: '合计' })))[0] ?? emptyTally('合计');
  const row = (t: CategoryTally): ClassificationRow => ({
    ...t,
    share: ratio(t.items, total.items),
    closeRate: ratio(t.closedItems, t.items),
  });
  return {
    rows: order.map((c) => row(merged.get(c) ?? emptyTally(c))),
    total: row(total),
  };
}

/** The whole rulebook in one call: complaints → 顾客投诉分类统计表 (the rollup's steps, for one set). */
export function countComplaints(complaints: readonly ComplaintForCount[]): ClassificationTable {
  return classificationTable(tallyItems(countedItems(complaints)));
}
