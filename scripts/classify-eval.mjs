#!/usr/bin/env node
// `pnpm classify:eval`: every figure of shared/model/classifier.json on the independent evaluation set
// (shared/corpus/eval, never trained or tuned on), on its unambiguous part, on the old template test split
// and on the 80 hand-written texts; then the 20 hardest evaluation texts with the model's answers.
// `--dev` instead measures the training recipe by leave-one-writer-out on the written training corpus
// (train on five writers, test on the sixth): the figure used to choose between models (`--no-templates`
// leaves the template texts out of those trainings, to measure what they add; `--opts '{"epochs":40}'` trains
// with other options).
// `--threshold 0.8` evaluates at another auto-routing threshold.
import { existsSync, readFileSync } from 'node:fs';
import { corpusSplit, lib, paths, readFolder, readJsonl, toExample, trainingSet } from './classify-lib.mjs';
import { measure, print } from './classify-metrics.mjs';

const L = lib();
const args = process.argv.slice(2);
const ti = args.indexOf('--threshold');
const threshold = ti >= 0 ? Number(args[ti + 1]) : undefined;

if (args.includes('--dev')) {
  const { written, examples } = trainingSet();
  const writers = [...new Set(written.map((r) => r.id.split('-')[0]))].sort();
  const templates = args.includes('--no-templates') ? [] : examples.slice(written.length);
  let sum = { n: 0, ok: 0 };
  for (const w of writers) {
    const test = written.filter((r) => r.id.startsWith(`${w}-`));
    const train = [...written.filter((r) => !r.id.startsWith(`${w}-`)).map(toExample), ...templates];
    const oi = args.indexOf('--opts');
    const model = L.train(train, oi >= 0 ? JSON.parse(args[oi + 1]) : {});
    const m = measure(L, model, test, { threshold });
    print(L, `dev: trained without writer ${w}, tested on ${w}`, m, { confusion: false });
    sum.n += m.total;
    sum.ok += m.accuracy * m.total;
  }
  console.log(`\nleave-one-writer-out accuracy ${((sum.ok / sum.n) * 100).toFixed(1)}% over ${sum.n} texts`);
  process.exit(0);
}

const model = L.loadClassifier(readFileSync(paths.model, 'utf8'));
const evalRows = readFolder(paths.eval);
if (evalRows.length) {
  const m = measure(L, model, evalRows, { threshold });
  print(L, 'independent evaluation set (written apart, frozen before training)', m);
  const clear = evalRows.filter((r) => !r.ambiguous);
  print(L, 'its unambiguous part', measure(L, model, clear, { threshold }), { confusion: false });
  console.log(
    '\n20 hardest evaluation texts (surface ≠ cause, lowest confidence in the true category first):',
  );
  const hard = m.answers
    .filter(({ row }) => row.surface && row.surface !== row.category && !row.ambiguous)
    .sort((x, y) => x.a.probabilities[x.row.category] - y.a.probabilities[y.row.category])
    .slice(0, 20);
  for (const { row, a } of hard) {
    const ok = a.category === row.category ? '✓' : '✗';
    console.log(
      `${ok} ${row.id} [${row.category}] ${row.text}\n    → ${a.category}${a.needsTriage ? '（人工分派）' : ''}` +
        `${a.flags.emergency ? ` 紧急:${a.flags.emergencyKind}` : ''} — ${a.explanation}`,
    );
  }
}
const { test } = corpusSplit();
print(
  L,
  'old template test split (same generator as its training part; the easier figure)',
  measure(L, model, test, { threshold }),
  {
    confusion: false,
  },
);
if (existsSync(paths.handwritten)) {
  print(L, 'the 80 hand-written texts', measure(L, model, readJsonl(paths.handwritten), { threshold }), {
    confusion: false,
  });
}
