import { Clock } from '../common/clock';
import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { CategoryName, isCategoryShown } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { ClassifierService } from '../classification/classifier.service';
import { AuthUser } from '../common/auth-user';
import { Ticket, TicketEvent } from '../tickets/entities';
import { TicketsService } from '../tickets/tickets.service';
import { DispatchService } from './dispatch.service';
import { RoutingService } from './routing.service';
import { ROUTING_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

@Injectable()
export class CorrectionService {
  constructor(
    private readonly ds: DataSource,
    private readonly classifier: ClassifierService,
    private readonly routing: RoutingService,
    private readonly dispatcher: DispatchService,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Corrects the category: the example is stored for the company's model and learnt at once; a ticket
   * still waiting in triage is then routed to the right department.
   */
  async correct(user: AuthUser, t: Ticket, category: CategoryName) {
    if (
      user.kind !== 'staff' ||
      (!allowed(ROUTING_PERMISSIONS.correctCategory, user) && t.assigneeId !== user.id)
    ) {
      throw new ForbiddenException('只有客服人员、主管或当前处理人可以更正分类');
    }
    if (t.kind !== 'complaint') throw new ForbiddenException('只有投诉需要分类');
    // Staff pick among the categories their project shows (routing.shownCategories in its policy).
    const routing = await this.routing.settings(t.projectId);
    if (!isCategoryShown({ routing }, category))
      throw new BadRequestException(
        `本小区未使用“${category}”分类，请从以下分类中选择：${routing.shownCategories.join('、')}`,
      );
    await this.classifier.correct({
      companyId: t.companyId,
      ticketId: t.id,
      text: t.content,
      fromCategory: t.category,
      toCategory: category,
      userId: user.id,
    });
    const now = this.clock.now();
    await this.ds.transaction(async (m) => {
      const previous = t.classification ? (JSON.parse(t.classification) as Record<string, unknown>) : {};
      await m.getRepository(Ticket).update(
        { id: t.id },
        {
          category,
          categoryConfidence: 1,
          classification: JSON.stringify({
            ...previous,
            by: 'staff',
            correctedBy: user.name,
            previous: t.category,
          }),
        },
      );
      t.version += 1;
      await m.getRepository(TicketEvent).insert({
        ticketId: t.id,
        ticketVersion: t.version,
        createdAt: now,
        action: 'classify',
        fromStatus: t.status,
        toStatus: t.status,
        actorId: user.id,
        actorName: user.name,
        actorRole: user.role,
        note: `分类由“${t.category ?? '未分类'}”更正为“${category}”`,
        internal: true,
        label: '更正投诉分类',
        data: JSON.stringify({ from: t.category, to: category }),
      });
      if (t.triage && t.status === 'received') {
        await this.dispatcher.dispatch(
          m,
          t,
          routing.categories[category],
          `人工确认分类为“${category}”`,
          now,
        );
      }
    });
    return this.tickets.view(user, (await this.tickets.findVisible(user, t.id))!);
  }
}
