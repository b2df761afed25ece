import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import {
  AUTO_CLOSE_AFTER_MS,
  COMPLAINT_LEVEL_LABELS,
  ComplaintLevel,
  ESCALATION_TARGET_LABELS,
  EscalationTarget,
  RATING_QUESTIONS,
  REPAIR_VISIT_TYPE_LABELS,
  ROLE_LABELS,
  RepairVisitType,
  Role,
  TICKET_KIND_LABELS,
  TicketKind,
  VISIT_EXEMPTION_LABELS,
  VISIT_FORM_LABELS,
  VISIT_RESULT_LABELS,
  VisitExemption,
  VisitForm,
  VisitResult,
  VisitRuleOverrides,
  VisitRules,
  autoCloseReason,
  deriveComplaintLevel,
  dissatisfactionSteps,
  formatShanghai,
  isComplaintLevel,
  isVisitedKind,
  planVisits,
  ratingAverage,
  resolveVisitRules,
  shanghaiDayEnd,
  visitDueAt,
  visitExemption,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { peopleInRole } from '../clocks/people';
import { TicketChange, TicketHooks } from '../clocks/ticket-hooks';
import { AuthUser } from '../common/auth-user';
import { TtlCache } from '../common/ttl-cache';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { newId } from '../common/entity-helpers';
import { Incident } from '../incidents/incident.entity';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Household, HouseholdBinding, Project, User } from '../org/entities';
import { Upload } from '../storage/upload.entity';
import { UploadsService } from '../storage/uploads.service';
import { Ticket, TicketEvent } from '../tickets/entities';
import { TicketActionDto } from '../tickets/lifecycle.dto';
import { LifecycleService } from '../tickets/lifecycle.service';
import { TicketsService, maskPhone } from '../tickets/tickets.service';
import { inScope, isLead, maySeeVisits, mayVisit } from './access';
import { VisitAttemptDto, VisitPreferenceDto, VisitSettingsDto } from './dto';
import {
  Rating,
  TicketVisitSettings,
  VisitAttempt,
  VisitPreference,
  VisitRuleSet,
  VisitTask,
} from './entities';
import { ticketHead } from './ticket-head';

const OPEN_JOB = 'visit.open';
const RULES_CACHE_MS = 30_000;
const AUTO_CLOSE_JOB = 'visit.autoclose';
/** A ticket waiting for its return visit (and closing in these statuses only). */
const VISITABLE: readonly string[] = ['handled', 'awaiting_visit'];
const PENDING: VisitTask['status'][] = ['invited', 'open'];
const TASK_STATUS_LABELS: Record<VisitTask['status'], string> = {
  invited: '待业主评价',
  open: '待回访',
  done: '已回访',
  cancelled: '已取消',
};
const CANCEL_LABELS: Record<string, string> = {
  reopened: '问题重新处理，待处理完毕后再回访',
  closed: '工单已办结',
  cancelled: '工单已撤销',
  sensitive: VISIT_EXEMPTION_LABELS.sensitive,
  declined: VISIT_EXEMPTION_LABELS.declined,
};
const ESCALATION_RANK: Record<string, number> = { cs_lead: 1, project_manager: 2, hq: 3 };

const excerpt = (s: string, n = 40) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);
const staffVisitPage = (taskId: string) => `/staff/pages/visit/index?id=${taskId}`;
export const ratePage = (ticketId: string) => `/visit/pages/rate/index?id=${ticketId}`;

/** The resident's answer to a visit, online or told to a visitor, and what it sets off. */
export interface VisitAnswer {
  t: Ticket;
  task: VisitTask | null;
  round: number;
  seq: number;
  /** Who records it: the resident online, the visitor otherwise. */
  by: AuthUser;
  source: VisitForm;
  scores: Record<string, number>;
  satisfied: boolean;
  chargeCorrect: boolean | null;
  comment: string | null;
  photoIds: string[];
  attempt?: { method: string; result: VisitResult; note: string | null; signatureUploadId: string | null };
  followUpDays?: number;
  declineVisits?: boolean;
}

/**
 * Return visits 回访 (domain.md "Return visits", "Closing"): when a complaint or repair is handled the
 * resident is invited to rate it and the visits the handbook's schedule asks for are planned; an unanswered
 * invitation becomes a staff visit; satisfied closes, unsatisfied reopens (and a second time goes up); where
 * no visit is made the ticket closes itself a week after handling — never by inventing satisfaction.
 */
