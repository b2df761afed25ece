import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Ticket, TicketEvent } from '../../tickets/entities';
import { PayActor } from './pay-events.repository';

/** A payment step as the ticket's timeline shows it. */
export interface PaymentTicketEvent {
  action: string;
  label: string;
  note?: string | null;
  internal: boolean;
  actor: PayActor;
  at: Date;
  data?: Record<string, unknown>;
}

/** The tickets paid repairs belong to, as payments read them and write their steps on the timeline. */
@Injectable()
export class PaymentTicketsRepository {
  constructor(private readonly ds: DataSource) {}

  get(id: string, m: EntityManager = this.ds.manager): Promise<Ticket> {
    return m.getRepository(Ticket).findOneByOrFail({ id });
  }

  /**
   * Writes a payment step onto the ticket's timeline (inside the caller's transaction). A timeline entry
   * takes the ticket's next version (ticket_events are unique per version), so the ticket row is bumped
   * first: the UPDATE takes the row lock, and the version read after it is ours on both drivers.
   * Staff holding the old version get the usual 409 with the fresh ticket.
   */
  async appendEvent(m: EntityManager, ticketId: string, e: PaymentTicketEvent): Promise<void> {
    await m.getRepository(Ticket).update({ id: ticketId }, { version: () => 'version + 1', updatedAt: e.at });
    const t = await m
      .getRepository(Ticket)
      .findOneOrFail({ where: { id: ticketId }, select: { id: true, version: true, status: true } });
    await m.getRepository(TicketEvent).insert({
      ticketId,
      ticketVersion: t.version,
      createdAt: e.at,
      action: e.action,
      fromStatus: t.status,
      toStatus: t.status,
      actorId: e.actor.id,
      actorName: e.actor.name,
      actorRole: e.actor.role,
      note: e.note ?? null,
      internal: e.internal,
      label: e.label,
      data: e.data ? JSON.stringify(e.data) : null,
    });
  }
}
