import { TicketChange, TicketHooks } from '../clocks/ticket-hooks';
import { ClockSettingsService } from '../clocks/clock-settings.service';
import { Clock } from '../common/clock';
import { createHash } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  allowedActions,
  Channel,
  STAFF_REGISTERED_CHANNELS,
  TICKET_STATUS_LABELS,
  TicketKind,
  TicketStatus,
  REPAIR_TRADE_LABELS,
  RepairTrade,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Department, Household, User } from '../org/entities';
import { OrgService } from '../org/org.service';
import { IncidentsService } from '../incidents/incidents.service';
import { DispatchPlan, DispatchService } from '../routing/dispatch.service';
import { Upload } from '../storage/upload.entity';
import { UploadsService } from '../storage/uploads.service';
import { CreateTicketDto } from './dto';
import { scopeTickets, TicketCondition, ticketScope } from './access';
import { initialDeadlines, nearestDue } from './deadline-fields';
import { Ticket, TicketEvent, TicketPhoto } from './entities';
import { TicketIntakeHooks } from './intake-hooks';
import { nextTicketNumber } from './numbering';
import { isUniqueViolation, retryOnDeadlock } from '../common/db-errors';
import { fillColumnDefaults, instance } from '../common/entity-helpers';
import { insertRows } from '../database/raw';
import { pipelinedTransaction } from '../database/round-trips';
import { keyedSubmission } from './submission-key';

/** 138****1234: staff other than the first receiver see a masked phone. */
export const maskPhone = (p: string | null) =>
  p && p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p;

@Injectable()
export class TicketsService {
  constructor(
    private readonly ds: DataSource,
    private readonly org: OrgService,
    private readonly uploads: UploadsService,
    private readonly dispatcher: DispatchService,
    private readonly incidents: IncidentsService,
    private readonly clock: Clock,
    private readonly hooks: TicketHooks,
    private readonly clocks: ClockSettingsService,
    private readonly intakeHooks: TicketIntakeHooks,
  ) {}

