import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** Per-project routing 分派规则: complaint category → responsible department (editable by the project manager). */
@Entity('routing_rules')
export class RoutingRule {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'varchar', length: 20 }) departmentCode: string;
}

/** A trade 工种 a staff member does (水电, 土建, 电梯外包 …): repairs of that trade go to them first. */
@Entity('staff_trades')
export class StaffTrade {
  @PrimaryColumn(ID) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) trade: string;
}

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
