/**
 * Incidents 同一事件: many complaints about one event are one incident, counted once with the number
 * of people and complaints (docs/domain-rules.md "Records, statistics and reports", statistics rules), and an
 * incident with ≥ 3 different complainants within a month, or a collective complaint by ≥ 3 people,
 * is a hot complaint 热点投诉 (docs/domain-rules.md "Levels and special complaints").
 */
import { normalizeText } from './classification/normalize';

export interface IncidentRules {
  /** Complaints this close in time may be the same event. */
  windowHours: number;
  /** Character-bigram Dice similarity above which two texts describe the same event. */
  minSimilarity: number;
  /** Different complainants within `hotWindowDays` that make a hot complaint. */
  hotComplainants: number;
  hotWindowDays: number;
  /** People in one collective complaint that make it hot at once. */
  collectiveMin: number;
}

export const DEFAULT_INCIDENT_RULES: IncidentRules = {
  windowHours: 72,
  minSimilarity: 0.35,
  hotComplainants: 3,
  hotWindowDays: 30,
  collectiveMin: 3,
};

const PLACE = /(\d+)\s*(?:栋|棟|幢|号楼|座|单元)/g;
/** Filler characters that say nothing about the event (particles, pronouns, question words). */
const FILLER = /[的了又还也就都很太吗呢啊吧呀哦嘛是在我你他她们这那什么怎么时候为啥请]/g;
const NOISE = /[\s\p{P}\p{S}]/gu;

/** What similarity looks at in a text: the building/unit numbers it names and its character bigrams. */
interface EventFeatures {
  places: string[];
  grams: Set<string>;
}

/**
 * The features of the texts read last, by text (read-only once made). Intake compares each new complaint with up
 * to 50 recent ones of its compound and category, mostly the same ones as for the complaint before: reading each
 * text once instead of once per comparison saves about 4% of the server's CPU (intake bench profile).
 */
const FEATURES_KEPT = 1000;
const featuresKept = new Map<string, EventFeatures>();

function featuresOf(text: string): EventFeatures {
  const kept = featuresKept.get(text);
  if (kept) return kept;
  const n = normalizeText(text);
  const t = n.replace(NOISE, '').replace(FILLER, '');
  const grams = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) grams.add(t.slice(i, i + 2));
  if (t.length === 1) grams.add(t);
  const f = { places: [...n.matchAll(PLACE)].map((m) => m[0].replace(/\s/g, '')), grams };
  // The oldest goes first (a Map keeps insertion order).
  if (featuresKept.size >= FEATURES_KEPT) featuresKept.delete(featuresKept.keys().next().value!);
  featuresKept.set(text, f);
  return f;
}

/** Building/unit numbers named in a text, e.g. "3栋2单元" → ['3栋', '2单元']. */
export function placesIn(text: string): string[] {
  const t = normalizeText(text);
  return [...t.matchAll(PLACE)].map((m) => m[0].replace(/\s/g, ''));
}

function similarity(a: EventFeatures, b: EventFeatures): number {
  if (a.places.length && b.places.length && !a.places.some((p) => b.places.includes(p))) return 0;
  let inter = 0;
  for (const g of a.grams) if (b.grams.has(g)) inter++;
  const total = a.grams.size + b.grams.size;
  return total ? (2 * inter) / total : 0;
}

/**
 * How alike two complaint texts are (0–1, Dice coefficient of character bigrams: kinder than Jaccard to a
 * short shout next to a long message); texts naming different buildings are never alike.
 */
export function eventSimilarity(a: string, b: string): number {
  return similarity(featuresOf(a), featuresOf(b));
}

export interface IncidentCandidate {
  text: string;
  category: string | null;
  location?: string | null;
  at: Date;
}

/** Whether a new complaint is about the same event as an earlier one (same category, close in time, alike). */
export function sameEvent(
  incoming: IncidentCandidate,
  earlier: IncidentCandidate,
  rules: IncidentRules = DEFAULT_INCIDENT_RULES,
): boolean {
  return sameEventMatcher(incoming, rules)(earlier);
}

/**
 * `sameEvent` for one new complaint against many earlier ones: the new text is read once, not once per
 * earlier complaint (intake compares each complaint with up to 50 recent ones).
 */
export function sameEventMatcher(
  incoming: IncidentCandidate,
  rules: IncidentRules = DEFAULT_INCIDENT_RULES,
): (earlier: IncidentCandidate) => boolean {
  const text = (c: IncidentCandidate) => `${c.location ?? ''} ${c.text}`;
  let mine: EventFeatures | null = null;
  return (earlier) => {
    if (!incoming.category || incoming.category !== earlier.category) return false;
    if (Math.abs(incoming.at.getTime() - earlier.at.getTime()) > rules.windowHours * 3600_000) return false;
    mine ??= featuresOf(text(incoming));
    const theirs = featuresOf(text(earlier));
    // Naming the same building or unit is strong evidence of the same event: a lower bar then.
    const samePlace = mine.places.some((p) => theirs.places.includes(p));
    return similarity(mine, theirs) >= rules.minSimilarity - (samePlace ? 0.1 : 0);
  };
}

export interface IncidentState {
  /** Distinct complainants (a collective complaint counts its people). */
  complainants: number;
  firstAt: Date;
  lastAt: Date;
  /** Largest number of people in one collective complaint. */
  largestGroup: number;
}

/** 热点投诉: ≥ 3 different complainants within a month, or a collective complaint by ≥ 3 people. */
export function isHot(s: IncidentState, rules: IncidentRules = DEFAULT_INCIDENT_RULES): boolean {
  if (s.largestGroup >= rules.collectiveMin) return true;
  const withinWindow = s.lastAt.getTime() - s.firstAt.getTime() <= rules.hotWindowDays * 24 * 3600_000;
  return withinWindow && s.complainants >= rules.hotComplainants;
}