  /**
   * File a ticket. Idempotent per (creator, key): a retried submission returns the same ticket
   * (created=false), never a second one; the same key with different content is refused.
   * A repeat of a recently handled ticket may reopen that one instead (reopenedExisting, see intake-hooks).
   */
  async create(
    user: AuthUser,
    dto: CreateTicketDto,
    headerKey?: string,
  ): Promise<{
    ticket: Awaited<ReturnType<TicketsService['view']>>;
    created: boolean;
    reopenedExisting?: boolean;
    /** The same submission again (same idempotency key): nothing new was filed. */
    replayed?: boolean;
  }> {
    const key = dto.idempotencyKey ?? headerKey;
    if (!key || !/^[A-Za-z0-9_\-:.]{8,64}$/.test(key)) {
      throw new BadRequestException('缺少请求编号（Idempotency-Key），请刷新后重试');
    }
    if (dto.idempotencyKey && headerKey && dto.idempotencyKey !== headerKey) {
      throw new BadRequestException('请求编号与请求头不一致');
    }
    const photoIds = dto.photoIds ?? [];
    if (new Set(photoIds).size !== photoIds.length) throw new BadRequestException('同一张照片不能重复添加');
    const requestHash = createHash('sha256')
      .update(
        JSON.stringify([
          dto.kind,
          dto.content,
          photoIds,
          dto.householdId ?? null,
          dto.location ?? null,
          dto.channel ?? 'miniapp',
          !!dto.anonymous,
        ]),
      )
      .digest('hex');

    // Independent reads, asked together: they go to the database as one round trip (database/round-trips.ts).
    const [existing, replayed, bound] = await Promise.all([
      this.findByKey(user.id, key, requestHash),
      this.intakeHooks.replay(user.id, key, requestHash),
      user.kind === 'resident' ? this.org.approvedHouseholds(user.id) : [],
    ]);
    if (existing) return { ticket: await this.view(user, existing), created: false, replayed: true };
    if (replayed)
      return {
        ticket: await this.get(user, replayed),
        created: false,
        reopenedExisting: true,
        replayed: true,
      };

    const ctx = await this.resolveContext(user, dto, bound);
    const rank = this.org.priorityOf(ctx.household);
    const project = ctx.project;
    const intake = await this.dispatcher.decide(project, dto.kind, dto.content);
    const clockOpts = await this.clocks.forProject(project.id);
    const now = this.clock.now();
    const draft = instance(Ticket, {
      companyId: ctx.companyId,
      projectId: ctx.projectId,
      kind: dto.kind,
      status: 'received' satisfies TicketStatus,
      ...initialDeadlines(dto.kind, ctx.channel, now, { ...clockOpts, emergency: !!intake.fields.emergency }),
      channel: ctx.channel,
      content: dto.content,
      anonymous: !!dto.anonymous,
      householdId: ctx.householdId,
      location: dto.location || null,
      residentId: user.kind === 'resident' ? user.id : null,
      contactName: dto.anonymous ? null : ctx.contactName,
      contactPhone: dto.anonymous ? null : ctx.contactPhone,
      firstReceiverId: user.kind === 'staff' ? user.id : null,
      createdById: user.id,
      idempotencyKey: key,
      requestHash,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...rank,
      ...intake.fields,
      priority: Math.max(rank.priority, intake.fields.priority ?? 0),
      peopleCount: user.kind === 'staff' ? (dto.peopleCount ?? 1) : 1,
    });
    // The department is the routing table's (cached); who in it takes the ticket is read below.
    const dept = intake.departmentCode
      ? await this.dispatcher.department(ctx.projectId, intake.departmentCode)
      : null;
    // The ticket as it will be stored (already dispatched, linked to its incident) and its first timeline records;
    // built afresh for each attempt of the transaction, which may change them.
    const build = (plan: DispatchPlan | null, incidentId: string | null) => {
      const t = fillColumnDefaults(this.ds.getMetadata(Ticket), instance(Ticket, draft));
      const evs = [
        instance(TicketEvent, {
          ticketId: t.id,
          ticketVersion: 1,
          createdAt: now,
          action: 'create',
          fromStatus: null,
          toStatus: 'received',
          actorId: user.id,
          actorName: user.kind === 'resident' && dto.anonymous ? '匿名住户' : user.name,
          actorRole: user.role,
          note: user.kind === 'staff' ? `由${user.name}代为登记` : null,
          internal: false,
          label: '已受理',
          data: null,
        }),
      ];
      if (plan) {
        const { patch, event } = this.dispatcher.assignment(t, plan, intake.reason, now);
        Object.assign(t, patch, { version: t.version + 1 });
        evs.push(instance(TicketEvent, event));
      }
      t.dueAt = nearestDue(t);
      t.incidentId = incidentId;
      return { t, evs };
    };
    const created = (t: Ticket): TicketChange => ({
      before: null,
      after: t,
      action: 'create',
      actor: { id: user.id, name: user.name, role: user.role, kind: user.kind },
      now,
      public: true,
      label: '已受理',
    });
    // What only reads is settled before the transaction, so it stays a few short writes: whether a repeat
    // complaint takes the submission instead (intake-hooks), who in the department takes the ticket, the incident
    // it joins, its number, and what the listeners will read (a queued ticket's leads: asked for the ticket as it
    // would be if nobody could take it, and used only if so). All asked together: one round trip
    // (database/round-trips.ts). The number is drawn outside the intake's transaction (the upsert autocommits):
    // the counter row of (company, kind, day) is locked only for that one statement, not for the whole intake, so
    // concurrent intakes do not queue behind each other; a submission that a repeat complaint takes instead leaves
    // its number unused.
    // The pick is held (counted in that person's load by this instance) until the ticket is stored or not filed:
    // a burst of intakes would otherwise all read the same loads and go past the department's cap.
    const picking = dept
      ? this.dispatcher.pickAssignee(this.ds.manager, dept, draft.trade ?? null, { hold: true })
      : null;
    try {
      const [diverted, assignee, incident, number, prefetched] = await Promise.all([
        this.intakeHooks.divert({
          user,
          kind: dto.kind,
          content: dto.content,
          householdId: ctx.householdId,
          projectId: ctx.projectId,
          category: intake.fields.category ?? null,
          anonymous: !!dto.anonymous,
          photoIds,
          idempotencyKey: key,
          requestHash,
          now,
          boundHouseholdIds: ctx.boundHouseholdIds,
        }),
        picking,
        this.incidents.prepare(draft, now),
        nextTicketNumber(this.ds.manager, ctx.companyId, dto.kind, now),
        this.hooks.prefetch(created(build(dept && { dept, assignee: null }, null).t)),
      ]);
      if (diverted) return { ticket: await this.get(user, diverted), created: false, reopenedExisting: true };
      const plan: DispatchPlan | null = dept && { dept, assignee };
      draft.number = number;
      let ticket: Ticket;
      let events: TicketEvent[];
      try {
        // Pipelined (database/round-trips.ts): START, the inserts and COMMIT go together, one round trip; more for
        // photos or an incident.
        [ticket, events] = await retryOnDeadlock(() =>
          pipelinedTransaction(this.ds, async (m) => {
            const { t, evs } = build(plan, incident?.incidentId ?? null);
            await insertRows(m, Ticket, [t]);
            await this.attachPhotos(m, user, t.id, photoIds);
            // Every value is ours (ids, times): nothing to read back, and `evs` stay as stored (see notifyMany).
            await insertRows(m, TicketEvent, evs);
            // Joining an incident may add a record (列为热点投诉): the timeline answered is the stored one.
            if (incident) evs.push(...(await this.incidents.apply(m, t, incident, now)));
            await this.hooks.emit(m, created(t), prefetched);
            // The listeners (deadline jobs, notices) do not change the ticket row: this is what was committed.
            return [t, evs] as const;
          }),
        );
      } catch (e) {
        // The same submission raced itself (double tap, retry while the first was in flight).
        if (isUniqueViolation(e)) {
          const again = await this.findByKey(user.id, key, requestHash);
          if (again) return { ticket: await this.view(user, again), created: false, replayed: true };
        }
        throw e;
      }
      return {
        ticket: await this.view(user, ticket, {
          household: ctx.household,
          noPhotos: !photoIds.length,
          events,
          department: plan?.dept ?? null,
        }),
        created: true,
      };
    } finally {
      void picking?.then(
        (a) => a && this.dispatcher.release(a.id),
        () => undefined,
      );
    }
  }

