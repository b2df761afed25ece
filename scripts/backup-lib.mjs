// Shared by `pnpm backup` (scripts/backup.mjs) and `pnpm restore` (scripts/restore.mjs): where the database is,
// the dump and client binaries, the per-project tenant rules, and the row checksums both sides compute.
import { createHash } from 'node:crypto';
import { accessSync, constants, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// mysql2 and better-sqlite3 are the server's dependencies; the scripts borrow them.
const serverRequire = createRequire(join(root, 'server/package.json'));
export const mysql2 = () => serverRequire('mysql2');
export const BetterSqlite3 = () => serverRequire('better-sqlite3');

export const CHECKSUM_ALGORITHM = 'sha256-rowsum-v1';
export const CHECKSUM_DESCRIPTION =
  'per row: sha256 of the JSON array of its column values in table order, each as the text the database ' +
  'prints for it (NULL as null; binary as latin1 text of its bytes); per table: the sum of the row hashes ' +
  'modulo 2^256, in hex — independent of row order, so a dump and a restored table compare directly';

// ---------------------------------------------------------------------------------------------------------
// Where the data is

/**
 * A database target: `mysql://user:pass@host:3306/db` / `mariadb://…`, or an SQLite file (a path,
 * `sqlite:/path` or `file:/path`).
 */
export function parseTarget(spec) {
  if (/^(mysql|mariadb):\/\//i.test(spec)) {
    const u = new URL(spec);
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database) throw new UsageError(`the URL names no database: ${redact(spec)}`);
    return {
      driver: 'mariadb',
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password || ''),
      database,
      label: redact(spec),
    };
  }
  const file = resolve(spec.replace(/^(sqlite|file):(\/\/)?/i, ''));
  return { driver: 'sqlite', file, label: file };
}

/** The server's own database: DATABASE_URL, or the embedded SQLite file under DATA_DIR (as server config does). */
export function sourceFromEnv(env = process.env) {
  if (env.DATABASE_URL) return parseTarget(env.DATABASE_URL);
  return parseTarget(resolve(env.DATA_DIR || 'data', 'wuyetong.sqlite'));
}

export const redact = (url) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');

export class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// The MariaDB / MySQL tools

/** The first of `names` that is an executable on PATH (or the path in `envVar`), else null. */
export function findBinary(names, envVar) {
  const override = envVar && process.env[envVar];
  if (override) return override;
  for (const dir of (process.env.PATH || '').split(delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    for (const name of names) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        /* next */
      }
    }
  }
  return null;
}
export const findDumpBinary = () => findBinary(['mariadb-dump', 'mysqldump'], 'MYSQLDUMP');
export const findClientBinary = () => findBinary(['mariadb', 'mysql'], 'MYSQL_CLIENT');

/**
 * Credentials for the command-line tools in a private option file (mode 600, removed afterwards), never on
 * the command line where `ps` would show the password. Returns the file's path and a cleanup.
 */
