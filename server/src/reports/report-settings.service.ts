import { ForbiddenException, Injectable, OnModuleInit } from '@nestjs/common';
import { STATISTICAL_MONTH_LABELS, STATISTICAL_MONTHS, StatisticalMonth } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { PolicyService } from '../policy/policy.service';
import { REPORT_PERMISSIONS } from './permissions';
import { ReportScopes } from './report-scope';
import { ReportRollupsRepository } from './repositories/report-rollups.repository';
import { ReportRollupService } from './rollup.service';

/**
 * The company's statistics settings: how it cuts its statistical months 统计月份 (calendar months, or the
 * 26th of the month before to the 25th). The setting is the company's policy field reports.statisticalMonth
 * (docs/policy.md); GET/PUT /api/reports/settings are a view onto it, kept for installed mini-programs. Every
 * report reads it; HQ sets it, here or through PUT /api/company/policy.
 */
@Injectable()
export class ReportSettingsService implements OnModuleInit {
  constructor(
    private readonly policies: PolicyService,
    private readonly scopes: ReportScopes,
    private readonly rollups: ReportRollupsRepository,
    private readonly builder: ReportRollupService,
  ) {}

  /**
   * However HQ changes how months are cut, every stored rollup of the company is forgotten and built again on the
   * next read, so no report mixes months cut two ways (rollups being built finish first).
   */
  onModuleInit() {
    this.policies.onStatisticalMonthChange({
      before: () => this.builder.settled(),
      after: (companyId) => this.rollups.forgetCompany(companyId),
    });
  }

  /** The setting and the choices, for whoever reads the company's or a project's reports. */
  async get(user: AuthUser) {
    const scope = await this.scopes.resolve(user);
    return this.describe(scope.statisticalMonth);
  }

  /** HQ changes how months are cut (the company's policy). */
  async update(user: AuthUser, statisticalMonth: StatisticalMonth) {
    if (user.kind !== 'staff' || !allowed(REPORT_PERMISSIONS.editSettings, user) || !user.companyId)
      throw new ForbiddenException('统计月份由集团总部设置');
    await this.policies.setStatisticalMonth(user.companyId, statisticalMonth);
    return this.describe(statisticalMonth);
  }

  private describe(statisticalMonth: StatisticalMonth) {
    return {
      statisticalMonth,
      label: STATISTICAL_MONTH_LABELS[statisticalMonth],
      choices: STATISTICAL_MONTHS.map((value) => ({ value, label: STATISTICAL_MONTH_LABELS[value] })),
    };
  }
}