  private async findByKey(userId: string, key: string, requestHash: string): Promise<Ticket | null> {
    const id = await keyedSubmission(this.ds.manager, 'tickets', 'id', userId, key, requestHash);
    return id ? this.ds.getRepository(Ticket).findOneBy({ id }) : null;
  }

  /** Which compound, household and channel a new ticket belongs to, and may this user file it there. */
  private async resolveContext(user: AuthUser, dto: CreateTicketDto, bound: Household[]) {
    const channel: Channel = dto.channel ?? (user.kind === 'staff' ? 'phone' : 'miniapp');
    // `bound`: a resident's flats, read with their bindings in one go; the chosen one is usually among them.
    let household: Household | null = null;
    if (dto.householdId) {
      household =
        bound.find((h) => h.id === dto.householdId) ??
        (await this.ds.getRepository(Household).findOneBy({ id: dto.householdId }));
      if (!household) throw new BadRequestException('没有找到所选房屋');
    }
    if (!household && !dto.location) throw new BadRequestException('请选择房屋，或填写公共区域的具体位置');

    if (user.kind === 'resident') {
      if (channel !== 'miniapp') throw new BadRequestException('住户只能通过小程序提交反馈');
      if (!bound.length) throw new ForbiddenException('请先绑定房屋，审核通过后即可提交反馈');
      if (household && !bound.some((h) => h.id === household.id))
        throw new ForbiddenException('只能为自己已绑定的房屋提交反馈');
      let projectId = household?.projectId;
      if (!projectId) {
        // A public place (no flat chosen): in the compound asked for when one of the flats is there.
        const projectIds = [...new Set(bound.map((h) => h.projectId))];
        projectId = dto.projectId && projectIds.includes(dto.projectId) ? dto.projectId : projectIds[0];
      }
      if (dto.projectId && dto.projectId !== projectId)
        throw new ForbiddenException('只能向自己所在的小区提交反馈');
      const project = await this.org.project(projectId);
      return {
        project,
        boundHouseholdIds: bound.map((h) => h.id),
        companyId: project.companyId,
        projectId,
        household,
        householdId: household?.id ?? null,
        channel,
        contactName: user.name,
        contactPhone: null as string | null,
      };
    }

    // Staff register on a resident's behalf and become the first receiver (首问负责人).
    if (!STAFF_REGISTERED_CHANNELS.includes(channel))
      throw new BadRequestException('员工代登记时请选择来电、来访、书面信函或电子邮件等渠道');
    if (!user.projectId || !user.companyId) throw new ForbiddenException('您的账号未分配到小区，无法登记');
    if (household && household.projectId !== user.projectId)
      throw new ForbiddenException('只能登记本小区的房屋');
    return {
      project: await this.org.project(user.projectId),
      boundHouseholdIds: undefined,
      household,
      companyId: user.companyId,
      projectId: user.projectId,
      householdId: household?.id ?? null,
      channel,
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
    };
  }

