import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, newId, TIMESTAMP } from '../common/entity-helpers';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * A durable job: the database row is the truth whatever runs it (the in-process poller, or BullMQ on Redis
 * when REDIS_URL is set). `key` makes scheduling idempotent: the same reminder scheduled twice, by two
 * instances or after a restart, is one row and runs once.
 */
@Entity('jobs')
@Index(['status', 'runAt'])
export class Job {
  @PrimaryColumn(ID) id: string = newId();
  @Column({ type: 'varchar', length: 48 }) type: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 191 }) key: string;
  @Column(TIMESTAMP) runAt: Date;
  @Column({ type: 'text', nullable: true }) payload: string | null;
  @Column({ type: 'varchar', length: 12, default: 'pending' }) status: JobStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  /** The instance running it and until when its lease holds; a lease that ran out means the instance died. */
  @Column({ type: 'varchar', length: 64, nullable: true }) lockedBy: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) lockedUntil: Date | null;
  /** When it was last handed to BullMQ (Redis mode); re-handed if Redis lost it. */
  @Column({ ...TIMESTAMP, nullable: true }) queuedAt: Date | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) doneAt: Date | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}
