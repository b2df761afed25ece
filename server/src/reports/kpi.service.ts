import { Injectable } from '@nestjs/common';
import {
  classificationTable,
  computeKpis,
  Kpis,
  monthLabel,
  MonthKey,
  monthOf,
  monthsEnding,
  TICKET_KIND_LABELS,
  TICKET_KINDS,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { ReportScope, ReportScopes, scopeInfo } from './report-scope';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportRollupsRepository, toSums } from './repositories/report-rollups.repository';
import { ReportRollupService } from './rollup.service';

/**
 * Key figures 考核指标 of a month by kind, category, department, staff member (and project for the company),
 * and their 12-month trend: the rollups' sums through `computeKpis`; the complaint rate counts the month's
 * counted complaints (the classification table's total) over the households.
 */
@Injectable()
export class KpiReportsService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly rollups: ReportRollupService,
    private readonly stored: ReportRollupsRepository,
    private readonly org: ReportOrgRepository,
  ) {}

  async kpis(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month: MonthKey = q.month ?? monthOf(this.clock.now(), scope.statisticalMonth);
    const months = monthsEnding(month, 12);
    const asOf = await this.rollups.ensure(scope.projects, months, scope.statisticalMonth);
    return this.rollups.read(async () => {
      const households = await this.org.households(scope.projects.map((p) => p.id));
      const complaintsByMonth = new Map(
        [...(await this.stored.tallies(scope, months)).entries()].map(([m, t]) => [
          m,
          classificationTable(t).total.items,
        ]),
      );
      const [total] = await this.stored.kpiSums(scope, [month], []);
      const kinds = await this.stored.kpiSums(scope, [month], ['kind']);
      const categories = await this.stored.kpiSums(scope, [month], ['category'], { complaints: true });
      const depts = await this.stored.kpiSums(scope, [month], ['projectId', 'departmentId']);
      const staff = await this.stored.kpiSums(scope, [month], ['projectId', 'assigneeId'], {
        withAssignee: true,
      });
      const trendRows = await this.stored.kpiSums(scope, months, ['month']);
      const names = await this.org.names(
        depts.map((r) => String(r.departmentId)),
        staff.map((r) => String(r.assigneeId)),
      );
      const projectName = new Map(scope.projects.map((p) => [p.id, p.name]));
      const prefix = (pid: unknown) => (scope.project ? '' : `${projectName.get(String(pid)) ?? ''}·`);

      return {
        scope: scopeInfo(scope),
        month,
        monthLabel: monthLabel(month),
        asOf,
        kpis: computeKpis(toSums(total), { complaints: complaintsByMonth.get(month) ?? 0, households }),
        byKind: TICKET_KINDS.map((k) => ({
          kind: k,
          label: TICKET_KIND_LABELS[k],
          kpis: computeKpis(toSums(kinds.find((x) => x.kind === k))),
        })),
        byCategory: classificationTable([]).rows.map((row) => ({
          category: row.category,
          kpis: computeKpis(toSums(categories.find((x) => x.category === row.category))),
        })),
        byDepartment: depts
          .map((r) => ({
            departmentId: String(r.departmentId) || null,
            name:
              prefix(r.projectId) + (names.departments.get(String(r.departmentId)) ?? '未派单（客服前台）'),
            kpis: computeKpis(r),
          }))
          .sort((a, b) => b.kpis.tickets - a.kpis.tickets),
        byStaff: staff
          .map((r) => ({
            userId: String(r.assigneeId),
            name: prefix(r.projectId) + (names.users.get(String(r.assigneeId)) ?? '已离职员工'),
            kpis: computeKpis(r),
          }))
          .sort((a, b) => b.kpis.tickets - a.kpis.tickets),
        byProject: scope.project ? [] : await this.byProject(scope, month),
        trend: months.map((m) => ({
          month: m,
          kpis: computeKpis(toSums(trendRows.find((x) => x.month === m)), {
            complaints: complaintsByMonth.get(m) ?? 0,
            households,
          }),
        })),
      };
    });
  }

  /** The company's projects, each with its figures and complaint rate. */
  private async byProject(
    scope: ReportScope,
    month: MonthKey,
  ): Promise<{ projectId: string; name: string; kpis: Kpis }[]> {
    const per = await this.stored.kpiSums(scope, [month], ['projectId']);
    const perTallies = await this.stored.tallies(scope, [month], 'project');
    const households = await this.org.householdsByProject(scope.projects.map((p) => p.id));
    return scope.projects.map((p) => ({
      projectId: p.id,
      name: p.name,
      kpis: computeKpis(toSums(per.find((r) => r.projectId === p.id)), {
        complaints: classificationTable(perTallies.get(p.id) ?? []).total.items,
        households: households.get(p.id) ?? 0,
      }),
    }));
  }
}

export type KpiReport = Awaited<ReturnType<KpiReportsService['kpis']>>;
