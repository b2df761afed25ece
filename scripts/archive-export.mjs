#!/usr/bin/env node
// `pnpm archive:export --project <id|name> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.zip]`: one project's
// complete ticket archive (the ZIP of GET /api/projects/:id/archive) to a file, from the server's configuration
// (DATABASE_URL or DATA_DIR, UPLOAD_DIR). Builds the server first when its build is missing or stale.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './backup-lib.mjs';
import { stale } from './build-freshness.mjs';

function build(filter) {
  const r = spawnSync('pnpm', ['--filter', filter, 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (stale([join(root, 'shared/src')], join(root, 'shared/dist/index.js'))) build('@wuye/shared');
const cli = join(root, 'server/dist/archive/cli.js');
if (stale([join(root, 'server/src'), join(root, 'shared/src')], cli)) build('@wuye/server');

const { exportArchiveCli } = createRequire(import.meta.url)(cli);
exportArchiveCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`archive export failed: ${e.stack ?? e}`);
    process.exit(1);
  },
);