@Injectable()
export class VisitsService implements OnModuleInit {
  private readonly ruleCache = new TtlCache<VisitRules>(RULES_CACHE_MS);
  private readonly log = new Logger('Visits');

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly hooks: TicketHooks,
    private readonly notifications: NotificationsService,
    private readonly lifecycle: LifecycleService,
    private readonly tickets: TicketsService,
    private readonly uploads: UploadsService,
  ) {}

  onModuleInit() {
    this.hooks.listen('visits', (m, c) => this.onTicketChange(m, c));
    this.jobs.handle(OPEN_JOB, (p) => this.openInvited(String(p.taskId)));
    this.jobs.handle(AUTO_CLOSE_JOB, (p) => this.autoClose(String(p.ticketId), Number(p.round)));
  }

  // ── rules and facts ──

  /**
   * The project's rules: the handbook's defaults with its overrides. Cached briefly (every intake asks, for
   * repeat complaints): a change made here applies at once, one made on another instance within 30 s.
   */
  rules(projectId: string, m: EntityManager = this.ds.manager): Promise<VisitRules> {
    return this.ruleCache.get(projectId, async () => {
      const row = await m.getRepository(VisitRuleSet).findOneBy({ projectId });
      if (!row) return resolveVisitRules();
      try {
        return resolveVisitRules(JSON.parse(row.overrides) as VisitRuleOverrides);
      } catch (e) {
        this.log.error(`project ${projectId} has invalid visit rules, using the defaults: ${String(e)}`);
        return resolveVisitRules();
      }
    });
  }

  /** The resident or their household asked not to be visited. */
  async declined(m: EntityManager, t: Ticket): Promise<boolean> {
    const ors: object[] = [];
    if (t.householdId) ors.push({ householdId: t.householdId, noVisit: true });
    if (t.residentId) ors.push({ userId: t.residentId, noVisit: true });
    return ors.length ? !!(await m.getRepository(VisitPreference).findOne({ where: ors })) : false;
  }

  async exemptionOf(m: EntityManager, t: Ticket): Promise<VisitExemption | null> {
    const settings = await m.getRepository(TicketVisitSettings).findOneBy({ ticketId: t.id });
    const onSpot =
      t.status === 'closed' &&
      !!(await m.getRepository(TicketEvent).findOneBy({ ticketId: t.id, action: 'resolve_on_spot' }));
    return visitExemption({
      resolvedOnSpot: onSpot,
      anonymous: t.anonymous,
      hasContact: !!t.residentId || !!t.contactPhone,
      sensitive: !!settings?.sensitive,
      declined: await this.declined(m, t),
    });
  }

  /** The complaint level in force: the lead's, or derived from the ticket's flags. */
  async levelOf(m: EntityManager, t: Ticket, settings?: TicketVisitSettings | null) {
    const s =
      settings === undefined
        ? await m.getRepository(TicketVisitSettings).findOneBy({ ticketId: t.id })
        : settings;
    if (s && isComplaintLevel(s.complaintLevel))
      return { level: s.complaintLevel, source: 'lead' as const, reason: '客服主管设定' };
    const hot = t.incidentId
      ? !!(await m.getRepository(Incident).findOneBy({ id: t.incidentId }))?.hot
      : false;
    const d = deriveComplaintLevel({
      majorComplaint: t.majorComplaint,
      hot,
      escalationLevel: (t.escalationLevel as EscalationTarget | null) ?? null,
      agitated: t.agitated,
    });
    return { ...d, source: 'derived' as const };
  }

  // ── reacting to the ticket's life ──

  private async onTicketChange(m: EntityManager, c: TicketChange) {
    const t = c.after;
    if (c.action === 'mark_handled') return this.planRound(m, t, c.now);
    if (c.action === 'reopen' || c.action === 'cancel')
      return this.cancelPending(m, { ticketId: t.id }, c.action === 'reopen' ? 'reopened' : 'cancelled');
    if (t.status === 'closed' && c.before?.status !== 'closed')
      // The visit that would have closed it is no longer owed; follow-up visits (a month later…) still are.
      return this.cancelPending(m, { ticketId: t.id, round: t.reopenCount, seq: 1 }, 'closed');
  }

  /** A ticket was handled: its auto-close check a week later, and unless exempt, its visits and invitation. */
  private async planRound(m: EntityManager, t: Ticket, now: Date) {
    if (!isVisitedKind(t.kind)) return;
    const handledAt = t.handledAt ?? now;
    await this.jobs.schedule(
      {
        type: AUTO_CLOSE_JOB,
        key: `${AUTO_CLOSE_JOB}:${t.id}:r${t.reopenCount}`,
        runAt: new Date(handledAt.getTime() + AUTO_CLOSE_AFTER_MS),
        payload: { ticketId: t.id, round: t.reopenCount },
      },
      m,
    );
    if (await this.exemptionOf(m, t)) return;
    await this.insertPlan(m, t, handledAt, now);
  }

  private async insertPlan(m: EntityManager, t: Ticket, handledAt: Date, now: Date) {
    const settings = await m.getRepository(TicketVisitSettings).findOneBy({ ticketId: t.id });
    const rules = await this.rules(t.projectId, m);
    const level = t.kind === 'complaint' ? (await this.levelOf(m, t, settings)).level : undefined;
    const plan = planVisits(
      {
        kind: t.kind as TicketKind,
        text: t.content,
        handledAt,
        repairType: (settings?.repairType as RepairVisitType | null) ?? null,
        rainCaused: settings?.rainCaused ?? null,
        complaintLevel: level,
        online: !!t.residentId,
      },
      rules,
    );
    if (!plan) return;
    const round = t.reopenCount;
    for (const v of plan.visits) {
      const invited = v.seq === 1 && !!plan.inviteDeadline;
      const task = m.getRepository(VisitTask).create({
        ticketId: t.id,
        companyId: t.companyId,
        projectId: t.projectId,
        round,
        seq: v.seq,
        kind: t.kind,
        status: invited ? 'invited' : 'open',
        trigger: v.trigger,
        form: v.form,
        visitorRole: v.visitorRole,
        complaintLevel: plan.complaintLevel,
        repairType: plan.repairType,
        basis: v.basis.slice(0, 120),
        inviteDeadline: v.seq === 1 ? plan.inviteDeadline : null,
        dueAt: v.dueAt,
        createdAt: now,
      });
      await m.getRepository(VisitTask).insert(task);
      if (invited)
        await this.jobs.schedule(
          {
            type: OPEN_JOB,
            key: `${OPEN_JOB}:${task.id}`,
            runAt: plan.inviteDeadline!,
            payload: { taskId: task.id },
          },
          m,
        );
      else if (v.seq === 1) await this.notifyVisitors(m, t, task);
    }
    if (plan.inviteDeadline && t.residentId) {
      const kind = TICKET_KIND_LABELS[t.kind as TicketKind];
      await this.notifications.notify(
        [t.residentId],
        {
          kind: 'visit_invite',
          title: `请评价您的${kind}处理结果`,
          body: `${t.number} 已处理完毕，请花一分钟告诉我们是否满意（${formatShanghai(plan.inviteDeadline)}前）。`,
          ticketId: t.id,
          page: ratePage(t.id),
          dedupeKey: `visit_invite:${t.id}:r${round}`,
          scene: 'visit_invite',
          fields: { number: t.number, title: excerpt(t.content, 20), status: '待评价' },
        },
        m,
      );
    }
  }

  private async notifyVisitors(m: EntityManager, t: Ticket, task: VisitTask) {
    const people = await peopleInRole(m, t, [task.visitorRole]);
    const due = task.dueAt ? `${formatShanghai(task.dueAt)}前` : '下雨后';
    await this.notifications.notify(
      people.map((u) => u.id),
      {
        kind: 'visit_due',
        title: `待回访：${t.number}`,
        body: `请于${due}${VISIT_FORM_LABELS[task.form as VisitForm] ?? '回访'}：${excerpt(t.content, 50)}`,
        ticketId: t.id,
        page: staffVisitPage(task.id),
        dedupeKey: `visit_due:${task.id}`,
        scene: 'staff_reminder',
        fields: { number: t.number, due: task.dueAt ? formatShanghai(task.dueAt) : '下雨后' },
      },
      m,
    );
  }

  /** Cancels visits no longer owed (and their invitation deadlines). */
  private async cancelPending(
    m: EntityManager,
    where: { ticketId: string; round?: number; seq?: number },
    reason: keyof typeof CANCEL_LABELS,
  ) {
    const tasks = await m.getRepository(VisitTask).findBy({ ...where, status: In(PENDING) });
    if (!tasks.length) return;
    await m
      .getRepository(VisitTask)
      .update(
        { id: In(tasks.map((x) => x.id)), status: In(PENDING) },
        { status: 'cancelled', cancelReason: reason },
      );
    await this.jobs.cancel(
      tasks.map((x) => `${OPEN_JOB}:${x.id}`),
      m,
    );
  }

  /** A no-visit reason appeared after the week had passed: check closing again now. */
  private async rearmAutoClose(m: EntityManager, t: Ticket, why: string) {
    if (!VISITABLE.includes(t.status) || !t.handledAt) return;
    const due = t.handledAt.getTime() + AUTO_CLOSE_AFTER_MS;
    if (this.clock.nowMs() < due) return; // the job armed at handling will look then
    await this.jobs.schedule(
      {
        type: AUTO_CLOSE_JOB,
        key: `${AUTO_CLOSE_JOB}:${t.id}:r${t.reopenCount}:${why}`,
        runAt: this.clock.now(),
        payload: { ticketId: t.id, round: t.reopenCount },
      },
      m,
    );
  }

  // ── jobs ──

  /** The invitation went unanswered: the visit becomes the visitors' task. */
  private async openInvited(taskId: string) {
    const task = await this.ds.getRepository(VisitTask).findOneBy({ id: taskId });
    if (!task || task.status !== 'invited') return;
    const t = await this.ds.getRepository(Ticket).findOneByOrFail({ id: task.ticketId });
    await this.ds.transaction(async (m) => {
      const res = await m
        .getRepository(VisitTask)
        .update({ id: task.id, status: 'invited' }, { status: 'open' });
      if (res.affected) await this.notifyVisitors(m, t, { ...task, status: 'open' } as VisitTask);
    });
  }

  /**
   * A week after handling: closes with the no-visit reason (exempt, refused, never reachable); a visit still
   * owed keeps it open and the lead hears about it. A repeat complaint has reopened it meanwhile (status).
   */
  private async autoClose(ticketId: string, round: number) {
    const t = await this.ds.getRepository(Ticket).findOneBy({ id: ticketId });
    if (!t || !VISITABLE.includes(t.status) || t.reopenCount !== round) return;
    const exemption = await this.exemptionOf(this.ds.manager, t);
    const first = await this.ds.getRepository(VisitTask).findOneBy({ ticketId, round, seq: 1 });
    const attempts = first
      ? await this.ds
          .getRepository(VisitAttempt)
          .find({ where: { taskId: first.id }, order: { createdAt: 'ASC' } })
      : [];
    const reason = autoCloseReason({ exemption, attempts: attempts.map((a) => a.result as VisitResult) });
    if (!reason) {
      const leads = await peopleInRole(this.ds.manager, t, ['cs_lead']);
      await this.notifications.notify(
        leads.map((u) => u.id),
        {
          kind: 'visit_overdue',
          title: `回访未完成：${t.number}`,
          body: '处理完毕已满一周，回访仍未完成，工单不会自动办结；请尽快安排回访。',
          ticketId: t.id,
          page: first ? staffVisitPage(first.id) : `/staff/pages/ticket/index?id=${t.id}`,
          dedupeKey: `visit_overdue:${t.id}:r${round}`,
        },
      );
      return;
    }
    try {
      await this.lifecycle.actAsSystem(t.id, {
        action: 'auto_close',
        noVisitReason: reason,
        version: t.version,
      });
    } catch (e) {
      // Moved meanwhile (closed at a visit, reopened): the next run sees the new state; a stale version retries.
      if (e instanceof ConflictException && (e.getResponse() as { code?: string }).code === 'wrong_status')
        return;
      throw e;
    }
  }

  // ── answers: the resident's rating and the visitor's record ──

  /**
   * Records the resident's answer and what it sets off, in one transaction: satisfied closes the ticket,
   * unsatisfied reopens it to its handler with the lead told; the n-th dissatisfaction also goes up.
   */
  async answer(a: VisitAnswer): Promise<{ ratingId: string }> {
    const { t } = a;
    const now = this.clock.now();
    const rules = await this.rules(t.projectId);
    const ratingId = newId();
    const attemptId = a.attempt ? newId() : null;
    const open = VISITABLE.includes(t.status) && a.round === t.reopenCount;
    let escalateTo: EscalationTarget | null = null;
    let dissatisfied = 0;

    const record = async (m: EntityManager) => {
      if (a.attempt)
        await m.getRepository(VisitAttempt).insert({
          id: attemptId!,
          taskId: a.task!.id,
          ticketId: t.id,
          method: a.attempt.method,
          result: a.attempt.result,
          visitorId: a.by.id,
          visitorName: a.by.name,
          note: a.attempt.note,
          signatureUploadId: a.attempt.signatureUploadId,
          createdAt: now,
        });
      await this.claimUploads(m, a.by.id, t.id, [
        ...a.photoIds,
        ...(a.attempt?.signatureUploadId ? [a.attempt.signatureUploadId] : []),
      ]);
      await m.getRepository(Rating).insert({
        id: ratingId,
        ticketId: t.id,
        projectId: t.projectId,
        round: a.round,
        seq: a.seq,
        taskId: a.task?.id ?? null,
        attemptId,
        kind: t.kind,
        source: a.source,
        recordedById: a.by.id,
        scores: JSON.stringify(a.scores),
        average: ratingAverage(a.scores),
        satisfied: a.satisfied,
        chargeCorrect: a.chargeCorrect,
        comment: a.comment,
        photoIds: a.photoIds.length ? JSON.stringify(a.photoIds) : null,
        createdAt: now,
      });
      if (a.task) {
        const done = await m.getRepository(VisitTask).update(
          { id: a.task.id, status: In(PENDING) },
          {
            status: 'done',
            outcome: a.satisfied ? 'satisfied' : 'unsatisfied',
            doneVia: a.source,
            doneAt: now,
            doneById: a.by.id,
          },
        );
        if (!done.affected) throw new ConflictException('这次回访已有结果，请刷新后查看');
        await this.jobs.cancel([`${OPEN_JOB}:${a.task.id}`], m);
      }
      if (a.followUpDays && a.satisfied && a.task) await this.addFollowUp(m, a.task, a.followUpDays, now);
      if (a.declineVisits) await this.savePreference(m, t, a.by, true, '业主评价时表示以后不需要回访', now);
      if (!a.satisfied) {
        const people = new Set<string>();
        if (open) {
          dissatisfied = await m.getRepository(Rating).countBy({ ticketId: t.id, satisfied: false });
          const steps = dissatisfactionSteps(dissatisfied, rules.dissatisfaction);
          escalateTo = steps.escalateTo;
          for (const u of await peopleInRole(m, t, steps.notify)) people.add(u.id);
          if (t.assigneeId) people.add(t.assigneeId);
        } else for (const u of await peopleInRole(m, t, ['cs_lead'])) people.add(u.id);
        const times = dissatisfied > 1 ? `第${dissatisfied}次` : '';
        const up = escalateTo ? `，并上移至${ESCALATION_TARGET_LABELS[escalateTo as EscalationTarget]}` : '';
        await this.notifications.notify(
          [...people],
          {
            kind: 'visit_unsatisfied',
            title: `回访不满意：${t.number}`,
            body: open
              ? `业主${times}对处理结果不满意：${excerpt(a.comment ?? '', 60)}。已退回重新处理${up}。`
              : `复访时业主反映问题仍未解决：${excerpt(a.comment ?? '', 60)}。工单已办结，请重新登记处理。`,
            ticketId: t.id,
            page: `/staff/pages/ticket/index?id=${t.id}`,
            dedupeKey: `visit_unsatisfied:${ratingId}`,
            scene: 'staff_escalated',
            fields: { number: t.number, title: excerpt(t.content, 20) },
          },
          m,
        );
      }
    };

    const data = { rating: { id: ratingId, source: a.source, satisfied: a.satisfied } };
    try {
      if (!open) await this.ds.transaction(record);
      else if (a.satisfied) {
        const said = a.comment ? `：${a.comment}` : '';
        const dto = {
          action: 'close' as const,
          satisfied: true,
          note:
            a.source === 'online'
              ? `业主在线评价：满意${said}`
              : `${a.by.name}${VISIT_FORM_LABELS[a.source]}，业主表示满意${said}`,
          version: t.version,
        };
        // A visitor closes a verified ticket in their own name; the resident's own rating, or a visit before
        // the lead verified the handling, is closed by the system from the answer just recorded.
        if (a.by.kind === 'staff' && t.status === 'awaiting_visit')
          await this.lifecycle.act(a.by, t.id, dto as TicketActionDto, now, { within: record, data });
        else await this.lifecycle.actAsSystem(t.id, dto, { within: record, data });
      } else {
        const dto = {
          action: 'reopen' as const,
          reason:
            `${a.source === 'online' ? '业主评价不满意' : `${VISIT_FORM_LABELS[a.source]}不满意`}：${a.comment ?? ''}`.slice(
              0,
              500,
            ),
          version: t.version,
        };
        await this.lifecycle.act(a.by, t.id, dto as TicketActionDto, now, { within: record, data });
      }
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException('这次回访已有结果，请刷新后查看');
      throw e;
    }
    if (escalateTo) await this.escalateAfter(t.id, escalateTo, dissatisfied);
    return { ratingId };
  }

  /** 服务上移 on repeated dissatisfaction; the people concerned were already told with the reopen. */
  private async escalateAfter(ticketId: string, target: EscalationTarget, count: number) {
    try {
      const t = await this.ds.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      if ((ESCALATION_RANK[t.escalationLevel ?? ''] ?? 0) >= ESCALATION_RANK[target]) return;
      await this.lifecycle.actAsSystem(ticketId, {
        action: 'escalate',
        escalateTo: target,
        reason: `第${count}次回访不满意，服务上移`,
      });
    } catch (e) {
      this.log.warn(`could not escalate ticket ${ticketId} after dissatisfaction: ${String(e)}`);
    }
  }

  private async claimUploads(m: EntityManager, ownerId: string, ticketId: string, ids: string[]) {
    if (!ids.length) return;
    if (new Set(ids).size !== ids.length) throw new BadRequestException('同一张照片不能重复添加');
    const res = await m
      .getRepository(Upload)
      .update({ id: In(ids), uploaderId: ownerId, ticketId: IsNull() }, { ticketId });
    if (res.affected !== ids.length) throw new BadRequestException('有照片无效或已被使用，请重新上传');
  }

  /** 必要时多次回访: another visit of the same round, N days from now. */
  private async addFollowUp(m: EntityManager, task: VisitTask, days: number, now: Date) {
    const last = await m
      .getRepository(VisitTask)
      .findOne({ where: { ticketId: task.ticketId, round: task.round }, order: { seq: 'DESC' } });
    await m.getRepository(VisitTask).insert({
      ticketId: task.ticketId,
      companyId: task.companyId,
      projectId: task.projectId,
      round: task.round,
      seq: (last?.seq ?? task.seq) + 1,
      kind: task.kind,
      status: 'open',
      trigger: 'time',
      form: task.form === 'online' ? 'phone' : task.form,
      visitorRole: task.visitorRole,
      complaintLevel: task.complaintLevel,
      repairType: task.repairType,
      basis: `回访人员安排再次回访（${days}日内）`,
      inviteDeadline: null,
      dueAt: visitDueAt(now, { type: 'days', days }),
      createdAt: now,
    });
  }

  // ── staff: lists, one visit, recording attempts ──

  async list(
    user: AuthUser,
    q: {
      scope: 'mine' | 'project';
      due: 'overdue' | 'today' | 'all';
      status: string;
      page: number;
      pageSize: number;
    },
  ) {
    if (user.kind !== 'staff') throw new ForbiddenException('只有物业员工可以查看回访任务');
    if (user.role !== 'hq' && !user.projectId) throw new ForbiddenException('您的账号未分配到小区');
    if (q.scope === 'project' && user.role === 'dept_staff')
      throw new ForbiddenException('全部回访由客服前台、客服主管和项目经理查看');
    const now = this.clock.now();
    const qb = this.ds.getRepository(VisitTask).createQueryBuilder('v');
    if (user.role === 'hq') qb.where('v.companyId = :cid', { cid: user.companyId ?? '-' });
    else qb.where('v.projectId = :pid', { pid: user.projectId });
    if (q.scope === 'mine' && user.role === 'dept_staff') {
      // The handler's own tickets, for the customer-service visits they may do themselves.
      const own = await this.ds
        .getRepository(Ticket)
        .find({ select: { id: true }, where: { assigneeId: user.id, projectId: user.projectId! } });
      qb.andWhere('v.ticketId IN (:...own)', { own: own.length ? own.map((x) => x.id) : ['-'] });
      qb.andWhere('v.visitorRole IN (:...zero)', { zero: ['front_desk', 'dept_staff'] });
    } else if (q.scope === 'mine') qb.andWhere('v.visitorRole = :role', { role: user.role });
    if (q.status === 'all') qb.andWhere('v.status <> :c', { c: 'cancelled' });
    else qb.andWhere('v.status = :st', { st: q.status });
    if (q.due === 'overdue') qb.andWhere('v.dueAt < :now', { now });
    if (q.due === 'today') qb.andWhere('v.dueAt <= :eod', { eod: shanghaiDayEnd(now) });
    const [tasks, total] = await qb
      .orderBy('CASE WHEN v.dueAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('v.dueAt', 'ASC')
      .addOrderBy('v.createdAt', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const tickets = tasks.length
      ? await this.ds.getRepository(Ticket).findBy({ id: In([...new Set(tasks.map((x) => x.ticketId))]) })
      : [];
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const labels = await this.householdLabels(tickets.map((t) => t.householdId));
    const attempts = tasks.length
      ? await this.ds.getRepository(VisitAttempt).find({
          where: { taskId: In(tasks.map((x) => x.id)) },
          order: { createdAt: 'ASC' },
        })
      : [];
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: tasks.map((v) => {
        const t = byId.get(v.ticketId)!;
        const mine = attempts.filter((a) => a.taskId === v.id);
        return {
          ...this.taskSummary(v, now),
          ticket: {
            ...ticketHead(t),
            summary: excerpt(t.content, 80),
            household: t.householdId ? { id: t.householdId, label: labels.get(t.householdId) ?? '' } : null,
            location: t.location,
          },
          attempts: mine.length,
          lastResult: mine.length ? mine[mine.length - 1].result : null,
          lastResultLabel: mine.length
            ? VISIT_RESULT_LABELS[mine[mine.length - 1].result as VisitResult]
            : null,
        };
      }),
    };
  }

  private taskSummary(v: VisitTask, now: Date) {
    return {
      id: v.id,
      ticketId: v.ticketId,
      round: v.round,
      seq: v.seq,
      status: v.status,
      statusLabel: TASK_STATUS_LABELS[v.status],
      trigger: v.trigger,
      form: v.form,
      formLabel: VISIT_FORM_LABELS[v.form as VisitForm],
      visitorRole: v.visitorRole,
      visitorRoleLabel: ROLE_LABELS[v.visitorRole as Role] ?? v.visitorRole,
      complaintLevel: v.complaintLevel,
      complaintLevelLabel: v.complaintLevel
        ? COMPLAINT_LEVEL_LABELS[v.complaintLevel as ComplaintLevel]
        : null,
      repairType: v.repairType,
      repairTypeLabel: v.repairType ? REPAIR_VISIT_TYPE_LABELS[v.repairType as RepairVisitType] : null,
      basis: v.basis,
      inviteDeadline: v.inviteDeadline,
      dueAt: v.dueAt,
      overdue: PENDING.includes(v.status) && !!v.dueAt && v.dueAt.getTime() < now.getTime(),
      outcome: v.outcome,
      doneVia: v.doneVia,
      doneAt: v.doneAt,
      cancelReason: v.cancelReason ? (CANCEL_LABELS[v.cancelReason] ?? v.cancelReason) : null,
    };
  }

  private async householdLabels(ids: (string | null)[]) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(Household).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((h) => [h.id, h.label]));
  }

  private async loadTask(user: AuthUser, id: string) {
    const task = await this.ds.getRepository(VisitTask).findOneBy({ id });
    const t = task ? await this.ds.getRepository(Ticket).findOneBy({ id: task.ticketId }) : null;
    if (!task || !t || !maySeeVisits(user, t)) throw new NotFoundException('没有找到这条回访任务');
    return { task, t };
  }

  /** One visit as the visitor needs it: whom to call, what was done, what to ask, earlier tries. */
  async get(user: AuthUser, id: string) {
    const { task, t } = await this.loadTask(user, id);
    const now = this.clock.now();
    const [attempts, ratings, handled, resident, labels, rules] = await Promise.all([
      this.ds.getRepository(VisitAttempt).find({ where: { taskId: task.id }, order: { createdAt: 'ASC' } }),
      this.ds.getRepository(Rating).find({ where: { ticketId: t.id }, order: { createdAt: 'ASC' } }),
      this.ds
        .getRepository(TicketEvent)
        .findOne({ where: { ticketId: t.id, action: 'mark_handled' }, order: { ticketVersion: 'DESC' } }),
      t.residentId ? this.ds.getRepository(User).findOneBy({ id: t.residentId }) : null,
      this.householdLabels([t.householdId]),
      this.rules(t.projectId),
    ]);
    const phone = t.anonymous ? null : (t.contactPhone ?? resident?.phone ?? null);
    const canRecord = mayVisit(user, task, t) && PENDING.includes(task.status);
    return {
      ...this.taskSummary(task, now),
      ticket: {
        ...ticketHead(t),
        content: t.content,
        household: t.householdId ? { id: t.householdId, label: labels.get(t.householdId) ?? '' } : null,
        location: t.location,
        handledAt: t.handledAt,
        handledNote: handled?.note ?? null,
        reopenCount: t.reopenCount,
        contact: t.anonymous
          ? null
          : { name: t.contactName ?? resident?.name ?? null, phone: canRecord ? phone : maskPhone(phone) },
      },
      questions: RATING_QUESTIONS[t.kind as 'repair' | 'complaint'] ?? [],
      asksCharge: t.kind === 'repair',
      repeatEveryDays: task.repairType
        ? (rules.repair[task.repairType as RepairVisitType]?.repeatEveryDays ?? null)
        : null,
      canRecord,
      attempts: attempts.map((a) => ({
        id: a.id,
        method: a.method,
        methodLabel: VISIT_FORM_LABELS[a.method as VisitForm],
        result: a.result,
        resultLabel: VISIT_RESULT_LABELS[a.result as VisitResult],
        visitorName: a.visitorName,
        note: a.note,
        signatureUrl: a.signatureUploadId ? this.uploads.signedUrl(a.signatureUploadId) : null,
        createdAt: a.createdAt,
      })),
      ratings: ratings.map((r) => this.ratingView(r)),
    };
  }

  ratingView(r: Rating) {
    const photoIds = r.photoIds ? (JSON.parse(r.photoIds) as string[]) : [];
    return {
      id: r.id,
      round: r.round,
      seq: r.seq,
      source: r.source,
      sourceLabel: VISIT_FORM_LABELS[r.source as VisitForm],
      scores: JSON.parse(r.scores) as Record<string, number>,
      average: r.average,
      satisfied: r.satisfied,
      chargeCorrect: r.chargeCorrect,
      comment: r.comment,
      photos: photoIds.map((id) => ({ id, url: this.uploads.signedUrl(id) })),
      createdAt: r.createdAt,
    };
  }

  /** One try at the visit: the answer it got, or that nobody answered, or that the resident refuses visits. */
  async recordAttempt(user: AuthUser, id: string, dto: VisitAttemptDto) {
    const { task, t } = await this.loadTask(user, id);
    if (!mayVisit(user, task, t)) {
      const who = ROLE_LABELS[task.visitorRole as Role] ?? task.visitorRole;
      throw new ForbiddenException(`这次回访应由${who}或更高一级负责`);
    }
    if (!PENDING.includes(task.status))
      throw new ConflictException(`这次回访${TASK_STATUS_LABELS[task.status]}，不能再记录`);
    const answered = dto.result === 'satisfied' || dto.result === 'unsatisfied';
    const note = dto.note?.trim() || null;
    if (dto.method === 'home' && answered && !dto.signatureUploadId)
      throw new BadRequestException('上门回访请业主在手机上签名确认');
    if (dto.result === 'unsatisfied' && !note)
      throw new BadRequestException('请记录业主哪里不满意，以便重新处理');
    if (!answered && (dto.scores || dto.chargeCorrect !== undefined))
      throw new BadRequestException('未得到业主答复时不能记录评分');
    const scores = this.checkScores(t.kind, dto.scores ?? {});
    if (dto.followUpDays && dto.result !== 'satisfied')
      throw new BadRequestException('只有业主满意时才安排再次回访；不满意会重新处理后再回访');
    if (answered) {
      await this.answer({
        t,
        task,
        round: task.round,
        seq: task.seq,
        by: user,
        source: dto.method,
        scores,
        satisfied: dto.result === 'satisfied',
        chargeCorrect: dto.chargeCorrect ?? null,
        comment: note,
        photoIds: [],
        attempt: {
          method: dto.method,
          result: dto.result,
          note,
          signatureUploadId: dto.signatureUploadId ?? null,
        },
        followUpDays: dto.followUpDays,
      });
    } else {
      const now = this.clock.now();
      await this.ds.transaction(async (m) => {
        await m.getRepository(VisitAttempt).insert({
          taskId: task.id,
          ticketId: t.id,
          method: dto.method,
          result: dto.result,
          visitorId: user.id,
          visitorName: user.name,
          note,
          signatureUploadId: null,
          createdAt: now,
        });
        if (dto.result === 'declined') {
          // Recorded so nobody visits again ([003] 回访 6); the ticket closes a week after handling.
          await this.savePreference(m, t, user, true, note ?? '回访时业主表示不接受回访', now);
          await this.cancelPending(m, { ticketId: t.id }, 'declined');
        }
        if (task.seq === 1) await this.rearmAutoClose(m, t, `attempt-${now.getTime()}`);
      });
    }
    return this.get(user, id);
  }

  /** Scores a visitor wrote down: any of the kind's questions, 1–5 each. */
  private checkScores(kind: string, scores: Record<string, unknown>): Record<string, number> {
    const keys = new Set((RATING_QUESTIONS[kind as 'repair' | 'complaint'] ?? []).map((q) => q.key));
    for (const [k, v] of Object.entries(scores)) {
      if (!keys.has(k)) throw new BadRequestException(`没有这个评价项：${k}`);
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 5)
        throw new BadRequestException('每项评分应为1到5分');
    }
    return scores as Record<string, number>;
  }

  /** 下雨了: after-rain visits of the project are due within 24 h. */
  async rained(user: AuthUser) {
    if (
      user.kind !== 'staff' ||
      !user.projectId ||
      !['front_desk', 'cs_lead', 'project_manager'].includes(user.role)
    )
      throw new ForbiddenException('由客服前台、客服主管或项目经理登记降雨');
    const now = this.clock.now();
    const dueAt = new Date(now.getTime() + 24 * 3600_000);
    return this.ds.transaction(async (m) => {
      const tasks = await m.getRepository(VisitTask).findBy({
        projectId: user.projectId!,
        trigger: 'after_rain',
        status: 'open',
        dueAt: IsNull(),
      });
      for (const task of tasks) {
        await m.getRepository(VisitTask).update({ id: task.id }, { dueAt });
        const t = await m.getRepository(Ticket).findOneByOrFail({ id: task.ticketId });
        await this.notifyVisitors(m, t, { ...task, dueAt } as VisitTask);
      }
      return { due: tasks.length, dueAt };
    });
  }

  // ── the lead: levels, sensitive complaints, corrections; a ticket's visits at a glance ──

  async ticketVisits(user: AuthUser, ticketId: string) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t || !maySeeVisits(user, t)) throw new NotFoundException('没有找到这条反馈');
    const now = this.clock.now();
    const m = this.ds.manager;
    const settings = await m.getRepository(TicketVisitSettings).findOneBy({ ticketId: t.id });
    const exemption = await this.exemptionOf(m, t);
    const tasks = await m
      .getRepository(VisitTask)
      .find({ where: { ticketId: t.id }, order: { round: 'ASC', seq: 'ASC' } });
    const ratings = await m
      .getRepository(Rating)
      .find({ where: { ticketId: t.id }, order: { createdAt: 'ASC' } });
    const level = t.kind === 'complaint' ? await this.levelOf(m, t, settings) : null;
    return {
      ticketId: t.id,
      kind: t.kind,
      visited: isVisitedKind(t.kind),
      exemption,
      exemptionLabel: exemption ? VISIT_EXEMPTION_LABELS[exemption] : null,
      complaintLevel: level && { ...level, label: COMPLAINT_LEVEL_LABELS[level.level] },
      settings: {
        complaintLevel: settings?.complaintLevel ?? null,
        sensitive: !!settings?.sensitive,
        repairType: settings?.repairType ?? null,
        rainCaused: settings?.rainCaused ?? null,
        note: settings?.note ?? null,
      },
      reopenCount: t.reopenCount,
      dissatisfactions: ratings.filter((r) => !r.satisfied).length,
      canLead: isLead(user, t),
      tasks: tasks.map((v) => this.taskSummary(v, now)),
      ratings: ratings.map((r) => this.ratingView(r)),
    };
  }

  async updateSettings(user: AuthUser, ticketId: string, dto: VisitSettingsDto) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    if (!isLead(user, t)) throw new ForbiddenException('只有客服主管、项目经理可以调整回访安排');
    if (dto.complaintLevel !== undefined && t.kind !== 'complaint')
      throw new BadRequestException('只有投诉才有投诉等级');
    if ((dto.repairType !== undefined || dto.rainCaused !== undefined) && t.kind !== 'repair')
      throw new BadRequestException('只有报修才有维修类别');
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(TicketVisitSettings);
      const before = await repo.findOneBy({ ticketId: t.id });
      const next = {
        complaintLevel:
          dto.complaintLevel !== undefined ? dto.complaintLevel : (before?.complaintLevel ?? null),
        sensitive: dto.sensitive ?? before?.sensitive ?? false,
        repairType: dto.repairType !== undefined ? dto.repairType : (before?.repairType ?? null),
        rainCaused: dto.rainCaused !== undefined ? dto.rainCaused : (before?.rainCaused ?? null),
        note: dto.note ?? before?.note ?? null,
        updatedById: user.id,
      };
      if (before) await repo.update({ ticketId: t.id }, next);
      else await repo.insert({ ticketId: t.id, ...next });
      if (!VISITABLE.includes(t.status) || !t.handledAt) return; // applies when it is next handled
      if (next.sensitive && !before?.sensitive) {
        await this.cancelPending(m, { ticketId: t.id }, 'sensitive');
        await this.rearmAutoClose(m, t, `sensitive-${now.getTime()}`);
        return;
      }
      const replan =
        (!next.sensitive && !!before?.sensitive) ||
        next.complaintLevel !== (before?.complaintLevel ?? null) ||
        next.repairType !== (before?.repairType ?? null) ||
        next.rainCaused !== (before?.rainCaused ?? null);
      if (replan) await this.replan(m, t, now);
    });
    return this.ticketVisits(user, t.id);
  }

  /**
   * The lead changed what the plan depends on: a round nobody has visited yet is planned again; once a
   * visit happened its record stays and only the visitor of what is left follows the new level.
   */
  private async replan(m: EntityManager, t: Ticket, now: Date) {
    const round = t.reopenCount;
    const tasks = await m.getRepository(VisitTask).findBy({ ticketId: t.id, round });
    const tried = tasks.length
      ? await m.getRepository(VisitAttempt).countBy({ taskId: In(tasks.map((x) => x.id)) })
      : 0;
    if (await this.exemptionOf(m, t)) return;
    if (!tried && tasks.every((x) => x.status !== 'done')) {
      if (tasks.length) {
        await this.jobs.cancel(
          tasks.map((x) => `${OPEN_JOB}:${x.id}`),
          m,
        );
        await m.getRepository(VisitTask).delete({ id: In(tasks.map((x) => x.id)) });
      }
      await this.insertPlan(m, t, t.handledAt!, now);
      return;
    }
    if (t.kind !== 'complaint') return;
    const { level } = await this.levelOf(m, t);
    const rule = (await this.rules(t.projectId, m)).complaint[level];
    await m
      .getRepository(VisitTask)
      .update(
        { ticketId: t.id, round, status: In(PENDING) },
        { complaintLevel: level, visitorRole: rule.visitorRole, form: rule.form },
      );
  }

  // ── the household's refusal of visits ──

  private async householdAccess(user: AuthUser, householdId: string) {
    const h = await this.ds.getRepository(Household).findOneBy({ id: householdId });
    if (!h) throw new NotFoundException('没有找到这户');
    const project = await this.ds.getRepository(Project).findOneByOrFail({ id: h.projectId });
    if (user.kind === 'resident') {
      const bound = await this.ds
        .getRepository(HouseholdBinding)
        .findOneBy({ userId: user.id, householdId, status: 'approved' });
      if (!bound) throw new ForbiddenException('只能设置您自己房屋的回访意愿');
    } else if (
      !inScope(user, { projectId: h.projectId, companyId: project.companyId }) ||
      user.role === 'dept_staff'
    ) {
      throw new ForbiddenException('由客服前台、客服主管或项目经理记录业主的回访意愿');
    }
    return h;
  }

  async preference(user: AuthUser, householdId: string) {
    await this.householdAccess(user, householdId);
    const row = await this.ds.getRepository(VisitPreference).findOneBy({ householdId });
    return this.preferenceView(householdId, row);
  }

  async setPreference(user: AuthUser, householdId: string, dto: VisitPreferenceDto) {
    await this.householdAccess(user, householdId);
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      await this.upsertPreference(m, { householdId }, dto.noVisit, dto.note ?? null, user.id, now);
      if (!dto.noVisit) return;
      const open = await m.getRepository(Ticket).findBy({ householdId, status: In(VISITABLE as string[]) });
      for (const t of open) {
        await this.cancelPending(m, { ticketId: t.id }, 'declined');
        await this.rearmAutoClose(m, t, `declined-${now.getTime()}`);
      }
    });
    return this.preference(user, householdId);
  }

  private async preferenceView(householdId: string, row: VisitPreference | null) {
    const by = row ? await this.ds.getRepository(User).findOneBy({ id: row.recordedById }) : null;
    return {
      householdId,
      noVisit: !!row?.noVisit,
      note: row?.note ?? null,
      recordedBy: by?.name ?? null,
      recordedAt: row?.recordedAt ?? null,
    };
  }

  /** Kept on the household's profile, or the resident's when the ticket names no household. */
  private async savePreference(
    m: EntityManager,
    t: Ticket,
    by: AuthUser,
    noVisit: boolean,
    note: string,
    now: Date,
  ) {
    const key = t.householdId
      ? { householdId: t.householdId }
      : t.residentId
        ? { userId: t.residentId }
        : null;
    if (key) await this.upsertPreference(m, key, noVisit, note, by.id, now);
  }

  private async upsertPreference(
    m: EntityManager,
    key: { householdId: string } | { userId: string },
    noVisit: boolean,
    note: string | null,
    byId: string,
    now: Date,
  ) {
    const repo = m.getRepository(VisitPreference);
    const row = await repo.findOneBy(key);
    const fields = { noVisit, note: note?.slice(0, 200) ?? null, recordedById: byId, recordedAt: now };
    if (row) await repo.update({ id: row.id }, fields);
    else await repo.insert({ householdId: null, userId: null, ...key, ...fields });
  }

  // ── the project's rules ──

  async projectRules(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看回访规则');
    const row = await this.ds.getRepository(VisitRuleSet).findOneBy({ projectId: user.projectId });
    return {
      overrides: row ? (JSON.parse(row.overrides) as VisitRuleOverrides) : {},
      effective: await this.rules(user.projectId),
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async setProjectRules(user: AuthUser, overrides: Record<string, unknown>) {
    if (user.kind !== 'staff' || !user.projectId || !['cs_lead', 'project_manager'].includes(user.role))
      throw new ForbiddenException('回访规则由客服主管或项目经理调整');
    try {
      resolveVisitRules(overrides as VisitRuleOverrides);
    } catch (e) {
      throw new BadRequestException(e instanceof Error ? e.message : '回访规则不正确');
    }
    const repo = this.ds.getRepository(VisitRuleSet);
    const fields = { overrides: JSON.stringify(overrides), updatedById: user.id };
    if (await repo.findOneBy({ projectId: user.projectId }))
      await repo.update({ projectId: user.projectId }, fields);
    else await repo.insert({ projectId: user.projectId, ...fields });
    this.ruleCache.delete(user.projectId);
    return this.projectRules(user);
  }

  /** The open (invited or staff) first visit of the ticket's current round, if any. */
  currentTask(m: EntityManager, t: Ticket) {
    return m.getRepository(VisitTask).findOneBy({ ticketId: t.id, round: t.reopenCount, seq: 1 });
  }
}
