import { Prefetched, TicketHooks } from '../events/ticket-hooks';
import { PolicyService } from '../policy/policy.service';
import { Clock } from '../common/clock';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  allowedActions,
  Channel,
  statusLabelFor,
  STAFF_REGISTERED_CHANNELS,
  TicketKind,
  TicketStatus,
} from '@wuye/shared';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Department, Household } from '../org/entities';
import { OrgService } from '../org/org.service';
import { Metrics } from '../metrics/metrics';
import { UploadsService } from '../storage/uploads.service';
import { CreateTicketDto } from './dto';
import { scopeTickets, TicketCondition, ticketScope } from './access';
import { nearestDue } from './deadline-fields';
import { Ticket, TicketEvent } from './entities';
import { TicketIntakeHooks } from './intake-hooks';
import {
  DispatchPlan,
  IntakeDecision,
  TicketClockSettings,
  TicketDispatcher,
  TicketIncidentLink,
  TicketIncidents,
} from './ports';
import { isUniqueViolation } from '../common/db-errors';
import { instance } from '../common/entity-helpers';
import { creation, draftTicket, IntakeContext, readSubmission, receivedEvent, Submission } from './intake';
import { TicketsRepository } from './tickets.repository';
import { classificationView, maskPhone, repairView, timelineFor, uncoveredYearsOf } from './ticket-view';
import type { TicketCallback } from '../privacy/entities';
import { TICKET_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

export { maskPhone } from './ticket-view';

/** What a user sees of a ticket (`TicketsService.view`). */
export type TicketView = Awaited<ReturnType<TicketsService['view']>>;

/** What intake answers: the ticket, and whether this submission created it. */
export interface IntakeAnswer {
  ticket: TicketView;
  created: boolean;
  /** A repeat complaint reopened an earlier ticket instead (intake-hooks). */
  reopenedExisting?: boolean;
  /** The same submission again (same idempotency key): nothing new was filed. */
  replayed?: boolean;
}

/** A submission classified and routed: the ticket as received, where it goes, and when it came. */
interface Decided {
  draft: Ticket;
  decision: IntakeDecision;
  /** The department it is dispatched to now; null: triage, or a kind that is not routed. */
  dept: Department | null;
  now: Date;
}

/** What intake settles before its transaction, so the transaction only writes. */
interface Prepared {
  /** The ticket a repeat complaint reopened instead of filing this one. */
  diverted: string | null;
  plan: DispatchPlan | null;
  incident: TicketIncidentLink | null;
  /** What the listeners read ahead for the change (TicketHooks.prefetch). */
  prefetched: Prefetched;
}

@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly org: OrgService,
    private readonly uploads: UploadsService,
    private readonly dispatcher: TicketDispatcher,
    private readonly incidents: TicketIncidents,
    private readonly clock: Clock,
    private readonly hooks: TicketHooks,
    private readonly clocks: TicketClockSettings,
    private readonly intakeHooks: TicketIntakeHooks,
    private readonly policies: PolicyService,
    private readonly metrics: Metrics,
  ) {}

  /**
   * File a ticket. Idempotent per (creator, key): a retried submission returns the same ticket
   * (created=false), never a second one; the same key with different content is refused.
   * A repeat of a recently handled ticket may reopen that one instead (reopenedExisting, see intake-hooks).
   */
  async create(user: AuthUser, dto: CreateTicketDto, headerKey?: string): Promise<IntakeAnswer> {
    // 1. Validate: the idempotency key, the photos, the submission's fingerprint.
    const sub = readSubmission(dto, headerKey);
    // 2. The same submission again (a retry, or one a repeat complaint took)? Read with the resident's flats.
    const { earlier, bound } = await this.lookBack(user, sub);
    if (earlier) return earlier;
    // 3. Where the ticket belongs, and may this user file it there.
    const ctx = await this.resolveContext(user, dto, bound);
    // 4. Classify and decide: the ticket as received, and the department it goes to.
    const decided = await this.decide(user, dto, sub, ctx);
    // 5. Who in that department takes it. The pick is held (counted in that person's load by this instance) until
    // the ticket is stored or not filed: a burst of intakes would otherwise all read the same loads and go past
    // the department's cap.
    const picking = decided.dept
      ? this.dispatcher.pickAssignee(this.tickets.manager, decided.dept, decided.draft.trade ?? null, {
          hold: true,
        })
      : null;
    try {
      // 6. Before the transaction: a repeat complaint may take it instead; its incident, its number, and what the
      // listeners will read.
      const prepared = await this.prepare(user, dto, sub, ctx, decided, picking);
      if (prepared.diverted)
        return { ticket: await this.get(user, prepared.diverted), created: false, reopenedExisting: true };
      // 7. Store the ticket, its photos and timeline, its incident link, and what the listeners add (deadline jobs,
      // notices): one transaction.
      const stored = await this.store(user, sub, decided, prepared);
      if ('replay' in stored) return stored.replay;
      const t = stored.ticket;
      this.metrics.ticketsCreated.inc({ kind: t.kind, category: t.category ?? 'none' });
      if (t.emergency) this.metrics.emergencies.inc({ kind: t.kind });
      // 8. Answer with the ticket as stored, from what intake holds: no read back.
      return {
        ticket: await this.view(user, stored.ticket, {
          household: ctx.household,
          noPhotos: !sub.photoIds.length,
          events: stored.events,
          department: decided.dept,
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

  /**
   * Intake step 2: the ticket this submission already made, or the one a repeat complaint reopened with it
   * (answered again, nothing filed); and a resident's approved flats, which the next steps need. Asked together.
   */
  private async lookBack(
    user: AuthUser,
    sub: Submission,
  ): Promise<{ earlier: IntakeAnswer | null; bound: Household[] }> {
    const [existing, replayed, bound] = await Promise.all([
      this.tickets.bySubmission(user.id, sub.key, sub.requestHash),
      this.intakeHooks.replay(user.id, sub.key, sub.requestHash),
      user.kind === 'resident' ? this.org.approvedHouseholds(user.id) : [],
    ]);
    if (existing) {
      // A resident's flat is among those just read.
      const household = bound.find((h) => h.id === existing.householdId);
      const ticket = await this.view(user, existing, household ? { household } : {});
      return { earlier: { ticket, created: false, replayed: true }, bound };
    }
    if (replayed)
      return {
        earlier: {
          ticket: await this.get(user, replayed),
          created: false,
          reopenedExisting: true,
          replayed: true,
        },
        bound,
      };
    return { earlier: null, bound };
  }

  /**
   * Intake step 4: the classifier's reading and the routing table's department (DispatchService.decide), the
   * household's queue rank and the project's clock: the ticket as received.
   */
  private async decide(
    user: AuthUser,
    dto: CreateTicketDto,
    sub: Submission,
    ctx: IntakeContext,
  ): Promise<Decided> {
    const rank = this.org.priorityOf(ctx.household);
    const decision = await this.dispatcher.decide(ctx.project, dto.kind, dto.content);
    const clock = await this.clocks.forProject(ctx.projectId);
    const now = this.clock.now();
    const draft = draftTicket(user, dto, sub, ctx, decision, rank, clock, now);
    // The department is the routing table's (cached); who in it takes the ticket is read in step 5.
    const dept = decision.departmentCode
      ? await this.dispatcher.department(ctx.projectId, decision.departmentCode)
      : null;
    return { draft, decision, dept, now };
  }

  /**
   * Intake step 6. What only reads is settled before the transaction, so it stays a few short writes: whether a
   * repeat complaint takes the submission instead (intake-hooks), who takes the ticket (step 5's pick), the incident
   * it joins, its number, and what the listeners will read (a queued ticket's leads: asked for the ticket as it
   * would be if nobody could take it, and used only if so). All asked together, each on its own pooled connection.
   * The number is drawn outside the transaction (the counter's upsert autocommits, numbering.ts), so concurrent
   * intakes do not queue behind each other; a submission a repeat complaint takes leaves its number unused.
   */
  private async prepare(
    user: AuthUser,
    dto: CreateTicketDto,
    sub: Submission,
    ctx: IntakeContext,
    { draft, decision, dept, now }: Decided,
    picking: Promise<DispatchPlan['assignee']> | null,
  ): Promise<Prepared> {
    const [diverted, assignee, incident, number, prefetched] = await Promise.all([
      this.intakeHooks.divert({
        user,
        kind: dto.kind,
        content: dto.content,
        householdId: ctx.householdId,
        projectId: ctx.projectId,
        category: decision.fields.category ?? null,
        anonymous: !!dto.anonymous,
        photoIds: sub.photoIds,
        idempotencyKey: sub.key,
        requestHash: sub.requestHash,
        now,
        boundHouseholdIds: ctx.boundHouseholdIds,
      }),
      picking,
      this.incidents.prepare(draft, now),
      this.tickets.nextNumber(ctx.companyId, dto.kind, now),
      this.hooks.prefetch(
        creation(user, this.asStored(user, draft, decision, dept && { dept, assignee: null }, null).t, now),
      ),
    ]);
    draft.number = number;
    return { diverted, plan: dept && { dept, assignee }, incident, prefetched };
  }

  /**
   * Intake step 7, one transaction: the ticket (dispatched, linked to its incident), its photos, its first timeline
   * records, the incident's counts, and the listeners' rows (deadline jobs, notices); intakes storing at the same
   * moment share it (TicketsRepository.storeNew). Each table one INSERT. A twin of this submission stored first
   * (double tap, retry while the first was in flight) is answered as a replay.
   */
  private async store(
    user: AuthUser,
    sub: Submission,
    { draft, decision, now }: Decided,
    { plan, incident, prefetched }: Prepared,
  ): Promise<{ ticket: Ticket; events: TicketEvent[] } | { replay: IntakeAnswer }> {
    try {
      return await this.tickets.storeNew({
        // Every value is ours (ids, times): nothing to read back, and the events stay as stored.
        build: () => this.asStored(user, draft, decision, plan, incident?.incidentId ?? null),
        complete: async (m, t, events) => {
          if (!(await this.tickets.attachPhotos(m, user.id, t.id, sub.photoIds)))
            throw new BadRequestException('有照片无效或已被使用，请重新上传');
          // An anonymous resident's call-back number: apart from the ticket, for the lead only.
          if (sub.callbackPhone)
            await m
              .getRepository<TicketCallback>('TicketCallback')
              .insert({ ticketId: t.id, phone: sub.callbackPhone, createdAt: now });
          // Joining an incident may add a record (列为热点投诉): the timeline answered is the stored one.
          if (incident) events.push(...(await this.incidents.apply(m, t, incident, now)));
          // The listeners (deadline jobs, notices) do not change the ticket row: `t` is what is committed.
          await this.hooks.emit(m, creation(user, t, now), prefetched);
          return { ticket: t, events };
        },
        locks: incident?.incidentId ?? null,
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        const again = await this.tickets.bySubmission(user.id, sub.key, sub.requestHash);
        if (again)
          return { replay: { ticket: await this.view(user, again), created: false, replayed: true } };
      }
      throw e;
    }
  }

  /** The ticket as it will be stored: the draft, dispatched by `plan`, in its incident; and its first records. */
  private asStored(
    user: AuthUser,
    draft: Ticket,
    decision: IntakeDecision,
    plan: DispatchPlan | null,
    incidentId: string | null,
  ): { t: Ticket; events: TicketEvent[] } {
    const now = draft.createdAt;
    const t = this.tickets.blank(draft);
    const events = [receivedEvent(user, t, now)];
    if (plan) {
      const { patch, event } = this.dispatcher.assignment(t, plan, decision.reason, now);
      Object.assign(t, patch, { version: t.version + 1 });
      events.push(instance(TicketEvent, event));
    }
    t.dueAt = nearestDue(t);
    t.incidentId = incidentId;
    return { t, events };
  }

  /** Intake step 3: which compound, household and channel a new ticket belongs to, and may this user file it there. */
  private async resolveContext(
    user: AuthUser,
    dto: CreateTicketDto,
    bound: Household[],
  ): Promise<IntakeContext> {
    const ctx = await this.resolvePlace(user, dto, bound);
    // Anonymous: the ticket carries no household (nor its rank, which would tell who filed it); the flat only
    // chose the compound (docs/domain-rules.md "What each person sees").
    return dto.anonymous ? { ...ctx, household: null, householdId: null } : ctx;
  }

  private async resolvePlace(
    user: AuthUser,
    dto: CreateTicketDto,
    bound: Household[],
  ): Promise<IntakeContext> {
    const channel: Channel = dto.channel ?? (user.kind === 'staff' ? 'phone' : 'miniapp');
    // `bound`: a resident's flats, read with their bindings in one go; the chosen one is usually among them.
    let household: Household | null = null;
    if (dto.householdId) {
      household =
        bound.find((h) => h.id === dto.householdId) ?? (await this.tickets.household(dto.householdId));
      if (!household) throw new BadRequestException('没有找到所选房屋');
    }
    // A repair needs a place to go to; a complaint (a neighbour dispute above all) never needs a room or a name.
    if (!household && !dto.location && dto.kind === 'repair')
      throw new BadRequestException('请选择房屋，或填写公共区域的具体位置');

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
        contactPhone: null,
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
      const dept = await this.tickets.department(user.departmentId);
      isCustomerService = dept?.code === 'cs';
    }
    return { householdIds, isCustomerService };
  }

  /** The ticket if this user may see it, else null (callers answer 404: no existence leak). */
  async findVisible(user: AuthUser, id: string): Promise<Ticket | null> {
    const qb = await this.scope(user, this.tickets.query().where('t.id = :id', { id }));
    return qb.getOne();
  }

  async list(user: AuthUser, page: number, pageSize: number) {
    const [rows, total] = await this.tickets.page(
      await this.scope(user, this.tickets.query()),
      page,
      pageSize,
    );
    const households = await this.tickets.householdLabels(rows.map((r) => r.householdId));
    const staff = user.kind === 'staff';
    return {
      total,
      page,
      pageSize,
      items: rows.map((t) => ({
        id: t.id,
        number: t.number,
        kind: t.kind,
        status: t.status,
        statusLabel: statusLabelFor(t.status, staff ? 'staff' : 'resident'),
        channel: t.channel,
        summary: t.content.slice(0, 80),
        anonymous: t.anonymous,
        location: t.location,
        household:
          t.householdId && !(staff && t.anonymous)
            ? { id: t.householdId, label: households.get(t.householdId) ?? '' }
            : null,
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

  /** Years of the ticket's running deadlines that the project's calendar has no official schedule for. */
  uncoveredDeadlineYears(t: Ticket): Promise<number[]> {
    return uncoveredYearsOf(t, async (projectId) => (await this.clocks.forProject(projectId)).calendar);
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
    const policy = await this.policies.forProject(t.projectId);
    const [photos, events, households] = await Promise.all([
      known.noPhotos ? [] : this.tickets.photos(t.id),
      known.events ?? this.tickets.timeline(t.id),
      known.household !== undefined && known.household?.id === t.householdId
        ? new Map([[known.household.id, known.household.label]])
        : this.tickets.householdLabels([t.householdId]),
    ]);
    const staff = user.kind === 'staff';
    // An anonymous ticket shows staff no household and nobody behind it (older tickets may still hold one).
    const hideWho = staff && t.anonymous;
    const people = staff
      ? await this.tickets.peopleNames([t.assigneeId, t.firstReceiverId])
      : new Map<string, string>();
    const department = !t.departmentId
      ? null
      : known.department?.id === t.departmentId
        ? known.department
        : await this.tickets.department(t.departmentId);
    // Phone masked except for the people handling it (issue "The ticket's life"); never for anonymous tickets.
    const seesFullPhone =
      staff &&
      (t.assigneeId === user.id ||
        t.firstReceiverId === user.id ||
        allowed(TICKET_PERMISSIONS.fullPhone, user));
    const ctx = {
      role: user.role,
      isAssignee: staff && t.assigneeId === user.id,
      isFirstReceiver: staff && t.firstReceiverId === user.id,
      isReporter: user.kind === 'resident' && t.residentId === user.id,
    };
    const now = this.clock.now();
    const uncoveredYears = await this.uncoveredDeadlineYears(t);
    // An emergency at a household: staff get its emergency contacts 紧急联系人 at hand (one tap to call); never on
    // an anonymous ticket (an older one may still hold a flat).
    const emergencyContacts =
      staff && !hideWho && t.emergency && t.householdId
        ? await this.org.emergencyContactsOf(t.householdId)
        : undefined;
    return {
      id: t.id,
      number: t.number,
      kind: t.kind,
      status: t.status,
      statusLabel: statusLabelFor(t.status, staff ? 'staff' : 'resident'),
      channel: t.channel,
      content: t.content,
      anonymous: t.anonymous,
      location: t.location,
      household:
        t.householdId && !hideWho ? { id: t.householdId, label: households.get(t.householdId) ?? '' } : null,
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
      // A running deadline that falls in a year whose official holidays are not in the calendar (weekends only
      // were assumed): shown as a warning until HQ imports that year (docs/domain-rules.md "Time limits").
      uncoveredYears,
      calendarUncertain: uncoveredYears.length > 0,
      ...repairView(t, staff),
      handledAt: t.handledAt,
      closedAt: t.closedAt,
      cause: staff && t.causeFactor ? { factor: t.causeFactor, sub: t.causeSub } : null,
      reopenCount: t.reopenCount,
      priority: staff ? t.priority : undefined,
      category: staff ? t.category : undefined,
      categoryChoices: staff && t.kind === 'complaint' ? policy.policy.routing.shownCategories : undefined,
      ...classificationView(t, staff),
      incidentId: staff ? t.incidentId : undefined,
      peopleCount: staff ? t.peopleCount : undefined,
      priorityReason: staff && !hideWho ? t.priorityReason : undefined,
      /** The lead may see (and so the view is logged: GET …/callback-phone) the number an anonymous resident left. */
      hasCallbackPhone:
        hideWho && allowed(TICKET_PERMISSIONS.callbackHint, user)
          ? await this.tickets.manager
              .getRepository<TicketCallback>('TicketCallback')
              .existsBy({ ticketId: t.id })
          : undefined,
      emergencyContacts,
      allowedActions: allowedActions(t.status as TicketStatus, ctx, {
        kind: t.kind as TicketKind,
        now,
        handledAt: t.handledAt ?? undefined,
        policy: policy.transition,
      }),
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
      version: t.version,
      events: timelineFor(events, staff, (id) => this.uploads.signedUrl(id)),
    };
  }
}
