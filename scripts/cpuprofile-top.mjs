// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: self time by function, and the
// inclusive time of the functions of our own code (server/dist, shared/dist). Usage:
//   node scripts/cpuprofile-top.mjs <file.cpuprofile> [rows=40]
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/cpuprofile-top.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 40);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++)
  dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const label = (n) => {
  const f = n.callFrame;
  const url = f.url.replace(/^.*node_modules\/\.pnpm\/([^/]+)\/node_modules\//, '').replace(/^file:\/\//, '');
  return `${f.functionName || '(anonymous)'} ${url.replace(/^.*\/work\/[^/]+\//, '')}:${f.lineNumber + 1}`;
};
const self = new Map();
const incl = new Map();
for (const [id, ms] of dt) {
  const n = byId.get(id);
  self.set(label(n), (self.get(label(n)) ?? 0) + ms);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    if (/(server|shared)\/dist\//.test(l)) incl.set(l, (incl.get(l) ?? 0) + ms);
  }
}
const idle = self.get('(idle) :0') ?? 0;
console.log(`total ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms, busy ${(total - idle).toFixed(0)} ms`);
const show = (title, m) => {
  console.log(`\n${title}`);
  for (const [l, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / (total - idle)).toFixed(1).padStart(5)}%  ${l}`,
    );
};
show('self time', self);
show('inclusive, our code', incl);
