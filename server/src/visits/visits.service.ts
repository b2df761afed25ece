import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  RATING_QUESTIONS,
  ROLE_LABELS,
  RepairVisitType,
  Role,
  VISIT_FORM_LABELS,
  VISIT_RESULT_LABELS,
  VisitForm,
  VisitResult,
  describeCloseWindow,
  shanghaiDayEnd,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { UploadsService } from '../storage/uploads.service';
import { maskPhone } from '../tickets/tickets.service';
import { maySeeVisits, mayVisit } from './access';
import { allowed } from '../common/permissions';
import { VISIT_PERMISSIONS } from './permissions';
import { Ticket } from '../tickets/entities';
import { VisitAttemptDto } from './dto';
import { VisitTask } from './entities';
import { RatingsRepository } from './repositories/ratings.repository';
import { VisitHouseholdsRepository } from './repositories/visit-households.repository';
import { VisitTaskFilter, VisitTasksRepository } from './repositories/visit-tasks.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { VisitTransactions } from './repositories/transactions';
import { ticketHead } from './ticket-head';
import { VisitClosingService } from './visit-closing.service';
import { VisitPlansService } from './visit-plans.service';
import { VisitPreferencesService } from './visit-preferences.service';
import { VisitRulesService } from './visit-rules.service';
import { PENDING, TASK_STATUS_LABELS, excerpt, ratingView, taskSummary } from './visit-terms';

/**
 * Return visit tasks 回访任务 as staff work them: the visits due (mine or the project's), one visit with whom
 * to call and what to ask, each try at it — answered, unreachable, or refused — and rain, which makes the
 * after-rain visits of seepage repairs due.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly tx: VisitTransactions,
    private readonly tasks: VisitTasksRepository,
    private readonly ratings: RatingsRepository,
    private readonly tickets: VisitTicketsRepository,
    private readonly households: VisitHouseholdsRepository,
    private readonly rules: VisitRulesService,
    private readonly plans: VisitPlansService,
    private readonly preferences: VisitPreferencesService,
    private readonly closing: VisitClosingService,
    private readonly uploads: UploadsService,
    private readonly clock: Clock,
  ) {}

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
    if (!allowed(VISIT_PERMISSIONS.anyProjectOfCompany, user) && !user.projectId)
      throw new ForbiddenException('您的账号未分配到小区');
    if (q.scope === 'project' && !allowed(VISIT_PERMISSIONS.visit, user))
      throw new ForbiddenException('全部回访由客服前台、客服主管和项目经理查看');
    const now = this.clock.now();
    const filter: VisitTaskFilter = {
      where: allowed(VISIT_PERMISSIONS.anyProjectOfCompany, user)
        ? { companyId: user.companyId ?? '-' }
        : { projectId: user.projectId! },
      status: q.status === 'all' ? null : q.status,
      dueBefore: q.due === 'overdue' ? now : undefined,
      dueBy: q.due === 'today' ? shanghaiDayEnd(now) : undefined,
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    };
    if (q.scope === 'mine' && !allowed(VISIT_PERMISSIONS.visit, user)) {
      // Department staff: the handler's own tickets, for the customer-service visits they may do themselves.
      filter.ticketIds = await this.tickets.idsAssignedTo(user.id, user.projectId!);
      filter.visitorRoles = ['front_desk', 'dept_staff'];
    } else if (q.scope === 'mine') filter.visitorRoles = [user.role];
    const [tasks, total] = await this.tasks.page(filter);
    const tickets = tasks.length ? await this.tickets.byIds([...new Set(tasks.map((x) => x.ticketId))]) : [];
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const labels = await this.households.labels(tickets.map((t) => (t.anonymous ? null : t.householdId)));
    const attempts = tasks.length ? await this.tasks.attemptsOfTasks(tasks.map((x) => x.id)) : [];
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: tasks.map((v) => {
        const t = byId.get(v.ticketId)!;
        const mine = attempts.filter((a) => a.taskId === v.id);
        return {
          ...taskSummary(v, now),
          ticket: {
            ...ticketHead(t),
            summary: excerpt(t.content, 80),
            household: householdOf(t, labels),
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

  private async loadTask(user: AuthUser, id: string) {
    const task = await this.tasks.find(id);
    const t = task ? await this.tickets.find(task.ticketId) : null;
    if (!task || !t || !maySeeVisits(user, t)) throw new NotFoundException('没有找到这条回访任务');
    return { task, t };
  }

  /** One visit as the visitor needs it: whom to call, what was done, what to ask, earlier tries. */
  async get(user: AuthUser, id: string) {
    const { task, t } = await this.loadTask(user, id);
    const now = this.clock.now();
    const [attempts, ratings, handled, resident, labels, rules, closing] = await Promise.all([
      this.tasks.attemptsOf(task.id),
      this.ratings.ofTicket(t.id),
      this.tickets.lastHandled(t.id),
      t.residentId ? this.households.person(t.residentId) : null,
      this.households.labels([t.anonymous ? null : t.householdId]),
      this.rules.rules(t.projectId),
      this.rules.closing(t.projectId),
    ]);
    const phone = t.anonymous ? null : (t.contactPhone ?? resident?.phone ?? null);
    const canRecord = mayVisit(user, task, t) && PENDING.includes(task.status);
    return {
      ...taskSummary(task, now),
      ticket: {
        ...ticketHead(t),
        content: t.content,
        household: householdOf(t, labels),
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
      /** The project's close window in words ('7天', '5个工作日'): a ticket not visited closes once it has passed. */
      closeWindowLabel: describeCloseWindow(closing.window),
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
      ratings: ratings.map((r) => ratingView(r, (uploadId) => this.uploads.signedUrl(uploadId))),
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
      await this.closing.answer({
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
      await this.tx.run(async (m) => {
        await this.tasks.insertAttempt(m, {
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
          // Recorded so nobody visits again (the customer-service handbook, 回访 6); the ticket closes a week after handling.
          await this.preferences.savePreference(m, t, user, true, note ?? '回访时业主表示不接受回访', now);
          await this.plans.cancelPending(m, { ticketId: t.id }, 'declined');
        }
        if (task.seq === 1) await this.plans.rearmAutoClose(m, t, `attempt-${now.getTime()}`);
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
    if (user.kind !== 'staff' || !user.projectId || !allowed(VISIT_PERMISSIONS.recordRain, user))
      throw new ForbiddenException('由客服前台、客服主管或项目经理登记降雨');
    const now = this.clock.now();
    const dueAt = new Date(now.getTime() + 24 * 3600_000);
    return this.tx.run(async (m) => {
      const tasks = await this.tasks.undatedAfterRain(m, user.projectId!);
      for (const task of tasks) {
        await this.tasks.setDue(m, task.id, dueAt);
        const t = await this.tickets.get(task.ticketId, m);
        await this.plans.notifyVisitors(m, t, { ...task, dueAt } as VisitTask);
      }
      return { due: tasks.length, dueAt };
    });
  }
}

/**
 * The flat a visit shows: none for an anonymous ticket, also an older one that still holds a flat
 * (docs/domain-rules.md "What each person sees").
 */
function householdOf(t: Ticket, labels: Map<string, string>) {
  return t.householdId && !t.anonymous ? { id: t.householdId, label: labels.get(t.householdId) ?? '' } : null;
}
