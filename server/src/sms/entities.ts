import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, newId, TIMESTAMP } from '../common/entity-helpers';

/**
 * pending → sending → sent | failed | unknown (cut off mid-call: the provider may have sent it, so never again);
 * or no_phone, capped (the person's daily cap reached).
 */
export type SmsStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | 'no_phone' | 'capped';

/** The record of one text message: at most one per notification, never sent twice. */
@Entity('sms_sends')
@Index(['userId', 'createdAt'])
export class SmsSend {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column(ID) notificationId: string;
  @Column(ID) userId: string;
  /** emergency (an emergency at night) or escalation (no WeChat message could reach the person). */
  @Column({ type: 'varchar', length: 16 }) reason: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 12 }) provider: string;
  @Column({ type: 'varchar', length: 12 }) status: SmsStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  /** The provider's id of the message (Aliyun BizId, Tencent SerialNo). */
  @Column({ type: 'varchar', length: 64, nullable: true }) providerId: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) error: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) sentAt: Date | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

/** Text messages a person was sent on one Beijing day: the daily cap is taken from here by a conditional update. */
@Entity('sms_daily_counts')
export class SmsDailyCount {
  @PrimaryColumn(ID) userId: string;
  /** YYYY-MM-DD, Beijing time. */
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'int', default: 0 }) taken: number;
}
