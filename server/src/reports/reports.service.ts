import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import {
  addMonths,
  addSums,
  buildNotice,
  CAUSE_FACTORS,
  CategoryTally,
  classificationTable,
  computeKpis,
  emptySums,
  KPI_SUM_FIELDS,
  KpiSums,
  monthLabel,
  MonthKey,
  monthOf,
  monthRange,
  monthsEnding,
  quarterLabel,
  quarterMonths,
  quarterOf,
  QuarterKey,
  TICKET_KIND_LABELS,
  TICKET_KINDS,
  TICKET_STATUS_LABELS,
  TicketKind,
  TicketStatus,
  UNCLASSIFIED,
  clip,
} from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Ticket } from '../tickets/entities';
import { CorrectiveAction, ReportSubmission, RepresentativeCase } from './entities';
import { ReportScope, ReportScopes } from './report-scope';
import { ReportRollupService, toDate } from './rollup.service';
import { dialectOf, inList, num } from './sql';

export const DEVELOPER_CATEGORY = '开发商相关类';
/**
 * The monthly analysis goes to HQ "每月28日前" (the customer-service handbook). Unlike the interview analysis
 * ("次月5日前提交上月"), the handbook names no following month, so the report of a month is due before the
 * 28th of that month.
 */
export const MONTHLY_REPORT_DUE_DAY = 28;

export function monthlyReportDueAt(month: MonthKey): Date {
  return new Date(monthRange(month).start.getTime() + (MONTHLY_REPORT_DUE_DAY - 1) * 24 * 3600_000);
}

const KPI_COLUMNS = KPI_SUM_FIELDS.map((f) => `SUM(${f}) AS ${f}`).join(', ');
const TALLY_COLUMNS =
  'SUM(items) AS items, SUM(times) AS times, SUM(people) AS people, SUM(eventItems) AS eventItems, ' +
  'SUM(onlineItems) AS onlineItems, SUM(onlineHeat) AS onlineHeat, SUM(closedItems) AS closedItems, ' +
  'SUM(majorItems) AS majorItems, SUM(hotItems) AS hotItems';

type Row = Record<string, unknown>;

const toSums = (r: Row | undefined): KpiSums => addSums(r ? (r as Partial<KpiSums>) : emptySums());
const toTally = (r: Row): CategoryTally => ({
  category: String(r.category) === '' ? UNCLASSIFIED : String(r.category),
  items: num(r.items),
  times: num(r.times),
  people: num(r.people),
  eventItems: num(r.eventItems),
  onlineItems: num(r.onlineItems),
  onlineHeat: num(r.onlineHeat),
  closedItems: num(r.closedItems),
  majorItems: num(r.majorItems),
  hotItems: num(r.hotItems),
});

