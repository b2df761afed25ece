#!/usr/bin/env node
// `pnpm backup`: a consistent backup of the server's database (DATABASE_URL, or the embedded SQLite file under
// DATA_DIR) into a gzip file, with a manifest of per-table row counts and checksums beside it.
//
//   pnpm backup [--out DIR|FILE.gz] [--keep-days N]      the whole database (mariadb-dump/mysqldump; SQLite: online backup API)
//   pnpm backup --project <id|name> [--out …]            one project's tenant (MariaDB/MySQL only)
//   pnpm backup --checksums [--project <id|name>]        print the live database's counts and checksums (JSON), no file
//   --skip-objects                                       leave out the photos, signatures and models (object storage)
//
// The objects the backed-up rows name (uploads, classifier models) are copied from the server's object storage
// (UPLOAD_DIR, or the bucket of STORAGE=s3) into <backup>.objects/ beside the file, each listed in the manifest
// with its sha256; `pnpm restore` puts them into the storage its own environment names.
//
// Restore with `pnpm restore <file> --into <DATABASE_URL|file.sqlite>` (scripts/restore.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { PassThrough } from 'node:stream';
import {
  BetterSqlite3,
  CHECKSUM_ALGORITHM,
  CHECKSUM_DESCRIPTION,
  DumpScanner,
  PROJECT_RULES,
  UsageError,
  baseTables,
  bind,
  connect,
  findDumpBinary,
  findProject,
  ident,
  manifestPathOf,
  mariadbChecksums,
  optionFile,
  parseArgs,
  printTable,
  sha256File,
  sourceFromEnv,
  sqlLiteral,
  sqliteChecksums,
  tablesWithoutRule,
  textCast,
} from './backup-lib.mjs';
import { copyObjectsOut, objectsDirOf, objectStoreFromEnv, referencedKeys } from './objects-lib.mjs';

const FORMAT = 'wuyetong-backup';

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    flags: ['checksums', 'help', 'skip-objects'],
    options: ['out', 'project', 'keep-days'],
  });
  if (args.help || args._.length) {
    console.log(
      'usage: pnpm backup [--project <id|name>] [--out DIR|FILE.gz] [--keep-days N]\n' +
        '       pnpm backup --checksums [--project <id|name>]\n' +
        'Backs up DATABASE_URL (or DATA_DIR/wuyetong.sqlite) into a .gz file with a .manifest.json beside it.',
    );
    process.exit(args.help ? 0 : 2);
  }
  const source = sourceFromEnv();
  if (source.driver === 'sqlite' && args.project)
    throw new UsageError(
      '--project needs MySQL/MariaDB (DATABASE_URL); the SQLite file holds one demo company: back it up whole',
    );

  if (args.checksums) {
    const result =
      source.driver === 'sqlite'
        ? sqliteLiveChecksums(source)
        : await mariadbLiveChecksums(source, args.project);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }

  const keepDays = args['keep-days'] === undefined ? null : Number(args['keep-days']);
  if (keepDays !== null && !(Number.isInteger(keepDays) && keepDays >= 1))
    throw new UsageError('--keep-days must be a whole number of days ≥ 1');

  const started = new Date();
  const stamp = started
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let manifest;
  let series;
  let target;
  let project = null;
  if (source.driver === 'sqlite') {
    series = 'wuyetong-sqlite-';
    target = outPath(args.out, `${series}${stamp}.sqlite.gz`);
    manifest = await backupSqlite(source, target);
  } else if (args.project) {
    const conn = connect(source);
    project = await findProject(conn, args.project).finally(() => conn.end());
    series = `wuyetong-${safe(source.database)}-project-${project.id.slice(0, 8)}-`;
    target = outPath(args.out, `${series}${stamp}.sql.gz`);
    manifest = await backupProject(source, project, target);
  } else {
    series = `wuyetong-${safe(source.database)}-`;
    target = outPath(args.out, `${series}${stamp}.sql.gz`);
    manifest = await backupFull(source, target);
  }

  let objects;
  if (!args['skip-objects']) {
    const store = objectStoreFromEnv();
    const dir = objectsDirOf(target);
    rmSync(dir, { recursive: true, force: true });
    try {
      objects = {
        dir: basename(dir),
        ...(await copyObjectsOut(store, await referencedKeys(source, project), dir)),
      };
    } finally {
      store.close();
    }
  }

  const stat = statSync(target);
  const full = {
    format: FORMAT,
    version: 1,
    kind: manifest.project ? 'project' : 'full',
    driver: source.driver,
    file: basename(target),
    bytes: stat.size,
    sha256: await sha256File(target),
    createdAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    source: source.label,
    ...manifest,
    checksum: { algorithm: CHECKSUM_ALGORITHM, description: CHECKSUM_DESCRIPTION },
    ...(objects ? { objects } : {}),
  };
  const manifestFile = manifestPathOf(target);
  writeFileSync(manifestFile, `${JSON.stringify(full, null, 2)}\n`);

  const tables = Object.entries(full.tables);
  printTable(
    ['table', 'rows', 'checksum'],
    tables.map(([name, t]) => [name, t.rows, t.checksum.slice(0, 16)]),
  );
  console.log(
    `\n${full.kind === 'project' ? `project ${full.project.name} (${full.project.id})` : 'whole database'}: ` +
      `${tables.length} tables, ${tables.reduce((n, [, t]) => n + t.rows, 0)} rows, ${(stat.size / 1024).toFixed(1)} KiB`,
  );
  if (objects) {
    console.log(
      `objects:  ${objects.count} from ${objects.from} (${(objects.bytes / 1024).toFixed(1)} KiB) → ${objectsDirOf(target)}`,
    );
    if (objects.missing.length)
      console.warn(
        `WARNING: ${objects.missing.length} object(s) named in the database are missing from storage (listed in the manifest): ${objects.missing.slice(0, 5).join(', ')}`,
      );
  }
  console.log(`backup:   ${target}`);
  console.log(`manifest: ${manifestFile}`);
  if (keepDays !== null) prune(dirname(target), series, keepDays, started, target);
}

