#!/usr/bin/env node
// Deterministic generator of the complaint-classification corpus (shared/corpus/complaints.jsonl and
// split.json). Scenario families and word lists live in ./classify-corpus-data.mjs; this file only
// expands them: templates → phrasings, slots → places/people/times, then moods, demands and noise
// (typos, traditional characters, full-width digits, emoji). Same code + same seed → same bytes.
// Needs `pnpm --filter @wuye/shared build` first (it borrows the traditional-character table).
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS, SLOTS, WRAP, TYPOS } from './classify-corpus-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { SIMP_TO_TRAD } = require(join(root, 'shared/dist/classification/normalize.js'));

const SEED = 20240611;
const PER_CATEGORY = 460; // texts per category (spread over its scenario families)
const TEST_SHARE = 0.2;

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashStr(s) {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h;
}

/** Expands "[a|b|[c|d]e]" alternatives and "{slot}" references. */
function expand(tpl, r, depth = 0) {
  if (depth > 8) throw new Error(`template too deep: ${tpl}`);
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const ch = tpl[i];
    if (ch === '[') {
      // find matching bracket, split top-level by |
      let lvl = 0;
      let j = i;
      const parts = [];
      let start = i + 1;
      for (; j < tpl.length; j++) {
        if (tpl[j] === '[') lvl++;
        else if (tpl[j] === ']') {
          lvl--;
          if (lvl === 0) break;
        } else if (tpl[j] === '|' && lvl === 1) {
          parts.push(tpl.slice(start, j));
          start = j + 1;
        }
      }
      if (j >= tpl.length) throw new Error(`unbalanced [ in: ${tpl}`);
      parts.push(tpl.slice(start, j));
      out += expand(parts[Math.floor(r() * parts.length)], r, depth + 1);
      i = j;
    } else if (ch === '{') {
      const j = tpl.indexOf('}', i);
      const name = tpl.slice(i + 1, j);
      const list = SLOTS[name];
      if (!list) throw new Error(`unknown slot {${name}} in: ${tpl}`);
      out += expand(list[Math.floor(r() * list.length)], r, depth + 1);
      i = j;
    } else out += ch;
  }
  return out;
}
const pick = (list, r) => list[Math.floor(r() * list.length)];
const chance = (p, r) => r() < p;

function endPunct(s, r) {
  if (/[。！？!?~…]$/.test(s)) return s;
  return s + pick(['。', '！', '，', '', '!', '。', '？', '...'], r);
}

/** Adds resident-style noise. */
function noisify(text, r) {
  let t = text;
  if (chance(0.12, r)) {
    // one or two homophone typos
    for (let k = 0; k < 2; k++) {
      const [right, wrong] = pick(TYPOS, r);
      if (t.includes(right)) t = t.replace(right, wrong);
    }
  }
  if (chance(0.06, r)) t = Array.from(t, (c) => SIMP_TO_TRAD.get(c) ?? c).join('');
  else if (chance(0.05, r))
    t = Array.from(t, (c) => (chance(0.35, r) ? (SIMP_TO_TRAD.get(c) ?? c) : c)).join('');
  if (chance(0.06, r)) t = t.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  if (chance(0.08, r)) t = t.replace(/[，。]/g, ' ');
  if (chance(0.05, r)) t = t.replace(/[，。！？]/g, '');
  if (chance(0.07, r)) t = t.replace(/[！!]$/, '！！！');
  return t;
}

