// Runs before `pnpm install` installs anything (pnpm:devPreinstall).
// better-sqlite3 compiles with node-gyp, which downloads Node's headers unless it finds them in its
// cache. Only the npm registry is reachable on our machines, so we seed node-gyp's cache from the
// headers that ship with Node on this machine (Debian's nodejs puts them in /usr/include/node).
// Nothing happens when the cache is already there or no local headers exist.
import { existsSync, mkdirSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const version = process.version.slice(1);
const candidates = [process.env.NODE_HEADERS_DIR, '/usr/include/node', '/usr/local/include/node'].filter(
  Boolean,
);
const cacheRoot =
  process.env.npm_config_devdir || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'node-gyp');
const target = join(cacheRoot, version);

function headersMatch(dir) {
  try {
    const h = readFileSync(join(dir, 'node_version.h'), 'utf8');
    const v = ['MAJOR', 'MINOR', 'PATCH'].map(
      (k) => h.match(new RegExp(`#define NODE_${k}_VERSION (\\d+)`))?.[1],
    );
    return v.join('.') === version;
  } catch {
    return false;
  }
}

if (
  existsSync(join(target, 'installVersion')) &&
  existsSync(join(target, 'include', 'node', 'common.gypi'))
) {
  process.exit(0);
}
const source = candidates.find((d) => existsSync(join(d, 'common.gypi')) && headersMatch(d));
if (!source) {
  console.warn(`[prime-node-gyp] no local Node ${version} headers found; node-gyp will try to download them`);
  process.exit(0);
}
mkdirSync(join(target, 'include'), { recursive: true });
cpSync(source, join(target, 'include', 'node'), { recursive: true });
// node-gyp compares this number with its own "installVersion" (11 in node-gyp 10–12).
writeFileSync(join(target, 'installVersion'), '11\n');
console.log(`[prime-node-gyp] node-gyp headers for Node ${version} taken from ${source}`);