  private async attachPhotos(m: EntityManager, user: AuthUser, ticketId: string, photoIds: string[]) {
    if (!photoIds.length) return;
    const res = await m
      .getRepository(Upload)
      .update({ id: In(photoIds), uploaderId: user.id, ticketId: IsNull() }, { ticketId });
    if (res.affected !== photoIds.length) throw new BadRequestException('有照片无效或已被使用，请重新上传');
    await m
      .getRepository(TicketPhoto)
      .insert(photoIds.map((uploadId, position) => ({ ticketId, uploadId, position })));
  }

  /**
   * The tickets this user may see (tickets/access.ts). `boundHouseholdIds`: a resident's approved flats when
   * the caller has just read them.
   */
  async scope(
    user: AuthUser,
    qb: SelectQueryBuilder<Ticket>,
    boundHouseholdIds?: string[],
  ): Promise<SelectQueryBuilder<Ticket>> {
    return scopeTickets(qb, user, await this.scopeContext(user, boundHouseholdIds));
  }

  /** The tickets this user may see as a condition on `t` (tickets/access.ts), for hand-written statements. */
  async scopeCondition(user: AuthUser, boundHouseholdIds?: string[]): Promise<TicketCondition> {
    return ticketScope(user, await this.scopeContext(user, boundHouseholdIds));
  }

  private async scopeContext(user: AuthUser, boundHouseholdIds?: string[]) {
    const householdIds =
      user.kind === 'resident' ? (boundHouseholdIds ?? (await this.org.approvedHouseholdIds(user.id))) : [];
    let isCustomerService = false;
    if (user.kind === 'staff' && user.departmentId) {
      const dept = await this.ds.getRepository(Department).findOneBy({ id: user.departmentId });
      isCustomerService = dept?.code === 'cs';
    }
    return { householdIds, isCustomerService };
  }

  /** The ticket if this user may see it, else null (callers answer 404: no existence leak). */
  async findVisible(user: AuthUser, id: string): Promise<Ticket | null> {
    const qb = await this.scope(
      user,
      this.ds.getRepository(Ticket).createQueryBuilder('t').where('t.id = :id', { id }),
    );
    return qb.getOne();
  }

  async list(user: AuthUser, page: number, pageSize: number) {
    const qb = await this.scope(user, this.ds.getRepository(Ticket).createQueryBuilder('t'));
    const [rows, total] = await qb
      .orderBy('t.createdAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const households = await this.householdLabels(rows.map((r) => r.householdId));
    return {
      total,
      page,
      pageSize,
      items: rows.map((t) => ({
        id: t.id,
        number: t.number,
        kind: t.kind,
        status: t.status,
        statusLabel: TICKET_STATUS_LABELS[t.status as TicketStatus],
        channel: t.channel,
        summary: t.content.slice(0, 80),
        anonymous: t.anonymous,
        location: t.location,
        household: t.householdId ? { id: t.householdId, label: households.get(t.householdId) ?? '' } : null,
        createdAt: t.createdAt,
      })),
    };
  }

  /** One ticket, or 404 when it does not exist or is not this user's to see (no existence leak). */
  async get(user: AuthUser, id: string) {
    const t = await this.findVisible(user, id);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    return this.view(user, t);
  }

  private async householdLabels(ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(Household).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((h) => [h.id, h.label]));
  }

