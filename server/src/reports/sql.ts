import { DataSource, EntityManager } from 'typeorm';

/**
 * The few things the report SQL writes differently on SQLite and MariaDB. Everything else is the
 * common subset (CASE, COALESCE, derived tables, INSERT … SELECT, GROUP BY).
 */
export interface Dialect {
  /** A Date as a bound parameter comparable with a datetime column. */
  time(d: Date): Date | string;
  /** Minutes from a to b (column expressions). */
  minutes(a: string, b: string): string;
  /** String concatenation of expressions. */
  concat(...parts: string[]): string;
  /** Drops a temporary table if it is there. */
  dropTemp(name: string): string;
}

const SQLITE: Dialect = {
  // TypeORM stores SQLite datetimes as UTC text 'YYYY-MM-DD HH:MM:SS.SSS', which sorts as time does.
  time: (d) => d.toISOString().replace('T', ' ').replace('Z', ''),
  minutes: (a, b) => `((julianday(${b}) - julianday(${a})) * 1440.0)`,
  concat: (...p) => `(${p.join(' || ')})`,
  dropTemp: (name) => `DROP TABLE IF EXISTS temp.${name}`,
};

const MARIADB: Dialect = {
  time: (d) => d,
  minutes: (a, b) => `(TIMESTAMPDIFF(MICROSECOND, ${a}, ${b}) / 6.0E7)`, // a double, not a 4-digit DECIMAL
  concat: (...p) => `CONCAT(${p.join(', ')})`,
  dropTemp: (name) => `DROP TEMPORARY TABLE IF EXISTS ${name}`,
};

export function dialectOf(ds: DataSource | EntityManager): Dialect {
  const type = 'connection' in ds ? ds.connection.options.type : ds.options.type;
  return type === 'better-sqlite3' || type === 'sqljs' ? SQLITE : MARIADB;
}

/** SUM() comes back as a string (DECIMAL) from MariaDB and a number from SQLite. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** `?, ?, ?` for an IN list (never empty: an empty list matches nothing). */
export function inList(values: readonly unknown[]): { sql: string; params: unknown[] } {
  if (!values.length) return { sql: '(NULL)', params: [] };
  return { sql: `(${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** SQLite hands back datetimes as UTC text without a zone; MariaDB as Dates. */
export function toDate(v: Date | string | null): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(v)) ? String(v) : `${String(v).replace(' ', 'T')}Z`);
}

/** A nullable datetime column as a Date or null. */
export const toDateOrNull = (v: unknown): Date | null =>
  v === null || v === undefined ? null : toDate(v as Date | string);

/** Rows per INSERT: far below SQLite's 32,766 bound parameters even for the widest rollup row. */
const INSERT_CHUNK = 500;

/** Multi-row INSERTs of plain values (`columns` in order), a few hundred rows a statement. */
export async function insertValues(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}`,
      chunk.flat(),
    );
  }
}
