// The load test's own world: a private MariaDB and Redis on spare ports with temporary data, a stand-in for
// WeChat's login API, and server instances started from server/dist. Nothing here touches 3306/6379.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stale } from '../build-freshness.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every child we started, so that any exit path can stop them. */
const children = new Set();

export function stopAllChildren() {
  for (const c of children) {
    try {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Builds shared rules and the server when their output is missing or older than the sources. */
export function buildIfNeeded(root, log) {
  const steps = [
    [stale([join(root, 'shared/src')], join(root, 'shared/dist/index.js')), '@wuye/shared'],
    [
      stale([join(root, 'server/src'), join(root, 'shared/src')], join(root, 'server/dist/main.js')),
      '@wuye/server',
    ],
  ];
  let force = false;
  for (const [isStale, pkg] of steps) {
    if (!isStale && !force) continue;
    force = true; // a rebuilt shared package means the server is rebuilt against it
    log(`building ${pkg}`);
    const r = spawnSync('pnpm', ['--filter', pkg, 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building ${pkg} failed`);
  }
}

/** A TCP port nobody listens on, preferring `preferred` and the ones after it. */
export async function freePort(preferred, taken = new Set()) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const s = createNetServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
  for (let p = preferred; p < preferred + 50; p++) {
    if (taken.has(p)) continue;
    if (await tryPort(p)) {
      taken.add(p);
      return p;
    }
  }
  throw new Error(`no free port near ${preferred}`);
}

const root = new URL('../..', import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;

/** The first of `names` found on PATH or in `dirs`, or null. */
function which(names, dirs = []) {
  const path = [...(process.env.PATH ?? '').split(':'), ...dirs].filter(Boolean);
  for (const n of names) for (const d of path) if (existsSync(join(d, n))) return join(d, n);
  return null;
}

/** The MariaDB and Redis programs the test starts privately; a clear message when one is missing. */
export function findPrograms() {
  const sbin = ['/usr/sbin', '/usr/local/sbin', '/usr/libexec'];
  const found = {
    mariadbd: which(['mariadbd', 'mysqld'], sbin),
    installDb: which(['mariadb-install-db', 'mysql_install_db'], sbin),
    redisServer: which(['redis-server'], sbin),
  };
  const missing = Object.entries(found)
    .filter(([, v]) => !v)
    .map(
      ([k]) => ({ mariadbd: 'mariadbd', installDb: 'mariadb-install-db', redisServer: 'redis-server' })[k],
    );
  if (missing.length)
    throw new Error(
      `the load test starts its own MariaDB and Redis and needs ${missing.join(', ')} ` +
        '(Debian/Ubuntu: apt-get install mariadb-server redis-server; .ci/run installs both)',
    );
  return found;
}
const serverRequire = createRequire(join(root, 'server/package.json'));
export const mysql = serverRequire('mysql2/promise');

/** A private MariaDB: its own datadir, socket and port; killed and restarted on the same datadir. */
export class MariaDb {
  constructor(dir, port, programs) {
    this.dir = dir;
    this.port = port;
    this.programs = programs;
    this.datadir = join(dir, 'mariadb');
    this.proc = null;
    this.starts = 0;
  }

  get url() {
    return `mysql://root@127.0.0.1:${this.port}/wuyetong`;
  }

  install() {
    mkdirSync(this.datadir, { recursive: true });
    const r = spawnSync(
      this.programs.installDb,
      [
        '--no-defaults',
        `--datadir=${this.datadir}`,
        ...(isRoot ? ['--user=root'] : []),
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0)
      throw new Error(`mariadb-install-db failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
  }

  async start() {
    this.starts++;
    const log = openSync(join(this.dir, 'mariadb.log'), 'a');
    this.proc = track(
      spawn(
        this.programs.mariadbd,
        [
          '--no-defaults',
          `--datadir=${this.datadir}`,
          `--port=${this.port}`,
          '--bind-address=127.0.0.1',
          `--socket=${join(this.dir, 'mariadb.sock')}`,
          `--pid-file=${join(this.dir, 'mariadb.pid')}`,
          ...(isRoot ? ['--user=root'] : []),
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=128M',
          '--max-connections=300',
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_unicode_ci',
          '--innodb-print-all-deadlocks=ON',
        ],
        { stdio: ['ignore', log, log] },
      ),
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited(this.proc))
        throw new Error(`mariadbd exited at start; see ${join(this.dir, 'mariadb.log')}`);
      try {
        const c = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await c.query(
          'CREATE DATABASE IF NOT EXISTS wuyetong CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
        );
        await c.end();
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`MariaDB did not come up on ${this.port}: ${e.message}`);
        await sleep(200);
      }
    }
  }

  /** A crash: SIGKILL, no shutdown; InnoDB recovers from its log on the next start. */
  async kill() {
    this.proc.kill('SIGKILL');
    await waitExit(this.proc, 10_000);
  }

  async stop() {
    if (!this.proc || exited(this.proc)) return;
    this.proc.kill('SIGTERM');
    if (!(await waitExit(this.proc, 20_000))) this.proc.kill('SIGKILL');
  }

  connect() {
    return mysql.createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      database: 'wuyetong',
      timezone: 'Z',
      dateStrings: false,
    });
  }
}

/** A private Redis without persistence: a restart loses everything in it, as a crash of a cache would. */
export class Redis {
  constructor(dir, port, programs) {
    this.dir = dir;
    this.port = port;
    this.programs = programs;
    this.proc = null;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const log = openSync(join(this.dir, 'redis.log'), 'a');
    this.proc = track(
      spawn(
        this.programs.redisServer,
        [
          '--port',
          String(this.port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          this.dir,
        ],
        { stdio: ['ignore', log, log] },
      ),
    );
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (exited(this.proc))
        throw new Error(`redis-server exited at start; see ${join(this.dir, 'redis.log')}`);
      if (await this.ping()) return;
      if (Date.now() > deadline) throw new Error(`Redis did not come up on ${this.port}`);
      await sleep(100);
    }
  }

  ping() {
    return new Promise((resolve) => {
      const sock = connect(this.port, '127.0.0.1');
      let buf = '';
      sock.setTimeout(1000, () => {
        sock.destroy();
        resolve(false);
      });
      sock.on('error', () => resolve(false));
      sock.on('data', (d) => {
        buf += d;
        if (buf.includes('PONG')) {
          sock.destroy();
          resolve(true);
        }
      });
      sock.write('PING\r\n');
    });
  }

  async kill() {
    this.proc.kill('SIGKILL');
    await waitExit(this.proc, 10_000);
  }

  async stop() {
    if (!this.proc || exited(this.proc)) return;
    this.proc.kill('SIGTERM');
    if (!(await waitExit(this.proc, 10_000))) this.proc.kill('SIGKILL');
  }
}

/**
 * What the server asks api.weixin.qq.com for a mini-program login: jscode2session checks app id, secret and a
 * one-time code (the same checks as server/test/support/fake-wechat.ts). stable_token answers too.
 */
export class FakeWechat {
  constructor(appId, appSecret) {
    this.appId = appId;
    this.appSecret = appSecret;
    this.codes = new Map();
    this.logins = 0;
    this.server = createHttpServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const q = Object.fromEntries(url.searchParams);
      const send = (body) =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      req.resume();
      req.on('end', () => {
        if (url.pathname === '/cgi-bin/stable_token')
          return send({ access_token: `tok-${Date.now()}`, expires_in: 7200 });
        if (url.pathname !== '/sns/jscode2session') return res.writeHead(404).end();
        if (q.appid !== this.appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
        if (q.secret !== this.appSecret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.grant_type !== 'authorization_code')
          return send({ errcode: 40002, errmsg: 'invalid grant_type' });
        const openid = this.codes.get(q.js_code);
        if (!openid) return send({ errcode: 40029, errmsg: 'invalid code' });
        this.codes.delete(q.js_code);
        this.logins++;
        send({ openid, session_key: 'c2Vzc2lvbmtleQ==' });
      });
    });
  }

  /** What wx.login would hand the mini-program: a one-time code for this WeChat user. */
  code(openid) {
    const code = `code-${openid}-${Math.random().toString(36).slice(2, 10)}`;
    this.codes.set(code, openid);
    return code;
  }

  async start() {
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${this.server.address().port}`;
  }

  stop() {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** One server instance: node server/dist/main.js with the shared database and Redis. */
export class ServerInstance {
  constructor(name, dir, port, env) {
    this.name = name;
    this.dir = dir;
    this.port = port;
    this.env = env;
    this.proc = null;
    this.logFile = join(dir, `server-${name}.log`);
    this.killedOnPurpose = false;
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.proc?.pid;
  }

  get alive() {
    return !!this.proc && !exited(this.proc);
  }

  async start() {
    const dataDir = join(this.dir, `data-${this.name}`);
    mkdirSync(dataDir, { recursive: true });
    const log = openSync(this.logFile, 'a');
    this.proc = track(
      spawn(process.execPath, [join(root, 'server/dist/main.js')], {
        cwd: root,
        env: { ...this.env, PORT: String(this.port), DATA_DIR: dataDir },
        stdio: ['ignore', log, log],
      }),
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (!this.alive)
        throw new Error(
          `server ${this.name} exited at start (code ${this.proc.exitCode}); see ${this.logFile}`,
        );
      const status = await getStatus(`${this.base}/api/health`);
      if (status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`server ${this.name} did not answer /api/health; see ${this.logFile}`);
      await sleep(250);
    }
  }

  async kill() {
    this.killedOnPurpose = true;
    this.proc.kill('SIGKILL');
    await waitExit(this.proc, 10_000);
  }

  async stop() {
    if (!this.alive) return;
    this.proc.kill('SIGTERM');
    if (!(await waitExit(this.proc, 15_000))) this.proc.kill('SIGKILL');
  }
}

/** HTTP status of a GET, or 0 when there was no answer. */
export function getStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end();
  });
}
