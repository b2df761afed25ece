import { ForbiddenException, Injectable } from '@nestjs/common';
import { STATISTICAL_MONTH_LABELS, STATISTICAL_MONTHS, StatisticalMonth } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { REPORT_PERMISSIONS } from './permissions';
import { Company } from '../org/entities';
import { ReportScopes } from './report-scope';
import { ReportRollupsRepository } from './repositories/report-rollups.repository';
import { ReportRollupService } from './rollup.service';

/**
 * The company's statistics settings: how it cuts its statistical months 统计月份 (calendar months, or the
 * 26th of the month before to the 25th). Every report reads it; HQ sets it.
 */
@Injectable()
export class ReportSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly scopes: ReportScopes,
    private readonly rollups: ReportRollupsRepository,
    private readonly builder: ReportRollupService,
  ) {}

  /** The setting and the choices, for whoever reads the company's or a project's reports. */
  async get(user: AuthUser) {
    const scope = await this.scopes.resolve(user);
    return this.describe(scope.statisticalMonth);
  }

  /**
   * HQ changes how months are cut: every stored rollup of the company is forgotten and built again on the next
   * read, so no report mixes months cut two ways.
   */
  async update(user: AuthUser, statisticalMonth: StatisticalMonth) {
    if (user.kind !== 'staff' || !allowed(REPORT_PERMISSIONS.editSettings, user) || !user.companyId)
      throw new ForbiddenException('统计月份由集团总部设置');
    const company = await this.ds.getRepository(Company).findOneByOrFail({ id: user.companyId });
    if (company.statisticalMonth !== statisticalMonth) {
      await this.builder.settled();
      await this.ds.getRepository(Company).update({ id: company.id }, { statisticalMonth });
      await this.rollups.forgetCompany(company.id);
    }
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
