#!/usr/bin/env node
// `pnpm start`: builds whatever is missing or stale (shared → server → H5), then runs the server on the
// embedded default (SQLite under ./data, demo compound, H5 at /) unless the environment says otherwise.
import { spawnSync, spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stale } from './build-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(label, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

if (stale([join(root, 'shared/src')], join(root, 'shared/dist/index.js')))
  run('building shared rules', ['--filter', '@wuye/shared', 'build']);
if (stale([join(root, 'server/src'), join(root, 'shared/src')], join(root, 'server/dist/main.js')))
  run('building the server', ['--filter', '@wuye/server', 'build']);
if (
  !process.env.H5_DIR &&
  stale([join(root, 'miniapp/src'), join(root, 'shared/src')], join(root, 'miniapp/dist/h5/index.html'))
) {
  run('building the mini-program for the browser (H5)', ['--filter', 'miniapp', 'build:h5']);
}

const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { H5_DIR: join(root, 'miniapp/dist/h5'), ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
