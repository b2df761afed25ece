// Whether a build is older than its sources, for the scripts that build before they run (start, load test,
// archive export).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest mtime under a folder (skipping node_modules, build output and dot-folders). */
export function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when `output` is missing or older than anything under `srcDirs`. */
export const stale = (srcDirs, output) =>
  !existsSync(output) || Math.max(...srcDirs.map(newest)) > statSync(output).mtimeMs;
