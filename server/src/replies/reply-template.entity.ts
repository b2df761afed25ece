import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * A project's reply template 统一回复口径 (docs/domain-rules.md "Staff language"); seeded from the shared
 * defaults.
 */
@Entity('reply_templates')
@Index(['projectId', 'category'])
export class ReplyTemplateRow {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'int', default: 0 }) sort: number;
  @Column(NULLABLE_ID) updatedById: string | null;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}
