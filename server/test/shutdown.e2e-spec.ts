import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DRIVERS, mariadbAdmin } from './support/test-app';

const SERVER = resolve(__dirname, '..');
const MAIN = join(SERVER, 'dist/main.js');
const MARIADB_URL = process.env.TEST_MARIADB_URL || 'mariadb://root@127.0.0.1:3306';

/** The newest modification time under a folder (the sources the build comes from). */
function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** A port nothing listens on: taken from the system, then given back. */
function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/**
 * The built server (`node server/dist/main.js`) as production runs it, with REDIS_URL pointing at a port where
 * no Redis listens: it serves, says so on /api/health, and SIGTERM ends the process within 10 s.
 */
describe.each(DRIVERS)('the built server with Redis unreachable, on %s', (driver) => {
  let child: ChildProcess | null = null;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let dataDir: string;
  let dbName: string | null = null;
  let output = '';
  let base = '';

  beforeAll(async () => {
    // Build when the sources are newer than the build (tsc, about a minute on a busy machine).
    const built = statSync(MAIN, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (built < Math.max(newest(join(SERVER, 'src')), newest(join(SERVER, '../shared/src')))) {
      const r = spawnSync('pnpm', ['--filter', '@wuye/server', 'build'], { cwd: SERVER, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`server build failed:\n${r.stdout}\n${r.stderr}`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'wuye-shutdown-'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(await closedPort()),
      DATA_DIR: dataDir,
      H5_DIR: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    };
    if (driver === 'mariadb') {
      dbName = `wuye_test_${process.pid}_shutdown_${Math.random().toString(36).slice(2, 8)}`;
      const admin = await mariadbAdmin();
      await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.end();
      env.DATABASE_URL = `${MARIADB_URL.replace(/\/$/, '')}/${dbName}`;
    }
    base = `http://127.0.0.1:${env.PORT}`;
    child = spawn(process.execPath, [MAIN], { cwd: SERVER, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    exited = new Promise((done) => child!.once('exit', (code, signal) => done({ code, signal })));
    // Up when /api/health answers (migrations first).
    const until = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output}`);
      const ok = await fetch(`${base}/api/health`).then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (Date.now() > until) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dbName) {
      const admin = await mariadbAdmin();
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says degraded on /api/health while rate limits are off, and still serves', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'degraded',
      database: { type: driver, ok: true },
      rateLimits: { store: 'redis', ok: false, message: 'Redis 不可用，限流暂停（所有请求放行）' },
    });
  });

  it('exits within 10 s of SIGTERM', async () => {
    const sent = Date.now();
    child!.kill('SIGTERM');
    const result = await Promise.race([
      exited,
      new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000).unref()),
    ]);
    const ms = Date.now() - sent;
    if (result === 'still running')
      throw new Error(`still running 10 s after SIGTERM; its last output:\n${output.slice(-2000)}`);
    expect(ms).toBeLessThan(10_000);
  }, 20_000);
});
