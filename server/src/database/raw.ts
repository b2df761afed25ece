import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ColumnAccess, columnAccess, fillColumnDefaults } from '../common/entity-helpers';
import { deferStatement, sharedRoundTrip } from './round-trips';

/**
 * Hand-written statements for the paths every intake (or every signed-in request) takes. TypeORM's query builder
 * spends 0.1–0.2 ms of CPU building and hydrating each statement, more than the round trip itself
 * (bench/results.md, 2026-11-23); these helpers skip it. Values still go through the driver's own conversions
 * (dates, booleans, JSON), so what they read and write is what TypeORM would, on MySQL and on SQLite.
 *
 * The SQL is written once for both dialects: identifiers in backticks (SQLite accepts them), `?` placeholders,
 * and values passed through `param`.
 */

/** An entity's column names as the statements here read them (database name → column), per metadata. */
const byDbName = new WeakMap<EntityMetadata, Map<string, ColumnAccess>>();

function columnsOf(meta: EntityMetadata): Map<string, ColumnAccess> {
  let map = byDbName.get(meta);
  if (!map) {
    map = new Map(columnAccess(meta).map((a) => [a.column.databaseName, a]));
    byDbName.set(meta, map);
  }
  return map;
}

const lists = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * The SELECT list of every column of `target` (`\`t\`.\`id\`, \`t\`.\`companyId\` …` with an alias), as
 * `selectEntities` reads them back.
 */
export function allColumns(m: EntityManager, target: EntityTarget<ObjectLiteral>, alias?: string): string {
  const meta = m.connection.getMetadata(target);
  let byAlias = lists.get(meta);
  if (!byAlias) lists.set(meta, (byAlias = new Map()));
  const key = alias ?? '';
  let list = byAlias.get(key);
  if (list === undefined) {
    list = meta.columns.map((c) => `${alias ? `\`${alias}\`.` : ''}\`${c.databaseName}\``).join(', ');
    byAlias.set(key, list);
  }
  return list;
}

/** A statement parameter as the driver stores it: dates in UTC (text on SQLite), booleans as 1/0. */
export function param(m: EntityManager, v: unknown): unknown {
  if (v instanceof Date || typeof v === 'boolean')
    return m.connection.driver.preparePersistentValue(v, {
      type: typeof v === 'boolean' ? 'boolean' : 'datetime',
    } as ColumnMetadata);
  return v;
}

/**
 * Runs a SELECT whose result columns are `target`'s database column names (`SELECT t.id, t.content …`, no
 * aliases), and returns its rows as entities. Columns not selected stay undefined.
 */
export async function selectEntities<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return hydrate(m, target, await selectRows(m, sql, params));
}

/**
 * Runs a SELECT and returns its raw rows, values converted by `param`. Outside a transaction (`m` is the data
 * source's own manager) it goes with the other reads of this turn of the event loop, in one round trip
 * (`sharedRoundTrip`); inside one, on the transaction's connection.
 */
export function selectRows<R = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const values = params.map((p) => param(m, p));
  return sharedRoundTrip(m, sql, values) as Promise<R[]>;
}

/** A value read by hand-written SQL (an aggregate's MIN of a date …) as `target`'s `property` column hydrates it. */
export function hydrateValue<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  property: keyof T & string,
  raw: unknown,
): unknown {
  if (raw === null || raw === undefined) return raw;
  const c = m.connection.getMetadata(target).findColumnWithPropertyName(property);
  if (!c) throw new Error(`no column ${property}`);
  return m.connection.driver.prepareHydratedValue(raw, c);
}

/**
 * A write whose answer nobody reads (an UPDATE of counts): within `pipelinedTransaction` only queued, to go with the
 * next statement that needs an answer or with the COMMIT; otherwise run now. Values converted by `param`.
 */
export async function writeLater(m: EntityManager, sql: string, params: unknown[]): Promise<void> {
  const values = params.map((p) => param(m, p));
  if (!deferStatement(m, sql, values)) await m.query(sql, values);
}

/**
 * A write inside a transaction whose count of changed rows decides what comes next (`UPDATE … WHERE incidentId IS
 * NULL`). Like `selectRows` it is sent as soon as it is called, so statements asked for together (Promise.all) run
 * in the order they were asked, in one round trip within a pipelined transaction.
 */
export async function changedRows(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
  if (!m.queryRunner) throw new Error('changedRows runs inside a transaction');
  const r = (await m.queryRunner.query(
    sql,
    params.map((p) => param(m, p)),
    true,
  )) as { affected?: number };
  return r.affected ?? 0;
}

/** Raw rows (keys: database column names) as entities of `target`, values converted by the driver. */
function hydrate<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: Record<string, unknown>[],
): T[] {
  const meta = m.connection.getMetadata(target);
  const cols = columnsOf(meta);
  const driver = m.connection.driver;
  return rows.map((row) => {
    const e = meta.create(undefined, { fromDeserializer: true }) as T;
    for (const key in row) {
      const a = cols.get(key);
      if (!a) throw new Error(`${meta.tableName} has no column ${key}`);
      const raw = row[key];
      a.set(e, raw === null || raw === undefined ? raw : driver.prepareHydratedValue(raw, a.column));
    }
    return e;
  });
}

/**
 * One multi-row INSERT of entities. A column a row leaves out gets its literal default or null (`fillColumnDefaults`,
 * set on the entity too); one whose default the database computes (CURRENT_TIMESTAMP) may be left out of every
 * row. Nothing is read back, and no subscriber runs: rows carry their ids (entity initialisers) already. Within
 * `pipelinedTransaction` the statement is only queued: an error (a duplicate key) fails a later statement.
 */
export async function insertRows<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<void> {
  if (!rows.length) return;
  const meta = m.connection.getMetadata(target);
  const driver = m.connection.driver;
  for (const r of rows) fillColumnDefaults(meta, r);
  const cols = columnAccess(meta).filter((a) => rows.some((r) => a.get(r) !== undefined));
  const values: unknown[] = [];
  for (const r of rows)
    for (const a of cols) {
      const v = a.get(r);
      if (v === undefined)
        throw new Error(`${meta.tableName}.${a.column.databaseName} is missing in a row to insert`);
      values.push(v === null ? null : driver.preparePersistentValue(v, a.column));
    }
  const one = `(${cols.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO \`${meta.tableName}\` (${cols.map((a) => `\`${a.column.databaseName}\``).join(', ')}) VALUES ${rows
    .map(() => one)
    .join(', ')}`;
  // In a pipelined transaction the INSERT goes with the next statement that needs an answer (round-trips.ts).
  if (!deferStatement(m, sql, values)) await m.query(sql, values);
}

/**
 * A statement written with named parameters (`:id`, and `:...ids` for a list, as TypeORM's query builder takes
 * them) in the driver's positional form, values converted by `param`. A name without a value is an error.
 */
export function positional(
  m: EntityManager,
  sql: string,
  named: Record<string, unknown>,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const out = sql.replace(/:(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (_all, spread: string | undefined, name) => {
    if (!(name in named) || named[name] === undefined) throw new Error(`no value for :${name}`);
    const v = named[name];
    if (!spread) {
      params.push(param(m, v));
      return '?';
    }
    if (!Array.isArray(v) || !v.length) throw new Error(`:...${name} needs a non-empty list`);
    for (const x of v) params.push(param(m, x));
    return v.map(() => '?').join(', ');
  });
  return { sql: out, params };
}
