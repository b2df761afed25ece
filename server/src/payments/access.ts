import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Project } from '../org/entities';
import { Ticket } from '../tickets/entities';

/** The project a staff member works on; HQ names one of its company's projects. */
export async function staffProject(ds: DataSource, user: AuthUser, projectId?: string): Promise<string> {
  if (user.kind !== 'staff') throw new ForbiddenException('只有工作人员可以进行此操作');
  if (user.role === 'hq') {
    if (!projectId) throw new BadRequestException('请选择小区');
    const p = await ds.getRepository(Project).findOneBy({ id: projectId, companyId: user.companyId ?? '-' });
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
    (t.assigneeId === user.id || user.role === 'cs_lead' || user.role === 'project_manager')
  );
}
