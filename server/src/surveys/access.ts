import { ForbiddenException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { allowed } from '../common/permissions';
import { Department } from '../org/entities';
import { SURVEY_PERMISSIONS } from './permissions';

/**
 * Who may do what with satisfaction surveys, by the rows of SURVEY_PERMISSIONS (docs/domain-rules.md "Satisfaction surveys": surveyors
 * independent of the service centre; the sample is fixed in advance and not chosen by the service centre; the
 * satisfaction-management handbook (6)③ 调查员不得向物业管理处透露抽样样本).
 * - admin: group HQ 集团 and the quality department 品质部 — build questionnaires, start and close
 *   campaigns, see the sample list;
 * - viewer: the service centre's project manager 项目经理 and customer-service lead 客服主管 — see
 *   campaigns, sample counts per building and the results (to improve), never the sampled addresses,
 *   and change nothing;
 * - everyone else on the staff side (front desk, department staff): nothing.
 * Residents only answer, for their own sampled household (responses.service.ts).
 */
export type SurveyAccess = 'admin' | 'viewer';

export const SURVEY_ADMIN_DEPARTMENT = 'qa';

export async function surveyAccess(ds: DataSource, user: AuthUser): Promise<SurveyAccess | null> {
  if (user.kind !== 'staff') return null;
  if (allowed(SURVEY_PERMISSIONS.administer, user)) return 'admin';
  if (allowed(SURVEY_PERMISSIONS.administerAsQuality, user) && user.departmentId) {
    const dept = await ds.getRepository(Department).findOneBy({ id: user.departmentId });
    if (dept?.code === SURVEY_ADMIN_DEPARTMENT) return 'admin';
  }
  return allowed(SURVEY_PERMISSIONS.view, user) ? 'viewer' : null;
}

export const FORBIDDEN = {
  notStaff: '满意度调查由品质部或集团组织，住户请在“我的”页面填写问卷',
  noAccess: '满意度调查由品质部或集团组织，您没有查看权限',
  notAdmin: '问卷和样本由品质部或集团确定，服务中心不能修改',
  otherProject: '不能查看其他小区的调查',
} as const;

export async function requireSurveyAccess(
  ds: DataSource,
  user: AuthUser,
  need: SurveyAccess,
): Promise<SurveyAccess> {
  const access = await surveyAccess(ds, user);
  if (!access) throw new ForbiddenException(user.kind === 'staff' ? FORBIDDEN.noAccess : FORBIDDEN.notStaff);
  if (need === 'admin' && access !== 'admin') throw new ForbiddenException(FORBIDDEN.notAdmin);
  return access;
}

/** HQ sees its company's campaigns; everyone else only their own project's. */
export function inScope(user: AuthUser, row: { companyId: string; projectId?: string }): boolean {
  if (allowed(SURVEY_PERMISSIONS.anyProjectOfCompany, user)) return row.companyId === user.companyId;
  if (row.projectId === undefined) return row.companyId === user.companyId;
  return row.projectId === user.projectId;
}