const safe = (s) => s.replace(/[^0-9A-Za-z_-]/g, '_');

/** `--out` is a .gz file, or a directory (default BACKUP_DIR or ./backups) to put a dated file in. */
function outPath(out, name) {
  const o = out ?? process.env.BACKUP_DIR ?? 'backups';
  if (/\.gz$/.test(o)) {
    mkdirSync(dirname(resolve(o)), { recursive: true });
    return resolve(o);
  }
  mkdirSync(resolve(o), { recursive: true });
  return resolve(o, name);
}

/** Retention: removes this series' backups (and their manifests) older than `days`, never the new one. */
function prune(dir, series, days, now, keep) {
  const limit = now.getTime() - days * 24 * 3600_000;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(series) || !/\.gz$/.test(name)) continue;
    const m = /(\d{8})T(\d{6})Z\.(sql|sqlite)\.gz$/.exec(name);
    if (!m) continue;
    // Only files whose name continues the series with a timestamp (not another project's series).
    if (name.slice(series.length) !== `${m[1]}T${m[2]}Z.${m[3]}.gz`) continue;
    const at = Date.parse(
      `${m[1].slice(0, 4)}-${m[1].slice(4, 6)}-${m[1].slice(6)}T${m[2].slice(0, 2)}:${m[2].slice(2, 4)}:${m[2].slice(4)}Z`,
    );
    const file = join(dir, name);
    if (file === keep || !(at < limit)) continue;
    rmSync(file, { force: true });
    rmSync(manifestPathOf(file), { force: true });
    rmSync(objectsDirOf(file), { recursive: true, force: true });
    console.log(`removed (older than ${days} days): ${name}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Whole MariaDB/MySQL database: mariadb-dump (or mysqldump) in one transaction, scanned on its way to gzip.

async function backupFull(source, target) {
  const bin = findDumpBinary();
  if (!bin)
    throw new UsageError(
      'neither mariadb-dump nor mysqldump is installed (apt-get install mariadb-client), or set MYSQLDUMP',
    );
  const conn = connect(source);
  let tablesBefore;
  let serverVersion;
  try {
    tablesBefore = await baseTables(conn);
    [[{ v: serverVersion }]] = await conn.promise().query('SELECT VERSION() AS v');
  } finally {
    conn.end();
  }
  const opt = optionFile(source);
  const tmp = `${target}.part`;
  try {
    const args = [
      `--defaults-extra-file=${opt.file}`,
      '--single-transaction', // one consistent snapshot (InnoDB), no locks on a live database
      '--routines',
      '--triggers',
      '--hex-blob',
      '--default-character-set=utf8mb4',
      '--no-tablespaces',
      '--skip-dump-date',
      '--quick',
      '--max-allowed-packet=512M',
      // The database name alone (not --databases): no CREATE DATABASE / USE, so it restores under any name.
      source.database,
    ];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res([code]));
    });
    const scanner = new DumpScanner();
    const [, [code]] = await Promise.all([
      pipeline(child.stdout, scanner, createGzip(), createWriteStream(tmp)),
      exited,
    ]);
    if (code !== 0) throw new Error(`${basename(bin)} failed (exit ${code}): ${stderr.trim()}`);
    const tables = scanner.result();
    const missing = tablesBefore.filter((t) => !(t in tables));
    if (missing.length) throw new Error(`the dump lacks tables: ${missing.join(', ')}`);
    renameSync(tmp, target);
    return { tool: `${basename(bin)}`, serverVersion, database: source.database, tables };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    opt.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------------
// One project: SELECTs inside one consistent snapshot, written as a dump the mariadb client loads.

const STATEMENT_BYTES = 256 * 1024;
const BINARY_TYPES = new Set([249, 250, 251, 252, 253, 254, 15]); // blobs, (var)string, varchar
const NUMERIC_TYPES = new Set([0, 1, 2, 3, 4, 5, 8, 9, 13, 246]); // decimal, ints, float, double, year

async function backupProject(source, project, target) {
  const conn = connect(source);
  const q = (sql, params) => conn.promise().query(sql, params);
  const tmp = `${target}.part`;
  const out = new PassThrough();
  const scanner = new DumpScanner();
  const done = pipeline(out, scanner, createGzip(), createWriteStream(tmp));
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  try {
    await q('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await q('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const [[{ v: serverVersion }]] = await q('SELECT VERSION() AS v');
    const tables = await baseTables(conn);
    const unknown = tablesWithoutRule(tables);
    if (unknown.length)
      throw new Error(
        `no per-project rule for table(s) ${unknown.join(', ')}: add them to PROJECT_RULES in scripts/backup-lib.mjs`,
      );
    const params = { P: project.id, C: project.companyId };
    await write(
      `-- 物业通 project backup: ${project.name} (${project.id}) of ${source.database}, ${new Date().toISOString()}\n` +
        `/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n` +
        `/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n` +
        `/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n` +
        `/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n\n`,
    );
    for (const table of tables) {
      const [[row]] = await q(`SHOW CREATE TABLE ${ident(table)}`);
      await write(`DROP TABLE IF EXISTS ${ident(table)};\n${row['Create Table']};\n\n`);
      await dumpRows(conn, table, bind(PROJECT_RULES[table], params), write);
    }
    await write(
      `/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n` +
        `/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n-- end of dump\n`,
    );
    await q('COMMIT');
    out.end();
    await done;
    const counted = scanner.result();
    const missing = tables.filter((t) => !(t in counted));
    if (missing.length) throw new Error(`the dump lacks tables: ${missing.join(', ')}`);
    renameSync(tmp, target);
    return {
      tool: 'select',
      serverVersion,
      database: source.database,
      project: { id: project.id, name: project.name, companyId: project.companyId },
      rules: PROJECT_RULES,
      tables: counted,
    };
  } catch (e) {
    out.destroy(e);
    await done.catch(() => undefined);
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    conn.end();
  }
}

/** Streams a table's selected rows into INSERT statements of at most ~256 KiB, pausing while gzip catches up. */
function dumpRows(conn, table, where, write) {
  return new Promise((res, rej) => {
    let kinds = [];
    let stmt = '';
    let pending = Promise.resolve();
    const flush = () => {
      if (!stmt) return;
      const s = `${stmt};\n`;
      stmt = '';
      pending = pending.then(() => write(s));
    };
    const query = conn.query({
      sql: `SELECT * FROM ${ident(table)} WHERE ${where}`,
      rowsAsArray: true,
      typeCast: textCast,
    });
    query
      .on('error', rej)
      .on('fields', (fields) => {
        kinds = fields.map((f) =>
          NUMERIC_TYPES.has(f.columnType)
            ? 'number'
            : f.characterSet === 63 && BINARY_TYPES.has(f.columnType)
              ? 'binary'
              : 'text',
        );
      })
      .on('result', (row) => {
        const tuple = `(${row.map((v, i) => sqlLiteral(v, kinds[i])).join(',')})`;
        stmt = stmt ? `${stmt},${tuple}` : `INSERT INTO ${ident(table)} VALUES ${tuple}`;
        if (stmt.length >= STATEMENT_BYTES) {
          flush();
          conn.pause();
          pending.then(() => conn.resume(), rej);
        }
      })
      .on('end', () => {
        flush();
        pending.then(() => write('\n')).then(res, rej);
      });
  });
}

// ---------------------------------------------------------------------------------------------------------
// SQLite: better-sqlite3's online backup API copies a consistent snapshot while the server keeps running.

async function backupSqlite(source, target) {
  const Database = BetterSqlite3();
  const dir = mkdtempSync(join(tmpdir(), 'wuye-sqlite-backup-'));
  const copy = join(dir, 'copy.sqlite');
  const tmp = `${target}.part`;
  try {
    const db = new Database(source.file, { readonly: true, fileMustExist: true });
    try {
      await db.backup(copy);
    } finally {
      db.close();
    }
    const snap = new Database(copy, { readonly: true });
    let tables;
    let sqliteVersion;
    try {
      tables = sqliteChecksums(snap);
      sqliteVersion = snap.prepare('SELECT sqlite_version() AS v').get().v;
    } finally {
      snap.close();
    }
    await pipeline(createReadStream(copy), createGzip(), createWriteStream(tmp));
    renameSync(tmp, target);
    return {
      tool: 'better-sqlite3 backup',
      serverVersion: `SQLite ${sqliteVersion}`,
      database: source.file,
      tables,
    };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// --checksums: the live database, computed with SELECTs (not from a dump) — to compare with a manifest.

async function mariadbLiveChecksums(source, projectArg) {
  const conn = connect(source);
  const q = (sql) => conn.promise().query(sql);
  try {
    await q('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await q('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const tables = await baseTables(conn);
    if (!projectArg) return { driver: 'mariadb', tables: await mariadbChecksums(conn, tables) };
    const project = await findProject(conn, projectArg);
    const unknown = tablesWithoutRule(tables);
    if (unknown.length) throw new Error(`no per-project rule for table(s) ${unknown.join(', ')}`);
    const result = await mariadbChecksums(conn, tables, PROJECT_RULES, {
      P: project.id,
      C: project.companyId,
    });
    return { driver: 'mariadb', project, tables: result };
  } finally {
    await q('COMMIT').catch(() => undefined);
    conn.end();
  }
}

function sqliteLiveChecksums(source) {
  const Database = BetterSqlite3();
  const db = new Database(source.file, { readonly: true, fileMustExist: true });
  try {
    // One read transaction: a consistent view while the server writes.
    return { driver: 'sqlite', tables: db.transaction(() => sqliteChecksums(db))() };
  } finally {
    db.close();
  }
}

main().catch((e) => {
  console.error(`backup failed: ${e instanceof UsageError ? e.message : (e.stack ?? e)}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