  /**
   * What the user sees of a ticket. `known` spares reads the caller has just done: the ticket's household
   * (loaded), or that it has no photos (a new ticket filed without any).
   */
  async view(
    user: AuthUser,
    t: Ticket,
    known: {
      household?: Household | null;
      noPhotos?: boolean;
      /** The whole timeline, in order (a new ticket's). */
      events?: TicketEvent[];
      /** The ticket's department, when the caller has it at hand. */
      department?: Department | null;
    } = {},
  ) {
    const [photos, events, households] = await Promise.all([
      known.noPhotos
        ? []
        : this.ds.getRepository(TicketPhoto).find({ where: { ticketId: t.id }, order: { position: 'ASC' } }),
      known.events ??
        this.ds
          .getRepository(TicketEvent)
          .find({ where: { ticketId: t.id }, order: { ticketVersion: 'ASC' } }),
      known.household !== undefined && known.household?.id === t.householdId
        ? new Map([[known.household.id, known.household.label]])
        : this.householdLabels([t.householdId]),
    ]);
    const staff = user.kind === 'staff';
    const people = staff ? await this.people([t.assigneeId, t.firstReceiverId]) : new Map<string, string>();
    const department = !t.departmentId
      ? null
      : known.department?.id === t.departmentId
        ? known.department
        : await this.ds.getRepository(Department).findOneBy({ id: t.departmentId });
    // Phone masked except for the people handling it (issue "The ticket's life"); never for anonymous tickets.
    const seesFullPhone =
      staff &&
      (t.assigneeId === user.id ||
        t.firstReceiverId === user.id ||
        user.role === 'cs_lead' ||
        user.role === 'project_manager');
    const ctx = {
      role: user.role,
      isAssignee: staff && t.assigneeId === user.id,
      isFirstReceiver: staff && t.firstReceiverId === user.id,
      isReporter: user.kind === 'resident' && t.residentId === user.id,
    };
    const now = this.clock.now();
    return {
      id: t.id,
      number: t.number,
      kind: t.kind,
      status: t.status,
      statusLabel: TICKET_STATUS_LABELS[t.status as TicketStatus],
      channel: t.channel,
      content: t.content,
      anonymous: t.anonymous,
      location: t.location,
      household: t.householdId ? { id: t.householdId, label: households.get(t.householdId) ?? '' } : null,
      photos: photos.map((p) => ({ id: p.uploadId, url: this.uploads.signedUrl(p.uploadId) })),
      contact:
        staff && !t.anonymous
          ? { name: t.contactName, phone: seesFullPhone ? t.contactPhone : maskPhone(t.contactPhone) }
          : null,
      department: department ? { id: department.id, code: department.code, name: department.name } : null,
      assignee: staff && t.assigneeId ? { id: t.assigneeId, name: people.get(t.assigneeId) ?? '' } : null,
      firstReceiver:
        staff && t.firstReceiverId
          ? { id: t.firstReceiverId, name: people.get(t.firstReceiverId) ?? '' }
          : null,
      escalationLevel: staff ? t.escalationLevel : null,
      replyDueAt: t.replyDueAt,
      handleDueAt: t.handleDueAt,
      dueAt: t.dueAt,
      overdue: !!t.dueAt && t.dueAt.getTime() < now.getTime(),
      deferredUntil: t.deferredUntil,
      handledAt: t.handledAt,
      closedAt: t.closedAt,
      cause: staff && t.causeFactor ? { factor: t.causeFactor, sub: t.causeSub } : null,
      reopenCount: t.reopenCount,
      priority: staff ? t.priority : undefined,
      category: staff ? t.category : undefined,
      trade:
        staff && t.trade
          ? { code: t.trade, label: REPAIR_TRADE_LABELS[t.trade as RepairTrade] ?? t.trade }
          : undefined,
      classification:
        staff && t.classification
          ? {
              category: t.category,
              confidence: t.categoryConfidence,
              triage: t.triage,
              ...(JSON.parse(t.classification) as object),
            }
          : undefined,
      incidentId: staff ? t.incidentId : undefined,
      peopleCount: staff ? t.peopleCount : undefined,
      flags: staff
        ? {
            emergency: t.emergency,
            agitated: t.agitated,
            compensationYuan: t.compensationYuan,
            majorComplaint: t.majorComplaint,
          }
        : undefined,
      priorityReason: staff ? t.priorityReason : undefined,
      allowedActions: allowedActions(t.status as TicketStatus, ctx, {
        kind: t.kind as TicketKind,
        now,
        handledAt: t.handledAt ?? undefined,
      }),
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      version: t.version,
      events: events
        .filter((e) => staff || !e.internal)
        .map((e) => {
          const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
          const photoIds = Array.isArray(data.photoIds) ? (data.photoIds as string[]) : [];
          return {
            id: e.id,
            action: e.action,
            label: e.label || TICKET_STATUS_LABELS[e.toStatus as TicketStatus],
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            toStatusLabel: TICKET_STATUS_LABELS[e.toStatus as TicketStatus],
            actorName: e.actorName,
            actorRole: e.actorRole,
            note: e.note,
            internal: e.internal,
            photos: photoIds.map((id) => ({ id, url: this.uploads.signedUrl(id) })),
            // Details (reason, cause, assignees) are for staff; the resident reads the note.
            data: staff ? data : undefined,
            createdAt: e.createdAt,
          };
        }),
    };
  }

  private async people(ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(User).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}
