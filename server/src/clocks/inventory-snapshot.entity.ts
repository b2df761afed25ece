import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ID, TIMESTAMP } from '../common/entity-helpers';

/** The day's inventory 日盘点 as it was sent to the lead at the end of a working day. */
@Entity('inventory_snapshots')
export class InventorySnapshot {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'int' }) open: number;
  @Column({ type: 'int' }) overdue: number;
  @Column({ type: 'int' }) withoutHandlingRecord: number;
  /** Numbers of the overdue and unrecorded tickets (JSON). */
  @Column({ type: 'text' }) detail: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
