import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, TIMESTAMP } from '../common/entity-helpers';

/** A project's changes to the handbook's return-visit rules (VisitRuleOverrides of @wuye/shared, JSON). */
@Entity('visit_rules')
export class VisitRuleSet {
  @PrimaryColumn(ID) projectId: string;
  @Column({ type: 'text' }) overrides: string;
  @Column(ID) updatedById: string;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}
