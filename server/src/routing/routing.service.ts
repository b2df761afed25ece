import { selectRows } from '../database/raw';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  REPAIR_TRADES,
  REPAIR_TRADE_LABELS,
  RepairTrade,
  CATEGORY_NAMES,
  CategoryName,
  DepartmentCode,
  RoutingSettings,
  STANDARD_DEPARTMENTS,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { TtlCache } from '../common/ttl-cache';
import { Department, User } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
import { openLoadOf } from '../tickets/open-load';
import { HeldPicks } from './held-picks';
import { RoutingRule, StaffTrade } from './routing.entities';
import { ROUTING_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

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
  private readonly departmentCache = new TtlCache<Department[]>(RULES_CACHE_MS);
  /** Picks made for tickets not stored yet: they count in a person's load (held-picks.ts). */
  private readonly held = new HeldPicks();
  constructor(
    private readonly ds: DataSource,
    private readonly policies: PolicyService,
  ) {}

  /**
   * The project's routing settings (switch, threshold, tables): part of its ProjectPolicy (server/src/policy),
   * cached there — every intake routes; another instance's change reaches this one within 30 s.
   */
  async settings(projectId: string): Promise<RoutingSettings> {
    return (await this.policies.forProject(projectId)).policy.routing;
  }

  /** The project's table, defaults filled in. */
  async table(projectId: string): Promise<Record<CategoryName, DepartmentCode>> {
    return (await this.settings(projectId)).categories;
  }

  /**
   * The categories the project's staff may pick (correcting a complaint), and all eight with their departments
   * and whether each is shown: what the staff screens offer.
   */
  async categories(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看投诉分类');
    const { categories, shownCategories } = await this.settings(user.projectId);
    return {
      shown: shownCategories,
      categories: CATEGORY_NAMES.map((name) => ({
        name,
        departmentCode: categories[name],
        shown: shownCategories.includes(name),
      })),
    };
  }

  async setRule(user: AuthUser, category: CategoryName, departmentCode: string) {
    if (user.kind !== 'staff' || !user.projectId || !allowed(ROUTING_PERMISSIONS.editRules, user)) {
      throw new ForbiddenException('分派规则由项目经理维护');
    }
    if (!STANDARD_DEPARTMENTS.some((d) => d.code === departmentCode))
      throw new ForbiddenException('没有这个部门');
    await this.ds.getRepository(RoutingRule).save({ projectId: user.projectId, category, departmentCode });
    this.policies.invalidateProject(user.projectId);
    return this.table(user.projectId);
  }

  /** Repairs: trade → department, defaults filled in. */
  async tradeTable(projectId: string): Promise<Record<RepairTrade, DepartmentCode>> {
    return (await this.settings(projectId)).trades;
  }

  private assertPm(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId || !allowed(ROUTING_PERMISSIONS.editRules, user))
      throw new ForbiddenException('分派规则由项目经理维护');
  }

  async setTradeRule(user: AuthUser, trade: RepairTrade, departmentCode: string) {
    this.assertPm(user);
    await this.ds
      .getRepository(RoutingRule)
      .save({ projectId: user.projectId!, category: TRADE_KEY(trade), departmentCode });
    this.policies.invalidateProject(user.projectId!);
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

  /**
   * A project's department by code (name, strategy, cap), cached like the rules: departments are set up with
   * the project and every dispatch reads one. Round-robin's last pick is read fresh (pickAssignee).
   */
  async department(projectId: string, code: string): Promise<Department | null> {
    return (await this.departments(projectId)).find((d) => d.code === code) ?? null;
  }

  /** A project's department by id, from the same cache (a lead's notice names the department). */
  async departmentById(projectId: string, id: string): Promise<Department | null> {
    return (await this.departments(projectId)).find((d) => d.id === id) ?? null;
  }

  private departments(projectId: string): Promise<Department[]> {
    return this.departmentCache.get(projectId, () => this.ds.getRepository(Department).findBy({ projectId }));
  }

  /**
   * Picks who in the department gets a ticket: on-duty handlers under the open-ticket cap, by the
   * department's strategy (fewest open tickets, or round-robin). Null when nobody is available: the
   * ticket then waits in the department's queue.
   */
  async pickAssignee(
    m: EntityManager,
    dept: Department,
    trade?: string | null,
    opts: { hold?: boolean } = {},
  ): Promise<{ id: string; name: string } | null> {
    // One statement: the on-duty handlers, each with their open load and whether they do this trade. Every
    // dispatched intake asks: hand-written (database/raw.ts). Holds released meanwhile still count (held-picks.ts).
    const answered = this.held.read();
    let staff: { id: string; name: string; load: number; skilled: boolean }[];
    try {
      const rows = await selectRows<{
        id: string;
        name: string;
        n: string | number;
        skilled?: string | number;
      }>(
        m,
        `SELECT \`u\`.\`id\` AS \`id\`, \`u\`.\`name\` AS \`name\`, ${openLoadOf('u')} AS \`n\`` +
          (trade
            ? ', (SELECT COUNT(*) FROM `staff_trades` `k` WHERE `k`.`userId` = `u`.`id` AND `k`.`trade` = ?) AS `skilled`'
            : '') +
          " FROM `users` `u` WHERE `u`.`departmentId` = ? AND `u`.`kind` = 'staff'" +
          ` AND \`u\`.\`role\` IN (${HANDLER_ROLES.map(() => '?').join(', ')}) AND \`u\`.\`onDuty\` = ?` +
          ' ORDER BY `u`.`id` ASC',
        [...(trade ? [trade] : []), dept.id, ...HANDLER_ROLES, true],
      );
      // The holds are read in the same turn as the answer, before `answered` lets the releases waiting for it go.
      staff = rows.map((r) => ({
        id: r.id,
        name: r.name,
        load: Number(r.n) + this.held.count(r.id),
        skilled: Number(r.skilled ?? 0) > 0,
      }));
    } finally {
      answered();
    }
    if (!staff.length) return null;
    const cap = dept.maxOpenPerPerson;
    if (trade) {
      // Those who do this trade first; when none of them is available, anyone in the department.
      const free = staff.filter((s) => s.skilled && s.load < cap);
      if (free.length) staff = free;
    }
    const available = staff.filter((s) => s.load < cap);
    if (!available.length) return null;
    // Held at once, before another pick's loads are used; the caller releases it.
    const person = (s: { id: string; name: string }) => {
      if (opts.hold) this.held.hold(s.id);
      return { id: s.id, name: s.name };
    };
    if (dept.assignStrategy !== 'round_robin')
      return person(available.reduce((a, b) => (b.load < a.load ? b : a)));
    // The last pick is read fresh (the department itself is cached).
    const last = (
      await m
        .getRepository(Department)
        .findOne({ select: { id: true, lastAssignedUserId: true }, where: { id: dept.id } })
    )?.lastAssignedUserId;
    const at = staff.findIndex((s) => s.id === last);
    const order = [...staff.slice(at + 1), ...staff.slice(0, at + 1)];
    const pick = order.find((s) => available.includes(s))!;
    const picked = person(pick);
    // Only round-robin needs to remember the last one; writing it on every pick would make all intakes to a
    // department wait for each other's transaction on this row.
    try {
      await m.getRepository(Department).update({ id: dept.id }, { lastAssignedUserId: pick.id });
    } catch (e) {
      if (opts.hold) this.release(pick.id);
      throw e;
    }
    return picked;
  }

  /** Lets go of a pick held by `pickAssignee`: its ticket is stored (the database counts it now) or not filed. */
  release(userId: string): void {
    this.held.release(userId);
  }
}