function compose(sc, r) {
  const mode = r();
  const core = expand(pick(sc.t, r), r);
  const parts = [];
  if (mode < 0.22) {
    // short shout
    parts.push(core + pick(['！', '！！', '', '。', '!!!', '？', '了！'], r));
    if (chance(0.25, r)) parts.push(expand(pick(WRAP.shoutTail, r), r));
  } else {
    const long = mode > 0.85;
    if (chance(long ? 0.6 : 0.3, r)) parts.push(expand(pick(WRAP.greeting, r), r));
    if (chance(long ? 0.6 : 0.3, r) && !/\{址\}/.test(sc.t.join('')))
      parts.push(expand(pick(WRAP.self, r), r));
    parts.push(endPunct(core, r));
    const details = sc.d ?? [];
    if (details.length && chance(long ? 0.9 : 0.4, r)) parts.push(endPunct(expand(pick(details, r), r), r));
    if (long && details.length > 1 && chance(0.5, r)) parts.push(endPunct(expand(pick(details, r), r), r));
    if (chance(long ? 0.6 : 0.25, r)) parts.push(endPunct(expand(pick(WRAP.history, r), r), r));
    if (chance(long ? 0.5 : 0.15, r)) parts.push(endPunct(expand(pick(WRAP.impact, r), r), r));
    if (chance(long ? 0.8 : 0.2, r)) parts.push(endPunct(expand(pick(WRAP.anger, r), r), r));
    if (chance(long ? 0.35 : 0.04, r)) parts.push(endPunct(expand(pick(WRAP.threat, r), r), r));
    if (chance(long ? 0.5 : 0.35, r)) parts.push(endPunct(expand(pick(WRAP.demand, r), r), r));
  }
  let text = parts.join('');
  if (chance(0.14, r)) text += pick(WRAP.emoji, r);
  return noisify(text.replace(/，$/, '。'), r);
}

function main() {
  const byCat = new Map();
  for (const sc of SCENARIOS) {
    if (!byCat.has(sc.c)) byCat.set(sc.c, []);
    byCat.get(sc.c).push(sc);
  }
  const seenIds = new Set();
  for (const sc of SCENARIOS) {
    if (seenIds.has(sc.id)) throw new Error(`duplicate scenario id ${sc.id}`);
    seenIds.add(sc.id);
  }
  const rows = [];
  const testIds = [];
  const testFamilies = [];
  for (const [cat, list] of [...byCat.entries()].sort()) {
    // family-level split: ~20% of each category's scenario families go to test
    const order = [...list].sort((a, b) => hashStr(`${SEED}:${a.id}`) - hashStr(`${SEED}:${b.id}`));
    const nTest = Math.max(1, Math.round(list.length * TEST_SHARE));
    const testSet = new Set(order.slice(0, nTest).map((s) => s.id));
    const per = Math.ceil(PER_CATEGORY / list.length);
    for (const sc of list) {
      const r = rng(hashStr(`${SEED}/${sc.id}`));
      const seen = new Set();
      let made = 0;
      for (let attempt = 0; made < per && attempt < per * 12; attempt++) {
        const text = compose(sc, r);
        if (seen.has(text)) continue;
        seen.add(text);
        const id = `${sc.id}-${String(made + 1).padStart(2, '0')}`;
        rows.push({ id, text, category: cat, causeVsSurface: !!sc.cvs, family: sc.id });
        if (testSet.has(sc.id)) testIds.push(id);
        made++;
      }
    }
    testFamilies.push(...testSet);
  }
  const dir = join(root, 'shared/corpus');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'complaints.jsonl'), rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
  writeFileSync(
    join(dir, 'split.json'),
    JSON.stringify(
      {
        description:
          'Fixed split. Test = every text of the listed scenario families (~20% of families per category), so near-duplicates never straddle train and test. Train = all other ids.',
        seed: SEED,
        testFamilies: testFamilies.sort(),
        test: testIds,
      },
      null,
      1,
    ) + '\n',
  );
  const stats = {};
  for (const row of rows) {
    stats[row.category] ??= { total: 0, cvs: 0, test: 0 };
    stats[row.category].total++;
    if (row.causeVsSurface) stats[row.category].cvs++;
  }
  const testSet = new Set(testIds);
  for (const row of rows) if (testSet.has(row.id)) stats[row.category].test++;
  console.log(
    `${rows.length} texts, ${rows.filter((x) => x.causeVsSurface).length} cause-vs-surface, ${testIds.length} test`,
  );
  console.table(stats);
}
main();
