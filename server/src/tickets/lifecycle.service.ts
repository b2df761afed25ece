import { TicketHooks } from '../events/ticket-hooks';
import { PolicyService } from '../policy/policy.service';
import { Clock } from '../common/clock';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import {
  ActorContext,
  applyTransition,
  Cause,
  TicketKind,
  TicketStatus,
  TransitionPayload,
  countsAsReply,
  endOfWorkingDay,
  formatShanghai,
  isLate,
  residentReadsText,
  majorFixRange,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Department, User } from '../org/entities';
import { Upload } from '../storage/upload.entity';
import { ClockOptions, clockRunning, deadlinePatch, nearestDue } from './deadline-fields';
import { TicketActionGuard } from './action-guard';
import { Ticket, TicketEvent } from './entities';
import { TicketActionDto } from './lifecycle.dto';
import { TicketsService } from './tickets.service';
import { ResidentTextCheck, TicketClockSettings } from './ports';

/** What another domain adds to a move: work done in the same transaction, details for the event record. */
export interface MoveOptions {
  /** Runs inside the move's transaction after the ticket and its event are written, before the ticket hooks. */
  within?: (m: EntityManager, after: Ticket) => Promise<void>;
  /** Merged into the event's details (e.g. the rating or repeat complaint behind the move). */
  data?: Record<string, unknown>;
  /** System moves: whose uploads the photos are (the resident whose repeat complaint reopened it). */
  photoOwnerId?: string;
}

/** A move by the system (timers, return visits) rather than a person; `version` defaults to the current one. */
export type SystemActionDto = Omit<TicketActionDto, 'version'> & { version?: number };

/**
 * Actions that count as a handling record 处理记录 for the daily inventory (the customer-service handbook).
 */
/** After a 服务上移 with no deadline left running, the person it goes to has this long (24 h). */
export const ESCALATION_RENEWAL_MS = 24 * 3600 * 1000;

export const HANDLING_RECORDS = [
  'progress_note',
  'internal_note',
  'propose_solution',
  'mark_handled',
  'defer',
];

/**
 * Moves tickets through the shared transition table. The table decides whether a move is allowed;
 * this service resolves who is who, applies the move's effects, guards against two staff acting at
 * once (optimistic version check → 409 with the current ticket) and records every move.
 */
const STALE_VERSION = 'stale_version';

/** The 409 a move made on an outdated version of the ticket answers (someone or something moved it meanwhile). */
export const isStaleVersion = (e: unknown): boolean =>
  e instanceof ConflictException && (e.getResponse() as { code?: string }).code === STALE_VERSION;

