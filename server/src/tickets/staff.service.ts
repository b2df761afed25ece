import { Clock } from '../common/clock';
import { ForbiddenException, Injectable } from '@nestjs/common';
import {
  ESCALATION_TARGETS,
  OPEN_STATUSES,
  statusLabelFor,
  TICKET_STATUS_LABELS,
  TicketStatus,
} from '@wuye/shared';
import { DataSource, In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Department, Household, User } from '../org/entities';
import { Ticket } from './entities';
import { openLoad } from './open-load';
import { TicketsService } from './tickets.service';
import { TICKET_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/** The roles a ticket can be passed up to (ESCALATION_TARGETS in @wuye/shared). */
const ESCALATION_ROLES: readonly string[] = ESCALATION_TARGETS;

export interface StaffSearch {
  q?: string;
  status?: string;
  kind?: string;
  category?: string;
  from?: string;
  to?: string;
  registered?: boolean;
  page: number;
  pageSize: number;
}

export type QueueScope = 'mine' | 'department' | 'project' | 'triage';

/** The staff workbench: queues sorted by urgency, colleagues to hand on to, the daily inventory. */
@Injectable()
export class StaffService {
  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
  ) {}

  private requireStaff(user: AuthUser) {
    if (user.kind !== 'staff' || (!user.projectId && !allowed(TICKET_PERMISSIONS.seeCompany, user)))
      throw new ForbiddenException('只有物业员工可以使用工作台');
  }

  /**
   * mine: assigned to me; department: my department's unassigned queue (customer service also holds the
   * not-yet-dispatched ones); project: every open ticket (lead and project manager only).
   * Order: overdue first, then key customers 重点客户, then the nearest deadline.
   */
  async queue(user: AuthUser, scope: QueueScope, page: number, pageSize: number, now = this.clock.now()) {
    this.requireStaff(user);
    if (scope === 'project' && !allowed(TICKET_PERMISSIONS.projectQueue, user)) {
      throw new ForbiddenException('只有客服主管和项目经理可以查看全部工单');
    }
    if (scope === 'triage' && !allowed(TICKET_PERMISSIONS.triageQueue, user)) {
      throw new ForbiddenException('待分派队列由客服前台和客服主管处理');
    }
    const qb = await this.tickets.scope(user, this.ds.getRepository(Ticket).createQueryBuilder('t'));
    qb.andWhere('t.status IN (:...open)', { open: OPEN_STATUSES });
    // Mine: assigned to me, and what was passed up (服务上移) to my role — lead, project manager or group HQ.
    if (scope === 'mine')
      if (ESCALATION_ROLES.includes(user.role))
        qb.andWhere('(t.assigneeId = :me OR t.escalationLevel = :role)', { me: user.id, role: user.role });
      else qb.andWhere('t.assigneeId = :me', { me: user.id });
    // Complaints the classifier was unsure about wait here for a person to classify and dispatch.
    if (scope === 'triage') qb.andWhere('t.triage = :yes', { yes: true });
    if (scope === 'department') {
      const dept = user.departmentId
        ? await this.ds.getRepository(Department).findOneBy({ id: user.departmentId })
        : null;
      qb.andWhere('t.assigneeId IS NULL');
      if (dept?.code === 'cs')
        qb.andWhere('(t.departmentId = :did OR t.departmentId IS NULL)', { did: dept.id });
      else qb.andWhere('t.departmentId = :did', { did: user.departmentId ?? '-' });
    }
    const [rows, total] = await qb
      .orderBy('CASE WHEN t.dueAt IS NOT NULL AND t.dueAt < :now THEN 0 ELSE 1 END', 'ASC')
      .setParameter('now', now)
      .addOrderBy('t.priority', 'DESC')
      .addOrderBy('CASE WHEN t.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('t.dueAt', 'ASC')
      .addOrderBy('t.createdAt', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { total, page, pageSize, items: await this.summaries(rows, now) };
  }

  /**
   * Search over the tickets this person may see (front desk, lead, manager: the project): by number, the phone's
   * last digits (never on anonymous tickets), the household or place, or words of the text; filtered by status,
   * kind, category and the day received (Asia/Shanghai). `registered`: only the ones I registered for callers.
   * Newest first.
   */
  async search(user: AuthUser, f: StaffSearch, now = this.clock.now()) {
    this.requireStaff(user);
    const qb = await this.tickets.scope(user, this.ds.getRepository(Ticket).createQueryBuilder('t'));
    if (f.registered) qb.andWhere('t.createdById = :me', { me: user.id });
    if (f.status === 'open') qb.andWhere('t.status IN (:...open)', { open: OPEN_STATUSES });
    else if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    if (f.kind) qb.andWhere('t.kind = :kind', { kind: f.kind });
    if (f.category) qb.andWhere('t.category = :category', { category: f.category });
    if (f.from) qb.andWhere('t.createdAt >= :from', { from: new Date(`${f.from}T00:00:00+08:00`) });
    if (f.to)
      qb.andWhere('t.createdAt < :to', {
        to: new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000),
      });
    const words = f.q?.trim();
    if (words) {
      // LIKE with our own escape character, the same on SQLite and MySQL.
      const like = `%${words.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      const conds = [
        "t.number LIKE :like ESCAPE '!'",
        "t.content LIKE :like ESCAPE '!'",
        "t.location LIKE :like ESCAPE '!'",
        "t.householdId IN (SELECT h.id FROM households h WHERE h.projectId = t.projectId AND h.label LIKE :like ESCAPE '!')",
      ];
      const params: Record<string, unknown> = { like };
      if (/^\d{3,11}$/.test(words)) {
        conds.push("(t.anonymous = :notAnon AND t.contactPhone LIKE :tail ESCAPE '!')");
        Object.assign(params, { notAnon: false, tail: `%${words}` });
      }
      qb.andWhere(`(${conds.join(' OR ')})`, params);
    }
    const [rows, total] = await qb
      .orderBy('t.createdAt', 'DESC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { total, page: f.page, pageSize: f.pageSize, items: await this.summaries(rows, now) };
  }

  async summaries(rows: Ticket[], now = this.clock.now()) {
    // An anonymous ticket shows no household in a queue (docs/domain-rules.md "What each person sees").
    const hids = [
      ...new Set(
        rows
          .filter((r) => !r.anonymous)
          .map((r) => r.householdId)
          .filter((x): x is string => !!x),
      ),
    ];
    const uids = [...new Set(rows.map((r) => r.assigneeId).filter((x): x is string => !!x))];
    const dids = [...new Set(rows.map((r) => r.departmentId).filter((x): x is string => !!x))];
    const [hs, us, ds] = await Promise.all([
      hids.length ? this.ds.getRepository(Household).findBy({ id: In(hids) }) : [],
      uids.length ? this.ds.getRepository(User).findBy({ id: In(uids) }) : [],
      dids.length ? this.ds.getRepository(Department).findBy({ id: In(dids) }) : [],
    ]);
    const h = new Map(hs.map((x) => [x.id, x.label]));
    const u = new Map(us.map((x) => [x.id, x.name]));
    const d = new Map(ds.map((x) => [x.id, x.name]));
    const uncertain = new Set<string>();
    for (const t of rows) if ((await this.tickets.uncoveredDeadlineYears(t)).length) uncertain.add(t.id);
    return rows.map((t) => ({
      id: t.id,
      number: t.number,
      kind: t.kind,
      status: t.status,
      statusLabel: statusLabelFor(t.status, 'staff'),
      summary: t.content.slice(0, 80),
      household:
        t.householdId && !t.anonymous ? { id: t.householdId, label: h.get(t.householdId) ?? '' } : null,
      location: t.location,
      anonymous: t.anonymous,
      department: t.departmentId ? (d.get(t.departmentId) ?? null) : null,
      assignee: t.assigneeId ? (u.get(t.assigneeId) ?? null) : null,
      dueAt: t.dueAt,
      overdue: !!t.dueAt && t.dueAt.getTime() < now.getTime(),
      /** A deadline falls in a year the calendar has no official holidays for (badge 日历未覆盖). */
      calendarUncertain: uncertain.has(t.id),
      priority: t.priority,
      priorityReason: t.anonymous ? null : t.priorityReason,
      escalationLevel: t.escalationLevel,
      category: t.category,
      triage: t.triage,
      emergency: t.emergency,
      createdAt: t.createdAt,
    }));
  }

  /** Staff of the project to assign or hand on to, optionally of one department, with their open load. */
  async colleagues(user: AuthUser, departmentCode?: string) {
    this.requireStaff(user);
    // Group HQ works on no one project: it has no project colleagues to pick from.
    if (!user.projectId) return [];
    const where: Record<string, unknown> = { projectId: user.projectId, kind: 'staff' };
    if (departmentCode) {
      const dept = await this.ds
        .getRepository(Department)
        .findOneBy({ projectId: user.projectId ?? '-', code: departmentCode });
      if (!dept) return [];
      where.departmentId = dept.id;
    }
    const staff = await this.ds.getRepository(User).find({ where, order: { name: 'ASC' } });
    const depts = new Map(
      (await this.ds.getRepository(Department).findBy({ projectId: user.projectId ?? '-' })).map((d) => [
        d.id,
        d,
      ]),
    );
    const load = await openLoad(
      this.ds.manager,
      staff.map((s) => s.id),
    );
    return staff.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      department: s.departmentId
        ? { code: depts.get(s.departmentId)?.code, name: depts.get(s.departmentId)?.name }
        : null,
      openTickets: load.get(s.id) ?? 0,
    }));
  }

  /**
   * 日盘点 daily inventory (the customer-service handbook): every open item of the project, the overdue ones,
   * and complaints that waited over a working day without a handling record (顾客投诉处理记录表).
   */
  async inventory(user: AuthUser, now = this.clock.now()) {
    this.requireStaff(user);
    if (!allowed(TICKET_PERMISSIONS.inventory, user)) {
      throw new ForbiddenException('日盘点由客服前台、客服主管和项目经理查看');
    }
    const base = async () =>
      (await this.tickets.scope(user, this.ds.getRepository(Ticket).createQueryBuilder('t'))).andWhere(
        't.status IN (:...open)',
        {
          open: OPEN_STATUSES,
        },
      );
    const byStatus: { status: string; n: string }[] = await (
      await base()
    )
      .select('t.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.status')
      .getRawMany();
    const overdue = await (
      await base()
    )
      .andWhere('t.dueAt < :now', { now })
      .orderBy('t.dueAt', 'ASC')
      .take(200)
      .getMany();
    const noRecord = await (
      await base()
    )
      .andWhere('t.handlingRecordDueAt < :now', { now })
      .andWhere('t.handlingRecordAt IS NULL')
      .orderBy('t.createdAt', 'ASC')
      .take(200)
      .getMany();
    const open = byStatus.reduce((a, r) => a + Number(r.n), 0);
    return {
      at: now,
      open,
      byStatus: byStatus.map((r) => ({
        status: r.status,
        label: statusLabelFor(r.status, 'staff'),
        count: Number(r.n),
      })),
      overdue: await this.summaries(overdue, now),
      withoutHandlingRecord: await this.summaries(noRecord, now),
    };
  }
}
