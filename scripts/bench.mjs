#!/usr/bin/env node
// `pnpm bench`: prints the figures the issues set targets for, and appends them to bench/results.md with
// a description of the machine. Targets live here as data, not in timed tests.
// The complaint classifier (issue "Classify every complaint"), reports on a company of 1,000,000 tickets
// (scripts/bench-reports.mjs) and bundle sizes; ticket intake joins as its issue lands.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusSplit, lib, paths, root } from './classify-lib.mjs';
import { benchReports } from './bench-reports.mjs';

const lines = [];
const out = (s = '') => {
  console.log(s);
  lines.push(s);
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const verdict = (ok) => (ok ? 'met' : 'NOT met');

const c = lib();
out(
  `## ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
out('');

// Classifier: load time, per-text latency after warm-up on one core, memory, quality at the default threshold.
global.gc?.();
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const model = c.loadClassifier(readFileSync(paths.model, 'utf8'));
const loadMs = performance.now() - t0;
const { test } = corpusSplit();
for (let i = 0; i < 3; i++) for (const e of test) c.classify(model, e.text);
const times = [];
let right = 0;
let routed = 0;
let routedRight = 0;
const rounds = 5;
for (let r = 0; r < rounds; r++)
  for (const e of test) {
    const s = performance.now();
    const d = c.classify(model, e.text);
    times.push(performance.now() - s);
    if (r === 0) {
      right += d.category === e.category ? 1 : 0;
      if (!d.needsTriage) {
        routed++;
        routedRight += d.category === e.category ? 1 : 0;
      }
    }
  }
times.sort((a, b) => a - b);
const rssMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
const p99 = pct(times, 99);
const ev = c.evaluate(model, test);
out('### Classifier');
out(`| figure | value | target |`);
out(`|---|---|---|`);
out(`| model load | ${loadMs.toFixed(0)} ms | < 1000 ms (${verdict(loadMs < 1000)}) |`);
out(
  `| latency p50 / p99 per text | ${pct(times, 50).toFixed(3)} / ${p99.toFixed(3)} ms | p99 < 1 ms (${verdict(p99 < 1)}) |`,
);
out(
  `| throughput | ${Math.round(times.length / (times.reduce((a, b) => a + b, 0) / 1000))} texts/s on one core | |`,
);
out(`| memory for the classifier | ${rssMb.toFixed(0)} MB resident | < 150 MB (${verdict(rssMb < 150)}) |`);
out(
  `| accuracy / macro-F1 (test split, ${test.length} texts) | ${((100 * right) / test.length).toFixed(1)}% / ${ev.macroF1.toFixed(3)} | ≥ 90% / ≥ 0.88 (${verdict(right / test.length >= 0.9 && ev.macroF1 >= 0.88)}) |`,
);
out(
  `| auto-routed, and right among those | ${((100 * routed) / test.length).toFixed(1)}%, ${((100 * routedRight) / routed).toFixed(1)}% | ≥ 80%, ≥ 97% (${verdict(routed / test.length >= 0.8 && routedRight / routed >= 0.97)}) |`,
);

// Reports on a company of a million tickets (issue "statistics and reports"); BENCH_SKIP_REPORTS=1 skips it.
out('');
await benchReports({ out, root, verdict });

// Mini-program package sizes, when built (the build prints them too).
const weapp = join(root, 'miniapp/dist/weapp');
if (existsSync(weapp)) {
  const size = (dir, skip = []) =>
    readdirSync(dir, { withFileTypes: true }).reduce((a, e) => {
      if (skip.includes(e.name)) return a;
      const p = join(dir, e.name);
      return a + (e.isDirectory() ? size(p) : statSync(p).size);
    }, 0);
  // Sub-packages (staff/, manager/ …) are downloaded only when opened: the main package is the rest.
  const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const main = size(weapp, subRoots) / 1024;
  out('');
  out('### Mini-program');
  out(`| figure | value | target |`);
  out(`|---|---|---|`);
  out(`| weapp main package | ${main.toFixed(0)} KB | < 1024 KB (${verdict(main < 1024)}) |`);
  for (const r of subRoots) {
    const kb = size(join(weapp, r)) / 1024;
    out(`| weapp sub-package ${r}/ | ${kb.toFixed(0)} KB | < 2048 KB (${verdict(kb < 2048)}) |`);
  }
  const h5 = join(root, 'miniapp/dist/h5');
  if (existsSync(h5)) out(`| H5 build | ${(size(h5) / 1024).toFixed(0)} KB | |`);
}
out('');

mkdirSync(join(root, 'bench'), { recursive: true });
const file = join(root, 'bench/results.md');
if (!existsSync(file))
  appendFileSync(file, '# Benchmark results\n\nAppended by `pnpm bench`; newest last.\n\n');
appendFileSync(file, lines.join('\n') + '\n');
console.log(`appended to ${file}`);
