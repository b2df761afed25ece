import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** A staff correction of a complaint's category: a labelled example of that company (improves its model). */
@Entity('classification_corrections')
@Index(['companyId', 'createdAt'])
export class ClassificationCorrection {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(NULLABLE_ID) ticketId: string | null;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromCategory: string | null;
  @Column({ type: 'varchar', length: 20 }) toCategory: string;
  @Column(ID) correctedById: string;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
