import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PriceItem } from '../entities';

/** A project's price list 维修价目表: the lines staff quote from. */
@Injectable()
export class PriceItemsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The project's lines, in the list's order; retired ones only when asked. */
  list(projectId: string, includeRetired: boolean): Promise<PriceItem[]> {
    return this.ds.getRepository(PriceItem).find({
      where: includeRetired ? { projectId } : { projectId, active: true },
      order: { sort: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Those of `ids` that are on the project's list and still offered. */
  activeOf(projectId: string, ids: string[]): Promise<PriceItem[]> {
    return this.ds.getRepository(PriceItem).findBy({ id: In(ids), projectId, active: true });
  }

  find(projectId: string, id: string): Promise<PriceItem | null> {
    return this.ds.getRepository(PriceItem).findOneBy({ id, projectId });
  }

  draft(fields: Partial<PriceItem>): PriceItem {
    return this.ds.getRepository(PriceItem).create(fields);
  }

  async insert(row: PriceItem): Promise<void> {
    await this.ds.getRepository(PriceItem).insert(row);
  }

  async save(row: PriceItem): Promise<void> {
    await this.ds.getRepository(PriceItem).save(row);
  }
}
