import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { IdSubscriber } from './id.subscriber';
import { StatementCounter } from './statement-counter';
import { AfterCommit } from './after-commit';
import { MYSQL_MIGRATIONS } from './migrations/mysql';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * One entity set, one migrations folder per dialect; the driver picks the folder.
 * The schema is created only by migrations (synchronize is always off).
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const db = config.database;
  if (db.type === 'sqlite') {
    mkdirSync(dirname(db.file), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: db.file,
      entities: ENTITIES,
      subscribers: [IdSubscriber, StatementCounter, AfterCommit],
      migrations: SQLITE_MIGRATIONS,
      migrationsRun: false,
      synchronize: false,
      // WAL: readers do not block the writer, and a crash never leaves a half-written file.
      prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
      },
    } as DataSourceOptions;
  }
  return {
    // TypeORM's 'mariadb' type against MariaDB avoids a bogus DEFAULT 'NULL' schema diff, which the 'mysql' type
    // produced.
    type: db.type,
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities: ENTITIES,
    subscribers: [IdSubscriber, StatementCounter, AfterCommit],
    migrations: MYSQL_MIGRATIONS,
    synchronize: false,
    // trace: false — mysql2 would otherwise capture a stack trace on every query (5% of intake's CPU, see
    // bench/results.md); a failed query's error still says what failed.
    // One statement per query, mysql2's default (its option for several is left off): even a value spliced into a
    // statement by mistake could not end it and start another (test/round-trips.e2e-spec.ts checks it).
    extra: {
      connectionLimit: 20,
      connectTimeout: 5000,
      enableKeepAlive: true,
      trace: false,
    },
  };
}

/**
 * A named lock of this database (MySQL/MariaDB GET_LOCK), held while `fn` runs: instances starting at once on
 * the same database take turns. The name carries the database's, so other databases on the same server (other
 * tenants, test runs) never wait for this one. Lock names are at most 64 characters: a long one is hashed.
 */
export async function withStartupLock<T>(ds: DataSource, what: string, fn: () => Promise<T>): Promise<T> {
  const db = String((ds.options as { database?: unknown }).database ?? '');
  let name = `wuyetong:${db}:${what}`;
  if (name.length > 64)
    name = `wuyetong:${createHash('sha256').update(name).digest('hex').slice(0, 40)}:${what}`.slice(0, 64);
  const runner = ds.createQueryRunner();
  try {
    const [row] = await runner.query(`SELECT GET_LOCK(?, 120) AS got`, [name]);
    if (Number(row.got) !== 1) throw new Error(`timed out waiting for another instance (${what})`);
    return await fn();
  } finally {
    await runner.query(`SELECT RELEASE_LOCK(?)`, [name]).catch(() => undefined);
    await runner.release();
  }
}

export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  if (ds.options.type === 'better-sqlite3') {
    await ds.runMigrations({ transaction: 'each' });
    return ds;
  }
  // Several instances may start at once: one runs the migrations, the others wait for it and find none to run.
  await withStartupLock(ds, 'migrations', () => ds.runMigrations({ transaction: 'each' }));
  return ds;
}
