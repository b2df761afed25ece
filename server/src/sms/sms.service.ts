import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { dayKeyOf } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobSpec, JobsService } from '../jobs/jobs.service';
import { Metrics } from '../metrics/metrics';
// Types only, the tables by entity name: texts sit below the domains that send them (test/boundaries.spec.ts).
import type { Notification } from '../notifications/entities';
import type { User } from '../org/entities';
import type { Ticket } from '../tickets/entities';
import { SmsDailyCount, SmsSend } from './entities';
import { SmsClient, SmsUncertain, SmsUnreachable } from './sms.client';

export const SMS_SEND = 'sms.send';
/** emergency: an emergency filed at night, to the person on duty; escalation: no WeChat message reached them. */
export type SmsReason = 'emergency' | 'escalation';

/** Template values are short (Aliyun limits a variable to 35 characters): the gist, the rest is in the app. */
const excerpt = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Text messages for what cannot wait. Each is a durable job keyed by its notification (scheduled in the same
 * transaction as the notice), and one `sms_sends` row per notification makes it exactly once: a twin delivery
 * finds the row, a send cut off mid-call is marked unknown and never repeated. A person gets at most
 * SMS_DAILY_CAP a Beijing day, counted with a conditional update every instance shares.
 */
@Injectable()
export class SmsService implements OnModuleInit {
  private readonly log = new Logger('SMS');
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly client: SmsClient,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.jobs.handle(SMS_SEND, (p) => this.send(String(p.notificationId), p.reason as SmsReason));
  }

  get configured(): boolean {
    return this.client.configured;
  }

  /** Whether `at` is at night in Beijing (SMS_NIGHT_HOURS, 20:00–08:00 by default). */
  isNight(at: Date): boolean {
    const night = this.config.sms?.night ?? { from: 20, to: 8 };
    const hour = (at.getUTCHours() + 8) % 24;
    return night.from > night.to
      ? hour >= night.from || hour < night.to
      : hour >= night.from && hour < night.to;
  }

  /** The job that texts one notification's person (keyed by it: scheduling it twice is one job). */
  job(notificationId: string, reason: SmsReason, at: Date): JobSpec {
    return { type: SMS_SEND, key: `sms:${notificationId}`, runAt: at, payload: { notificationId, reason } };
  }

  private async send(notificationId: string, reason: SmsReason) {
    const c = this.config.sms;
    if (!c) return;
    const provider = c.provider;
    const result = (r: string) => this.metrics.smsSends.inc({ provider, result: r });
    const sends = this.ds.getRepository(SmsSend);
    const n = await this.ds.getRepository<Notification>('Notification').findOneBy({ id: notificationId });
    if (!n) return;
    let row = await sends.findOneBy({ notificationId });
    if (row && row.status !== 'pending') {
      // 'sending' left behind means we died mid-call: the provider may have sent it, so never send again.
      if (row.status === 'sending') {
        await sends.update({ id: row.id, status: 'sending' }, { status: 'unknown', error: 'interrupted' });
        result('unknown');
      }
      return;
    }
    const user = await this.ds.getRepository<User>('User').findOneBy({ id: n.userId });
    if (!row) {
      row = sends.create({
        notificationId,
        userId: n.userId,
        reason,
        phone: user?.phone ?? null,
        provider,
        status: 'pending',
      });
      try {
        await sends.insert(row);
      } catch (e) {
        if (isUniqueViolation(e)) return; // a twin delivery got here first
        throw e;
      }
    }
    if (!user?.phone) {
      await sends.update({ id: row.id }, { status: 'no_phone' });
      return result('no_phone');
    }
    // The daily cap: take one of today's messages, or record that none is left.
    const day = dayKeyOf(this.clock.now());
    if (!(await this.takeOne(n.userId, day, c.dailyCap))) {
      await sends.update({ id: row.id }, { status: 'capped' });
      this.log.warn(`daily SMS cap (${c.dailyCap}) reached for user ${n.userId}: ${reason} not texted`);
      return result('capped');
    }
    const claimed = await sends.update(
      { id: row.id, status: 'pending' },
      { status: 'sending', attempts: row.attempts + 1 },
    );
    if (!claimed.affected) return this.giveBack(n.userId, day);

    const ticket = n.ticketId
      ? await this.ds.getRepository<Ticket>('Ticket').findOneBy({ id: n.ticketId })
      : null;
    const params: [string, string][] = [
      ['number', ticket?.number ?? excerpt(n.title)],
      [
        'content',
        excerpt(ticket ? `${ticket.location ? `${ticket.location} ` : ''}${ticket.content}` : n.body),
      ],
    ];
    try {
      const r = await this.client.send({ phone: user.phone, template: c.templates[reason], params });
      if (r.ok) {
        await sends.update(
          { id: row.id },
          { status: 'sent', providerId: r.id.slice(0, 64), sentAt: this.clock.now(), error: null },
        );
        return result('sent');
      }
      await this.giveBack(n.userId, day);
      await sends.update(
        { id: row.id },
        { status: 'failed', error: `${r.code}: ${r.message}`.slice(0, 300) },
      );
      this.log.warn(`SMS ${reason} to user ${n.userId} refused by ${provider}: ${r.code} ${r.message}`);
      return result('failed');
    } catch (e) {
      if (e instanceof SmsUncertain) {
        // It may have gone out: never twice.
        await sends.update({ id: row.id }, { status: 'unknown', error: e.message.slice(0, 300) });
        return result('unknown');
      }
      // Nothing left here (unreachable, or our own error before the call): put it back and let the job retry.
      await this.giveBack(n.userId, day);
      await sends.update(
        { id: row.id },
        {
          status: 'pending',
          error: String(e instanceof SmsUnreachable ? `unreachable ${e.message}` : e).slice(0, 300),
        },
      );
      result('error');
      throw e;
    }
  }

  /** One of the person's messages for the day, if the cap allows: the row, then a conditional increment. */
  private async takeOne(userId: string, day: string, cap: number): Promise<boolean> {
    const counts = this.ds.getRepository(SmsDailyCount);
    try {
      await counts.insert({ userId, day, taken: 0 });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // today's row exists
    }
    const took = await this.ds
      .createQueryBuilder()
      .update(SmsDailyCount)
      .set({ taken: () => 'taken + 1' })
      .where('userId = :userId AND day = :day AND taken < :cap', { userId, day, cap })
      .execute();
    return !!took.affected;
  }

  private async giveBack(userId: string, day: string) {
    await this.ds
      .createQueryBuilder()
      .update(SmsDailyCount)
      .set({ taken: () => 'taken - 1' })
      .where('userId = :userId AND day = :day AND taken > 0', { userId, day })
      .execute();
  }
}
