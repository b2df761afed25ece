// The classifier's part of `pnpm bench` (issue "Classify residents' real words by final cause"): load time,
// latency, memory, every quality figure on the independent evaluation set (and the old template split as the
// easier second figure), and the correction curve on a simulated project whose residents use their own words.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { corpusSplit, lib, paths, readFolder } from './classify-lib.mjs';
import { measure } from './classify-metrics.mjs';

const pctOf = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const pc = (x) => `${(x * 100).toFixed(1)}%`;

/** Accuracy on `later` after staff reviewed the first `n` of `earlier` (learn() where the model was wrong). */
export function correctionCurve(c, json, earlier, later, steps) {
  return steps.map((n) => {
    const model = c.loadClassifier(json);
    let corrections = 0;
    for (const r of earlier.slice(0, n)) {
      if (c.classify(model, r.text).category !== r.category) {
        c.learn(model, r.text, r.category);
        corrections++;
      }
    }
    const right = later.filter((r) => c.classify(model, r.text).category === r.category).length;
    return { reviewed: n, corrections, accuracy: right / later.length };
  });
}

export async function benchClassifier({ out, verdict }) {
  const c = lib();
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const json = readFileSync(paths.model, 'utf8');
  const t0 = performance.now();
  const model = c.loadClassifier(json);
  c.analyzeComplaint(model, '电梯困人'); // the first call loads the word segmenter: part of the load
  const loadMs = performance.now() - t0;
  const evalRows = readFolder(paths.eval);
  for (let i = 0; i < 3; i++) for (const r of evalRows) c.analyzeComplaint(model, r.text);
  const times = [];
  for (let round = 0; round < 5; round++)
    for (const r of evalRows) {
      const s = performance.now();
      c.analyzeComplaint(model, r.text, { filedAs: 'complaint' });
      times.push(performance.now() - s);
    }
  times.sort((a, b) => a - b);
  const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
  const p99 = pctOf(times, 99);
  const m = measure(c, model, evalRows);
  const e = m.emergency;
  const comp = m.compensation;
  const ag = m.agitation;
  out('### Classifier');
  out(`| figure | value | target |`);
  out(`|---|---|---|`);
  out(
    `| model load (with the word segmenter) | ${loadMs.toFixed(0)} ms | < 2000 ms (${verdict(loadMs < 2000)}) |`,
  );
  out(
    `| latency p50 / p99 per text (category, kind, flags) | ${pctOf(times, 50).toFixed(3)} / ${p99.toFixed(3)} ms | p99 < 5 ms (${verdict(p99 < 5)}) |`,
  );
  out(`| memory for the classifier | ${rssMb.toFixed(0)} MB resident | < 200 MB (${verdict(rssMb < 200)}) |`);
  out(`| **independent evaluation set** | ${m.total} texts, written apart, frozen before training | |`);
  out(
    `| accuracy / macro-F1 | ${pc(m.accuracy)} / ${m.macroF1.toFixed(3)} | ≥ 92% / ≥ 0.90 (${verdict(m.accuracy >= 0.92 && m.macroF1 >= 0.9)}) |`,
  );
  out(
    `| auto-routed, and right among those | ${pc(m.autoShare)}, ${pc(m.autoAccuracy)} | ≥ 80%, ≥ 97% (${verdict(m.autoShare >= 0.8 && m.autoAccuracy >= 0.97)}) |`,
  );
  out(
    `| emergencies caught (kind right) | ${e.caught}/${e.positives} = ${pc(e.recall)} (${e.kindRight}) | ≥ 97% (${verdict(e.recall >= 0.97)}) |`,
  );
  out(
    `| false emergency alarms | ${e.falseAlarms}/${e.negatives} = ${pc(e.falseAlarmRate)} | ≤ 2% (${verdict(e.falseAlarmRate <= 0.02)}) |`,
  );
  out(
    `| compensation amount read exactly | ${comp.exact}/${comp.claims} = ${pc(comp.exact / comp.claims)} | ≥ 95% (${verdict(comp.exact / comp.claims >= 0.95)}) |`,
  );
  out(
    `| agitated residents flagged (precision) | ${ag.caught}/${ag.positives} = ${pc(ag.caught / ag.positives)} (${pc(ag.flaggedRight / Math.max(1, ag.flagged))}) | recall ≥ 85% (${verdict(ag.caught / ag.positives >= 0.85)}) |`,
  );
  if (m.kind)
    out(
      `| kind read right; suggestion when filed as 投诉 (right / made) | ${pc(m.kind.accuracy)}; ${m.kind.suggestedRight}/${m.kind.suggested} | |`,
    );
  const clear = measure(
    c,
    model,
    evalRows.filter((r) => !r.ambiguous),
  );
  out(`| accuracy on its unambiguous part (${clear.total}) | ${pc(clear.accuracy)} | |`);
  const { test } = corpusSplit();
  const old = measure(c, model, test);
  out(
    `| old template test split (${test.length}), the easier figure | ${pc(old.accuracy)} / ${old.macroF1.toFixed(3)} | |`,
  );
  const local = readFolder(paths.local);
  if (local.length >= 200) {
    const later = local.slice(-120);
    const curve = correctionCurve(c, json, local.slice(0, local.length - 120), later, [0, 50, 200]);
    const rises = curve[2].accuracy > curve[0].accuracy && curve[1].accuracy >= curve[0].accuracy;
    out(
      `| correction curve: a project's later ${later.length} messages after 0 / 50 / 200 reviewed (corrections) | ` +
        curve.map((p) => `${pc(p.accuracy)} (${p.corrections})`).join(' → ') +
        ` | rises (${verdict(rises)}) |`,
    );
  }
}