export function optionFile(t) {
  const dir = mkdtempSync(join(tmpdir(), 'wuye-db-'));
  const file = join(dir, 'client.cnf');
  const q = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  writeFileSync(
    file,
    `[client]\nhost=${q(t.host)}\nport=${t.port}\nuser=${q(t.user)}\npassword=${q(t.password)}\n`,
    { mode: 0o600 },
  );
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A mysql2 connection (callback API, for streaming; `.promise()` for queries). */
export function connect(t, { database = t.database } = {}) {
  return mysql2().createConnection({
    host: t.host,
    port: t.port,
    user: t.user,
    password: t.password,
    database: database ?? undefined,
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
}

/** Every value as the text the server sends for it: the same text mysqldump writes into a dump. */
export const textCast = (field) => field.string();

export const ident = (name) => `\`${String(name).replace(/`/g, '``')}\``;

/** The base tables of the connection's database, sorted. */
export async function baseTables(conn) {
  const [rows] = await conn.promise().query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  );
  return rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------------------
// Checksums

const MOD = 1n << 256n;

/** Accumulates one table's rows: count and the order-independent sum of row hashes. */
export class TableSum {
  rows = 0;
  sum = 0n;
  add(values) {
    const h = createHash('sha256').update(JSON.stringify(values)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${h}`)) % MOD;
    this.rows++;
  }
  toJSON() {
    return { rows: this.rows, checksum: this.sum.toString(16).padStart(64, '0') };
  }
}

/**
 * Row counts and checksums of tables straight from a MariaDB database, each SELECT streamed. `where` maps a
 * table to a WHERE clause (the per-project rules); run inside one transaction for a consistent snapshot.
 */
export async function mariadbChecksums(conn, tables, where = null, params = {}) {
  const out = {};
  for (const table of tables) {
    const sum = new TableSum();
    const clause = where ? bind(where[table], params) : null;
    const sql = `SELECT * FROM ${ident(table)}${clause ? ` WHERE ${clause}` : ''}`;
    await new Promise((res, rej) => {
      conn
        .query({ sql, rowsAsArray: true, typeCast: textCast })
        .on('error', rej)
        .on('result', (row) => sum.add(row))
        .on('end', res);
    });
    out[table] = sum.toJSON();
  }
  return out;
}

/** The same for an SQLite file (better-sqlite3 handle). */
export function sqliteTables(db) {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((r) => r.name);
}
export function sqliteChecksums(db) {
  const out = {};
  for (const table of sqliteTables(db)) {
    const sum = new TableSum();
    for (const row of db
      .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
      .raw()
      .iterate())
      sum.add(
        row.map((v) =>
          v === null
            ? null
            : Buffer.isBuffer(v)
              ? v.toString('latin1')
              : typeof v === 'string'
                ? v
                : String(v),
        ),
      );
    out[table] = sum.toJSON();
  }
  return out;
}

export async function sha256File(file) {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk);
  return h.digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Reading a dump: counts and checksums of exactly what is in the file

/**
 * A pass-through stream over SQL dump text (mysqldump's, or ours for a project) that reads every
 * `CREATE TABLE` and every `INSERT INTO … VALUES (…),(…);` line and sums the rows per table, with the same
 * row hashing as `mariadbChecksums`. The dump is the truth the manifest describes.
 */
export class DumpScanner extends Transform {
  tables = new Map();
  decoder = new StringDecoder('utf8');
  rest = '';

  _transform(chunk, _enc, done) {
    try {
      const text = this.rest + this.decoder.write(chunk);
      let start = 0;
      let nl;
      while ((nl = text.indexOf('\n', start)) !== -1) {
        this.line(text.slice(start, nl));
        start = nl + 1;
      }
      this.rest = text.slice(start);
      done(null, chunk);
    } catch (e) {
      done(e);
    }
  }

  _flush(done) {
    try {
      const last = this.rest + this.decoder.end();
      if (last) this.line(last);
      done();
    } catch (e) {
      done(e);
    }
  }

  table(name) {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new TableSum()));
    return t;
  }

  /** The table whose INSERT continues on the next line (mariadb-dump ≥ 10.11 puts each row on its own line). */
  inInsert = null;

  line(s) {
    if (this.inInsert) {
      if (parseTuples(s, 0, this.inInsert)) this.inInsert = null;
    } else if (s.startsWith('CREATE TABLE ')) {
      const [name] = readIdent(s, 'CREATE TABLE '.length);
      this.table(name);
    } else if (s.startsWith('INSERT INTO ')) {
      const [name, after] = readIdent(s, 'INSERT INTO '.length);
      if (!s.startsWith(' VALUES', after)) throw new Error(`unexpected INSERT form for ${name}`);
      const sum = this.table(name);
      if (!parseTuples(s, after + ' VALUES'.length, sum)) this.inInsert = sum;
    }
  }

  result() {
    return Object.fromEntries(
      [...this.tables.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toJSON()]),
    );
  }
}

function readIdent(s, i) {
  if (s[i] !== '`') throw new Error(`expected a quoted table name in: ${s.slice(0, 80)}`);
  let name = '';
  let j = i + 1;
  for (;;) {
    const k = s.indexOf('`', j);
    if (k === -1) throw new Error(`unterminated name in: ${s.slice(0, 80)}`);
    if (s[k + 1] === '`') {
      name += s.slice(j, k + 1);
      j = k + 2;
      continue;
    }
    name += s.slice(j, k);
    return [name, k + 1];
  }
}

const ESCAPES = { 0: '\0', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\x1a' };
const STRING_STOP = /['\\]/g;

/**
 * `(v,v),(v,v);` from position i: each tuple becomes one row of text values. True when the statement ended
 * (`;`), false when the line ended with more rows to come on the next one.
 */
function parseTuples(s, i, sum) {
  const skip = () => {
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\r') i++;
  };
  for (;;) {
    skip();
    if (i >= s.length) return false;
    if (s[i] !== '(') throw new Error(`expected ( at ${i}: ${s.slice(i, i + 40)}`);
    i++;
    const row = [];
    for (;;) {
      let v;
      const c = s[i];
      if (c === "'") {
        [v, i] = readString(s, i + 1);
      } else if (s.startsWith('NULL', i)) {
        v = null;
        i += 4;
      } else if (s.startsWith('0x', i)) {
        let j = i + 2;
        while (/[0-9A-Fa-f]/.test(s[j])) j++;
        v = Buffer.from(s.slice(i + 2, j), 'hex').toString('latin1');
        i = j;
      } else if (s.startsWith("_binary '", i)) {
        [v, i] = readString(s, i + "_binary '".length);
      } else {
        let j = i;
        while (j < s.length && s[j] !== ',' && s[j] !== ')') j++;
        v = s.slice(i, j);
        i = j;
      }
      row.push(v);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        i++;
        break;
      }
      throw new Error(`expected , or ) at ${i}: ${s.slice(i, i + 40)}`);
    }
    sum.add(row);
    skip();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === ';') return true;
    throw new Error(`expected , or ; after a row at ${i}: ${s.slice(i, i + 40)}`);
  }
}

function readString(s, i) {
  let out = '';
  for (;;) {
    STRING_STOP.lastIndex = i;
    const m = STRING_STOP.exec(s);
    if (!m) throw new Error('unterminated string in dump');
    out += s.slice(i, m.index);
    if (m[0] === "'") {
      if (s[m.index + 1] === "'") {
        out += "'";
        i = m.index + 2;
        continue;
      }
      return [out, m.index + 1];
    }
    const e = s[m.index + 1];
    out += ESCAPES[e] ?? e;
    i = m.index + 2;
  }
}

/** A value (the server's text for it) as a SQL literal the way mysqldump writes it. */
export function sqlLiteral(v, kind = 'text') {
  if (v === null) return 'NULL';
  if (kind === 'number' && /^[-+0-9.eE]+$/.test(v)) return v;
  if (kind === 'binary')
    return v.length ? `0x${Buffer.from(v, 'latin1').toString('hex').toUpperCase()}` : "''";
  return `'${v.replace(/[\0\n\r\\'"\x1a]/g, (c) => SQL_ESCAPES[c])}'`;
}
const SQL_ESCAPES = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\x1a': '\\Z',
};

// ---------------------------------------------------------------------------------------------------------
// One project's tenant

/**
 * Which rows of each table belong to one project, as WHERE clauses over `:P` (the project) and `:C` (its
 * company). Tables with projectId directly; child tables through their ticket, quote, campaign …; company
 * rows the project needs (the company, its HQ staff, its ticket counters, questionnaires, model versions);
 * the users who appear in the project's rows; `migrations` whole, so the server sees its schema as current.
 * Every table of the database must have a rule: a new table without one stops the backup.
 */
const T = `(SELECT id FROM tickets WHERE projectId = :P)`;
const PROJECT_USERS = `(SELECT id FROM users WHERE projectId = :P)`;
const CAMPAIGNS = `(SELECT id FROM survey_campaigns WHERE projectId = :P)`;
const QUESTIONNAIRES = `(SELECT id FROM survey_questionnaires WHERE companyId = :C)`;
const USERS_WHERE = `projectId = :P
  OR (kind = 'staff' AND companyId = :C AND projectId IS NULL)
  OR id IN (SELECT userId FROM household_bindings WHERE projectId = :P)
  OR id IN (SELECT residentId FROM tickets WHERE projectId = :P)
  OR id IN (SELECT createdById FROM tickets WHERE projectId = :P)
  OR id IN (SELECT assigneeId FROM tickets WHERE projectId = :P)
  OR id IN (SELECT actorId FROM ticket_events WHERE ticketId IN ${T})
  OR id IN (SELECT respondentId FROM survey_responses WHERE campaignId IN ${CAMPAIGNS})`;
const USERS = `(SELECT id FROM users WHERE ${USERS_WHERE})`;
const NOTIFICATIONS_WHERE = `ticketId IN ${T} OR (ticketId IS NULL AND userId IN ${PROJECT_USERS})`;
const byProject = 'projectId = :P';

export const PROJECT_RULES = {
  migrations: '1 = 1',
  companies: 'id = :C',
  projects: 'id = :P',
  buildings: byProject,
  units: 'buildingId IN (SELECT id FROM buildings WHERE projectId = :P)',
  households: byProject,
  departments: byProject,
  users: USERS_WHERE,
  household_bindings: byProject,
  household_codes: 'householdId IN (SELECT id FROM households WHERE projectId = :P)',
  staff_invites: `staffUserId IN ${PROJECT_USERS}`,
  staff_trades: `userId IN ${PROJECT_USERS}`,
  uploads: `ticketId IN ${T}`,
  tickets: byProject,
  ticket_events: `ticketId IN ${T}`,
  ticket_counters: 'companyId = :C',
  ticket_photos: `ticketId IN ${T}`,
  reply_templates: byProject,
  routing_rules: byProject,
  classification_corrections: `ticketId IN ${T}`,
  classifier_models: 'companyId = :C',
  incidents: byProject,
  jobs: `JSON_VALUE(payload, '$.ticketId') IN ${T}
    OR JSON_VALUE(payload, '$.taskId') IN (SELECT id FROM visit_tasks WHERE projectId = :P)
    OR JSON_VALUE(payload, '$.notificationId') IN (SELECT id FROM notifications WHERE ${NOTIFICATIONS_WHERE})`,
  notifications: NOTIFICATIONS_WHERE,
  subscribe_quotas: `userId IN ${USERS}`,
  wechat_sends: `notificationId IN (SELECT id FROM notifications WHERE ${NOTIFICATIONS_WHERE})`,
  sms_sends: `notificationId IN (SELECT id FROM notifications WHERE ${NOTIFICATIONS_WHERE})`,
  sms_daily_counts: `userId IN ${USERS}`,
  inventory_snapshots: byProject,
  survey_questionnaires: 'companyId = :C',
  survey_drivers: `questionnaireId IN ${QUESTIONNAIRES}`,
  survey_sections: `questionnaireId IN ${QUESTIONNAIRES}`,
  survey_questions: `questionnaireId IN ${QUESTIONNAIRES}`,
  survey_campaigns: byProject,
  survey_campaign_households: `campaignId IN ${CAMPAIGNS}`,
  survey_responses: `campaignId IN ${CAMPAIGNS}`,
  survey_answers: `responseId IN (SELECT id FROM survey_responses WHERE campaignId IN ${CAMPAIGNS})`,
  survey_events: `campaignId IN ${CAMPAIGNS}`,
  price_items: byProject,
  quotes: byProject,
  quote_items: 'quoteId IN (SELECT id FROM quotes WHERE projectId = :P)',
  pay_orders: byProject,
  refunds: byProject,
  pay_notifications: `outTradeNo IN (SELECT outTradeNo FROM pay_orders WHERE projectId = :P)
    OR outRefundNo IN (SELECT outRefundNo FROM refunds WHERE projectId = :P)`,
  pay_events: `ticketId IN ${T}`,
  visit_rules: byProject,
  visit_preferences: `householdId IN (SELECT id FROM households WHERE projectId = :P) OR userId IN ${USERS}`,
  ticket_visit_settings: `ticketId IN ${T}`,
  visit_tasks: byProject,
  visit_attempts: `ticketId IN ${T}`,
  ratings: byProject,
  repeat_complaints: `originalTicketId IN ${T}`,
  report_category_rollups: byProject,
  report_kpi_rollups: byProject,
  report_cause_rollups: byProject,
  report_rollup_builds: byProject,
  report_corrective_actions: byProject,
  report_representative_cases: byProject,
  report_submissions: byProject,
  special_cases: byProject,
  special_case_archives: byProject,
  special_case_archive_entries: 'archiveId IN (SELECT id FROM special_case_archives WHERE projectId = :P)',
  special_case_sync: byProject,
  // privacy: the company's phrase list; the call-back numbers and access log of this project's tickets; its notices
  forbidden_phrases: 'companyId = :C',
  ticket_callbacks: `ticketId IN ${T}`,
  privacy_access_logs: byProject,
  notice_publications: byProject,
};

/** A rule with :P / :C replaced by quoted literals (ids are uuids we read from the database ourselves). */
export function bind(clause, params) {
  return clause.replace(/:([PC])\b/g, (_, k) => {
    const v = params[k];
    if (typeof v !== 'string' || !/^[0-9A-Za-z-]{1,64}$/.test(v)) throw new Error(`bad id for :${k}`);
    return `'${v}'`;
  });
}

/** The tables without a per-project rule (a new table must get one before project backups work again). */
export const tablesWithoutRule = (tables) => tables.filter((t) => !(t in PROJECT_RULES));

/** A project by id or exact name. */
export async function findProject(conn, idOrName) {
  const [rows] = await conn
    .promise()
    .query(`SELECT id, companyId, name FROM projects WHERE id = ? OR name = ? ORDER BY id`, [
      idOrName,
      idOrName,
    ]);
  if (!rows.length) throw new UsageError(`no project with id or name "${idOrName}"`);
  if (rows.length > 1)
    throw new UsageError(
      `several projects are called "${idOrName}"; give the id: ${rows.map((r) => r.id).join(', ')}`,
    );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------------------
// Printing

export function printTable(headers, rows) {
  const width = (s) => [...String(s)].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const fmt = (r) =>
    r
      .map((c, i) => String(c) + ' '.repeat(widths[i] - width(c)))
      .join('  ')
      .trimEnd();
  console.log(fmt(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

/** `--name value` / `--flag` arguments and positionals. */
export function parseArgs(argv, { flags = [], options = [] }) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      out._.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) out[name] = true;
    else if (options.includes(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      out[name] = v;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}

/** The manifest beside a backup: `x.sql.gz` / `x.sqlite.gz` → `x.manifest.json`. */
export const manifestPathOf = (file) => `${file.replace(/(\.sql|\.sqlite)?\.gz$/, '')}.manifest.json`;
