import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { peopleInRole } from '../../org/people';
import type { Incident } from '../../incidents/incident.entity';
import { User } from '../../org/entities';
import { Ticket, TicketEvent } from '../../tickets/entities';

/**
 * The tickets return visits are about, as visits read them: the ticket, the steps on its timeline a visit
 * depends on, its incident, and the staff to tell.
 */
@Injectable()
export class VisitTicketsRepository {
  constructor(private readonly ds: DataSource) {}

  find(id: string): Promise<Ticket | null> {
    return this.ds.getRepository(Ticket).findOneBy({ id });
  }

  get(id: string, m: EntityManager = this.ds.manager): Promise<Ticket> {
    return m.getRepository(Ticket).findOneByOrFail({ id });
  }

  byIds(ids: string[]): Promise<Ticket[]> {
    return this.ds.getRepository(Ticket).findBy({ id: In(ids) });
  }

  /** The ids of the project's tickets the user handles. */
  async idsAssignedTo(userId: string, projectId: string): Promise<string[]> {
    const rows = await this.ds
      .getRepository(Ticket)
      .find({ select: { id: true }, where: { assigneeId: userId, projectId } });
    return rows.map((x) => x.id);
  }

  /** The household's tickets in one of these statuses. */
  ofHouseholdIn(m: EntityManager, householdId: string, statuses: readonly string[]): Promise<Ticket[]> {
    return m.getRepository(Ticket).findBy({ householdId, status: In([...statuses]) });
  }

  /** Whether the ticket was resolved on the spot (its timeline has that step). */
  async resolvedOnSpot(ticketId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return !!(await m.getRepository(TicketEvent).findOneBy({ ticketId, action: 'resolve_on_spot' }));
  }

  /** The latest "handled" step of the ticket's timeline (its note says what was done). */
  lastHandled(ticketId: string): Promise<TicketEvent | null> {
    return this.ds
      .getRepository(TicketEvent)
      .findOne({ where: { ticketId, action: 'mark_handled' }, order: { ticketVersion: 'DESC' } });
  }

  /**
   * Whether the incident is hot (热点). The entity by its name: incidents sits above visits (its event-wide visit
   * plan uses visits' settings), so visits takes only its type.
   */
  async incidentIsHot(incidentId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    return !!(await m.getRepository<Incident>('Incident').findOneBy({ id: incidentId }))?.hot;
  }

  /** The ticket's project staff (or company HQ) in these roles (the shared lookup of org/people.ts). */
  peopleInRole(
    t: { projectId: string; companyId: string },
    roles: string[],
    m: EntityManager = this.ds.manager,
  ): Promise<User[]> {
    return peopleInRole(m, t, roles);
  }
}
