import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** One message in a person's in-app notification centre 消息中心: nothing is lost when WeChat quotas run out. */
@Entity('notifications')
@Index(['userId', 'createdAt'])
@Index(['userId', 'dedupeKey'], { unique: true })
export class Notification {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) userId: string;
  /** assigned, reminder, overdue, escalated, received, plan_proposed, handled, triage, queued, emergency (the lead's
   * alert of an emergency event, updated as its later reports come in), hot, inventory … */
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column(NULLABLE_ID) ticketId: string | null;
  /** Mini-program page to open, e.g. /pages/ticket-detail/index?id=… */
  @Column({ type: 'varchar', length: 200, nullable: true }) page: string | null;
  /** Makes a notification single however often the event behind it is processed (restarts, twin instances). */
  @Column({ type: 'varchar', length: 191, nullable: true }) dedupeKey: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) readAt: Date | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/**
 * Remaining one-time subscriptions of a user for one subscribe-message scene: each 允许 in
 * wx.requestSubscribeMessage adds one, each message sent uses one.
 */
@Entity('subscribe_quotas')
export class SubscribeQuota {
  @PrimaryColumn(ID) userId: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) scene: string;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'int', default: 0 }) remaining: number;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}

export type SendStatus =
  'pending' | 'sending' | 'sent' | 'no_quota' | 'no_openid' | 'refused' | 'failed' | 'unknown';

/** The record of one subscribe-message send: at most one per notification, never sent twice. */
@Entity('wechat_sends')
@Index(['userId', 'createdAt'])
export class WechatSend {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column(ID) notificationId: string;
  @Column(ID) userId: string;
  @Column({ type: 'varchar', length: 32 }) scene: string;
  @Column({ type: 'varchar', length: 64 }) templateId: string;
  @Column({ type: 'varchar', length: 12 }) status: SendStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'int', nullable: true }) errcode: number | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) error: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) sentAt: Date | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
  @UpdateDateColumn(TIMESTAMP) updatedAt: Date;
}
