import { allColumns, selectEntities } from '../database/raw';
import { Clock } from '../common/clock';
import { randomInt } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  customerPriority,
  isKeyCustomerReason,
  KEY_CUSTOMER_REASON_LABELS,
  KeyCustomerReason,
  ROLE_LABELS,
  TENURE_LABELS,
  tenureOf,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { TtlCache } from '../common/ttl-cache';
import { peopleInRole } from './people';
import { allowed } from '../common/permissions';
import { ORG_PERMISSIONS } from './permissions';
import { Notifier } from '../events/notifier';
import {
  Building,
  Company,
  Department,
  Household,
  HouseholdBinding,
  HouseholdCode,
  Project,
  Unit,
  User,
} from './entities';

/** Who handles bindings: the service centre (department staff do not). */
const CENTRE_ROLES = ['front_desk', 'cs_lead', 'project_manager'] as const;
/** The staff page listing applications waiting for approval. */
const BINDINGS_PAGE = '/staff/pages/bindings/index';
const RELATION_LABELS = { owner: '业主', tenant: '租户', family: '家属' } as const;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud at the front desk
const CODE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Applications (without a binding code) one resident may have waiting for the front desk at once. */
export const MAX_PENDING_BINDINGS = 3;

export interface BindingRequest {
  code?: string;
  householdId?: string;
  relation?: 'owner' | 'tenant' | 'family';
  name?: string;
  phone?: string;
}

/** How long an instance keeps a project row for intake (its company, auto-route switch and threshold). */
const PROJECT_CACHE_MS = 30_000;

