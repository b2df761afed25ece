import { Injectable } from '@nestjs/common';
import {
  addMonths,
  classificationTable,
  computeKpis,
  monthLabel,
  MonthKey,
  monthlyReportDueAt,
  monthOf,
  monthRange,
  monthSpan,
  STATISTICAL_MONTH_LABELS,
  monthsEnding,
  TICKET_KINDS,
  TicketKind,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { causeBreakdown } from './classification.service';
import { ReportRecordsService } from './records.service';
import { ReportScopes, scopeInfo } from './report-scope';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportRecordsRepository } from './repositories/report-records.repository';
import { ReportRollupsRepository, toSums } from './repositories/report-rollups.repository';
import { SpecialCasesRepository } from './repositories/special-cases.repository';
import { ReportRollupService } from './rollup.service';

/** Relative change from b to a; null when b is 0. */
const change = (a: number, b: number) => (b > 0 ? (a - b) / b : null);

/**
 * 月投诉分析报告, the monthly complaint analysis to HQ (due before the 28th, `monthlyReportDueAt`): totals
 * against last month and a year ago, the 12-month trend, each category, the causes, what managers wrote
 * (corrective actions, representative cases), the month's major and hot complaints, and whether it was
 * submitted.
 */
@Injectable()
export class AnalysisReportService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly rollups: ReportRollupService,
    private readonly stored: ReportRollupsRepository,
    private readonly org: ReportOrgRepository,
    private readonly records: ReportRecordsRepository,
    private readonly written: ReportRecordsService,
    private readonly special: SpecialCasesRepository,
  ) {}

  async analysis(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month: MonthKey = q.month ?? monthOf(this.clock.now(), scope.statisticalMonth);
    const months = monthsEnding(month, 12);
    const lastYear = addMonths(month, -12);
    const asOf = await this.rollups.ensure(scope.projects, [...months, lastYear], scope.statisticalMonth);
    return this.rollups.read(async () => {
      const byMonth = await this.stored.tallies(scope, [...months, lastYear]);
      const table = (m: MonthKey) => classificationTable(byMonth.get(m) ?? []);
      const current = table(month);
      const previous = table(addMonths(month, -1));
      const yearAgo = table(lastYear);
      const kinds = await this.stored.kpiSums(scope, months, ['month', 'kind']);
      const [sums] = await this.stored.kpiSums(scope, [month], []);
      const households = await this.org.households(scope.projects.map((p) => p.id));
      // A company without projects yet still gets its (empty) report.
      const projectIds = scope.projects.length ? scope.projects.map((p) => p.id) : ['-'];
      const actions = await this.records.actionsOf(projectIds, month);
      const cases = await this.written.casesOf(projectIds, month);
      const { start, end } = monthRange(month, scope.statisticalMonth);
      const special = await this.special.flaggedBetween(projectIds, start, end);
      const submission = scope.project
        ? await this.records.submission(scope.project.id, 'monthly_analysis', month)
        : null;
      const projectName = new Map(scope.projects.map((p) => [p.id, p.name]));
      return {
        scope: scopeInfo(scope),
        month,
        monthLabel: monthLabel(month),
        asOf,
        /** The days the statistical month covers, and how the company cuts its months. */
        period: monthSpan(month, scope.statisticalMonth),
        statisticalMonth: scope.statisticalMonth,
        statisticalMonthLabel: STATISTICAL_MONTH_LABELS[scope.statisticalMonth],
        dueAt: monthlyReportDueAt(month, scope.statisticalMonth),
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
            TICKET_KINDS.map((k) => [k, kinds.find((r) => r.month === m && r.kind === k)?.tickets ?? 0]),
          ) as Record<TicketKind, number>;
          return { month: m, complaints: table(m).total.items, tickets: perKind };
        }),
        categories: current.rows.map((r) => {
          const prev = previous.rows.find((x) => x.category === r.category)?.items ?? 0;
          return { ...r, previous: prev, change: change(r.items, prev) };
        }),
        causes: causeBreakdown(await this.stored.causes(scope, [month])),
        correctiveActions: actions.map((a) => ({ ...a, projectName: projectName.get(a.projectId) ?? '' })),
        cases,
        specialCases: special.map((s) => ({
          id: s.id,
          kind: s.kind,
          title: s.title,
          projectName: projectName.get(s.projectId) ?? '',
          flaggedAt: s.flaggedAt,
          reportDueAt: s.reportDueAt,
          reportedAt: s.reportedAt,
          followUpAt: s.followUpAt,
        })),
      };
    });
  }
}

export type AnalysisReport = Awaited<ReturnType<AnalysisReportService['analysis']>>;
