import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ColumnAccess, columnAccess, fillColumnDefaults } from '../common/entity-helpers';

/**
 * Hand-written statements for the paths every intake (or every signed-in request) takes. TypeORM's query builder
 * spends 0.1–0.2 ms of CPU building and hydrating each statement, more than the round trip itself
 * (bench/results.md, 2026-11-23); these helpers skip it. Values still go through the driver's own conversions
 * (dates, booleans, JSON), so what they read and write is what TypeORM would, on MySQL and on SQLite.
 *
 * Every statement runs through TypeORM's public `EntityManager.query` (or, for a count of changed rows, the
 * transaction's `QueryRunner.query` with a structured result): one statement, one round trip, on the transaction's
 * connection when `m` is a transaction's manager, else on a pooled one.
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

/** Runs a SELECT and returns its raw rows, values converted by `param`. */
export function selectRows<R = Record<string, unknown>>(
  m: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  return m.query(
    sql,
    params.map((p) => param(m, p)),
  ) as Promise<R[]>;
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
 * A write whose answer nobody reads (an UPDATE of counts), values converted by `param`. It runs when called, like
 * every statement here (the name is older than that).
 */
export async function writeLater(m: EntityManager, sql: string, params: unknown[]): Promise<void> {
  await m.query(
    sql,
    params.map((p) => param(m, p)),
  );
}

/**
 * A write inside a transaction whose count of changed rows decides what comes next (`UPDATE … WHERE incidentId IS
 * NULL`). It is sent as soon as it is called: statements asked for together (Promise.all) on one transaction run in
 * the order they were asked, one after the other on its connection.
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
 * row. Nothing is read back, and no entity subscriber runs: rows carry their ids (entity initialisers) already.
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
  await m.query(sql, values);
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
