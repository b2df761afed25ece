import { Injectable } from '@nestjs/common';
import {
  CategoryTally,
  KPI_SUM_FIELDS,
  KpiSums,
  MonthKey,
  TALLY_FIELDS,
  UNCLASSIFIED,
  addSums,
  emptySums,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { ReportScope } from '../report-scope';
import { RollupRows } from '../rollup-rows';
import { dialectOf, inList, insertValues, num, toDate } from '../sql';

type Row = Record<string, unknown>;
type ProjectRef = { id: string; companyId: string };

const ROLLUP_TABLES = ['report_category_rollups', 'report_kpi_rollups', 'report_cause_rollups'] as const;
const HEAD = ['companyId', 'projectId', 'month'];
const KPI_KEYS = ['departmentId', 'assigneeId', 'kind', 'category'] as const;
const sumsOf = (fields: readonly string[]) => fields.map((f) => `SUM(${f}) AS ${f}`).join(', ');

/** A stored '' category is one not given yet. */
const categoryOf = (v: unknown) => (String(v) === '' ? UNCLASSIFIED : String(v));

export const toSums = (r: Row | undefined): KpiSums => addSums(r ? (r as Partial<KpiSums>) : emptySums());

const toTally = (r: Row): CategoryTally => {
  const t = { category: categoryOf(r.category) } as CategoryTally;
  for (const f of TALLY_FIELDS) t[f] = num(r[f]);
  return t;
};

/** The key-figure sums of a slice of rollups, with the dimensions asked for. */
export type KpiSumsRow = KpiSums & Record<string, unknown>;

/**
 * The report rollups (report_*_rollups and report_rollup_builds): a project's month replaced whole, and the
 * sums over any projects and months the reports read. Adding up is all the SQL here does; what a ticket adds
 * is decided by @wuye/shared (rollup-rows.ts).
 */
@Injectable()
export class ReportRollupsRepository {
  constructor(private readonly ds: DataSource) {}

  /** SQLite: one connection for every query, so readers and a rebuild must take turns (rollup.service.ts). */
  get embedded(): boolean {
    return this.ds.options.type === 'better-sqlite3' || this.ds.options.type === 'sqljs';
  }

  /** Runs a rebuild in one transaction. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /**
   * Forgets every rollup of a company (its statistical month changed: every month is cut anew); each month is
   * built again when next read, and by the nightly rebuild.
   */
  async forgetCompany(companyId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      for (const table of [...ROLLUP_TABLES, 'report_rollup_builds'])
        await m.query(`DELETE FROM ${table} WHERE companyId = ?`, [companyId]);
    });
  }

  /** Replaces a project's month with these rows and records when it was built, in the caller's transaction. */
  async replace(m: EntityManager, project: ProjectRef, month: MonthKey, rows: RollupRows, builtAt: Date) {
    for (const table of ROLLUP_TABLES)
      await m.query(`DELETE FROM ${table} WHERE projectId = ? AND month = ?`, [project.id, month]);
    const head = [project.companyId, project.id, month];
    await insertValues(
      m,
      'report_category_rollups',
      [...HEAD, 'category', ...TALLY_FIELDS],
      rows.categories.map((c) => [...head, c.category, ...TALLY_FIELDS.map((f) => c[f])]),
    );
    await insertValues(
      m,
      'report_kpi_rollups',
      [...HEAD, ...KPI_KEYS, ...KPI_SUM_FIELDS],
      rows.kpis.map((k) => [...head, ...KPI_KEYS.map((f) => k[f]), ...KPI_SUM_FIELDS.map((f) => k[f])]),
    );
    await insertValues(
      m,
      'report_cause_rollups',
      [...HEAD, 'category', 'causeFactor', 'causeSub', 'items'],
      rows.causes.map((c) => [...head, c.category, c.factor, c.sub, c.items]),
    );
    await m.query(`DELETE FROM report_rollup_builds WHERE projectId = ? AND month = ?`, [project.id, month]);
    await m.query(
      `INSERT INTO report_rollup_builds (projectId, month, companyId, builtAt) VALUES (?, ?, ?, ?)`,
      [project.id, month, project.companyId, dialectOf(m).time(builtAt)],
    );
  }

  /** When each (project, month) was last built, keyed 'projectId/month'. */
  async builds(projectIds: string[], months: MonthKey[]): Promise<Map<string, Date>> {
    const p = inList(projectIds);
    const mo = inList(months);
    const rows: { projectId: string; month: string; builtAt: Date | string }[] = await this.ds.query(
      `SELECT projectId, month, builtAt FROM report_rollup_builds WHERE projectId IN ${p.sql} AND month IN ${mo.sql}`,
      [...p.params, ...mo.params],
    );
    return new Map(rows.map((r) => [`${r.projectId}/${r.month}`, toDate(r.builtAt)]));
  }

  /** WHERE for rollup rows of a scope: the company's index for the company, the project otherwise. */
  private where(scope: ReportScope, months: MonthKey[]) {
    const mo = inList(months);
    if (scope.project)
      return { sql: `projectId = ? AND month IN ${mo.sql}`, params: [scope.project.id, ...mo.params] };
    return { sql: `companyId = ? AND month IN ${mo.sql}`, params: [scope.companyId, ...mo.params] };
  }

  /** Category tallies of some months, per month (or per project). */
  async tallies(
    scope: ReportScope,
    months: MonthKey[],
    by: 'month' | 'project' = 'month',
  ): Promise<Map<string, CategoryTally[]>> {
    const w = this.where(scope, months);
    const dim = by === 'month' ? 'month' : 'projectId';
    const rows: Row[] = await this.ds.query(
      `SELECT ${dim} AS dim, category, ${sumsOf(TALLY_FIELDS)} FROM report_category_rollups
       WHERE ${w.sql} GROUP BY ${dim}, category`,
      w.params,
    );
    const out = new Map<string, CategoryTally[]>();
    for (const r of rows) out.set(String(r.dim), [...(out.get(String(r.dim)) ?? []), toTally(r)]);
    return out;
  }

  /**
   * Key-figure sums of some months by the given dimensions (none: one row). `complaintsOnly` keeps the
   * complaints; `withAssignee` the rows of a handler.
   */
  async kpiSums(
    scope: ReportScope,
    months: MonthKey[],
    dims: ('month' | 'projectId' | (typeof KPI_KEYS)[number])[],
    only: { complaints?: boolean; withAssignee?: boolean } = {},
  ): Promise<KpiSumsRow[]> {
    const w = this.where(scope, months);
    const extra = `${only.complaints ? ` AND kind = 'complaint'` : ''}${only.withAssignee ? ` AND assigneeId <> ''` : ''}`;
    const select = dims.length ? `${dims.join(', ')}, ` : '';
    const group = dims.length ? `GROUP BY ${dims.join(', ')}` : '';
    const rows: Row[] = await this.ds.query(
      `SELECT ${select}${sumsOf(KPI_SUM_FIELDS)} FROM report_kpi_rollups WHERE ${w.sql}${extra} ${group}`,
      w.params,
    );
    return rows.map((r) => {
      const out: KpiSumsRow = { ...r, ...toSums(r) };
      if ('category' in r) out.category = categoryOf(r.category);
      return out;
    });
  }

  /** Counted complaints per cause factor and sub-factor of some months (of one category). */
  async causes(scope: ReportScope, months: MonthKey[], category?: string) {
    const w = this.where(scope, months);
    const rows: Row[] = await this.ds.query(
      `SELECT causeFactor, causeSub, SUM(items) AS items FROM report_cause_rollups WHERE ${w.sql}
       ${category ? 'AND category = ?' : ''} GROUP BY causeFactor, causeSub`,
      category ? [...w.params, category] : w.params,
    );
    return rows.map((r) => ({ factor: String(r.causeFactor), sub: String(r.causeSub), items: num(r.items) }));
  }
}
