import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TicketVisitSettings } from '../entities';

export type VisitSettingsFields = Omit<TicketVisitSettings, 'ticketId' | 'updatedAt'>;

/** What the lead decided about a ticket's visits (level, sensitive, repair type), one row per ticket. */
@Injectable()
export class TicketVisitSettingsRepository {
  constructor(private readonly ds: DataSource) {}

  of(ticketId: string, m: EntityManager = this.ds.manager): Promise<TicketVisitSettings | null> {
    return m.getRepository(TicketVisitSettings).findOneBy({ ticketId });
  }

  /** Stores the ticket's settings: an update when it had a row (`exists`), else its first row. */
  async save(
    m: EntityManager,
    ticketId: string,
    fields: VisitSettingsFields,
    exists: boolean,
  ): Promise<void> {
    const repo = m.getRepository(TicketVisitSettings);
    if (exists) await repo.update({ ticketId }, fields);
    else await repo.insert({ ticketId, ...fields });
  }
}
