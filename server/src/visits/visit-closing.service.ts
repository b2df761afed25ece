import { BadRequestException, ConflictException, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ESCALATION_TARGET_LABELS,
  EscalationTarget,
  VISIT_FORM_LABELS,
  VisitForm,
  VisitResult,
  autoCloseReason,
  describeCloseWindow,
  dissatisfactionSteps,
  ratingAverage,
  visitDueAt,
} from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { newId } from '../common/entity-helpers';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Ticket } from '../tickets/entities';
import { TicketActionDto } from '../tickets/lifecycle.dto';
import { LifecycleService } from '../tickets/lifecycle.service';
import { VisitTask } from './entities';
import { RatingsRepository } from './repositories/ratings.repository';
import { VisitTasksRepository } from './repositories/visit-tasks.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { VisitTransactions } from './repositories/transactions';
import { VisitPlansService } from './visit-plans.service';
import { VisitPreferencesService } from './visit-preferences.service';
import { VisitRulesService } from './visit-rules.service';
import { AUTO_CLOSE_JOB, OPEN_JOB, VISITABLE, excerpt, staffVisitPage } from './visit-terms';

const ESCALATION_RANK: Record<string, number> = { cs_lead: 1, project_manager: 2, hq: 3 };

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
 * Closing 办结 after the return visit (docs/domain-rules.md "Closing"): the resident's answer closes the ticket when
 * satisfied and reopens it when not (and the n-th dissatisfaction goes up, 服务上移); where no visit is made
 * the ticket closes itself a week after handling with the reason — never by inventing satisfaction — and
 * while a visit is still owed it stays open and the lead is told.
 */
@Injectable()
export class VisitClosingService implements OnModuleInit {
  private readonly log = new Logger('Visits');

  constructor(
    private readonly tx: VisitTransactions,
    private readonly tasks: VisitTasksRepository,
    private readonly ratings: RatingsRepository,
    private readonly tickets: VisitTicketsRepository,
    private readonly rules: VisitRulesService,
    private readonly plans: VisitPlansService,
    private readonly preferences: VisitPreferencesService,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    private readonly lifecycle: LifecycleService,
  ) {}

  onModuleInit() {
    this.jobs.handle(AUTO_CLOSE_JOB, (p) => this.autoClose(String(p.ticketId), Number(p.round)));
  }

  /**
   * A week after handling: closes with the no-visit reason (exempt, refused, never reachable); a visit still
   * owed keeps it open and the lead hears about it. A repeat complaint has reopened it meanwhile (status).
   */
  private async autoClose(ticketId: string, round: number) {
    const t = await this.tickets.find(ticketId);
    if (!t || !VISITABLE.includes(t.status) || t.reopenCount !== round) return;
    const exemption = await this.plans.exemptionOf(t);
    const first = await this.tasks.firstOfRound(ticketId, round);
    const attempts = first ? await this.tasks.attemptsOf(first.id) : [];
    const reason = autoCloseReason({
      exemption,
      attempts: attempts.map((a) => ({ result: a.result as VisitResult, at: a.createdAt })),
    });
    if (!reason) {
      const leads = await this.tickets.peopleInRole(t, ['cs_lead']);
      await this.notifications.notify(
        leads.map((u) => u.id),
        {
          kind: 'visit_overdue',
          title: `回访未完成：${t.number}`,
          body: `处理完毕已满${describeCloseWindow((await this.rules.closing(t.projectId)).window)}，回访仍未完成，工单不会自动办结；请尽快安排回访（联系不上的，须在两天内至少尝试三次）。`,
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

  /**
   * Records the resident's answer and what it sets off, in one transaction: satisfied closes the ticket,
   * unsatisfied reopens it to its handler with the lead told; the n-th dissatisfaction also goes up.
   */
  async answer(a: VisitAnswer): Promise<{ ratingId: string }> {
    const { t } = a;
    const now = this.clock.now();
    const rules = await this.rules.rules(t.projectId);
    const ratingId = newId();
    const attemptId = a.attempt ? newId() : null;
    const open = VISITABLE.includes(t.status) && a.round === t.reopenCount;
    let escalateTo: EscalationTarget | null = null;
    let dissatisfied = 0;

    const record = async (m: EntityManager) => {
      if (a.attempt)
        await this.tasks.insertAttempt(m, {
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
      await this.ratings.insert(m, {
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
        const done = await this.tasks.markDone(m, a.task.id, {
          outcome: a.satisfied ? 'satisfied' : 'unsatisfied',
          doneVia: a.source,
          doneAt: now,
          doneById: a.by.id,
        });
        if (!done) throw new ConflictException('这次回访已有结果，请刷新后查看');
        await this.jobs.cancel([`${OPEN_JOB}:${a.task.id}`], m);
      }
      if (a.followUpDays && a.satisfied && a.task) await this.addFollowUp(m, a.task, a.followUpDays, now);
      if (a.declineVisits)
        await this.preferences.savePreference(m, t, a.by, true, '业主评价时表示以后不需要回访', now);
      if (!a.satisfied) {
        const people = new Set<string>();
        if (open) {
          dissatisfied = await this.ratings.countUnsatisfied(m, t.id);
          const steps = dissatisfactionSteps(dissatisfied, rules.dissatisfaction);
          escalateTo = steps.escalateTo;
          for (const u of await this.tickets.peopleInRole(t, steps.notify, m)) people.add(u.id);
          if (t.assigneeId) people.add(t.assigneeId);
        } else for (const u of await this.tickets.peopleInRole(t, ['cs_lead'], m)) people.add(u.id);
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
      if (!open) await this.tx.run(record);
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
      const t = await this.tickets.get(ticketId);
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

  /** The rating's photos (and a home visit's signature) become the ticket's: each once, and only the uploader's. */
  private async claimUploads(m: EntityManager, ownerId: string, ticketId: string, ids: string[]) {
    if (!ids.length) return;
    if (new Set(ids).size !== ids.length) throw new BadRequestException('同一张照片不能重复添加');
    if ((await this.ratings.claimUploads(m, ownerId, ticketId, ids)) !== ids.length)
      throw new BadRequestException('有照片无效或已被使用，请重新上传');
  }

  /** 必要时多次回访: another visit of the same round, N days from now. */
  private async addFollowUp(m: EntityManager, task: VisitTask, days: number, now: Date) {
    const last = await this.tasks.lastOfRound(m, task.ticketId, task.round);
    await this.tasks.insert(m, {
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
}
