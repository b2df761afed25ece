import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { COMPLAINT_LEVEL_LABELS, VISIT_EXEMPTION_LABELS, isVisitedKind } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { UploadsService } from '../storage/uploads.service';
import { TicketsService } from '../tickets/tickets.service';
import { isLead, maySeeVisits } from './access';
import { VisitSettingsDto } from './dto';
import { RatingsRepository } from './repositories/ratings.repository';
import { TicketVisitSettingsRepository } from './repositories/ticket-visit-settings.repository';
import { VisitTasksRepository } from './repositories/visit-tasks.repository';
import { VisitTransactions } from './repositories/transactions';
import { VisitPlansService } from './visit-plans.service';
import { VISITABLE, ratingView, taskSummary } from './visit-terms';

/**
 * A ticket's visits at a glance, and what the lead decides about them 回访安排: the complaint level 投诉等级,
 * a sensitive complaint 敏感投诉 (not visited), and corrections of the repair type. A change applies to the
 * round waiting for its visit at once, otherwise when the ticket is next handled.
 */
@Injectable()
export class VisitSettingsService {
  constructor(
    private readonly tx: VisitTransactions,
    private readonly settings: TicketVisitSettingsRepository,
    private readonly tasks: VisitTasksRepository,
    private readonly ratings: RatingsRepository,
    private readonly plans: VisitPlansService,
    private readonly tickets: TicketsService,
    private readonly uploads: UploadsService,
    private readonly clock: Clock,
  ) {}

  async ticketVisits(user: AuthUser, ticketId: string) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t || !maySeeVisits(user, t)) throw new NotFoundException('没有找到这条反馈');
    const now = this.clock.now();
    const settings = await this.settings.of(t.id);
    const exemption = await this.plans.exemptionOf(t);
    const tasks = await this.tasks.ofTicket(t.id);
    const ratings = await this.ratings.ofTicket(t.id);
    const level = t.kind === 'complaint' ? await this.plans.levelOf(t, undefined, settings) : null;
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
      tasks: tasks.map((v) => taskSummary(v, now)),
      ratings: ratings.map((r) => ratingView(r, (id) => this.uploads.signedUrl(id))),
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
    await this.tx.run(async (m) => {
      const before = await this.settings.of(t.id, m);
      const next = {
        complaintLevel:
          dto.complaintLevel !== undefined ? dto.complaintLevel : (before?.complaintLevel ?? null),
        sensitive: dto.sensitive ?? before?.sensitive ?? false,
        repairType: dto.repairType !== undefined ? dto.repairType : (before?.repairType ?? null),
        rainCaused: dto.rainCaused !== undefined ? dto.rainCaused : (before?.rainCaused ?? null),
        note: dto.note ?? before?.note ?? null,
        updatedById: user.id,
      };
      await this.settings.save(m, t.id, next, !!before);
      if (!VISITABLE.includes(t.status) || !t.handledAt) return; // applies when it is next handled
      if (next.sensitive && !before?.sensitive) {
        await this.plans.cancelPending(m, { ticketId: t.id }, 'sensitive');
        await this.plans.rearmAutoClose(m, t, `sensitive-${now.getTime()}`);
        return;
      }
      const replan =
        (!next.sensitive && !!before?.sensitive) ||
        next.complaintLevel !== (before?.complaintLevel ?? null) ||
        next.repairType !== (before?.repairType ?? null) ||
        next.rainCaused !== (before?.rainCaused ?? null);
      if (replan) await this.plans.replan(m, t, now);
    });
    return this.ticketVisits(user, t.id);
  }
}
