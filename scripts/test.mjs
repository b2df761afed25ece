#!/usr/bin/env node
// `pnpm test`: every test of the project, in dependency order, on both databases.
// Needs MariaDB at 127.0.0.1:3306 (root, empty password; TEST_MARIADB_URL to change) and Chromium
// (/usr/bin/chromium, CHROMIUM_PATH to change). `.ci/run` makes sure both are there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'wuye-test-run-'));
const results = [];
let passed = 0;
let failed = 0;

function step(label, args, { jest = false, cwd = root, env = {} } = {}) {
  console.log(`\n━━ ${label}`);
  const out = join(tmp, `${results.length}.json`);
  const fullArgs = jest ? [...args, '--json', `--outputFile=${out}`] : args;
  const started = Date.now();
  const r = spawnSync('pnpm', fullArgs, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  const ok = r.status === 0;
  let counts = '';
  if (jest && existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    counts = ` (${j.numPassedTests} passed, ${j.numFailedTests} failed)`;
    if (!ok && j.numFailedTests === 0) failed += 1; // e.g. a suite that failed to load
  } else if (ok) passed += 1;
  else failed += 1;
  results.push(`${ok ? '✓' : '✗'} ${label}${counts} ${((Date.now() - started) / 1000).toFixed(0)}s`);
  return ok;
}

const only = process.argv[2]; // e.g. `pnpm test server` while working on one part
const want = (part) => !only || only === part;

if (want('shared')) {
  step('shared: build', ['--filter', '@wuye/shared', 'build']);
  step('shared: typecheck', ['--filter', '@wuye/shared', 'typecheck']);
  step('shared: unit tests', ['--filter', '@wuye/shared', 'exec', 'jest'], { jest: true });
}
if (want('server')) {
  if (only) step('shared: build', ['--filter', '@wuye/shared', 'build']);
  step('server: typecheck', ['--filter', '@wuye/server', 'typecheck']);
  step('server: build', ['--filter', '@wuye/server', 'build']);
  step(
    'server: unit + e2e tests on SQLite and MariaDB',
    // One suite at a time (they share MariaDB and ports), in a worker that is replaced when it has grown past
    // 2 GB: run in band, the heap of ~60 suites' test apps outgrew Node's default limit and the run aborted.
    ['--filter', '@wuye/server', 'exec', 'jest', '--maxWorkers=1', '--workerIdleMemoryLimit=2GB'],
    { jest: true },
  );
}
if (want('server') || only === 'load') {
  // Two server instances on a private MariaDB and Redis, 200 residents, faults injected (scripts/load/README.md).
  if (only === 'load') step('server: build', ['--filter', '@wuye/server', 'build']);
  step('load and faults, short form (pnpm test:load --short)', ['run', 'test:load', '--short']);
}
if (want('miniapp')) {
  if (only) {
    step('shared: build', ['--filter', '@wuye/shared', 'build']);
    step('server: build', ['--filter', '@wuye/server', 'build']);
  }
  step('miniapp: typecheck', ['--filter', 'miniapp', 'typecheck']);
  // Always from fresh builds: a build left over from before a source change would test old code.
  step(
    'miniapp: weapp build + headless render (miniprogram-simulate) + unit tests',
    ['--filter', 'miniapp', 'test'],
    {
      env: { REBUILD_WEAPP: '1' },
    },
  );
  step('miniapp: H5 in headless Chromium against the real server', ['--filter', 'miniapp', 'e2e'], {
    env: { E2E_REBUILD: '1' },
  });
  // The staff screens (bindings, search, ledger, escalation, refunds, signature), on the H5 build made above.
  step('miniapp: staff screens in headless Chromium', ['--filter', 'miniapp', 'e2e:screens']);
}
if (!only) step('format check (prettier)', ['run', 'lint']);

rmSync(tmp, { recursive: true, force: true });
console.log('\n' + results.join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
