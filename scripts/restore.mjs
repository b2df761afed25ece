#!/usr/bin/env node
// `pnpm restore <backup.gz> --into <DATABASE_URL | file.sqlite>`: loads a backup made by `pnpm backup` into an
// EMPTY database (refuses a non-empty one unless --force), then compares every table's row count and checksum
// with the manifest written beside the backup and prints the comparison. Exit 0 only when all match.
//
//   --force          load into a database that already has tables (tables in the backup are replaced)
//   --manifest FILE  the manifest, when it is not beside the backup
//   --verify-only    load nothing; compare the database as it is with the manifest
//   --skip-objects   leave the photos, signatures and models of <backup>.objects/ alone
//
// The backup's objects go into the object storage this command's environment names (UPLOAD_DIR / DATA_DIR, or
// STORAGE=s3 with the S3_* variables: the restored server's own settings), each checked against its sha256.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import {
  BetterSqlite3,
  UsageError,
  baseTables,
  connect,
  findClientBinary,
  ident,
  manifestPathOf,
  mariadbChecksums,
  optionFile,
  parseArgs,
  parseTarget,
  printTable,
  sha256File,
  sqliteChecksums,
} from './backup-lib.mjs';
import { copyObjectsIn, objectsDirOf, objectStoreFromEnv } from './objects-lib.mjs';

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    flags: ['force', 'verify-only', 'skip-objects', 'help'],
    options: ['into', 'manifest'],
  });
  if (args.help || args._.length !== 1 || !args.into) {
    console.log(
      'usage: pnpm restore <backup.sql.gz|backup.sqlite.gz> --into <mysql://user:pass@host:3306/db | file.sqlite> [--force] [--manifest FILE] [--verify-only]',
    );
    process.exit(args.help ? 0 : 2);
  }
  const file = args._[0];
  const manifestFile = args.manifest ?? manifestPathOf(file);
  if (!existsSync(manifestFile))
    throw new UsageError(`no manifest at ${manifestFile} (give it with --manifest)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (manifest.format !== 'wuyetong-backup')
    throw new UsageError(`${manifestFile} is not a 物业通 backup manifest`);
  const target = parseTarget(args.into);
  if (target.driver !== manifest.driver)
    throw new UsageError(`this is a ${manifest.driver} backup; it cannot be restored into ${target.driver}`);

  console.log(
    `backup:  ${basename(file)} — ${manifest.kind === 'project' ? `project ${manifest.project.name} (${manifest.project.id})` : 'whole database'}` +
      ` of ${manifest.source}, taken ${manifest.createdAt}`,
  );
  console.log(`target:  ${target.label}`);

  if (!args['verify-only']) {
    const sha = await sha256File(file);
    if (sha !== manifest.sha256)
      throw new UsageError(
        `the backup file is damaged or not the one the manifest describes (sha256 ${sha.slice(0, 16)}…, manifest says ${String(manifest.sha256).slice(0, 16)}…)`,
      );
    const started = Date.now();
    if (target.driver === 'sqlite') await loadSqlite(file, target, args.force);
    else await loadMariadb(file, target, args.force);
    console.log(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const actual =
    target.driver === 'sqlite' ? sqliteRestoredChecksums(target) : await mariadbRestoredChecksums(target);
  const ok = compare(manifest.tables, actual);
  let objectProblems = [];
  if (manifest.objects && !args['skip-objects']) {
    const store = objectStoreFromEnv();
    try {
      objectProblems = await copyObjectsIn(
        manifest.objects,
        join(dirname(manifestFile), manifest.objects.dir ?? basename(objectsDirOf(file))),
        store,
        { verifyOnly: !!args['verify-only'] },
      );
    } finally {
      store.close();
    }
    for (const p of objectProblems) console.error(`✗ ${p}`);
    console.log(
      `objects: ${manifest.objects.count - objectProblems.length} of ${manifest.objects.count} ${args['verify-only'] ? 'present' : 'restored'} in ${store.label}`,
    );
  }
  if (!ok || objectProblems.length) {
    console.error('\nRESTORE DOES NOT MATCH THE BACKUP (see ✗ above)');
    process.exit(1);
  }
  console.log(`\nrestore verified: ${Object.keys(manifest.tables).length} tables match the manifest`);
}

/** Prints the comparison; true when every table of the manifest has the same rows and checksum, and no more tables. */
function compare(expected, actual) {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  let ok = true;
  const rows = names.map((name) => {
    const e = expected[name];
    const a = actual[name];
    const same = !!e && !!a && e.rows === a.rows && e.checksum === a.checksum;
    if (!same) ok = false;
    const verdict = !e
      ? '✗ not in backup'
      : !a
        ? '✗ missing'
        : same
          ? '✓'
          : e.rows !== a.rows
            ? '✗ rows differ'
            : '✗ checksum differs';
    return [name, e ? e.rows : '-', a ? a.rows : '-', a ? a.checksum.slice(0, 16) : '-', verdict];
  });
  printTable(['table', 'rows in backup', 'rows restored', 'checksum', ''], rows);
  return ok;
}

// ---------------------------------------------------------------------------------------------------------
// MariaDB/MySQL

async function loadMariadb(file, target, force) {
  const bin = findClientBinary();
  if (!bin)
    throw new UsageError(
      'neither the mariadb nor the mysql client is installed (apt-get install mariadb-client), or set MYSQL_CLIENT',
    );
  const admin = connect(target, { database: null });
  try {
    const [[db]] = await admin
      .promise()
      .query('SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
        target.database,
      ]);
    if (Number(db.n) === 0) {
      await admin
        .promise()
        .query(`CREATE DATABASE ${ident(target.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      console.log(`created database ${target.database}`);
    } else {
      const [[t]] = await admin
        .promise()
        .query(
          `SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
          [target.database],
        );
      if (Number(t.n) > 0 && !force)
        throw new UsageError(
          `database ${target.database} is not empty (${t.n} tables): restore into an empty database, or add --force to replace the tables in the backup`,
        );
    }
  } finally {
    admin.end();
  }
  const opt = optionFile(target);
  try {
    const child = spawn(
      bin,
      [
        `--defaults-extra-file=${opt.file}`,
        '--default-character-set=utf8mb4',
        '--max-allowed-packet=512M',
        target.database,
      ],
      { stdio: ['pipe', 'inherit', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((res, rej) => {
      child.on('error', rej);
      child.on('close', (code) => res([code]));
    });
    const [, [code]] = await Promise.all([
      pipeline(createReadStream(file), createGunzip(), child.stdin).catch((e) => {
        // The client stopping early (a SQL error) closes its stdin: report its error, not EPIPE.
        if (e.code !== 'EPIPE') throw e;
      }),
      exited,
    ]);
    if (code !== 0) throw new Error(`${basename(bin)} failed (exit ${code}): ${stderr.trim()}`);
  } finally {
    opt.cleanup();
  }
}

async function mariadbRestoredChecksums(target) {
  const conn = connect(target);
  try {
    return await mariadbChecksums(conn, await baseTables(conn));
  } finally {
    conn.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// SQLite: the file is replaced as a whole (stop the server first).

async function loadSqlite(file, target, force) {
  if (existsSync(target.file) && statSync(target.file).size > 0 && !force)
    throw new UsageError(
      `${target.file} exists: restore into a new file, or stop the server and add --force to replace it`,
    );
  mkdirSync(dirname(target.file), { recursive: true });
  const tmp = join(dirname(target.file), `.${basename(target.file)}.restoring`);
  try {
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(tmp));
    // A stale write-ahead log of the old file would be replayed into the new one.
    for (const suffix of ['-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
    renameSync(tmp, target.file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function sqliteRestoredChecksums(target) {
  const Database = BetterSqlite3();
  const db = new Database(target.file, { readonly: true, fileMustExist: true });
  try {
    return sqliteChecksums(db);
  } finally {
    db.close();
  }
}

main().catch((e) => {
  console.error(`restore failed: ${e instanceof UsageError ? e.message : (e.stack ?? e)}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
