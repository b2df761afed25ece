import { Clock } from '../../src/common/clock';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createConnection } from 'mysql2/promise';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { TtlCache } from '../../src/common/ttl-cache';

export type Driver = 'sqlite' | 'mariadb';

/**
 * The drivers every e2e suite runs against. MariaDB is not optional: set SKIP_MARIADB=1 only when you
 * knowingly run without it (CI never does).
 */
export const DRIVERS: Driver[] = process.env.SKIP_MARIADB === '1' ? ['sqlite'] : ['sqlite', 'mariadb'];
const MARIADB_URL = process.env.TEST_MARIADB_URL || 'mariadb://root@127.0.0.1:3306';

/** A connection to the MariaDB server (no database), for creating and dropping a suite's own database. */
export function mariadbAdmin() {
  const u = new URL(MARIADB_URL);
  return createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username || 'root',
    password: decodeURIComponent(u.password),
  });
}

export interface TestApp {
  driver: Driver;
  /** Where this app's data lives, to start another instance on the same database (restart tests). */
  dataDir: string;
  databaseUrl: string | null;
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  ds: DataSource;
  config: AppConfig;
  /** Stops the app and drops its database (unless keep: another instance goes on with it). */
  close(opts?: { keep?: boolean }): Promise<void>;
  /** Bearer token of a seeded demo account by its demo key (resident-1, front-desk, cs-lead …). */
  login(demoKey: string): Promise<string>;
  /**
   * Changes a project's or department's settings by SQL, as an administrator would, and has this instance see
   * the change at once (its per-instance settings caches, common/ttl-cache.ts, would keep the old value ≤ 30 s).
   */
  settings(sql: string, params?: unknown[]): Promise<void>;
}

const GENEROUS_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  ['LOGIN', 'INTAKE', 'UPLOAD', 'BINDING'].flatMap((b) => [
    [`RATE_LIMIT_${b}`, '100000/60'],
    [`RATE_LIMIT_${b}_IP`, '100000/60'],
  ]),
);

export async function startTestApp(
  driver: Driver,
  env: Record<string, string> = {},
  opts: {
    sameDatabaseAs?: TestApp;
    logStream?: { write(line: string): void };
    /** The app's clock, frozen here before it starts: what it schedules at start (the recurring jobs) is from then. */
    startAt?: Date;
  } = {},
): Promise<TestApp> {
  const shared = opts.sameDatabaseAs;
  const dataDir = shared?.dataDir ?? mkdtempSync(join(tmpdir(), 'wuye-test-'));
  let dbName: string | null = null;
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    H5_DIR: '',
    JOBS_POLL_MS: '0',
    SEED_DEMO: 'true',
    DEV_LOGIN: 'true',
    // Suites file many tickets from one user on one address in seconds; the rate-limit suite sets tight ones.
    ...GENEROUS_RATE_LIMITS,
    ...env,
  };
  if (shared?.databaseUrl) {
    baseEnv.DATABASE_URL = shared.databaseUrl;
    dbName = new URL(shared.databaseUrl).pathname.slice(1);
  } else if (driver === 'mariadb') {
    dbName = `wuye_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await mariadbAdmin();
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    baseEnv.DATABASE_URL = `${MARIADB_URL.replace(/\/$/, '')}/${dbName}`;
  }
  const config = loadConfig(baseEnv);
  // Logs stay off in tests unless TEST_LOG is set, or a suite captures them (logStream). nestjs-pino keeps one
  // logger for the process (one app per process in production): each test app starts with its own.
  __resetOutOfContextForTests();
  const { app } = await buildApp(
    config,
    opts.logStream ? { logStream: opts.logStream } : process.env.TEST_LOG ? {} : { logger: false },
  );
  if (opts.startAt) app.get(Clock).freeze(opts.startAt);
  await app.init();
  const ds = app.get(DataSource);
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    driver,
    dataDir,
    databaseUrl: baseEnv.DATABASE_URL ?? null,
    app,
    http,
    ds,
    config,
    async login(demoKey: string) {
      if (tokens.has(demoKey)) return tokens.get(demoKey)!;
      const rows = await ds.query(`SELECT id FROM users WHERE demoKey = ?`, [demoKey]);
      if (!rows.length) throw new Error(`no demo account ${demoKey}`);
      const res = await http.post('/api/auth/dev-login').send({ accountId: rows[0].id }).expect(200);
      tokens.set(demoKey, res.body.token);
      return res.body.token as string;
    },
    async settings(sql: string, params: unknown[] = []) {
      await ds.query(sql, params);
      TtlCache.clearAll();
    },
    async close(closeOpts: { keep?: boolean } = {}) {
      await app.close();
      if (ds.isInitialized) await ds.destroy();
      if (closeOpts.keep) return;
      if (dbName) {
        const admin = await mariadbAdmin();
        await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A 1×1 PNG, the smallest real image. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let keySeq = 0;
export const idemKey = () =>
  `test-${Date.now().toString(36)}-${(keySeq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