@Injectable()
export class LifecycleService {
  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
    private readonly hooks: TicketHooks,
    private readonly clocks: TicketClockSettings,
    private readonly policies: PolicyService,
    private readonly phrases: ResidentTextCheck,
    @Optional() private readonly guard?: TicketActionGuard,
  ) {}

  actorContext(user: AuthUser, t: Ticket): ActorContext {
    return {
      role: user.role,
      isAssignee: user.kind === 'staff' && t.assigneeId === user.id,
      isFirstReceiver: user.kind === 'staff' && t.firstReceiverId === user.id,
      isReporter: user.kind === 'resident' && t.residentId === user.id,
    };
  }

  async act(
    user: AuthUser,
    ticketId: string,
    dto: TicketActionDto,
    now = this.clock.now(),
    opts: MoveOptions = {},
  ) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    const moved = await this.move(user, t, dto, now, opts);
    // Handing a ticket on may take it out of the actor's sight: then only the new state is returned.
    const after = await this.tickets.findVisible(user, t.id);
    if (!after) return { id: t.id, status: moved.to, statusLabel: moved.label, visible: false };
    return this.tickets.view(user, after);
  }

  /**
   * The same move as `act`, by the system 系统 (auto-closing a week after handling, closing on the resident's
   * rating, reopening on a repeat complaint, escalating on a second dissatisfaction): the table must list
   * 'system' among the action's actors. Returns the ticket as it is afterwards.
   */
  async actAsSystem(ticketId: string, dto: SystemActionDto, opts: MoveOptions = {}): Promise<Ticket> {
    const t = await this.ds.getRepository(Ticket).findOneBy({ id: ticketId });
    if (!t) throw new NotFoundException('没有找到这条反馈');
    await this.move(null, t, { ...dto, version: dto.version ?? t.version }, this.clock.now(), opts);
    return this.ds.getRepository(Ticket).findOneByOrFail({ id: ticketId });
  }

  /** Checks one move against the table and records it; `user` null = the system. */
  private async move(
    user: AuthUser | null,
    t: Ticket,
    dto: TicketActionDto,
    now: Date,
    opts: MoveOptions,
  ): Promise<{ to: TicketStatus; label: string }> {
    const actor = user
      ? { id: user.id, name: user.name, role: user.role as string, kind: user.kind }
      : { id: null, name: '系统', role: 'system', kind: 'system' as const };
    const { department, assignee } = user
      ? await this.resolveTargets(user, t, dto)
      : { department: null, assignee: null };
    const payload: TransitionPayload = {
      note: dto.note,
      reason: dto.reason,
      photos: dto.photoIds,
      cause: dto.cause as Cause | undefined,
      expectedDate: dto.expectedDate,
      replyBy: dto.replyBy ? new Date(dto.replyBy) : undefined,
      departmentCode: department?.code ?? dto.departmentCode,
      assigneeId: assignee?.id ?? dto.assigneeId,
      escalateTo: dto.escalateTo,
      satisfied: dto.satisfied,
      noVisitReason: dto.noVisitReason,
    };
    // The project's settings the table's checks depend on: photos required, the agreed reply cap, the close window.
    const policy = await this.policies.forProject(t.projectId);
    const result = applyTransition(
      t.status as TicketStatus,
      dto.action,
      user ? this.actorContext(user, t) : { role: 'system' },
      payload,
      {
        kind: t.kind as TicketKind,
        now,
        handledAt: t.handledAt ?? undefined,
        escalationLevel: (t.escalationLevel as never) ?? null,
        policy: policy.transition,
      },
    );
    if (!result.ok) {
      const body = { message: result.message, code: result.code, fields: result.fields };
      if (result.code === 'not_allowed' || result.code === 'not_own_ticket')
        throw new ForbiddenException(body);
      if (result.code === 'wrong_status')
        throw new ConflictException(user ? { ...body, current: await this.tickets.view(user, t) } : body);
      throw new BadRequestException(body);
    }
    // What staff write for the resident to read passes the company's forbidden-phrase list and has every template
    // placeholder filled in (docs/domain-rules.md "Staff language"); staff-only texts are not the resident's.
    if (user?.kind === 'staff' && residentReadsText(dto.action))
      await this.phrases.assertSendable(t.companyId, dto.note ?? dto.reason);
    if (dto.version !== t.version) throw await this.stale(user, t);
    await this.guard?.beforeAction(user, t, dto.action);

    // A department colleague may pick a ticket from their own department's queue only.
    if (result.effects.includes('claim') && !t.assigneeId && user?.departmentId !== t.departmentId) {
      throw new ForbiddenException({ message: '只能领取本部门的工单', code: 'not_allowed' });
    }

    const clockOpts = await this.clocks.forProject(t.projectId);
    const fixBy = this.repairClassChange(t, dto, clockOpts);
    const patch: Partial<Ticket> = { status: result.to };
    const data: Record<string, unknown> = {};
    for (const effect of result.effects) {
      switch (effect) {
        case 'set_assignee':
          if (department) patch.departmentId = department.id;
          if (assignee) {
            patch.assigneeId = assignee.id;
            if (assignee.departmentId) patch.departmentId = assignee.departmentId;
          } else if (dto.action === 'assign') patch.assigneeId = null; // into the department's queue
          data.previousAssigneeId = t.assigneeId;
          data.assigneeId = patch.assigneeId ?? null;
          data.departmentId = patch.departmentId ?? t.departmentId;
          break;
        case 'claim':
          if (!t.assigneeId && user) patch.assigneeId = user.id;
          break;
        case 'unassign':
          data.previousAssigneeId = t.assigneeId;
          patch.assigneeId = null;
          break;
        case 'raise_escalation':
          patch.escalationLevel = dto.escalateTo!;
          break;
        case 'restart_handling':
          patch.reopenCount = t.reopenCount + 1;
          patch.handledAt = null;
          break;
        case 'record_visit':
          data.satisfied = dto.satisfied;
          break;
      }
    }
    Object.assign(
      patch,
      deadlinePatch(
        result.effects,
        dto.action,
        t,
        now,
        { replyBy: payload.replyBy, expectedDate: dto.expectedDate, repairClass: dto.repairClass, fixBy },
        clockOpts,
      ),
    );
    if (dto.action === 'schedule_reply') data.replyBy = dto.replyBy;
    if (dto.repairClass) {
      data.repairClass = dto.repairClass;
      data.previousRepairClass = t.repairClass;
      if (fixBy) data.fixBy = fixBy.toISOString();
    }
    if (dto.action === 'mark_handled') {
      patch.handledAt = now;
      if (dto.cause) Object.assign(patch, { causeFactor: dto.cause.factor, causeSub: dto.cause.sub });
    }
    if (result.to === 'closed' || result.to === 'cancelled') patch.closedAt = now;
    // Replied = a public message with content (docs/domain-rules.md "Time limits"); once late, it stays late.
    const repliedBefore = patch.repliedAt === undefined ? t.repliedAt : patch.repliedAt;
    if (user?.kind === 'staff' && countsAsReply(dto.action, dto.note, result.public) && !repliedBefore) {
      patch.repliedAt = now;
      patch.replyLate = t.replyLate || isLate(patch.replyDueAt ?? t.replyDueAt, now);
    }
    // A handling deadline missed stays missed: also when an agreed solution's deadline replaces a complaint's
    // intake deadline that had already passed (docs/domain-rules.md "Time limits").
    if (result.effects.includes('start_solution_clock') && isLate(t.handleDueAt, now))
      patch.handleLate = true;
    if (dto.action === 'mark_handled') patch.handleLate = t.handleLate || isLate(t.handleDueAt, now);
    if (user?.kind === 'staff' && HANDLING_RECORDS.includes(dto.action)) patch.handlingRecordAt = now;
    patch.dueAt = nearestDue({ ...t, ...patch } as Ticket);
    if (dto.action === 'escalate' && !patch.dueAt && clockRunning(result.to)) {
      // Nothing left on the clock (a complaint already answered, no solution agreed yet): whoever it goes up to
      // gets a fresh time limit to deal with it (docs/domain-rules.md "Escalation 服务上移").
      patch.handleDueAt = new Date(now.getTime() + ESCALATION_RENEWAL_MS);
      patch.dueAt = nearestDue({ ...t, ...patch } as Ticket);
      data.renewedDueAt = patch.handleDueAt.toISOString();
    }
    for (const k of ['reason', 'cause', 'expectedDate', 'escalateTo', 'noVisitReason'] as const)
      if (dto[k] !== undefined) data[k] = dto[k];
    if (dto.photoIds?.length) data.photoIds = dto.photoIds;
    Object.assign(data, opts.data);
    const photoOwnerId = user?.id ?? opts.photoOwnerId;
    const after = Object.assign(new Ticket(), t, patch, { version: t.version + 1 });

    await this.ds
      .transaction(async (m) => {
        const res = await m
          .createQueryBuilder()
          .update(Ticket)
          .set(patch)
          .where('id = :id AND version = :v', { id: t.id, v: t.version })
          .execute();
        if (!res.affected) throw new ConflictException('STALE');
        if (dto.photoIds?.length) {
          const up = await m
            .getRepository(Upload)
            .update(
              { id: In(dto.photoIds), uploaderId: photoOwnerId ?? '-', ticketId: IsNull() },
              { ticketId: t.id },
            );
          if (up.affected !== dto.photoIds.length)
            throw new BadRequestException('有照片无效或已被使用，请重新上传');
        }
        await m.getRepository(TicketEvent).insert({
          ticketId: t.id,
          ticketVersion: t.version + 1,
          createdAt: now,
          action: dto.action,
          fromStatus: t.status,
          toStatus: result.to,
          actorId: actor.id,
          actorName: actor.kind === 'resident' && t.anonymous ? '匿名住户' : actor.name,
          actorRole: actor.role,
          note: dto.note ?? dto.reason ?? null,
          internal: !result.public,
          label: result.label,
          data: Object.keys(data).length ? JSON.stringify(data) : null,
        });
        if (opts.within) await opts.within(m, after);
        await this.hooks.emit(m, {
          before: t,
          after,
          action: dto.action,
          actor,
          now,
          public: result.public,
          label: result.label,
        });
      })
      .catch(async (e) => {
        if (e instanceof ConflictException && e.message === 'STALE')
          throw await this.stale(
            user,
            user
              ? (await this.tickets.findVisible(user, t.id))!
              : await this.ds.getRepository(Ticket).findOneByOrFail({ id: t.id }),
          );
        throw e;
      });
    await this.guard?.afterAction(user, t, dto.action);
    return { to: result.to, label: result.label };
  }

  /**
   * A repair's class set at dispatch (docs/domain-rules.md "Time limits"); a major repair may get its fix date,
   * which must lie 7–15 working days after receipt. Returns the fix date as an instant.
   */
  private repairClassChange(t: Ticket, dto: TicketActionDto, opts: ClockOptions): Date | undefined {
    if (dto.repairClass === undefined && dto.fixBy === undefined) return undefined;
    const bad = (message: string, field: string) =>
      new BadRequestException({ message, code: 'invalid_field', fields: [field] });
    if (t.kind !== 'repair') throw bad('只有报修可以设置维修分级', 'repairClass');
    if (dto.action !== 'assign') throw bad('维修分级在派单时设置', 'repairClass');
    if (!dto.repairClass) throw bad('请同时选择维修分级', 'repairClass');
    if (dto.fixBy === undefined) return undefined;
    if (dto.repairClass !== 'major') throw bad('只有重大维修需要约定完成日期', 'fixBy');
    const day = dto.fixBy.slice(0, 10);
    const at = endOfWorkingDay(new Date(`${day}T00:00:00+08:00`), opts);
    const range = majorFixRange(t.createdAt, opts);
    if (Number.isNaN(at.getTime()) || at < range.earliest || at > range.latest)
      throw bad(
        `重大维修的完成日期应在受理后第 7 至第 15 个工作日之间（${formatShanghai(range.earliest).slice(0, 10)} 至 ${formatShanghai(range.latest).slice(0, 10)}）`,
        'fixBy',
      );
    return at;
  }

  private async stale(user: AuthUser | null, current: Ticket) {
    return new ConflictException({
      message: '工单已被他人更新，请查看最新状态后再操作',
      code: STALE_VERSION,
      current: user ? await this.tickets.view(user, current) : { id: current.id, version: current.version },
    });
  }

  /** Department by code and assignee by id, both within the ticket's project. */
  private async resolveTargets(user: AuthUser, t: Ticket, dto: TicketActionDto) {
    let department: Department | null = null;
    let assignee: User | null = null;
    if (dto.departmentCode) {
      department = await this.ds
        .getRepository(Department)
        .findOneBy({ projectId: t.projectId, code: dto.departmentCode });
      if (!department)
        throw new BadRequestException({
          message: '没有这个部门',
          code: 'invalid_field',
          fields: ['department'],
        });
    }
    if (dto.assigneeId) {
      assignee = await this.ds
        .getRepository(User)
        .findOneBy({ id: dto.assigneeId, kind: 'staff', projectId: t.projectId });
      if (!assignee)
        throw new BadRequestException({
          message: '接手人不是本小区的员工',
          code: 'invalid_field',
          fields: ['assignee'],
        });
      if (department && assignee.departmentId !== department.id) {
        throw new BadRequestException({
          message: '接手人不在所选部门',
          code: 'invalid_field',
          fields: ['assignee'],
        });
      }
    }
    return { department, assignee };
  }
}
