import { ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { TicketActionDto } from '../tickets/lifecycle.dto';
import { LifecycleService } from '../tickets/lifecycle.service';
import { Ticket } from '../tickets/entities';
import { VisitSettingsDto } from '../visits/dto';
import { VisitSettingsService } from '../visits/visit-settings.service';
import { Incident } from './incident.entity';

/** Complaints of an event that are settled: nothing more is done on them. */
const SETTLED = ['closed', 'cancelled'];

/** What one move did to each complaint of the event. */
export interface IncidentMoveResult {
  ticketId: string;
  number: string;
  ok: boolean;
  /** The complaint's status after the move (ok), or why it was not moved. */
  status?: string;
  message?: string;
}

/**
 * Staff work an event 同一事件 as one: one move — a reply (progress note, proposed solution), the handling
 * (assign, start, mark handled), a note — made on every open complaint of it, each through the ticket's own
 * lifecycle (its rules, its timeline, its notice to that complainant); and one visit plan (who visits: the
 * complaint level; or no visit, sensitive) set on every open complaint through its own visit settings. A
 * complaint the move does not fit (another stage, already settled, not the actor's to move) is left as it is and
 * said why.
 */
@Injectable()
export class IncidentWorkService {
  constructor(
    private readonly ds: DataSource,
    private readonly lifecycle: LifecycleService,
    private readonly visits: VisitSettingsService,
  ) {}

  /** One ticket move on every open complaint of the event. */
  async act(user: AuthUser, id: string, dto: Omit<TicketActionDto, 'version'>) {
    const answer = await this.onEach(user, id, async (t) => {
      const moved = await this.lifecycle.act(user, t.id, { ...dto, version: t.version } as TicketActionDto);
      return moved.status;
    });
    return { ...answer, action: dto.action };
  }

  /** One visit plan (complaint level, sensitive) on every open complaint of the event. */
  visitPlan(user: AuthUser, id: string, dto: VisitSettingsDto) {
    return this.onEach(user, id, async (t) => {
      await this.visits.updateSettings(user, t.id, dto);
      return t.status;
    });
  }

  private async onEach(user: AuthUser, id: string, work: (t: Ticket) => Promise<string>) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以处理同一事件');
    const incident = await this.ds.getRepository(Incident).findOneBy({ id, projectId: user.projectId });
    if (!incident) throw new NotFoundException('没有找到这个事件');
    const tickets = await this.ds
      .getRepository(Ticket)
      .find({ where: { incidentId: id }, order: { createdAt: 'ASC' } });
    const results: IncidentMoveResult[] = [];
    for (const t of tickets) {
      if (SETTLED.includes(t.status)) {
        results.push({ ticketId: t.id, number: t.number, ok: false, message: '已办结或已撤销，未处理' });
        continue;
      }
      try {
        results.push({ ticketId: t.id, number: t.number, ok: true, status: await work(t) });
      } catch (e) {
        if (!(e instanceof HttpException)) throw e;
        const body = e.getResponse();
        const message =
          typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? e.message);
        results.push({ ticketId: t.id, number: t.number, ok: false, message });
      }
    }
    return {
      incidentId: id,
      done: results.filter((r) => r.ok).length,
      total: results.length,
      results,
    };
  }
}
