import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID } from '../common/entity-helpers';

/** Per-project routing 分派规则: complaint category → responsible department (editable by the project manager). */
@Entity('routing_rules')
export class RoutingRule {
  @PrimaryColumn(ID) projectId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'varchar', length: 20 }) departmentCode: string;
}
