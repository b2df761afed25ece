#!/usr/bin/env node
// `pnpm bench`: prints the figures the issues set targets for, and appends them to bench/results.md with
// a description of the machine. Targets live here as data, not in timed tests.
// The complaint classifier (issue "Classify every complaint"), reports on a company of 1,000,000 tickets
// (scripts/bench-reports.mjs), ticket intake under load (scripts/bench-intake.mjs) and bundle sizes.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { root } from './classify-lib.mjs';
import { benchClassifier } from './bench-classifier.mjs';
import { benchReports } from './bench-reports.mjs';
import { benchIntake } from './bench-intake.mjs';
import { benchStorm } from './bench-storm.mjs';

const lines = [];
const out = (s = '') => {
  console.log(s);
  lines.push(s);
};
const verdict = (ok) => (ok ? 'met' : 'NOT met');

out(
  `## ${new Date().toISOString()} — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
out('');

// Classifier: load, latency, memory, quality on the independent evaluation set, the correction curve.
await benchClassifier({ out, verdict });

// Reports on a company of a million tickets (issue "statistics and reports"); BENCH_SKIP_REPORTS=1 skips it.
out('');
await benchReports({ out, root, verdict });

// Ticket intake against MariaDB at a fixed concurrency and a fixed rate, and the framework's cost against raw
// mysql2 inserts of the same rows (issue "Proven under load, faults and hostile input"); BENCH_SKIP_INTAKE=1 skips it.
await benchIntake({ out, root, verdict });

// The storm night: 3,000 reports in 10 minutes from 1,500 residents through two server processes on MariaDB and
// Redis (issue "Production on real infrastructure"); BENCH_SKIP_STORM=1 skips it, BENCH_STORM_* sizes it.
await benchStorm({ out, root, verdict });

// Mini-program package sizes: the weapp main package (everything outside the sub-package roots) and each
// sub-package as WeChat counts them, and the H5 build's JavaScript as a browser downloads it. Builds that are
// missing or older than their sources are rebuilt first (BENCH_NO_BUILD=1 measures whatever is there).
const miniapp = join(root, 'miniapp');
const newest = (dir) =>
  !existsSync(dir)
    ? 0
    : readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
        if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) return t;
        const p = join(dir, e.name);
        return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
      }, 0);
const sources = Math.max(
  ...['miniapp/src', 'miniapp/config', 'shared/src'].map((d) => newest(join(root, d))),
);
for (const [type, marker] of [
  ['weapp', 'app.json'],
  ['h5', 'index.html'],
]) {
  const built = join(miniapp, 'dist', type, marker);
  const stale = !existsSync(built) || statSync(built).mtimeMs < sources;
  if (stale && process.env.BENCH_NO_BUILD !== '1') {
    console.log(`building the mini-program (${type}) …`);
    execFileSync('pnpm', ['--filter', 'miniapp', `build:${type}`], { cwd: root, stdio: 'inherit' });
  }
}
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
out('### Mini-program');
out(`| figure | value | target |`);
out(`|---|---|---|`);
const weapp = join(miniapp, 'dist/weapp');
if (existsSync(join(weapp, 'app.json'))) {
  // As miniapp/scripts/check-size.mjs: source maps and the developer-tool project files are not uploaded.
  const shipped = (rel) =>
    !rel.endsWith('.map') && rel !== 'project.config.json' && rel !== 'project.private.config.json';
  const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, '') + '/');
  const bytes = { main: 0, ...Object.fromEntries(subRoots.map((r) => [r, 0])) };
  for (const f of files(weapp)) {
    const rel = relative(weapp, f).split(sep).join('/');
    if (!shipped(rel)) continue;
    bytes[subRoots.find((r) => rel.startsWith(r)) ?? 'main'] += statSync(f).size;
  }
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  out(
    `| weapp main package | ${kb(bytes.main)} | < 1024 KB (${verdict(bytes.main < 1024 * 1024)}; WeChat allows 2048 KB) |`,
  );
  for (const r of subRoots)
    out(`| weapp sub-package ${r} | ${kb(bytes[r])} | < 2048 KB (${verdict(bytes[r] < 2048 * 1024)}) |`);
  out(`| weapp whole app | ${kb(total)} | < 20480 KB (${verdict(total < 20 * 1024 * 1024)}) |`);
} else out('| weapp | not built | |');
const h5 = join(miniapp, 'dist/h5');
if (existsSync(join(h5, 'index.html'))) {
  const js = files(h5)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const buf = readFileSync(f);
      return { name: relative(h5, f).split(sep).join('/'), raw: buf.length, gz: gzipSync(buf).length };
    });
  // Initial chunks: the scripts index.html loads before the first page; pages and their shared chunks load later.
  const html = readFileSync(join(h5, 'index.html'), 'utf8');
  const initialNames = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const initial = js.filter((f) => initialNames.includes(f.name));
  const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
  const largest = (xs) => xs.reduce((a, x) => (x.raw > (a?.raw ?? -1) ? x : a), null);
  const li = largest(initial);
  const la = largest(js);
  out(
    `| H5 JavaScript, all chunks | ${kb(sum(js, 'raw'))} (gzip ${kb(sum(js, 'gz'))}) in ${js.length} files | |`,
  );
  out(
    `| H5 initial JavaScript (index.html: ${initial.length} scripts) | ${kb(sum(initial, 'raw'))} (gzip ${kb(sum(initial, 'gz'))}) | |`,
  );
  if (li) out(`| H5 largest initial chunk (${li.name}) | ${kb(li.raw)} (gzip ${kb(li.gz)}) | |`);
  if (la) out(`| H5 largest chunk (${la.name}) | ${kb(la.raw)} (gzip ${kb(la.gz)}) | |`);
} else out('| H5 | not built | |');
out('');

mkdirSync(join(root, 'bench'), { recursive: true });
const file = join(root, 'bench/results.md');
if (!existsSync(file))
  appendFileSync(file, '# Benchmark results\n\nAppended by `pnpm bench`; newest last.\n\n');
appendFileSync(file, lines.join('\n') + '\n');
console.log(`appended to ${file}`);