@Injectable()
export class OrgService {
  private readonly projectCache = new TtlCache<Project | null>(PROJECT_CACHE_MS);
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notifications: Notifier,
  ) {}

  /**
   * A project as every intake reads it (company, auto-routing), cached for PROJECT_CACHE_MS: these are set when
   * the project is set up, not from the app; clock settings have their own cache.
   */
  async project(projectId: string): Promise<Project> {
    const p = await this.projectCache.get(projectId, () =>
      this.ds.getRepository(Project).findOneBy({ id: projectId }),
    );
    if (!p) throw new NotFoundException('没有这个小区');
    return p;
  }

  /** The flats this resident may file for (approved bindings), in one read. */
  approvedHouseholds(userId: string): Promise<Household[]> {
    // Every resident's submission reads them: hand-written (database/raw.ts).
    const m = this.ds.manager;
    return selectEntities(
      m,
      Household,
      `SELECT ${allColumns(m, Household, 'h')} FROM \`households\` \`h\` ` +
        'INNER JOIN `household_bindings` `b` ON `b`.`householdId` = `h`.`id` ' +
        "WHERE `b`.`userId` = ? AND `b`.`status` = 'approved'",
      [userId],
    );
  }

  /** Households whose tickets this resident may file and read: approved bindings only. */
  async approvedHouseholdIds(userId: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(HouseholdBinding)
      .find({ where: { userId, status: 'approved' }, select: { householdId: true } });
    return rows.map((r) => r.householdId);
  }

  async me(user: AuthUser) {
    const u = await this.ds.getRepository(User).findOneByOrFail({ id: user.id });
    const project = u.projectId ? await this.ds.getRepository(Project).findOneBy({ id: u.projectId }) : null;
    const dept = u.departmentId
      ? await this.ds.getRepository(Department).findOneBy({ id: u.departmentId })
      : null;
    const ids = await this.approvedHouseholdIds(u.id);
    const households = ids.length ? await this.ds.getRepository(Household).findBy({ id: In(ids) }) : [];
    return {
      id: u.id,
      name: u.name,
      kind: u.kind,
      role: u.role,
      roleLabel: ROLE_LABELS[user.role] ?? u.role,
      projectId: u.projectId,
      projectName: project?.name ?? null,
      departmentName: dept?.name ?? null,
      households: households.map((h) => ({ id: h.id, label: h.label, projectId: h.projectId })),
    };
  }

  /**
   * The compounds a person may pick from: those of their own company. Only a resident who belongs to no
   * company yet (has bound no flat) sees every compound, to find their own.
   */
  async projects(user: AuthUser) {
    if (user.kind === 'staff' && !user.companyId) return [];
    const projects = await this.ds.getRepository(Project).find({
      where: user.companyId ? { companyId: user.companyId } : {},
      order: { name: 'ASC' },
    });
    const companies = new Map((await this.ds.getRepository(Company).find()).map((c) => [c.id, c.name]));
    return projects.map((p) => ({
      id: p.id,
      name: p.name,
      address: p.address,
      companyName: companies.get(p.companyId) ?? '',
    }));
  }

  /** Buildings → units → households of a project, for picking one's home. No personal data. */
  async tree(projectId: string) {
    const project = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    if (!project) throw new NotFoundException('没有找到这个小区');
    const buildings = await this.ds
      .getRepository(Building)
      .find({ where: { projectId }, order: { sort: 'ASC' } });
    const units = buildings.length
      ? await this.ds
          .getRepository(Unit)
          .find({ where: { buildingId: In(buildings.map((b) => b.id)) }, order: { sort: 'ASC' } })
      : [];
    const households = await this.ds
      .getRepository(Household)
      .find({ where: { projectId }, order: { room: 'ASC' } });
    return {
      id: project.id,
      name: project.name,
      buildings: buildings.map((b) => ({
        id: b.id,
        name: b.name,
        units: units
          .filter((u) => u.buildingId === b.id)
          .map((u) => ({
            id: u.id,
            name: u.name,
            households: households
              .filter((h) => h.unitId === u.id)
              .map((h) => ({ id: h.id, label: h.label, room: h.room })),
          })),
      })),
    };
  }

  private toBindingView(b: HouseholdBinding, h: Household) {
    return {
      id: b.id,
      status: b.status,
      relation: b.relation,
      name: b.name,
      createdAt: b.createdAt,
      household: { id: h.id, label: h.label },
    };
  }

  /** Bind a household: with a one-time code → approved at once; otherwise an application for staff to approve. */
  async requestBinding(user: AuthUser, req: BindingRequest) {
    if (user.kind !== 'resident') throw new ForbiddenException('员工账号不能绑定房屋');
    const bindings = this.ds.getRepository(HouseholdBinding);
    const view = await this.ds.transaction(async (m) => {
      let household: Household | null;
      let status: HouseholdBinding['status'] = 'pending';
      if (req.code) {
        const code = req.code.trim().toUpperCase();
        const row = await m
          .getRepository(HouseholdCode)
          .findOneBy({ code, usedAt: IsNull(), expiresAt: MoreThan(new Date()) });
        if (!row) throw new BadRequestException('绑定码无效或已过期，请向客服前台重新获取');
        const used = await m
          .getRepository(HouseholdCode)
          .update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date(), usedById: user.id });
        if (!used.affected) throw new BadRequestException('绑定码已被使用，请向客服前台重新获取');
        household = await m.getRepository(Household).findOneBy({ id: row.householdId });
        status = 'approved';
      } else {
        if (!req.householdId) throw new BadRequestException('请选择房屋，或输入前台提供的绑定码');
        if (!req.name?.trim()) throw new BadRequestException('请填写您的姓名，方便物业核实');
        household = await m.getRepository(Household).findOneBy({ id: req.householdId });
        if (household) await this.assertMayApply(m, user, household);
      }
      if (!household) throw new NotFoundException('没有找到这户房屋');
      const existing = await m
        .getRepository(HouseholdBinding)
        .findOneBy({ userId: user.id, householdId: household.id });
      if (existing?.status === 'approved') return this.toBindingView(existing, household);
      if (existing?.status === 'pending' && status === 'pending')
        throw new ConflictException('您已提交过这户的绑定申请，请等待物业审核');
      const binding =
        existing ??
        bindings.create({ userId: user.id, householdId: household.id, projectId: household.projectId });
      Object.assign(binding, {
        relation: req.relation ?? 'owner',
        status,
        name: req.name?.trim() || user.name,
        phone: req.phone ?? null,
        decidedAt: status === 'approved' ? new Date() : null,
        decidedById: null,
        decisionNote: status === 'approved' ? '使用前台绑定码' : null,
      });
      await m.getRepository(HouseholdBinding).save(binding);
      // A resident belongs to the company and compound of the home they bound first.
      const u = await m.getRepository(User).findOneByOrFail({ id: user.id });
      if (!u.projectId) {
        const project = await m.getRepository(Project).findOneByOrFail({ id: household.projectId });
        await m.getRepository(User).update(
          { id: u.id },
          {
            projectId: project.id,
            companyId: project.companyId,
            name: u.name === '微信用户' ? binding.name : u.name,
          },
        );
      }
      return this.toBindingView(binding, household);
    });
    if (view.status === 'pending') await this.tellCentre(view);
    return view;
  }

  /** A new application waits: the service centre (front desk, lead, manager) is told, in the app and by WeChat. */
  private async tellCentre(view: ReturnType<OrgService['toBindingView']>) {
    const h = await this.ds.getRepository(Household).findOneByOrFail({ id: view.household.id });
    const project = await this.ds.getRepository(Project).findOneByOrFail({ id: h.projectId });
    const centre = await peopleInRole(
      this.ds.manager,
      { projectId: project.id, companyId: project.companyId },
      [...CENTRE_ROLES],
    );
    await this.notifications.notify(
      centre.map((u) => u.id),
      {
        kind: 'binding',
        title: `待审核：${h.label} 绑定申请`,
        body: `${view.name}申请以${RELATION_LABELS[view.relation as keyof typeof RELATION_LABELS] ?? '住户'}身份绑定${h.label}，请核实后审核。`,
        page: BINDINGS_PAGE,
        dedupeKey: `binding:${view.id}:${new Date(view.createdAt).getTime()}`,
      },
    );
  }

  /**
   * An application (no code) puts the applicant's name and phone before the front desk of the flat's project:
   * a resident already in a company applies only to that company's flats (another company's front desk gives a
   * binding code in person), and has at most MAX_PENDING_BINDINGS applications waiting at once.
   */
  private async assertMayApply(m: EntityManager, user: AuthUser, household: Household) {
    const u = await m.getRepository(User).findOneByOrFail({ id: user.id });
    if (u.companyId) {
      const project = await m.getRepository(Project).findOneBy({ id: household.projectId });
      if (project && project.companyId !== u.companyId)
        throw new ForbiddenException('这户房屋不归您所在的物业公司管理，请到该小区客服前台领取绑定码后绑定');
    }
    const pending = await m
      .getRepository(HouseholdBinding)
      .count({ where: { userId: user.id, status: 'pending' } });
    if (pending >= MAX_PENDING_BINDINGS)
      throw new ConflictException(`您已有 ${pending} 个绑定申请在等待审核，请等物业审核后再申请其他房屋`);
  }

  async myBindings(user: AuthUser) {
    const rows = await this.ds
      .getRepository(HouseholdBinding)
      .find({ where: { userId: user.id }, order: { createdAt: 'DESC' } });
    const hs = rows.length
      ? await this.ds.getRepository(Household).findBy({ id: In(rows.map((r) => r.householdId)) })
      : [];
    const byId = new Map(hs.map((h) => [h.id, h]));
    return rows.map((r) => this.toBindingView(r, byId.get(r.householdId)!));
  }

  /** Staff of this project; group HQ only for the projects of its own company. */
  private async assertStaffOf(user: AuthUser, projectId: string) {
    if (user.kind !== 'staff') throw new ForbiddenException('只有物业员工可以操作');
    const ours = allowed(ORG_PERMISSIONS.anyProjectOfCompany, user)
      ? !!user.companyId &&
        (await this.ds.getRepository(Project).existsBy({ id: projectId, companyId: user.companyId }))
      : user.projectId === projectId;
    if (!ours) throw new ForbiddenException('不能操作其他小区的数据');
  }

  /**
   * Bindings and binding codes are the service centre's work (front desk, lead, manager; HQ of the company):
   * department staff neither see applicants' phone numbers nor let anyone into a household.
   */
  private async assertCentreOf(user: AuthUser, projectId: string) {
    await this.assertStaffOf(user, projectId);
    if (!allowed(ORG_PERMISSIONS.handleBindings, user))
      throw new ForbiddenException('住户绑定由客服中心办理');
  }

  async pendingBindings(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId) throw new ForbiddenException('只有物业员工可以查看');
    await this.assertCentreOf(user, user.projectId);
    const rows = await this.ds
      .getRepository(HouseholdBinding)
      .find({ where: { projectId: user.projectId, status: 'pending' }, order: { createdAt: 'ASC' } });
    const hs = rows.length
      ? await this.ds.getRepository(Household).findBy({ id: In(rows.map((r) => r.householdId)) })
      : [];
    const byId = new Map(hs.map((h) => [h.id, h]));
    return rows.map((r) => ({ ...this.toBindingView(r, byId.get(r.householdId)!), phone: r.phone }));
  }

  async decideBinding(user: AuthUser, bindingId: string, approve: boolean, note?: string) {
    const repo = this.ds.getRepository(HouseholdBinding);
    const b = await repo.findOneBy({ id: bindingId });
    if (!b) throw new NotFoundException('没有找到这条绑定申请');
    await this.assertCentreOf(user, b.projectId);
    if (b.status !== 'pending') throw new ConflictException('这条申请已经处理过了');
    note = note?.trim() || undefined;
    if (!approve && !note) throw new BadRequestException('请填写驳回原因，住户会看到');
    const res = await repo.update(
      { id: b.id, status: 'pending' },
      {
        status: approve ? 'approved' : 'rejected',
        decidedById: user.id,
        decidedAt: new Date(),
        decisionNote: note ?? null,
      },
    );
    if (!res.affected) throw new ConflictException('这条申请已经处理过了');
    const h = await this.ds.getRepository(Household).findOneByOrFail({ id: b.householdId });
    // The resident learns the result in 消息通知 (and on the bind page), with the reason when refused.
    await this.notifications.notify([b.userId], {
      kind: approve ? 'binding_approved' : 'binding_rejected',
      title: approve ? `房屋绑定已通过：${h.label}` : `房屋绑定未通过：${h.label}`,
      body: approve
        ? `物业已核实您的身份，现在可以为${h.label}提交报修、投诉和建议了。${note ? `备注：${note}` : ''}`
        : `原因：${note}。如有疑问请联系客服中心，或凭前台提供的绑定码重新绑定。`,
      page: approve ? '/pages/file/index' : '/pages/bind/index',
      dedupeKey: `binding:${b.id}:decided:${approve ? 'a' : 'r'}`,
    });
    return { ...this.toBindingView(await repo.findOneByOrFail({ id: b.id }), h), decisionNote: note ?? null };
  }

  /** A one-time code the front desk gives a resident in person, valid for 7 days. */
  async createHouseholdCode(user: AuthUser, householdId: string) {
    const h = await this.ds.getRepository(Household).findOneBy({ id: householdId });
    if (!h) throw new NotFoundException('没有找到这户房屋');
    await this.assertCentreOf(user, h.projectId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      try {
        const row = await this.ds.getRepository(HouseholdCode).save({
          code,
          householdId,
          createdById: user.id,
          expiresAt: new Date(Date.now() + CODE_TTL_MS),
          usedAt: null,
          usedById: null,
        });
        return { code: row.code, expiresAt: row.expiresAt, household: { id: h.id, label: h.label } };
      } catch {
        // collision on the unique code: draw again
      }
    }
    throw new ConflictException('生成绑定码失败，请重试');
  }

  /**
   * A household's profile 客户档案: key-customer reasons, special needs, tenure (docs/domain-rules.md
   * "Customers").
   */
  async householdProfile(user: AuthUser, householdId: string, now = this.clock.now()) {
    const h = await this.ds.getRepository(Household).findOneBy({ id: householdId });
    if (!h) throw new NotFoundException('没有找到这户房屋');
    await this.assertStaffOf(user, h.projectId);
    const reasons = parseReasons(h.keyCustomerReasons);
    const bindings = await this.ds
      .getRepository(HouseholdBinding)
      .find({ where: { householdId }, order: { createdAt: 'ASC' } });
    const tenure = h.moveInDate ? tenureOf(h.moveInDate, now) : null;
    return {
      household: { id: h.id, label: h.label },
      moveInDate: h.moveInDate,
      tenure,
      tenureLabel: tenure ? TENURE_LABELS[tenure] : null,
      keyCustomer: reasons.length > 0,
      keyCustomerReasons: reasons.map((code) => ({ code, label: KEY_CUSTOMER_REASON_LABELS[code] })),
      priorityReason: reasons.length ? customerPriority(reasons).priorityReason : null,
      specialNeeds: h.specialNeeds,
      emergencyContacts: parseContacts(h.emergencyContacts),
      residents: bindings.map((b) => ({ name: b.name, relation: b.relation, status: b.status })),
    };
  }

  /**
   * 重点客户 / 特殊需求台账 of the user's project: every household with a key-customer reason, special needs or
   * emergency contacts, filtered by reason, special needs only, or words of the label or needs. The service
   * centre's (phones of the residents and contacts); HQ picks no project here.
   */
  async ledger(user: AuthUser, f: { reason?: string; specialNeeds?: boolean; q?: string }) {
    if (user.kind !== 'staff' || !user.projectId) throw new ForbiddenException('只有物业员工可以查看');
    await this.assertCentreOf(user, user.projectId);
    const rows = await this.ds
      .getRepository(Household)
      .createQueryBuilder('h')
      .where('h.projectId = :pid', { pid: user.projectId })
      .andWhere(
        '(h.keyCustomerReasons IS NOT NULL OR h.specialNeeds IS NOT NULL OR h.emergencyContacts IS NOT NULL)',
      )
      .orderBy('h.label', 'ASC')
      .getMany();
    const words = f.q?.trim();
    const picked = rows.filter((h) => {
      const reasons = parseReasons(h.keyCustomerReasons);
      if (f.reason && !reasons.includes(f.reason as KeyCustomerReason)) return false;
      if (f.specialNeeds && !h.specialNeeds) return false;
      if (words && !h.label.includes(words) && !(h.specialNeeds ?? '').includes(words)) return false;
      return true;
    });
    const bindings = picked.length
      ? await this.ds.getRepository(HouseholdBinding).find({
          where: { householdId: In(picked.map((h) => h.id)), status: 'approved' },
          order: { createdAt: 'ASC' },
        })
      : [];
    return {
      total: picked.length,
      items: picked.map((h) => {
        const reasons = parseReasons(h.keyCustomerReasons);
        return {
          household: { id: h.id, label: h.label },
          keyCustomerReasons: reasons.map((code) => ({ code, label: KEY_CUSTOMER_REASON_LABELS[code] })),
          specialNeeds: h.specialNeeds,
          emergencyContacts: parseContacts(h.emergencyContacts),
          residents: bindings
            .filter((b) => b.householdId === h.id)
            .map((b) => ({ name: b.name, relation: b.relation, phone: b.phone })),
          moveInDate: h.moveInDate,
        };
      }),
    };
  }

  async updateHouseholdProfile(
    user: AuthUser,
    householdId: string,
    body: {
      keyCustomerReasons?: string[];
      specialNeeds?: string | null;
      moveInDate?: string | null;
      emergencyContacts?: EmergencyContact[];
    },
  ) {
    const h = await this.ds.getRepository(Household).findOneBy({ id: householdId });
    if (!h) throw new NotFoundException('没有找到这户房屋');
    await this.assertStaffOf(user, h.projectId);
    if (!allowed(ORG_PERMISSIONS.editProfile, user)) {
      throw new ForbiddenException('客户档案由客服前台、客服主管和项目经理维护');
    }
    const patch: Partial<Household> = {};
    if (body.keyCustomerReasons) {
      const unknown = body.keyCustomerReasons.filter((c) => !isKeyCustomerReason(c));
      if (unknown.length) throw new BadRequestException(`未知的重点客户类型：${unknown.join('、')}`);
      patch.keyCustomerReasons = body.keyCustomerReasons.length
        ? JSON.stringify([...new Set(body.keyCustomerReasons)])
        : null;
    }
    if (body.specialNeeds !== undefined) patch.specialNeeds = body.specialNeeds?.trim() || null;
    if (body.moveInDate !== undefined) patch.moveInDate = body.moveInDate;
    if (body.emergencyContacts) {
      const contacts = body.emergencyContacts.map((c) => ({
        name: c.name.trim(),
        phone: c.phone.trim(),
        relation: c.relation?.trim() || null,
      }));
      patch.emergencyContacts = contacts.length ? JSON.stringify(contacts) : null;
    }
    if (!Object.keys(patch).length)
      throw new BadRequestException('请填写要修改的内容：重点客户类型、特殊需求、入住日期或紧急联系人');
    await this.ds.getRepository(Household).update({ id: h.id }, patch);
    return this.householdProfile(user, householdId);
  }

  /**
   * The emergency contacts 紧急联系人 of a household, for staff handling an emergency there (one tap to call on
   * the ticket page). Empty when none are kept.
   */
  async emergencyContactsOf(householdId: string): Promise<EmergencyContact[]> {
    const h = await this.ds.getRepository(Household).findOne({
      where: { id: householdId },
      select: { id: true, emergencyContacts: true },
    });
    return parseContacts(h?.emergencyContacts ?? null);
  }

  /** Queue rank for a new ticket about this household: key customers first, with the reason shown to staff. */
  async householdPriority(
    householdId: string | null,
  ): Promise<{ priority: number; priorityReason: string | null }> {
    if (!householdId) return { priority: 0, priorityReason: null };
    return this.priorityOf(await this.ds.getRepository(Household).findOneBy({ id: householdId }));
  }

  /** The queue rank of a loaded household (key customers 重点客户 first). */
  priorityOf(h: Household | null): { priority: number; priorityReason: string | null } {
    const reasons = parseReasons(h?.keyCustomerReasons ?? null);
    if (!reasons.length) return { priority: 0, priorityReason: null };
    const p = customerPriority(reasons);
    return { priority: p.priority, priorityReason: p.priorityReason };
  }
}

export interface EmergencyContact {
  name: string;
  phone: string;
  relation?: string | null;
}

function parseContacts(json: string | null): EmergencyContact[] {
  if (!json) return [];
  try {
    return JSON.parse(json) as EmergencyContact[];
  } catch {
    return [];
  }
}

function parseReasons(json: string | null): KeyCustomerReason[] {
  if (!json) return [];
  try {
    return (JSON.parse(json) as string[]).filter(isKeyCustomerReason);
  } catch {
    return [];
  }
}
