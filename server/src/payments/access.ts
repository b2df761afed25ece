import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { Ticket } from '../tickets/entities';
import { PaymentProjectsRepository } from './repositories/payment-projects.repository';
import { PAYMENT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** The project a staff member works on; HQ names one of its company's projects. */
export async function staffProject(
  projects: PaymentProjectsRepository,
  user: AuthUser,
  projectId?: string,
): Promise<string> {
  if (user.kind !== 'staff') throw new ForbiddenException('只有工作人员可以进行此操作');
  if (allowed(PAYMENT_PERMISSIONS.anyProjectOfCompany, user)) {
    if (!projectId) throw new BadRequestException('请选择小区');
    const p = await projects.ofCompany(projectId, user.companyId ?? '-');
    if (!p) throw new NotFoundException('没有找到这个小区');
    return p.id;
  }
  if (!user.projectId) throw new ForbiddenException('您的账号未分配到小区');
  if (projectId && projectId !== user.projectId) throw new ForbiddenException('只能查看本小区的数据');
  return user.projectId;
}

/** Who may quote, take money offline or start paid work: the ticket's handler, the lead, the manager. */
export function mayHandleCharges(user: AuthUser, t: Ticket): boolean {
  return (
    user.kind === 'staff' &&
    user.projectId === t.projectId &&
    (t.assigneeId === user.id || allowed(PAYMENT_PERMISSIONS.handleCharges, user))
  );
}
