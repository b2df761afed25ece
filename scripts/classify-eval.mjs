#!/usr/bin/env node
// `pnpm classify:eval`: accuracy, macro-F1, confusion matrix and auto-routing figures of
// shared/model/classifier.json on the fixed test split (and on the hand-written set, if present).
// `--threshold 0.8` evaluates at another threshold.
import { existsSync, readFileSync } from 'node:fs';
import { corpusSplit, lib, paths, readJsonl } from './classify-lib.mjs';

const { loadClassifier, evaluate, CATEGORY_NAMES } = lib();
const args = process.argv.slice(2);
const ti = args.indexOf('--threshold');
const threshold = ti >= 0 ? Number(args[ti + 1]) : undefined;
const model = loadClassifier(readFileSync(paths.model, 'utf8'));
const { test, testRows } = corpusSplit();

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const short = (c) => c.replace(/类$/, '').slice(0, 4);

function report(title, examples) {
  const ev = evaluate(model, examples, { threshold });
  console.log(`\n== ${title}: ${ev.total} texts ==`);
  console.log(`accuracy   ${pct(ev.accuracy)}`);
  console.log(`macro-F1   ${ev.macroF1.toFixed(3)}`);
  console.log(`threshold  ${ev.threshold}`);
  console.log(`auto-routed ${pct(ev.autoShare)} of texts, of which ${pct(ev.autoAccuracy)} correct`);
  console.log('\nper category      P      R      F1    n');
  for (const c of CATEGORY_NAMES) {
    const m = ev.perCategory[c];
    console.log(
      `${c.padEnd(7, '　')} ${m.precision.toFixed(3)}  ${m.recall.toFixed(3)}  ${m.f1.toFixed(3)}  ${m.support}`,
    );
  }
  console.log('\nconfusion (rows = true, columns = predicted)');
  console.log('        ' + CATEGORY_NAMES.map((c) => short(c).padStart(5, '　')).join(''));
  for (const t of CATEGORY_NAMES) {
    console.log(
      short(t).padEnd(4, '　') + CATEGORY_NAMES.map((p) => String(ev.confusion[t][p]).padStart(6)).join(''),
    );
  }
  const rules = Object.entries(ev.rules).sort();
  if (rules.length) {
    console.log('\nrules fired / agreeing with the label');
    for (const [id, [n, ok]] of rules)
      console.log(`  ${id.padEnd(30)} ${String(n).padStart(4)}  ${pct(ok / n)}`);
  }
  return ev;
}

report('test split', test);
const cvs = testRows.filter((r) => r.causeVsSurface).map((r) => ({ text: r.text, category: r.category }));
const evCvs = evaluate(model, cvs, { threshold });
console.log(`\ncause-vs-surface subset of test: ${cvs.length} texts, accuracy ${pct(evCvs.accuracy)}`);
if (existsSync(paths.handwritten)) {
  const hw = readJsonl(paths.handwritten);
  report('hand-written set (not generated; a proxy for real residents)', hw);
}