/**
 * The statistics and reports of docs/domain-rules.md "Records, statistics and reports": the monthly
 * classification table, key figures and their trend, the monthly analysis to HQ, the quarterly developer
 * summary and the public notice. Figures come from the rollups (ReportRollupService), summed in SQL.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly rollups: ReportRollupService,
    readonly scopes: ReportScopes,
  ) {}

  /** WHERE for rollup rows of a scope: the company's index for the company, the project otherwise. */
  private where(scope: ReportScope, months: MonthKey[]) {
    const mo = inList(months);
    if (scope.project)
      return { sql: `projectId = ? AND month IN ${mo.sql}`, params: [scope.project.id, ...mo.params] };
    return { sql: `companyId = ? AND month IN ${mo.sql}`, params: [scope.companyId, ...mo.params] };
  }

  private scopeInfo(scope: ReportScope) {
    return { projectId: scope.project?.id ?? null, label: scope.label, company: !scope.project };
  }

  async projects(user: AuthUser) {
    const scope = await this.scopes.resolve(user);
    return {
      company: user.role === 'hq',
      label: scope.label,
      projects: scope.projects.map((p) => ({ id: p.id, name: p.name })),
    };
  }

  /** Tallies per category of some months (and per project when asked). */
  private async tallies(scope: ReportScope, months: MonthKey[], by: 'month' | 'project' = 'month') {
    const w = this.where(scope, months);
    const dim = by === 'month' ? 'month' : 'projectId';
    const rows: Row[] = await this.ds.query(
      `SELECT ${dim} AS dim, category, ${TALLY_COLUMNS} FROM report_category_rollups WHERE ${w.sql} GROUP BY ${dim}, category`,
      w.params,
    );
    const out = new Map<string, CategoryTally[]>();
    for (const r of rows) out.set(String(r.dim), [...(out.get(String(r.dim)) ?? []), toTally(r)]);
    return out;
  }

  private async households(scope: ReportScope): Promise<number> {
    const p = inList(scope.projects.map((x) => x.id));
    const [row] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM households WHERE projectId IN ${p.sql}`,
      p.params,
    );
    return num(row?.n);
  }

  private monthOrThisMonth(month?: string): MonthKey {
    return month ?? monthOf(this.clock.now());
  }

  /** 顾客投诉分类统计表 of a month. */
  async classification(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month = this.monthOrThisMonth(q.month);
    const asOf = await this.rollups.ensure(scope.projects, [month]);
    return this.rollups.read(async () => {
      const table = classificationTable((await this.tallies(scope, [month])).get(month) ?? []);
      let byProject: { projectId: string; name: string; items: number; times: number; people: number }[] = [];
      if (!scope.project) {
        const per = await this.tallies(scope, [month], 'project');
        byProject = scope.projects.map((p) => {
          const t = classificationTable(per.get(p.id) ?? []).total;
          return { projectId: p.id, name: p.name, items: t.items, times: t.times, people: t.people };
        });
      }
      return { scope: this.scopeInfo(scope), month, monthLabel: monthLabel(month), asOf, table, byProject };
    });
  }

  private async kpiRows(scope: ReportScope, months: MonthKey[], dims: string[], extra = '') {
    const w = this.where(scope, months);
    const group = dims.length ? `GROUP BY ${dims.join(', ')}` : '';
    const select = dims.length ? `${dims.join(', ')}, ` : '';
    return (await this.ds.query(
      `SELECT ${select}${KPI_COLUMNS} FROM report_kpi_rollups WHERE ${w.sql} ${extra} ${group}`,
      w.params,
    )) as Row[];
  }

  /** Key figures of a month by kind, category, department, staff member (and project), and the 12-month trend. */
  async kpis(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month = this.monthOrThisMonth(q.month);
    const months = monthsEnding(month, 12);
    const asOf = await this.rollups.ensure(scope.projects, months);
    return this.rollups.read(async () => {
      const households = await this.households(scope);
      const complaintsByMonth = new Map(
        [...(await this.tallies(scope, months)).entries()].map(([m, t]) => [
          m,
          classificationTable(t).total.items,
        ]),
      );
      const [total] = await this.kpiRows(scope, [month], []);
      const kinds = await this.kpiRows(scope, [month], ['kind']);
      const categories = await this.kpiRows(scope, [month], ['category'], `AND kind = 'complaint'`);
      const depts = await this.kpiRows(scope, [month], ['projectId', 'departmentId']);
      const staff = await this.kpiRows(scope, [month], ['projectId', 'assigneeId'], `AND assigneeId <> ''`);
      const trendRows = await this.kpiRows(scope, months, ['month']);
      const names = await this.names(
        depts.map((r) => String(r.departmentId)),
        staff.map((r) => String(r.assigneeId)),
      );
      const projectName = new Map(scope.projects.map((p) => [p.id, p.name]));
      const prefix = (pid: unknown) => (scope.project ? '' : `${projectName.get(String(pid)) ?? ''}·`);

      const result = {
        scope: this.scopeInfo(scope),
        month,
        monthLabel: monthLabel(month),
        asOf,
        kpis: computeKpis(toSums(total), { complaints: complaintsByMonth.get(month) ?? 0, households }),
        byKind: TICKET_KINDS.map((k) => {
          const r = kinds.find((x) => x.kind === k);
          return { kind: k, label: TICKET_KIND_LABELS[k], kpis: computeKpis(toSums(r)) };
        }),
        byCategory: classificationTable([]).rows.map((row) => {
          const r = categories.find(
            (x) => (String(x.category) === '' ? UNCLASSIFIED : String(x.category)) === row.category,
          );
          return { category: row.category, kpis: computeKpis(toSums(r)) };
        }),
        byDepartment: depts
          .map((r) => ({
            departmentId: String(r.departmentId) || null,
            name:
              prefix(r.projectId) + (names.departments.get(String(r.departmentId)) ?? '未派单（客服前台）'),
            kpis: computeKpis(toSums(r)),
          }))
          .sort((a, b) => b.kpis.tickets - a.kpis.tickets),
        byStaff: staff
          .map((r) => ({
            userId: String(r.assigneeId),
            name: prefix(r.projectId) + (names.users.get(String(r.assigneeId)) ?? '已离职员工'),
            kpis: computeKpis(toSums(r)),
          }))
          .sort((a, b) => b.kpis.tickets - a.kpis.tickets),
        byProject: [] as { projectId: string; name: string; kpis: ReturnType<typeof computeKpis> }[],
        trend: months.map((m) => {
          const r = trendRows.find((x) => x.month === m);
          return {
            month: m,
            kpis: computeKpis(toSums(r), { complaints: complaintsByMonth.get(m) ?? 0, households }),
          };
        }),
      };
      if (!scope.project) {
        const per = await this.kpiRows(scope, [month], ['projectId']);
        const perTallies = await this.tallies(scope, [month], 'project');
        const p = inList(scope.projects.map((x) => x.id));
        const hh: Row[] = await this.ds.query(
          `SELECT projectId, COUNT(*) AS n FROM households WHERE projectId IN ${p.sql} GROUP BY projectId`,
          p.params,
        );
        result.byProject = scope.projects.map((proj) => ({
          projectId: proj.id,
          name: proj.name,
          kpis: computeKpis(toSums(per.find((r) => r.projectId === proj.id)), {
            complaints: classificationTable(perTallies.get(proj.id) ?? []).total.items,
            households: num(hh.find((r) => r.projectId === proj.id)?.n),
          }),
        }));
      }
      return result;
    });
  }

  private async names(departmentIds: string[], userIds: string[]) {
    const d = inList(departmentIds.filter(Boolean));
    const u = inList(userIds.filter(Boolean));
    const depts: Row[] = await this.ds.query(
      `SELECT id, name FROM departments WHERE id IN ${d.sql}`,
      d.params,
    );
    const users: Row[] = await this.ds.query(`SELECT id, name FROM users WHERE id IN ${u.sql}`, u.params);
    return {
      departments: new Map(depts.map((r) => [String(r.id), String(r.name)])),
      users: new Map(users.map((r) => [String(r.id), String(r.name)])),
    };
  }

  /** Counted complaints by cause factor 人/机/料/法/环 and sub-factor. */
  private async causes(scope: ReportScope, months: MonthKey[], category?: string) {
    const w = this.where(scope, months);
    const rows: Row[] = await this.ds.query(
      `SELECT causeFactor, causeSub, SUM(items) AS items FROM report_cause_rollups WHERE ${w.sql}
       ${category ? 'AND category = ?' : ''} GROUP BY causeFactor, causeSub`,
      category ? [...w.params, category] : w.params,
    );
    return Object.entries(CAUSE_FACTORS).map(([code, f]) => {
      const subs = Object.entries(f.subs as Record<string, string>).map(([sub, label]) => ({
        sub,
        label,
        items: num(rows.find((r) => r.causeFactor === code && r.causeSub === sub)?.items),
      }));
      const items = rows.filter((r) => r.causeFactor === code).reduce((a, r) => a + num(r.items), 0);
      return { factor: code, label: f.label, name: f.name, items, subs };
    });
  }

  /** 月投诉分析报告: totals and trend, per category, causes, corrective actions, cases, major/hot complaints. */
  async analysis(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month = this.monthOrThisMonth(q.month);
    const months = monthsEnding(month, 12);
    const lastYear = addMonths(month, -12);
    const asOf = await this.rollups.ensure(scope.projects, [...months, lastYear]);
    return this.rollups.read(async () => {
      const byMonth = await this.tallies(scope, [...months, lastYear]);
      const table = (m: MonthKey) => classificationTable(byMonth.get(m) ?? []);
      const current = table(month);
      const previous = table(addMonths(month, -1));
      const yearAgo = table(lastYear);
      const kinds = await this.kpiRows(scope, months, ['month', 'kind']);
      const [sums] = await this.kpiRows(scope, [month], []);
      const households = await this.households(scope);
      // A company without projects yet still gets its (empty) report.
      const projectIds = scope.projects.length ? scope.projects.map((p) => p.id) : ['-'];
      const pids = inList(projectIds);

      const actions = await this.ds
        .getRepository(CorrectiveAction)
        .createQueryBuilder('a')
        .where(`a.projectId IN (:...ids) AND a.month = :month`, { ids: projectIds, month })
        .orderBy('a.createdAt', 'ASC')
        .getMany();
      const cases = await this.casesOf(projectIds, month);
      const { start, end } = monthRange(month);
      const d = dialectOf(this.ds);
      const special: Row[] = await this.ds.query(
        `SELECT id, kind, title, flaggedAt, reportDueAt, reportedAt, followUpAt, projectId FROM special_cases
         WHERE projectId IN ${pids.sql} AND flaggedAt >= ? AND flaggedAt < ? ORDER BY flaggedAt`,
        [...pids.params, d.time(start), d.time(end)],
      );
      const submission = scope.project
        ? await this.ds
            .getRepository(ReportSubmission)
            .findOneBy({ projectId: scope.project.id, kind: 'monthly_analysis', period: month })
        : null;
      const change = (a: number, b: number) => (b > 0 ? (a - b) / b : null);
      const projectName = new Map(scope.projects.map((p) => [p.id, p.name]));
      return {
        scope: this.scopeInfo(scope),
        month,
        monthLabel: monthLabel(month),
        asOf,
        dueAt: monthlyReportDueAt(month),
        submission: submission && {
          submittedAt: submission.submittedAt,
          submittedByName: submission.submittedByName,
          note: submission.note,
        },
        totals: {
          complaints: current.total.items,
          previous: previous.total.items,
          yearAgo: yearAgo.total.items,
          changeFromPrevious: change(current.total.items, previous.total.items),
          changeFromYearAgo: change(current.total.items, yearAgo.total.items),
          people: current.total.people,
          times: current.total.times,
          closedItems: current.total.closedItems,
          kpis: computeKpis(toSums(sums), { complaints: current.total.items, households }),
        },
        trend: months.map((m) => {
          const perKind = Object.fromEntries(
            TICKET_KINDS.map((k) => [k, num(kinds.find((r) => r.month === m && r.kind === k)?.tickets)]),
          ) as Record<TicketKind, number>;
          return { month: m, complaints: table(m).total.items, tickets: perKind };
        }),
        categories: current.rows.map((r) => {
          const prev = previous.rows.find((x) => x.category === r.category)?.items ?? 0;
          return { ...r, previous: prev, change: change(r.items, prev) };
        }),
        causes: await this.causes(scope, [month]),
        correctiveActions: actions.map((a) => ({ ...a, projectName: projectName.get(a.projectId) ?? '' })),
        cases,
        specialCases: special.map((s) => ({
          id: String(s.id),
          kind: String(s.kind),
          title: String(s.title),
          projectName: projectName.get(String(s.projectId)) ?? '',
          flaggedAt: toDate(s.flaggedAt as string),
          reportDueAt: toDate(s.reportDueAt as string),
          reportedAt: s.reportedAt ? toDate(s.reportedAt as string) : null,
          followUpAt: s.followUpAt ? toDate(s.followUpAt as string) : null,
        })),
      };
    });
  }

  private async casesOf(projectIds: string[], month: MonthKey) {
    const cases = await this.ds
      .getRepository(RepresentativeCase)
      .createQueryBuilder('c')
      .where(`c.projectId IN (:...ids) AND c.month = :month`, { ids: projectIds, month })
      .orderBy('c.createdAt', 'ASC')
      .getMany();
    const tickets = cases.length
      ? await this.ds
          .getRepository(Ticket)
          .createQueryBuilder('t')
          .select(['t.id', 't.number', 't.content', 't.category', 't.status', 't.kind', 't.createdAt'])
          .where('t.id IN (:...ids)', { ids: cases.map((c) => c.ticketId) })
          .getMany()
      : [];
    return cases.map((c) => {
      const t = tickets.find((x) => x.id === c.ticketId);
      return {
        id: c.id,
        ticketId: c.ticketId,
        number: t?.number ?? '',
        summary: t ? clip(t.content, 80) : '',
        category: t?.category ?? null,
        status: t?.status ?? null,
        statusLabel: t ? TICKET_STATUS_LABELS[t.status as TicketStatus] : '',
        keyPoints: c.keyPoints,
        cause: c.cause,
        handling: c.handling,
        lessons: c.lessons,
        createdByName: c.createdByName,
      };
    });
  }

  /**
   * Quarterly summary of developer-related complaints 开发商相关类 (施工方遗留问题) for HQ (the
   * customer-service handbook).
   */
  async developer(user: AuthUser, q: { quarter?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const quarter: QuarterKey = q.quarter ?? quarterOf(monthOf(this.clock.now()));
    const months = quarterMonths(quarter);
    const asOf = await this.rollups.ensure(scope.projects, months);
    return this.rollups.read(async () => {
      const byMonth = await this.tallies(scope, months);
      const row = (m: MonthKey) =>
        classificationTable(byMonth.get(m) ?? []).rows.find((r) => r.category === DEVELOPER_CATEGORY)!;
      const perProject = scope.project ? null : await this.tallies(scope, months, 'project');
      let items: {
        id: string;
        number: string;
        createdAt: Date;
        summary: string;
        place: string;
        status: string;
        statusLabel: string;
        cause: string | null;
      }[] = [];
      let itemCount = 0;
      if (scope.project) {
        const d = dialectOf(this.ds);
        const start = monthRange(months[0]).start;
        const end = monthRange(months[2]).end;
        const params = [scope.project.id, d.time(start), d.time(end), DEVELOPER_CATEGORY];
        const where = `t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ? AND t.kind = 'complaint' AND t.category = ? AND t.status <> 'cancelled'`;
        itemCount = num(
          (await this.ds.query(`SELECT COUNT(*) AS n FROM tickets t WHERE ${where}`, params))[0]?.n,
        );
        const rows: Row[] = await this.ds.query(
          `SELECT t.id, t.number, t.createdAt, t.content, t.location, h.label AS household, t.status, t.causeFactor, t.causeSub
           FROM tickets t LEFT JOIN households h ON h.id = t.householdId
           WHERE ${where} ORDER BY t.createdAt LIMIT 500`,
          params,
        );
        items = rows.map((r) => {
          const f = r.causeFactor ? CAUSE_FACTORS[r.causeFactor as keyof typeof CAUSE_FACTORS] : null;
          return {
            id: String(r.id),
            number: String(r.number),
            createdAt: toDate(r.createdAt as string),
            summary: clip(String(r.content), 80),
            place: String(r.household ?? r.location ?? ''),
            status: String(r.status),
            statusLabel: TICKET_STATUS_LABELS[r.status as TicketStatus] ?? String(r.status),
            cause: f ? `${f.label}·${(f.subs as Record<string, string>)[String(r.causeSub)] ?? ''}` : null,
          };
        });
      }
      const submission = scope.project
        ? await this.ds
            .getRepository(ReportSubmission)
            .findOneBy({ projectId: scope.project.id, kind: 'developer_quarterly', period: quarter })
        : null;
      return {
        scope: this.scopeInfo(scope),
        quarter,
        quarterLabel: quarterLabel(quarter),
        asOf,
        months: months.map((m) => ({ month: m, monthLabel: monthLabel(m), ...row(m) })),
        total: classificationTable(months.flatMap((m) => byMonth.get(m) ?? [])).rows.find(
          (r) => r.category === DEVELOPER_CATEGORY,
        )!,
        causes: await this.causes(scope, months, DEVELOPER_CATEGORY),
        byProject: perProject
          ? scope.projects.map((p) => ({
              projectId: p.id,
              name: p.name,
              items:
                classificationTable(perProject.get(p.id) ?? []).rows.find(
                  (r) => r.category === DEVELOPER_CATEGORY,
                )?.items ?? 0,
            }))
          : [],
        items,
        itemCount,
        submission: submission && {
          submittedAt: submission.submittedAt,
          submittedByName: submission.submittedByName,
        },
      };
    });
  }

  /** 投诉处理情况公示 of a project's month: no resident's name, phone or room. */
  async notice(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    if (!scope.project) throw new BadRequestException('公示按小区张贴，请先选择项目');
    const month = this.monthOrThisMonth(q.month);
    const d = dialectOf(this.ds);
    const { start, end } = monthRange(month);
    const rows: Row[] = await this.ds.query(
      `SELECT t.id, t.category, t.householdId, h.label AS householdLabel, t.incidentId, i.title AS incidentTitle,
         t.location, t.content, t.status, t.residentId, t.contactPhone, t.contactName, t.peopleCount
       FROM tickets t
       LEFT JOIN households h ON h.id = t.householdId
       LEFT JOIN incidents i ON i.id = t.incidentId
       WHERE t.projectId = ? AND t.createdAt >= ? AND t.createdAt < ? AND t.kind = 'complaint'
         AND t.status <> 'cancelled'
         AND (t.category = '业户纠纷类' OR t.incidentId IS NOT NULL OR t.householdId IS NULL)
       ORDER BY t.createdAt`,
      [scope.project.id, d.time(start), d.time(end)],
    );
    const ids = inList(rows.map((r) => r.id));
    // The latest note staff showed the resident about the handling: plan, handled, progress, solved on the spot.
    const notes: Row[] = await this.ds.query(
      `SELECT e.ticketId, e.note, e.ticketVersion FROM ticket_events e
       WHERE e.ticketId IN ${ids.sql} AND e.internal = 0 AND e.note IS NOT NULL
         AND e.action IN ('propose_solution', 'mark_handled', 'progress_note', 'resolve_on_spot')
       ORDER BY e.ticketVersion`,
      ids.params,
    );
    const residentIds = inList(rows.map((r) => r.residentId).filter(Boolean));
    const householdIds = inList(rows.map((r) => r.householdId).filter(Boolean));
    const names: Row[] = [
      ...(await this.ds.query(`SELECT name FROM users WHERE id IN ${residentIds.sql}`, residentIds.params)),
      ...(await this.ds.query(
        `SELECT name FROM household_bindings WHERE householdId IN ${householdIds.sql}`,
        householdIds.params,
      )),
    ];
    const known = [...names.map((n) => String(n.name)), ...rows.map((r) => String(r.contactName ?? ''))];
    const lastNote = new Map<string, string>();
    for (const n of notes) lastNote.set(String(n.ticketId), String(n.note));
    const items = buildNotice(
      rows.map((r) => ({
        id: String(r.id),
        category: (r.category as string | null) ?? null,
        householdId: (r.householdId as string | null) ?? null,
        householdLabel: (r.householdLabel as string | null) ?? null,
        incidentId: (r.incidentId as string | null) ?? null,
        incidentTitle: (r.incidentTitle as string | null) ?? null,
        location: (r.location as string | null) ?? null,
        content: String(r.content),
        status: String(r.status),
        handlingNote: lastNote.get(String(r.id)) ?? null,
        complainantKey: (r.residentId as string | null) ?? (r.contactPhone as string | null) ?? null,
        peopleCount: num(r.peopleCount) || 1,
      })),
      known,
    );
    return {
      scope: this.scopeInfo(scope),
      month,
      monthLabel: monthLabel(month),
      title: `${scope.project.name}${monthLabel(month)}投诉处理情况公示`,
      intro:
        '为便于各位业主及时了解投诉处理进展，现将本月公共部位、共性问题及业户纠纷类投诉的处理情况公示如下：',
      items,
      closing: '如对以上处理情况有意见或建议，欢迎致电或到访客服中心。感谢您对我们工作的理解与支持！',
    };
  }

  // ---------------------------------------------------------------- what managers write

  async addCorrectiveAction(
    user: AuthUser,
    dto: {
      projectId?: string;
      month: string;
      category?: string;
      causeFactor?: string;
      causeSub?: string;
      problem: string;
      action: string;
      owner?: string;
      dueDate?: string;
      status?: string;
    },
  ) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    this.checkCause(dto.causeFactor, dto.causeSub);
    const repo = this.ds.getRepository(CorrectiveAction);
    const row = repo.create({
      companyId: scope.companyId,
      projectId: scope.project.id,
      month: dto.month,
      category: dto.category ?? null,
      causeFactor: dto.causeFactor ?? null,
      causeSub: dto.causeSub ?? null,
      problem: dto.problem,
      action: dto.action,
      owner: dto.owner ?? null,
      dueDate: dto.dueDate ?? null,
      status: dto.status ?? 'planned',
      result: null,
      createdById: user.id,
      createdByName: user.name,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
    await repo.insert(row);
    return repo.findOneByOrFail({ id: row.id });
  }

  async updateCorrectiveAction(
    user: AuthUser,
    id: string,
    dto: Partial<Pick<CorrectiveAction, 'problem' | 'action' | 'owner' | 'dueDate' | 'status' | 'result'>>,
  ) {
    const row = await this.ownRow(CorrectiveAction, user, id, '没有找到这条纠正措施');
    const repo = this.ds.getRepository(CorrectiveAction);
    await repo.update({ id: row.id }, { ...dto, updatedAt: this.clock.now() });
    return repo.findOneByOrFail({ id: row.id });
  }

  async removeCorrectiveAction(user: AuthUser, id: string) {
    const row = await this.ownRow(CorrectiveAction, user, id, '没有找到这条纠正措施');
    await this.ds.getRepository(CorrectiveAction).delete({ id: row.id });
    return { id: row.id, deleted: true };
  }

  /** Picks a ticket of the project (by number or id) as a representative case of a month. */
  async addCase(
    user: AuthUser,
    dto: {
      projectId?: string;
      month: string;
      ticketNumber?: string;
      ticketId?: string;
      keyPoints?: string;
      cause?: string;
      handling?: string;
      lessons?: string;
    },
  ) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    if (!dto.ticketId && !dto.ticketNumber) throw new BadRequestException('请填写工单编号');
    const ticket = await this.ds.getRepository(Ticket).findOne({
      where: dto.ticketId
        ? { id: dto.ticketId, projectId: scope.project.id }
        : { number: dto.ticketNumber!.trim().toUpperCase(), projectId: scope.project.id },
      select: { id: true, number: true },
    });
    if (!ticket) throw new NotFoundException('本项目没有这个编号的工单');
    const repo = this.ds.getRepository(RepresentativeCase);
    if (await repo.findOneBy({ projectId: scope.project.id, month: dto.month, ticketId: ticket.id }))
      throw new BadRequestException('这张工单已列为本月的代表性案例');
    const row = repo.create({
      companyId: scope.companyId,
      projectId: scope.project.id,
      month: dto.month,
      ticketId: ticket.id,
      keyPoints: dto.keyPoints ?? null,
      cause: dto.cause ?? null,
      handling: dto.handling ?? null,
      lessons: dto.lessons ?? null,
      createdById: user.id,
      createdByName: user.name,
      createdAt: this.clock.now(),
    });
    await repo.insert(row);
    return (await this.casesOf([scope.project.id], dto.month)).find((c) => c.id === row.id)!;
  }

  async removeCase(user: AuthUser, id: string) {
    const row = await this.ownRow(RepresentativeCase, user, id, '没有找到这个案例');
    await this.ds.getRepository(RepresentativeCase).delete({ id: row.id });
    return { id: row.id, deleted: true };
  }

  /** Marks the month's analysis (or the quarter's developer summary) as submitted to HQ. */
  async submit(user: AuthUser, dto: { projectId?: string; kind: string; period: string; note?: string }) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    const repo = this.ds.getRepository(ReportSubmission);
    const existing = await repo.findOneBy({
      projectId: scope.project.id,
      kind: dto.kind,
      period: dto.period,
    });
    if (existing) return existing;
    const row = repo.create({
      companyId: scope.companyId,
      projectId: scope.project.id,
      kind: dto.kind,
      period: dto.period,
      submittedById: user.id,
      submittedByName: user.name,
      note: dto.note ?? null,
      submittedAt: this.clock.now(),
    });
    await repo.insert(row);
    return row;
  }

  /** Rebuilds a month's rollups for the user's scope now (刷新数据). */
  async refresh(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month = this.monthOrThisMonth(q.month);
    for (const p of scope.projects) await this.rollups.build(p, month);
    return { month, projects: scope.projects.length, asOf: this.clock.now() };
  }

  private async ownRow<T extends { id: string; projectId: string }>(
    entity: new () => T,
    user: AuthUser,
    id: string,
    missing: string,
  ): Promise<T> {
    const row = (await this.ds.getRepository(entity).findOneBy({ id } as never)) as T | null;
    if (!row) throw new NotFoundException(missing);
    await this.scopes.resolveWritable(user, row.projectId);
    return row;
  }

  private checkCause(factor?: string, sub?: string) {
    if (!factor) {
      if (sub) throw new BadRequestException('请先选择原因类别（人/机/料/法/环）');
      return;
    }
    const f = CAUSE_FACTORS[factor as keyof typeof CAUSE_FACTORS];
    if (!f) throw new BadRequestException('原因类别只能是人、机、料、法、环之一');
    if (sub && !(sub in f.subs)) throw new BadRequestException('原因细项与类别不符');
  }
}

export type ClassificationReport = Awaited<ReturnType<ReportsService['classification']>>;
export type KpiReport = Awaited<ReturnType<ReportsService['kpis']>>;
export type AnalysisReport = Awaited<ReturnType<ReportsService['analysis']>>;
export type DeveloperReport = Awaited<ReturnType<ReportsService['developer']>>;
export type NoticeReport = Awaited<ReturnType<ReportsService['notice']>>;
