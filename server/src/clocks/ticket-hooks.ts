import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Ticket } from '../tickets/entities';

/** One committed-together change of a ticket: creation (before = null) or a lifecycle move. */
export interface TicketChange {
  before: Ticket | null;
  after: Ticket;
  action: string;
  actor: { id: string | null; name: string; role: string; kind: 'resident' | 'staff' | 'system' };
  now: Date;
  /** The move was shown on the resident's timeline. */
  public: boolean;
  label: string;
}

export type TicketListener = (m: EntityManager, change: TicketChange) => Promise<void>;

/**
 * Lets other domains react to ticket changes inside the same transaction (deadline clocks, notifications,
 * return visits): what they schedule or record exists exactly when the change does.
 */
@Injectable()
export class TicketHooks {
  private readonly listeners: { name: string; fn: TicketListener }[] = [];

  listen(name: string, fn: TicketListener): void {
    this.listeners.push({ name, fn });
  }

  async emit(m: EntityManager, change: TicketChange): Promise<void> {
    for (const l of this.listeners) await l.fn(m, change);
  }
}
