import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  DEFAULT_TRADE_ROUTING,
  REPAIR_TRADES,
  REPAIR_TRADE_LABELS,
  RepairTrade,
  CATEGORY_NAMES,
  CategoryName,
  DEFAULT_CATEGORY_ROUTING,
  DepartmentCode,
  STANDARD_DEPARTMENTS,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { TtlCache } from '../common/ttl-cache';
import { Department, User } from '../org/entities';
import { openLoad } from '../tickets/open-load';
import { RoutingRule, StaffTrade } from './routing.entities';

const TRADE_KEY = (t: RepairTrade) => `trade:${t}`;
/** A project's rules are read at most this often by every intake; a change made here applies at once. */
const RULES_CACHE_MS = 30_000;

/** Roles that take tickets from a department's queue. */
const HANDLER_ROLES = ['dept_staff', 'front_desk'];

/**
 * Routing 分派 (issue "Classify … and route it"): category → department per project (defaults from the
 * shared categories), and who in the department gets it by the department's strategy.
 */
@Injectable()
export class RoutingService {
  private readonly ruleCache = new TtlCache<RoutingRule[]>(RULES_CACHE_MS);
  constructor(private readonly ds: DataSource) {}

  /**
   * The project's stored rules (categories and trades), cached briefly: every intake routes, and another
   * instance's change reaches this one within RULES_CACHE_MS.
   */
  private rules(projectId: string): Promise<RoutingRule[]> {
    return this.ruleCache.get(projectId, () => this.ds.getRepository(RoutingRule).findBy({ projectId }));
  }

  /** The project's table, defaults filled in. */
  async table(projectId: string): Promise<Record<CategoryName, DepartmentCode>> {
    const rows = await this.rules(projectId);
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
    this.ruleCache.delete(user.projectId);
    return this.table(user.projectId);
  }

  /** Repairs: trade → department, defaults filled in. */
  async tradeTable(projectId: string): Promise<Record<RepairTrade, DepartmentCode>> {
    const rows = await this.rules(projectId);
    const table = { ...DEFAULT_TRADE_ROUTING };
    for (const t of REPAIR_TRADES) {
      const r = rows.find((x) => x.category === TRADE_KEY(t));
      if (r) table[t] = r.departmentCode as DepartmentCode;
    }
    return table;
  }

  private assertPm(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId || user.role !== 'project_manager')
      throw new ForbiddenException('分派规则由项目经理维护');
  }

  async setTradeRule(user: AuthUser, trade: RepairTrade, departmentCode: string) {
    this.assertPm(user);
    await this.ds
      .getRepository(RoutingRule)
      .save({ projectId: user.projectId!, category: TRADE_KEY(trade), departmentCode });
    this.ruleCache.delete(user.projectId!);
    return this.trades(user);
  }

  /** The trade table and who does which trade in the project. */
  async trades(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看分派规则');
    const staff = await this.ds.getRepository(User).find({
      where: { projectId: user.projectId, kind: 'staff', role: In(HANDLER_ROLES) },
      order: { name: 'ASC' },
    });
    const skills = staff.length
      ? await this.ds.getRepository(StaffTrade).findBy({ userId: In(staff.map((s) => s.id)) })
      : [];
    return {
      trades: REPAIR_TRADES.map((t) => ({ code: t, label: REPAIR_TRADE_LABELS[t] })),
      table: await this.tradeTable(user.projectId),
      staff: staff.map((s) => ({
        id: s.id,
        name: s.name,
        trades: skills.filter((k) => k.userId === s.id).map((k) => k.trade),
      })),
    };
  }

  async setStaffTrades(user: AuthUser, staffId: string, trades: RepairTrade[]) {
    this.assertPm(user);
    const person = await this.ds
      .getRepository(User)
      .findOneBy({ id: staffId, projectId: user.projectId!, kind: 'staff' });
    if (!person) throw new NotFoundException('没有这位员工');
    await this.ds.transaction(async (m) => {
      await m.getRepository(StaffTrade).delete({ userId: staffId });
      if (trades.length)
        await m
          .getRepository(StaffTrade)
          .insert([...new Set(trades)].map((trade) => ({ userId: staffId, trade })));
    });
    return this.trades(user);
  }

  async department(m: EntityManager, projectId: string, code: string): Promise<Department | null> {
    return m.getRepository(Department).findOneBy({ projectId, code });
  }

  /**
   * Picks who in the department gets a ticket: on-duty handlers under the open-ticket cap, by the
   * department's strategy (fewest open tickets, or round-robin). Null when nobody is available: the
   * ticket then waits in the department's queue.
   */
  async pickAssignee(m: EntityManager, dept: Department, trade?: string | null): Promise<User | null> {
    let staff = await m.getRepository(User).find({
      where: { departmentId: dept.id, kind: 'staff', role: In(HANDLER_ROLES), onDuty: true },
      order: { id: 'ASC' },
    });
    if (!staff.length) return null;
    const load = await openLoad(
      m,
      staff.map((s) => s.id),
    );
    if (trade) {
      // Those who do this trade first; when none of them is available, anyone in the department.
      const skilled = new Set(
        (await m.getRepository(StaffTrade).findBy({ userId: In(staff.map((s) => s.id)), trade })).map(
          (k) => k.userId,
        ),
      );
      const free = staff.filter((s) => skilled.has(s.id) && (load.get(s.id) ?? 0) < dept.maxOpenPerPerson);
      if (free.length) staff = free;
    }
    const available = staff.filter((s) => (load.get(s.id) ?? 0) < dept.maxOpenPerPerson);
    if (!available.length) return null;
    if (dept.assignStrategy !== 'round_robin')
      return available.reduce((a, b) => ((load.get(b.id) ?? 0) < (load.get(a.id) ?? 0) ? b : a));
    const last = staff.findIndex((s) => s.id === dept.lastAssignedUserId);
    const order = [...staff.slice(last + 1), ...staff.slice(0, last + 1)];
    const pick = order.find((s) => available.includes(s))!;
    // Only round-robin needs to remember the last one; writing it on every pick would make all intakes to a
    // department wait for each other's transaction on this row.
    await m.getRepository(Department).update({ id: dept.id }, { lastAssignedUserId: pick.id });
    return pick;
  }
}
