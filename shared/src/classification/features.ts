import { emojiGroups, modelText, normalizeText } from './normalize';
import { matchConcepts, type Concept } from './lexicon';
import { matchRules, type CauseRule } from './rules';
import { words } from './segment';
import { emergencyCues, rawEmergencyKinds, type EmergencyCue } from './emergency';

/** Sparse features of one text: names and values, plus what the rules and lexicon saw. */
export interface TextFeatures {
  normalized: string;
  /** The model form (numbers folded, punctuation → "|"), also used for correction look-ups. */
  folded: string;
  keys: string[];
  values: number[];
  rules: CauseRule[];
  concepts: Concept[];
  /** Emergency cues after their context filters (reused by the flags). */
  cues: EmergencyCue[];
}

/** Weight of a concept / rule / emoji indicator relative to the unit-length n-gram block. */
const CONCEPT_VALUE = 0.6;
const RULE_VALUE = 0.8;
const EMOJI_VALUE = 0.2;
const CUE_VALUE = 0.6;
/** Weight of the word block (jieba words, unit length) relative to the character n-gram block. */
const WORD_BLOCK = 0.8;

/** Character 1–3-grams inside punctuation-delimited segments (deduplicated). */
export function charNgrams(folded: string): string[] {
  const out = new Set<string>();
  for (const seg of folded.split('|')) {
    const chars = Array.from(seg.replace(/\s+/g, ''));
    for (let i = 0; i < chars.length; i++) {
      const a = chars[i];
      if (a !== '0') out.add(a);
      if (i + 1 < chars.length) out.add(a + chars[i + 1]);
      if (i + 2 < chars.length) out.add(a + chars[i + 1] + chars[i + 2]);
    }
  }
  return [...out];
}

export function extractFeatures(text: string): TextFeatures {
  const normalized = normalizeText(text);
  const folded = modelText(normalized);
  const grams = charNgrams(folded);
  const keys: string[] = [];
  const values: number[] = [];
  const g = grams.length ? 1 / Math.sqrt(grams.length) : 0;
  for (const k of grams) {
    keys.push(k);
    values.push(g);
  }
  const ws = [...new Set(words(folded))];
  const wv = ws.length ? WORD_BLOCK / Math.sqrt(ws.length) : 0;
  for (const w of ws) {
    keys.push(`W:${w}`);
    values.push(wv);
  }
  const concepts = matchConcepts(normalized);
  for (const c of concepts) {
    keys.push(`C:${c.id}`);
    values.push(CONCEPT_VALUE);
  }
  const rules = matchRules(normalized);
  for (const r of rules) {
    keys.push(`R:${r.id}`);
    values.push(RULE_VALUE);
  }
  // Emergency cues, before and after the context filters: the emergency head learns when they mean danger now.
  for (const k of rawEmergencyKinds(normalized)) {
    keys.push(`EMR:${k}`);
    values.push(CUE_VALUE);
  }
  const cues = emergencyCues(normalized);
  for (const c of cues) {
    keys.push(`EM:${c.kind}`);
    values.push(CUE_VALUE);
  }
  for (const e of emojiGroups(text)) {
    keys.push(`E:${e}`);
    values.push(EMOJI_VALUE);
  }
  return { normalized, folded, keys, values, rules, concepts, cues };
}

/** Character-bigram set of the folded text, for near-duplicate look-ups of staff corrections. */
export function bigramSet(folded: string): Set<string> {
  const s = new Set<string>();
  const chars = Array.from(folded.replace(/\|/g, ''));
  for (let i = 0; i + 1 < chars.length; i++) s.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) s.add(chars[0]);
  return s;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
