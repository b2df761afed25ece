import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  CATEGORY_NAMES,
  CategoryName,
  DEFAULT_CATEGORY_ROUTING,
  DepartmentCode,
  STANDARD_DEPARTMENTS,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Department, User } from '../org/entities';
import { openLoad } from '../tickets/open-load';
import { RoutingRule } from './routing.entities';

/** Roles that take tickets from a department's queue. */
const HANDLER_ROLES = ['dept_staff', 'front_desk'];

/**
 * Routing 分派 (issue "Classify … and route it"): category → department per project (defaults from the
 * shared categories), and who in the department gets it by the department's strategy.
 */
@Injectable()
export class RoutingService {
  constructor(private readonly ds: DataSource) {}

  /** The project's table, defaults filled in. */
  async table(projectId: string): Promise<Record<CategoryName, DepartmentCode>> {
    const rows = await this.ds.getRepository(RoutingRule).findBy({ projectId });
    const table = { ...DEFAULT_CATEGORY_ROUTING };
    for (const r of rows)
      if ((CATEGORY_NAMES as readonly string[]).includes(r.category))
        table[r.category as CategoryName] = r.departmentCode as DepartmentCode;
    return table;
  }

  async setRule(user: AuthUser, category: CategoryName, departmentCode: string) {
    if (user.kind !== 'staff' || !user.projectId || user.role !== 'project_manager') {
      throw new ForbiddenException('分派规则由项目经理维护');
    }
    if (!STANDARD_DEPARTMENTS.some((d) => d.code === departmentCode))
      throw new ForbiddenException('没有这个部门');
    await this.ds.getRepository(RoutingRule).save({ projectId: user.projectId, category, departmentCode });
    return this.table(user.projectId);
  }

  async department(m: EntityManager, projectId: string, code: string): Promise<Department | null> {
    return m.getRepository(Department).findOneBy({ projectId, code });
  }

  /**
   * Picks who in the department gets a ticket: on-duty handlers under the open-ticket cap, by the
   * department's strategy (fewest open tickets, or round-robin). Null when nobody is available: the
   * ticket then waits in the department's queue.
   */
  async pickAssignee(m: EntityManager, dept: Department): Promise<User | null> {
    const staff = await m.getRepository(User).find({
      where: { departmentId: dept.id, kind: 'staff', role: In(HANDLER_ROLES), onDuty: true },
      order: { id: 'ASC' },
    });
    if (!staff.length) return null;
    const load = await openLoad(
      m,
      staff.map((s) => s.id),
    );
    const available = staff.filter((s) => (load.get(s.id) ?? 0) < dept.maxOpenPerPerson);
    if (!available.length) return null;
    let pick: User;
    if (dept.assignStrategy === 'round_robin') {
      const last = staff.findIndex((s) => s.id === dept.lastAssignedUserId);
      const order = [...staff.slice(last + 1), ...staff.slice(0, last + 1)];
      pick = order.find((s) => available.includes(s))!;
    } else {
      pick = available.reduce((a, b) => ((load.get(b.id) ?? 0) < (load.get(a.id) ?? 0) ? b : a));
    }
    await m.getRepository(Department).update({ id: dept.id }, { lastAssignedUserId: pick.id });
    return pick;
  }
}
