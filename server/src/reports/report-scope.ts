import { ForbiddenException, Injectable } from '@nestjs/common';
import { StatisticalMonth } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Project } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
import { REPORT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** What a report covers: one project, or the whole company (HQ without a project picked). */
export interface ReportScope {
  companyId: string;
  /** The one project, or null for the company. */
  project: Pick<Project, 'id' | 'companyId' | 'name'> | null;
  /** Every project covered. */
  projects: Pick<Project, 'id' | 'companyId' | 'name'>[];
  /** '阳光花园' or the company name. */
  label: string;
  /**
   * How the company cuts its statistical months: its policy's reports.statisticalMonth (one for all its
   * projects; calendar months by default).
   */
  statisticalMonth: StatisticalMonth;
}

/** The scope as every report states it. */
export function scopeInfo(scope: ReportScope) {
  return { projectId: scope.project?.id ?? null, label: scope.label, company: !scope.project };
}

@Injectable()
export class ReportScopes {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyService,
  ) {}

  /**
   * The scope a user asks for, or 403: residents and department staff see no reports; a lead or project
   * manager only their own project; HQ any project of their company, or the company. Never another company.
   */
  async resolve(user: AuthUser, projectId?: string | null): Promise<ReportScope> {
    if (user.kind !== 'staff' || !allowed(REPORT_PERMISSIONS.read, user) || !user.companyId)
      throw new ForbiddenException('只有客服主管、项目经理和集团总部可以查看统计报表');
    const repo = this.ds.getRepository(Project);
    if (!allowed(REPORT_PERMISSIONS.anyProjectOfCompany, user)) {
      if (!user.projectId) throw new ForbiddenException('您的账号未分配项目，无法查看报表');
      if (projectId && projectId !== user.projectId) throw new ForbiddenException('只能查看本项目的报表');
      const project = await repo.findOneByOrFail({ id: user.projectId });
      const { statisticalMonth } = (await this.policies.forProject(project.id)).policy.reports;
      return {
        companyId: project.companyId,
        project,
        projects: [project],
        label: project.name,
        statisticalMonth,
      };
    }
    const projects = await repo.find({
      where: { companyId: user.companyId },
      select: { id: true, companyId: true, name: true },
      order: { name: 'ASC' },
    });
    const statisticalMonth = await this.policies.statisticalMonthOf(user.companyId);
    if (projectId) {
      const project = projects.find((p) => p.id === projectId);
      if (!project) throw new ForbiddenException('只能查看本公司项目的报表');
      return {
        companyId: user.companyId,
        project,
        projects: [project],
        label: project.name,
        statisticalMonth,
      };
    }
    return {
      companyId: user.companyId,
      project: null,
      projects,
      label: (await this.companyName(user.companyId)) ?? '全公司',
      statisticalMonth,
    };
  }

  /** The company's name. */
  private async companyName(id: string): Promise<string | null> {
    const [row] = await this.ds.query(`SELECT name FROM companies WHERE id = ?`, [id]);
    return row?.name ? String(row.name) : null;
  }

  /** What the user may pick: HQ the company or any of its projects, others their own project. */
  async projects(user: AuthUser) {
    const scope = await this.resolve(user);
    return {
      company: allowed(REPORT_PERMISSIONS.anyProjectOfCompany, user),
      label: scope.label,
      projects: scope.projects.map((p) => ({ id: p.id, name: p.name })),
    };
  }

  /** A project scope the user may write to (a project must be picked, and only by its own managers). */
  async resolveWritable(
    user: AuthUser,
    projectId?: string | null,
  ): Promise<ReportScope & { project: Project }> {
    const scope = await this.resolve(user, projectId);
    if (!allowed(REPORT_PERMISSIONS.write, user))
      throw new ForbiddenException('由项目的客服主管或项目经理填写');
    return scope as ReportScope & { project: Project };
  }
}
