#!/usr/bin/env node
// Checks hand-written corpus files (JSON lines) against the labelling schema of
// docs/classification-rules.md and prints counts. `node scripts/corpus-check.mjs FILE...`
// Exit 1 when a line is malformed; duplicate texts are reported.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lib, root } from './classify-lib.mjs';

// The vocabularies come from the library itself (built first when needed), so the checker never drifts from it.
const L = lib();
const CATEGORIES = L.CATEGORY_NAMES;
const KINDS = createRequire(import.meta.url)(join(root, 'shared/dist/tickets.js')).TICKET_KINDS;
const EMERGENCIES = L.EMERGENCY_KINDS;

export function checkRow(r) {
  const errs = [];
  if (typeof r.id !== 'string' || !r.id) errs.push('id');
  if (typeof r.text !== 'string') errs.push('text');
  else {
    const n = [...r.text].length;
    if (n < 2 || n > 400) errs.push(`text length ${n}`);
  }
  if (!CATEGORIES.includes(r.category)) errs.push(`category ${r.category}`);
  if (!KINDS.includes(r.kind)) errs.push(`kind ${r.kind}`);
  if (r.surface !== undefined && r.surface !== null && !CATEGORIES.includes(r.surface))
    errs.push(`surface ${r.surface}`);
  if (r.emergency !== null && !EMERGENCIES.includes(r.emergency)) errs.push(`emergency ${r.emergency}`);
  if (typeof r.agitated !== 'boolean') errs.push('agitated');
  if (r.compensationYuan !== null && !(typeof r.compensationYuan === 'number' && r.compensationYuan > 0))
    errs.push('compensationYuan');
  if (r.ambiguous !== undefined && typeof r.ambiguous !== 'boolean') errs.push('ambiguous');
  return errs;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  let bad = 0;
  const texts = new Map();
  const count = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  const byCat = new Map(),
    byKind = new Map(),
    byEm = new Map();
  let rows = 0,
    cvs = 0,
    ag = 0,
    comp = 0;
  for (const f of process.argv.slice(2)) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        let r;
        try {
          r = JSON.parse(line);
        } catch (e) {
          bad++;
          console.log(`${f}:${i + 1}: not JSON: ${e.message}`);
          return;
        }
        const errs = checkRow(r);
        if (errs.length) {
          bad++;
          console.log(`${f}:${i + 1}: ${errs.join(', ')}`);
          return;
        }
        rows++;
        if (texts.has(r.text)) console.log(`${f}:${i + 1}: duplicate text of ${texts.get(r.text)}`);
        texts.set(r.text, `${f}:${i + 1}`);
        count(byCat, r.category);
        count(byKind, r.kind);
        count(byEm, r.emergency ?? 'none');
        if (r.surface && r.surface !== r.category) cvs++;
        if (r.agitated) ag++;
        if (r.compensationYuan) comp++;
      });
  }
  console.log(
    `${rows} rows, ${bad} bad; surface≠cause ${cvs} (${((cvs / Math.max(1, rows)) * 100).toFixed(0)}%), agitated ${ag}, compensation ${comp}`,
  );
  console.log('categories', Object.fromEntries(byCat));
  console.log('kinds', Object.fromEntries(byKind));
  console.log('emergencies', Object.fromEntries(byEm));
  process.exit(bad ? 1 : 0);
}
