// Prints the weapp main-package size (every file outside the sub-package roots) and fails above
// WeChat's 2 MB limit. Sub-package roots come from the built app.json.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT_BYTES = 2 * 1024 * 1024;
const root = fileURLToPath(new URL('../dist/weapp/', import.meta.url));
const appJson = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map(
  (p) => p.root.replace(/\/$/, '') + '/',
);
// Not shipped to WeChat: tooling files and source maps.
const ignored = (rel) =>
  rel.endsWith('.map') || rel === 'project.config.json' || rel === 'project.private.config.json';

function walk(dir, files = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, files);
    else files.push(full);
  }
  return files;
}

let main = 0;
const subs = Object.fromEntries(subRoots.map((r) => [r, 0]));
for (const file of walk(root)) {
  const rel = relative(root, file).split(sep).join('/');
  if (ignored(rel)) continue;
  const size = statSync(file).size;
  const sub = subRoots.find((r) => rel.startsWith(r));
  if (sub) subs[sub] += size;
  else main += size;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`weapp main package: ${kb(main)} (limit ${kb(LIMIT_BYTES)})`);
for (const [r, size] of Object.entries(subs)) console.log(`weapp sub-package ${r}: ${kb(size)}`);
let failed = false;
if (main > LIMIT_BYTES) {
  console.error('weapp main package is over 2 MB');
  failed = true;
}
for (const [r, size] of Object.entries(subs)) {
  if (size > LIMIT_BYTES) {
    console.error(`weapp sub-package ${r} is over 2 MB`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
