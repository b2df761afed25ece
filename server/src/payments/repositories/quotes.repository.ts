import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Quote, QuoteItem } from '../entities';

/** A quote's line as stored: copied from the price list (or written in) when the quote is sent. */
export type QuoteLineRow = Omit<QuoteItem, 'id'>;

/**
 * Quotes 报价单 with their lines. Every change of a quote's status is conditional on the status it is
 * expected to be in (`move`), so a retry, a replay or a race changes it once; the caller decides what
 * a move that found nothing to change means.
 */
@Injectable()
export class QuotesRepository {
  constructor(private readonly ds: DataSource) {}

  /** A new quote, not stored yet (its id is known at once). */
  draft(fields: Partial<Quote>): Quote {
    return this.ds.getRepository(Quote).create(fields);
  }

  find(ticketId: string, quoteId: string): Promise<Quote | null> {
    return this.ds.getRepository(Quote).findOneBy({ id: quoteId, ticketId });
  }

  get(id: string, m: EntityManager = this.ds.manager): Promise<Quote> {
    return m.getRepository(Quote).findOneByOrFail({ id });
  }

  /** The quote a sender's Idempotency-Key already made on this ticket. */
  byIdempotencyKey(ticketId: string, key: string): Promise<Quote | null> {
    return this.ds.getRepository(Quote).findOneBy({ ticketId, idempotencyKey: key });
  }

  /** Every quote of the ticket, in no particular order. */
  ofTicket(ticketId: string): Promise<Quote[]> {
    return this.ds.getRepository(Quote).findBy({ ticketId });
  }

  /** Every quote of the ticket, first sent first. */
  ofTicketInOrder(ticketId: string): Promise<Quote[]> {
    return this.ds.getRepository(Quote).find({ where: { ticketId }, order: { seq: 'ASC' } });
  }

  /** The lines of these quotes, in their order on each quote. */
  itemsOf(quoteIds: string[]): Promise<QuoteItem[]> {
    return this.ds
      .getRepository(QuoteItem)
      .find({ where: { quoteId: In(quoteIds) }, order: { position: 'ASC' } });
  }

  async insert(m: EntityManager, quote: Quote, lines: QuoteLineRow[]): Promise<void> {
    await m.getRepository(Quote).insert(quote);
    await m.getRepository(QuoteItem).insert(lines);
  }

  /**
   * Changes the quote only while its status is `from` (one of them, given a list) and, with `workNotStarted`,
   * while work has not started; true when it did.
   */
  async move(
    m: EntityManager,
    id: string,
    from: string | readonly string[],
    patch: Partial<Quote>,
    opts: { workNotStarted?: boolean } = {},
  ): Promise<boolean> {
    const res = await m.update(
      Quote,
      {
        id,
        status: typeof from === 'string' ? from : In([...from]),
        ...(opts.workNotStarted ? { workStartedAt: IsNull() } : {}),
      },
      patch,
    );
    return !!res.affected;
  }

  /** Marks work started on the ticket's paid quotes that had not started. */
  async startWorkOfTicket(ticketId: string, at: Date): Promise<void> {
    await this.ds
      .getRepository(Quote)
      .update({ ticketId, status: 'paid', workStartedAt: IsNull() }, { workStartedAt: at });
  }
}
