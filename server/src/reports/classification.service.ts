import { Injectable } from '@nestjs/common';
import {
  CAUSE_FACTORS,
  classificationTable,
  clip,
  DEVELOPER_CATEGORY,
  monthLabel,
  MonthKey,
  monthOf,
  monthRange,
  quarterLabel,
  quarterMonths,
  quarterOf,
  QuarterKey,
  TICKET_STATUS_LABELS,
  TicketStatus,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { ReportScope, ReportScopes, scopeInfo } from './report-scope';
import { ReportRecordsRepository } from './repositories/report-records.repository';
import { ReportRollupsRepository } from './repositories/report-rollups.repository';
import { ReportTicketsRepository } from './repositories/report-tickets.repository';
import { ReportRollupService } from './rollup.service';

/** The cause analysis 原因分析: counted complaints by factor 人/机/料/法/环 and sub-factor, every one listed. */
export function causeBreakdown(rows: { factor: string; sub: string; items: number }[]) {
  return Object.entries(CAUSE_FACTORS).map(([code, f]) => {
    const subs = Object.entries(f.subs as Record<string, string>).map(([sub, label]) => ({
      sub,
      label,
      items: rows.filter((r) => r.factor === code && r.sub === sub).reduce((a, r) => a + r.items, 0),
    }));
    const items = rows.filter((r) => r.factor === code).reduce((a, r) => a + r.items, 0);
    return { factor: code, label: f.label, name: f.name, items, subs };
  });
}

/** '机·质量合格性' for a factor and sub-factor; null without a factor. */
export function causeLabel(factor: string | null, sub: string | null): string | null {
  const f = factor ? CAUSE_FACTORS[factor as keyof typeof CAUSE_FACTORS] : null;
  return f ? `${f.label}·${(f.subs as Record<string, string>)[String(sub)] ?? ''}` : null;
}

/**
 * The counted-complaint reports: the monthly classification table 顾客投诉分类统计表 and the quarterly summary
 * of developer-related complaints 开发商相关类 for HQ (the customer-service handbook). The tallies come from
 * the rollups; `classificationTable` lays them out.
 */
@Injectable()
export class ClassificationReportsService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly rollups: ReportRollupService,
    private readonly stored: ReportRollupsRepository,
    private readonly tickets: ReportTicketsRepository,
    private readonly records: ReportRecordsRepository,
  ) {}

  /** 顾客投诉分类统计表 of a month (with each project's totals for the company). */
  async classification(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const month: MonthKey = q.month ?? monthOf(this.clock.now(), scope.statisticalMonth);
    const asOf = await this.rollups.ensure(scope.projects, [month], scope.statisticalMonth);
    return this.rollups.read(async () => {
      const table = classificationTable((await this.stored.tallies(scope, [month])).get(month) ?? []);
      let byProject: { projectId: string; name: string; items: number; times: number; people: number }[] = [];
      if (!scope.project) {
        const per = await this.stored.tallies(scope, [month], 'project');
        byProject = scope.projects.map((p) => {
          const t = classificationTable(per.get(p.id) ?? []).total;
          return { projectId: p.id, name: p.name, items: t.items, times: t.times, people: t.people };
        });
      }
      return { scope: scopeInfo(scope), month, monthLabel: monthLabel(month), asOf, table, byProject };
    });
  }

  /**
   * Quarterly summary of developer-related complaints 开发商相关类 (施工方遗留问题) for HQ: the category's row of
   * each month and the quarter, its causes, per project for the company, and a project's complaints.
   */
  async developer(user: AuthUser, q: { quarter?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const quarter: QuarterKey = q.quarter ?? quarterOf(monthOf(this.clock.now(), scope.statisticalMonth));
    const months = quarterMonths(quarter);
    const asOf = await this.rollups.ensure(scope.projects, months, scope.statisticalMonth);
    return this.rollups.read(async () => {
      const byMonth = await this.stored.tallies(scope, months);
      const developerRow = (tallies: Parameters<typeof classificationTable>[0]) =>
        classificationTable(tallies).rows.find((r) => r.category === DEVELOPER_CATEGORY)!;
      const perProject = scope.project ? null : await this.stored.tallies(scope, months, 'project');
      const listed = scope.project ? await this.developerComplaints(scope, months) : null;
      const submission = scope.project
        ? await this.records.submission(scope.project.id, 'developer_quarterly', quarter)
        : null;
      return {
        scope: scopeInfo(scope),
        quarter,
        quarterLabel: quarterLabel(quarter),
        asOf,
        months: months.map((m) => ({
          month: m,
          monthLabel: monthLabel(m),
          ...developerRow(byMonth.get(m) ?? []),
        })),
        total: developerRow(months.flatMap((m) => byMonth.get(m) ?? [])),
        causes: causeBreakdown(await this.stored.causes(scope, months, DEVELOPER_CATEGORY)),
        byProject: perProject
          ? scope.projects.map((p) => ({
              projectId: p.id,
              name: p.name,
              items: developerRow(perProject.get(p.id) ?? []).items,
            }))
          : [],
        items: listed?.items ?? [],
        itemCount: listed?.count ?? 0,
        submission: submission && {
          submittedAt: submission.submittedAt,
          submittedByName: submission.submittedByName,
        },
      };
    });
  }

  /** A project's developer-related complaints of the quarter (the first 500) and how many there are. */
  private async developerComplaints(scope: ReportScope, months: MonthKey[]) {
    const { count, rows } = await this.tickets.complaintsOfCategory(
      scope.project!.id,
      DEVELOPER_CATEGORY,
      monthRange(months[0], scope.statisticalMonth).start,
      monthRange(months[months.length - 1], scope.statisticalMonth).end,
    );
    return {
      count,
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        createdAt: r.createdAt,
        summary: clip(r.content, 80),
        place: r.place,
        status: r.status,
        statusLabel: TICKET_STATUS_LABELS[r.status as TicketStatus] ?? r.status,
        cause: causeLabel(r.causeFactor, r.causeSub),
      })),
    };
  }
}

export type ClassificationReport = Awaited<ReturnType<ClassificationReportsService['classification']>>;
export type DeveloperReport = Awaited<ReturnType<ClassificationReportsService['developer']>>;
