import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  EscalationTarget,
  RepairVisitType,
  TICKET_KIND_LABELS,
  TicketKind,
  VISIT_FORM_LABELS,
  VisitExemption,
  VisitForm,
  deriveComplaintLevel,
  formatShanghai,
  isComplaintLevel,
  isVisitedKind,
  planVisits,
  visitExemption,
} from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { TicketChange, TicketHooks } from '../events/ticket-hooks';
import { Clock } from '../common/clock';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Ticket } from '../tickets/entities';
import { TicketVisitSettings, VisitTask } from './entities';
import { TicketVisitSettingsRepository } from './repositories/ticket-visit-settings.repository';
import { VisitPreferencesRepository } from './repositories/visit-preferences.repository';
import { VisitTasksRepository } from './repositories/visit-tasks.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { VisitTransactions } from './repositories/transactions';
import { VisitRulesService } from './visit-rules.service';
import {
  AUTO_CLOSE_JOB,
  CANCEL_LABELS,
  OPEN_JOB,
  VISITABLE,
  excerpt,
  ratePage,
  staffVisitPage,
} from './visit-terms';

/**
 * Planning return visits 回访计划 (docs/domain-rules.md "Return visits"): when a complaint or repair is handled the resident
 * is invited to rate it and the visits the handbook's schedule asks for are planned — unless the ticket is
 * exempt (resolved on the spot, anonymous without contact, sensitive, refused) — and its closing check is set
 * a week later; an unanswered invitation becomes a staff visit; reopening, cancelling or closing the ticket
 * cancels what is no longer owed, and a change of what the plan depends on plans the round again.
 */
@Injectable()
export class VisitPlansService implements OnModuleInit {
  constructor(
    private readonly tx: VisitTransactions,
    private readonly tasks: VisitTasksRepository,
    private readonly settings: TicketVisitSettingsRepository,
    private readonly preferences: VisitPreferencesRepository,
    private readonly tickets: VisitTicketsRepository,
    private readonly rules: VisitRulesService,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly hooks: TicketHooks,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.hooks.listen('visits', (m, c) => this.onTicketChange(m, c));
    this.jobs.handle(OPEN_JOB, (p) => this.openInvited(String(p.taskId)));
  }

  // ── facts the plan depends on ──

  /** The resident or their household asked not to be visited. */
  declined(t: Ticket, m?: EntityManager): Promise<boolean> {
    return this.preferences.refused({ householdId: t.householdId, userId: t.residentId }, m);
  }

  async exemptionOf(t: Ticket, m?: EntityManager): Promise<VisitExemption | null> {
    const settings = await this.settings.of(t.id, m);
    const onSpot = t.status === 'closed' && (await this.tickets.resolvedOnSpot(t.id, m));
    return visitExemption({
      resolvedOnSpot: onSpot,
      anonymous: t.anonymous,
      hasContact: !!t.residentId || !!t.contactPhone,
      sensitive: !!settings?.sensitive,
      declined: await this.declined(t, m),
    });
  }

  /** The complaint level in force: the lead's, or derived from the ticket's flags. */
  async levelOf(t: Ticket, m?: EntityManager, settings?: TicketVisitSettings | null) {
    const s = settings === undefined ? await this.settings.of(t.id, m) : settings;
    if (s && isComplaintLevel(s.complaintLevel))
      return { level: s.complaintLevel, source: 'lead' as const, reason: '客服主管设定' };
    const hot = t.incidentId ? await this.tickets.incidentIsHot(t.incidentId, m) : false;
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

  /**
   * A ticket was handled: its auto-close check when the project's close window ends (a week by default), and
   * unless exempt, its visits and invitation.
   */
  private async planRound(m: EntityManager, t: Ticket, now: Date) {
    if (!isVisitedKind(t.kind)) return;
    const handledAt = t.handledAt ?? now;
    const closing = await this.rules.closing(t.projectId, m);
    await this.jobs.schedule(
      {
        type: AUTO_CLOSE_JOB,
        key: `${AUTO_CLOSE_JOB}:${t.id}:r${t.reopenCount}`,
        runAt: closing.endsAt(handledAt),
        payload: { ticketId: t.id, round: t.reopenCount },
      },
      m,
    );
    if (await this.exemptionOf(t, m)) return;
    await this.insertPlan(m, t, handledAt, now);
  }

  private async insertPlan(m: EntityManager, t: Ticket, handledAt: Date, now: Date) {
    const settings = await this.settings.of(t.id, m);
    const rules = await this.rules.rules(t.projectId, m);
    const level = t.kind === 'complaint' ? (await this.levelOf(t, m, settings)).level : undefined;
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
      const task = this.tasks.draft({
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
      await this.tasks.insert(m, task);
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

  /** Tells the people of the visit's role that it is theirs to make, and by when. */
  async notifyVisitors(m: EntityManager, t: Ticket, task: VisitTask) {
    const people = await this.tickets.peopleInRole(t, [task.visitorRole], m);
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
  async cancelPending(
    m: EntityManager,
    where: { ticketId: string; round?: number; seq?: number },
    reason: keyof typeof CANCEL_LABELS,
  ) {
    const tasks = await this.tasks.pending(m, where);
    if (!tasks.length) return;
    await this.tasks.cancelPending(
      m,
      tasks.map((x) => x.id),
      reason,
    );
    await this.jobs.cancel(
      tasks.map((x) => `${OPEN_JOB}:${x.id}`),
      m,
    );
  }

  /** A no-visit reason appeared after the close window had passed: check closing again now. */
  async rearmAutoClose(m: EntityManager, t: Ticket, why: string) {
    if (!VISITABLE.includes(t.status) || !t.handledAt) return;
    const due = (await this.rules.closing(t.projectId, m)).endsAt(t.handledAt).getTime();
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

  /** The invitation went unanswered: the visit becomes the visitors' task. */
  private async openInvited(taskId: string) {
    const task = await this.tasks.find(taskId);
    if (!task || task.status !== 'invited') return;
    const t = await this.tickets.get(task.ticketId);
    await this.tx.run(async (m) => {
      if (await this.tasks.openInvited(m, task.id))
        await this.notifyVisitors(m, t, { ...task, status: 'open' } as VisitTask);
    });
  }

  /**
   * The lead changed what the plan depends on: a round nobody has visited yet is planned again; once a
   * visit happened its record stays and only the visitor of what is left follows the new level.
   */
  async replan(m: EntityManager, t: Ticket, now: Date) {
    const round = t.reopenCount;
    const tasks = await this.tasks.ofRound(m, t.id, round);
    const tried = tasks.length
      ? await this.tasks.countAttempts(
          m,
          tasks.map((x) => x.id),
        )
      : 0;
    if (await this.exemptionOf(t, m)) return;
    if (!tried && tasks.every((x) => x.status !== 'done')) {
      if (tasks.length) {
        await this.jobs.cancel(
          tasks.map((x) => `${OPEN_JOB}:${x.id}`),
          m,
        );
        await this.tasks.delete(
          m,
          tasks.map((x) => x.id),
        );
      }
      await this.insertPlan(m, t, t.handledAt!, now);
      return;
    }
    if (t.kind !== 'complaint') return;
    const { level } = await this.levelOf(t, m);
    const rule = (await this.rules.rules(t.projectId, m)).complaint[level];
    await this.tasks.updatePendingOfRound(m, t.id, round, {
      complaintLevel: level,
      visitorRole: rule.visitorRole,
      form: rule.form,
    });
  }
}
