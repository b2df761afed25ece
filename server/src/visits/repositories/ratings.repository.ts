import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Upload } from '../../storage/upload.entity';
import { Rating } from '../entities';

/** The residents' answers to return visits 评价, one per visit, with the photos they attach. */
@Injectable()
export class RatingsRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(m: EntityManager, rating: Partial<Rating>): Promise<void> {
    await m.getRepository(Rating).insert(rating);
  }

  /** The answer to one visit (ticket, round, seq), if given. */
  ofVisit(ticketId: string, round: number, seq: number): Promise<Rating | null> {
    return this.ds.getRepository(Rating).findOneBy({ ticketId, round, seq });
  }

  /** Every answer about the ticket, oldest first. */
  ofTicket(ticketId: string): Promise<Rating[]> {
    return this.ds.getRepository(Rating).find({ where: { ticketId }, order: { createdAt: 'ASC' } });
  }

  latestOf(ticketId: string): Promise<Rating | null> {
    return this.ds.getRepository(Rating).findOne({ where: { ticketId }, order: { createdAt: 'DESC' } });
  }

  countUnsatisfied(m: EntityManager, ticketId: string): Promise<number> {
    return m.getRepository(Rating).countBy({ ticketId, satisfied: false });
  }

  /**
   * Ties uploads to the ticket, only those the owner uploaded and no ticket has yet; how many it tied
   * (fewer than asked: some were someone else's or already used).
   */
  async claimUploads(m: EntityManager, ownerId: string, ticketId: string, ids: string[]): Promise<number> {
    const res = await m
      .getRepository(Upload)
      .update({ id: In(ids), uploaderId: ownerId, ticketId: IsNull() }, { ticketId });
    return res.affected ?? 0;
  }
}
