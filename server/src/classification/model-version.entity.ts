import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * A company's retrained classifier: the accuracy before and after on the fixed test split, so a bad
 * retrain is visible and can be rolled back. The artifact itself lives in Storage (models/<id>.json).
 */
@Entity('classifier_models')
@Index(['companyId', 'createdAt'])
export class ClassifierModelVersion {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(NULLABLE_ID) createdById: string | null;
  @Column({ type: 'varchar', length: 200 }) storageKey: string;
  /** Corrections of the company included in training (those after it are applied on load). */
  @Column({ type: 'int' }) corrections: number;
  @Column({ type: 'int' }) trainSize: number;
  @Column({ type: 'float' }) accuracyBefore: number;
  @Column({ type: 'float' }) accuracyAfter: number;
  @Column({ type: 'float' }) macroF1Before: number;
  @Column({ type: 'float' }) macroF1After: number;
  @Column({ type: 'boolean', default: false }) active: boolean;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
