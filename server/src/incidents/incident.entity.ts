import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * Incident 同一事件: complaints about one event, counted once with people and times (docs/domain-rules.md
 * "Records, statistics and reports").
 */
@Entity('incidents')
@Index(['projectId', 'lastAt'])
export class Incident {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) companyId: string;
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 20 }) category: string;
  @Column({ type: 'varchar', length: 120 }) title: string;
  @Column({ type: 'int', default: 0 }) ticketCount: number;
  @Column({ type: 'int', default: 0 }) complainantCount: number;
  /** 热点投诉: ≥ 3 complainants within a month, or a collective complaint by ≥ 3 people. */
  @Column({ type: 'boolean', default: false }) hot: boolean;
  @Column({ ...TIMESTAMP, nullable: true }) hotAt: Date | null;
  @Column(TIMESTAMP) firstAt: Date;
  @Column(TIMESTAMP) lastAt: Date;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
