import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Ticket } from '../tickets/entities';

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

/** `prefetched`: what the listener's own prefetch read for this change before the transaction, if it was asked. */
export type TicketListener = (m: EntityManager, change: TicketChange, prefetched?: unknown) => Promise<void>;

/**
 * Reads a listener will want for a change, made before its transaction (with the caller's other reads). Null:
 * nothing to read. The listener checks that what it gets
 * still fits the change as committed, and reads again inside when it does not.
 */
export type TicketPrefetch = (change: TicketChange) => Promise<unknown> | null;

/** What `prefetch` read, by listener. */
export type Prefetched = ReadonlyMap<string, unknown>;

/**
 * Lets other domains react to ticket changes inside the same transaction (deadline clocks, notifications,
 * return visits): what they schedule or record exists exactly when the change does.
 */
@Injectable()
export class TicketHooks {
  private readonly listeners: { name: string; fn: TicketListener; prefetch?: TicketPrefetch }[] = [];

  listen(name: string, fn: TicketListener, prefetch?: TicketPrefetch): void {
    this.listeners.push({ name, fn, prefetch });
  }

  /** The listeners' reads for a change about to be made, asked together, outside any transaction. */
  async prefetch(change: TicketChange): Promise<Prefetched> {
    const reads = this.listeners.flatMap((l) => {
      const p = l.prefetch?.(change);
      return p ? [p.then((v) => [l.name, v] as const)] : [];
    });
    return new Map(await Promise.all(reads));
  }

  async emit(m: EntityManager, change: TicketChange, prefetched?: Prefetched): Promise<void> {
    for (const l of this.listeners) await l.fn(m, change, prefetched?.get(l.name));
  }
}
