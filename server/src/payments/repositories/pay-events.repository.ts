import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayEvent } from '../entities';

/** Who changed something: a person, or the system / WeChat Pay (id null). */
export interface PayActor {
  id: string | null;
  name: string;
  role: string;
}

/** staff | resident | wechat (notification) | query (our query of WeChat) | system. */
export type PaySource = 'staff' | 'resident' | 'wechat' | 'query' | 'system';

/** One payment state change for the internal audit trail. */
export interface PayEventInput {
  ticketId: string;
  quoteId?: string | null;
  orderId?: string | null;
  refundId?: string | null;
  type: string;
  actor: PayActor;
  source: PaySource;
  amountFen?: number;
  data?: Record<string, unknown>;
}

/** The audit trail of every payment state change (pay_events), written in the change's own transaction. */
@Injectable()
export class PayEventsRepository {
  async record(m: EntityManager, e: PayEventInput, at: Date): Promise<void> {
    await m.getRepository(PayEvent).insert({
      ticketId: e.ticketId,
      quoteId: e.quoteId ?? null,
      orderId: e.orderId ?? null,
      refundId: e.refundId ?? null,
      type: e.type,
      actorId: e.actor.id,
      actorName: e.actor.name,
      source: e.source,
      amountFen: e.amountFen ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
      createdAt: at,
    });
  }
}
