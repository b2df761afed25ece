import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { RATING_QUESTIONS, describeCloseWindow, isVisitedKind, validateRating } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { UploadsService } from '../storage/uploads.service';
import { Ticket } from '../tickets/entities';
import { TicketsService } from '../tickets/tickets.service';
import { isStaleVersion } from '../tickets/lifecycle.service';
import { RatingDto } from './dto';
import { Rating } from './entities';
import { RatingsRepository } from './repositories/ratings.repository';
import { VisitTasksRepository } from './repositories/visit-tasks.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { ticketHead } from './ticket-head';
import { VisitRulesService } from './visit-rules.service';
import { VisitClosingService } from './visit-closing.service';
import { PENDING, ratingView } from './visit-terms';

/**
 * The resident's rating 评价 of a handled ticket: the online form of the return visit (网上回函, (the return-visit handbook)).
 * Only the resident who filed it rates it, within the week after handling in which they may still ask for it
 * to be handled again; satisfied closes it, unsatisfied reopens it.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly tasks: VisitTasksRepository,
    private readonly ticketRows: VisitTicketsRepository,
    private readonly closing: VisitClosingService,
    private readonly clock: Clock,
    private readonly tickets: TicketsService,
    private readonly uploads: UploadsService,
    private readonly rules: VisitRulesService,
  ) {}

  /** Whether this person may rate the ticket now, and if not, why (in Chinese). */
  private async state(user: AuthUser, t: Ticket) {
    // The open (invited or staff) first visit of the ticket's current round, and its answer, if any.
    const task = await this.tasks.firstOfRound(t.id, t.reopenCount);
    const rated = await this.ratings.ofVisit(t.id, t.reopenCount, 1);
    const now = this.clock.nowMs();
    const closing = await this.rules.closing(t.projectId);
    const closesAt = t.handledAt ? closing.endsAt(t.handledAt) : null;
    let reason: string | null = null;
    if (!isVisitedKind(t.kind)) reason = '这类反馈无需评价';
    else if (user.kind !== 'resident' || t.residentId !== user.id)
      reason = '只有提交这条反馈的业主本人可以评价';
    else if (rated)
      reason = rated.source === 'online' ? '您已评价过，感谢您的反馈' : '工作人员已完成回访，感谢您的反馈';
    else if (task?.status === 'done') reason = '工作人员已完成回访';
    else if (t.status === 'closed') reason = '工单已办结';
    else if (t.status === 'cancelled') reason = '工单已撤销';
    else if (t.status !== 'handled' && t.status !== 'awaiting_visit')
      // Rated an earlier round (not satisfied, so it was taken up again): thanked, not told to wait for handling.
      reason = (await this.ratings.latestOf(t.id))
        ? '感谢您的评价！我们已重新安排处理，处理完毕后您可以再次评价'
        : '工单处理完毕后才能评价';
    else if (closesAt && now > closesAt.getTime())
      reason = `处理完毕已超过${describeCloseWindow(closing.window)}，评价已截止；如问题仍然存在，请重新提交反馈`;
    return { canRate: !reason, reason, task, rated, closesAt };
  }

  async get(user: AuthUser, ticketId: string) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    const st = await this.state(user, t);
    const handled = await this.ticketRows.lastHandled(t.id);
    const latest = await this.ratings.latestOf(t.id);
    const kind = isVisitedKind(t.kind) ? t.kind : null;
    return {
      ticket: {
        ...ticketHead(t),
        content: t.content,
        handledAt: t.handledAt,
        handledNote: handled?.note ?? null,
        version: t.version,
      },
      canRate: st.canRate,
      reason: st.reason,
      /** Answer by then; afterwards staff visit (the rating page stays open until `closesAt`). */
      inviteDeadline: st.task?.inviteDeadline ?? null,
      closesAt: st.closesAt,
      questions: kind ? RATING_QUESTIONS[kind] : [],
      asksCharge: kind === 'repair',
      rating: latest ? this.view(latest) : null,
    };
  }

  /**
   * The resident's rating. They send no version: when a system move (a visit or deadline job) changed the ticket
   * between the read and the rating's transaction, the rating is tried again on the ticket as it is now, and
   * answers as that state allows (already closed: not open any more).
   */
  async rate(user: AuthUser, ticketId: string, dto: RatingDto) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.rateOnce(user, ticketId, dto);
      } catch (e) {
        if (!isStaleVersion(e) || attempt >= 3) throw e;
      }
    }
  }

  private async rateOnce(user: AuthUser, ticketId: string, dto: RatingDto) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    if (user.kind !== 'resident' || t.residentId !== user.id)
      throw new ForbiddenException('只能评价您本人提交的反馈');
    const st = await this.state(user, t);
    if (st.rated)
      throw new ConflictException({
        message: st.reason,
        code: 'already_rated',
        rating: this.view(st.rated),
      });
    if (!st.canRate) throw new ConflictException({ message: st.reason, code: 'not_open' });
    const kind = t.kind as 'repair' | 'complaint';
    const comment = dto.comment?.trim() || null;
    const problem = validateRating(kind, {
      scores: dto.scores,
      satisfied: dto.satisfied,
      chargeCorrect: dto.chargeCorrect ?? null,
      comment: comment ?? '',
      photoIds: dto.photoIds,
    });
    if (problem) throw new BadRequestException({ message: problem, code: 'invalid_rating' });
    await this.closing.answer({
      t,
      task: st.task && PENDING.includes(st.task.status) ? st.task : null,
      round: t.reopenCount,
      seq: 1,
      by: user,
      source: 'online',
      scores: dto.scores,
      satisfied: dto.satisfied,
      chargeCorrect: dto.chargeCorrect ?? null,
      comment,
      photoIds: dto.photoIds ?? [],
      declineVisits: dto.declineVisits,
    });
    return this.get(user, ticketId);
  }

  private view(r: Rating) {
    return ratingView(r, (id) => this.uploads.signedUrl(id));
  }
}
