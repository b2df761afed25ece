import { Inject, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/db-errors';
import { instance } from '../common/entity-helpers';
import { insertRows, selectRows } from '../database/raw';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobsService } from '../jobs/jobs.service';
import { Metrics } from '../metrics/metrics';
import { SmsService } from '../sms/sms.service';
import { User } from '../org/entities';
import { WechatClient, WechatError } from '../wechat/wechat.client';
import { Notification, SubscribeQuota, WechatSend } from './entities';
import { fillTemplateFields, wechatTime } from './template-fields';

/**
 * The taps at which the mini-program asks for subscriptions (at most 3 templates per request, WeChat's rule),
 * and the scenes each one covers.
 */
export const SUBSCRIBE_MOMENTS: Record<string, string[]> = {
  file: ['ticket_received', 'plan_proposed', 'ticket_handled'],
  rate: ['visit_invite'],
  staff: ['staff_assigned', 'staff_reminder', 'staff_escalated'],
};

export interface NotifyMessage {
  kind: string;
  title: string;
  body: string;
  ticketId?: string | null;
  page?: string | null;
  /** Same key for the same user → one notification, however often the event is processed. */
  dedupeKey?: string;
  /**
   * The dedupe key names something created in the caller's transaction (a new ticket), so no notification can
   * carry it yet: the lookup is skipped.
   */
  newKey?: boolean;
  /** Also send this subscribe-message scene, when configured and the user has quota left. */
  scene?: string;
  /** Values for the template's {placeholders}. */
  fields?: Record<string, string | number | null | undefined>;
  /**
   * An emergency: it reaches the person by exactly one message — a text at night (SMS_NIGHT_HOURS) when SMS is set
   * up; otherwise the WeChat subscribe message, and a text instead when WeChat cannot carry it (no template, no
   * openid, no subscription left, refused).
   */
  urgent?: 'emergency';
}

/** Escalations reach the person by SMS when no WeChat message can (no subscription left, no openid). */
const isEscalation = (m: Pick<NotifyMessage, 'kind' | 'scene'>) =>
  m.kind === 'escalated' || m.scene === 'staff_escalated';
const ESCALATION_SCENE = 'staff_escalated';

const WECHAT_SEND = 'wechat.subscribe';
/** 43101: the user has no subscription left (refused or used up). */
const NO_SUBSCRIPTION = 43101;

@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly log = new Logger('Notifications');
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly wechat: WechatClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly sms: SmsService,
  ) {}

  onModuleInit() {
    this.jobs.handle(WECHAT_SEND, (p) =>
      this.send(
        String(p.notificationId),
        String(p.scene),
        p.fields as Record<string, string>,
        p.urgent === 'emergency',
      ),
    );
  }

  /**
   * In-app notifications for each user (inside the caller's transaction when given), and a subscribe message
   * for each where the scene is configured: scheduled as a durable job so a restart loses none.
   */
  notify(userIds: (string | null | undefined)[], msg: NotifyMessage, m: EntityManager = this.ds.manager) {
    return this.notifyMany([{ userIds, msg }], m);
  }

  /**
   * Several notices of one change at once (`notify` for each): inside a transaction all their notifications go
   * in with one insert, and all their subscribe messages with one more.
   */
  async notifyMany(
    notices: { userIds: (string | null | undefined)[]; msg: NotifyMessage }[],
    m: EntityManager = this.ds.manager,
  ) {
    const now = this.clock.now();
    const repo = m.getRepository(Notification);
    const rows: { n: Notification; msg: NotifyMessage }[] = [];
    for (const { userIds, msg } of notices) {
      let ids = [...new Set(userIds.filter((u): u is string => !!u))];
      if (!ids.length) continue;
      if (msg.dedupeKey && !msg.newKey) {
        const had = new Set(
          (
            await repo.find({
              select: { userId: true },
              where: { userId: ids.length === 1 ? ids[0] : In(ids), dedupeKey: msg.dedupeKey },
            })
          ).map((n) => n.userId),
        );
        ids = ids.filter((id) => !had.has(id));
      }
      for (const userId of ids)
        rows.push({
          msg,
          n: instance(Notification, {
            userId,
            kind: msg.kind,
            title: msg.title.slice(0, 60),
            body: msg.body.slice(0, 500),
            ticketId: msg.ticketId ?? null,
            page: msg.page ?? (msg.ticketId ? `/pages/ticket-detail/index?id=${msg.ticketId}` : null),
            dedupeKey: msg.dedupeKey ?? null,
            createdAt: now,
          }),
        });
    }
    let stored = rows;
    if (m.queryRunner?.isTransactionActive) {
      // One insert for all; a duplicate aborts the caller's transaction (the lookup above keeps it single).
      // updateEntity(false): every value is ours, nothing to read back. (Reading back, TypeORM matches rows to
      // entities by position on SQLite, which can swap the ids of a multi-row insert.)
      await insertRows(
        m,
        Notification,
        rows.map((r) => r.n),
      );
    } else {
      stored = [];
      for (const r of rows)
        try {
          await repo.insert(r.n);
          stored.push(r);
        } catch (e) {
          if (!isUniqueViolation(e)) throw e; // the same notice, stored by a concurrent twin
        }
    }
    // One outbound message per notice. An emergency: a text at night, else WeChat when it can carry it (a text
    // instead when it cannot, decided by the send), else a text. An escalation: a text at once when WeChat cannot
    // carry it at all (otherwise after the WeChat send, if it could not reach the person).
    const night = this.sms.configured && this.sms.isNight(now);
    // An emergency's WeChat message is tried only for people who can get one now (an openid, a subscription
    // left): the others are texted at once rather than after a failed try. (The send checks again.)
    const urgentWechat = stored.filter(
      ({ msg }) => msg.urgent === 'emergency' && !night && this.wechatCarries(msg.scene),
    );
    const reachable = new Set(
      !urgentWechat.length || !this.sms.configured
        ? urgentWechat.map(({ n, msg }) => `${n.userId}|${msg.scene}`)
        : (
            await selectRows<{ userId: string; scene: string }>(
              m,
              'SELECT `q`.`userId`, `q`.`scene` FROM `subscribe_quotas` `q` JOIN `users` `u` ON `u`.`id` = `q`.`userId` ' +
                `WHERE \`q\`.\`userId\` IN (${urgentWechat.map(() => '?').join(', ')}) AND \`q\`.\`remaining\` > 0 AND \`u\`.\`openid\` IS NOT NULL`,
              urgentWechat.map(({ n }) => n.userId),
            )
          ).map((r) => `${r.userId}|${r.scene}`),
    );
    const channel = (msg: NotifyMessage, userId: string): 'sms' | 'wechat' | null => {
      if (msg.urgent === 'emergency') {
        if (night) return 'sms';
        if (
          this.wechatCarries(msg.scene) &&
          (!this.sms.configured || reachable.has(`${userId}|${msg.scene}`))
        )
          return 'wechat';
        return this.sms.configured ? 'sms' : null;
      }
      if (isEscalation(msg) && !this.wechatCarries(msg.scene) && this.sms.configured) return 'sms';
      return this.wechatCarries(msg.scene) ? 'wechat' : null;
    };
    const texts = stored.flatMap(({ n, msg }) =>
      channel(msg, n.userId) === 'sms'
        ? [
            {
              ...this.sms.job(n.id, msg.urgent === 'emergency' ? 'emergency' : 'escalation', now),
              urgent: msg.urgent === 'emergency',
            },
          ]
        : [],
    );
    if (texts.length) await this.jobs.scheduleMany(texts, m, { newKeys: true }); // keyed by the new notifications' ids
    const sends = stored.flatMap(({ n, msg }) => {
      const tpl = msg.scene ? this.config.subscribeTemplates[msg.scene] : undefined;
      if (!tpl || channel(msg, n.userId) !== 'wechat') return [];
      return [
        {
          type: WECHAT_SEND,
          key: `wx:${n.id}`,
          runAt: now,
          urgent: msg.urgent === 'emergency',
          payload: {
            notificationId: n.id,
            scene: msg.scene,
            fields: fillTemplateFields(tpl.data, {
              title: msg.title,
              body: msg.body,
              time: wechatTime(now),
              ...msg.fields,
            }),
            ...(msg.urgent ? { urgent: msg.urgent } : {}),
          },
        },
      ];
    });
    if (sends.length) await this.jobs.scheduleMany(sends, m, { newKeys: true }); // keyed by the new notifications' ids
  }

  /** Whether a WeChat subscribe message can be tried for this scene (WeChat and its template set up). */
  private wechatCarries(scene: string | undefined): boolean {
    return this.wechat.configured && !!scene && !!this.config.subscribeTemplates[scene];
  }

  /**
   * The WeChat message of an emergency or an escalation could not reach the person: text them instead (once, by
   * its key).
   */
  private async textInstead(n: Notification, scene: string, urgent: boolean) {
    if (!this.sms.configured || (!urgent && scene !== ESCALATION_SCENE)) return;
    await this.jobs.schedule({
      ...this.sms.job(n.id, urgent ? 'emergency' : 'escalation', this.clock.now()),
      urgent,
    });
  }

  /** Sends one notification's subscribe message at most once, if the user still has a subscription for it. */
  private async send(
    notificationId: string,
    sceneName: string,
    fields: Record<string, string>,
    urgent = false,
  ) {
    const n = await this.ds.getRepository(Notification).findOneBy({ id: notificationId });
    if (!n) return;
    const job = await this.ds.getRepository(WechatSend).findOneBy({ notificationId });
    const sends = this.ds.getRepository(WechatSend);
    if (job && job.status !== 'pending') {
      // 'sending' left behind means we died mid-call: WeChat may have delivered it, so never send again.
      if (job.status === 'sending') await sends.update({ id: job.id }, { status: 'unknown' });
      return;
    }
    const user = await this.ds.getRepository(User).findOneBy({ id: n.userId });
    const tpl = this.config.subscribeTemplates[sceneName];
    if (!tpl) return;
    let row = job;
    if (!row) {
      row = sends.create({
        notificationId,
        userId: n.userId,
        scene: sceneName,
        templateId: tpl.id,
        status: 'pending',
      });
      try {
        await sends.insert(row);
      } catch (e) {
        if (isUniqueViolation(e)) return; // a twin delivery got here first
        throw e;
      }
    }
    if (!user?.openid) {
      await sends.update({ id: row.id }, { status: 'no_openid' });
      this.metrics.wechatSends.inc({ result: 'no_openid' });
      await this.textInstead(n, sceneName, urgent);
      return;
    }
    // Use one subscription: only what the user allowed is ever sent.
    const took = await this.ds
      .createQueryBuilder()
      .update(SubscribeQuota)
      .set({ remaining: () => 'remaining - 1' })
      .where('userId = :u AND scene = :s AND remaining > 0', { u: n.userId, s: sceneName })
      .execute();
    if (!took.affected) {
      await sends.update({ id: row.id }, { status: 'no_quota' });
      this.metrics.wechatSends.inc({ result: 'no_quota' });
      await this.textInstead(n, sceneName, urgent);
      return;
    }
    const claimed = await sends.update(
      { id: row.id, status: 'pending' },
      { status: 'sending', attempts: row.attempts + 1 },
    );
    if (!claimed.affected) return this.giveBack(n.userId, sceneName);
    const page =
      (tpl.page ?? n.page ?? '').replace('{ticketId}', n.ticketId ?? '').replace(/^\//, '') || undefined;
    let result: { errcode: number; errmsg: string };
    try {
      result = await this.wechat.sendSubscribe({
        openid: user.openid,
        templateId: tpl.id,
        page,
        data: fields,
      });
    } catch (e) {
      const timedOut = e instanceof Error && /abort|timeout/i.test(`${e.name} ${e.message}`);
      if (timedOut) {
        // WeChat may have sent it: never twice.
        await sends.update({ id: row.id }, { status: 'unknown', error: 'timeout' });
        this.metrics.wechatSends.inc({ result: 'unknown' });
        return;
      }
      await this.giveBack(n.userId, sceneName);
      await sends.update(
        { id: row.id },
        {
          status: 'pending',
          errcode: e instanceof WechatError ? e.errcode : null,
          error: String(e).slice(0, 300),
        },
      );
      this.metrics.wechatSends.inc({ result: 'error' });
      throw e; // the job retries with backoff
    }
    if (result.errcode === 0) {
      await sends.update(
        { id: row.id },
        { status: 'sent', sentAt: this.clock.now(), errcode: 0, error: null },
      );
      this.metrics.wechatSends.inc({ result: 'sent' });
      return;
    }
    if (result.errcode === NO_SUBSCRIPTION) {
      await this.ds
        .getRepository(SubscribeQuota)
        .update({ userId: n.userId, scene: sceneName }, { remaining: 0 });
    } else {
      await this.giveBack(n.userId, sceneName);
    }
    await sends.update(
      { id: row.id },
      {
        status: result.errcode === NO_SUBSCRIPTION ? 'refused' : 'failed',
        errcode: result.errcode,
        error: result.errmsg.slice(0, 300),
      },
    );
    this.metrics.wechatSends.inc({ result: result.errcode === NO_SUBSCRIPTION ? 'refused' : 'failed' });
    await this.textInstead(n, sceneName, urgent);
    this.log.warn(`subscribe message ${sceneName} not sent: ${result.errcode} ${result.errmsg}`);
  }

  private async giveBack(userId: string, scene: string) {
    await this.ds
      .createQueryBuilder()
      .update(SubscribeQuota)
      .set({ remaining: () => 'remaining + 1' })
      .where('userId = :u AND scene = :s', { u: userId, s: scene })
      .execute();
  }

  // ── what the mini-program calls ──

  /** Template ids to ask for at one tap (file, rate, staff); empty when subscribe messages are not set up. */
  templatesFor(moment: string): { scene: string; templateId: string }[] {
    if (!this.wechat.configured) return [];
    return (SUBSCRIBE_MOMENTS[moment] ?? [])
      .map((scene) => ({ scene, templateId: this.config.subscribeTemplates[scene]?.id }))
      .filter((t): t is { scene: string; templateId: string } => !!t.templateId)
      .slice(0, 3);
  }

  /** wx.requestSubscribeMessage's answer: each 'accept' is one more message the server may send. */
  async recordSubscriptions(user: AuthUser, results: Record<string, string>) {
    const byTemplate = new Map(
      Object.entries(this.config.subscribeTemplates).map(([scene, t]) => [t.id, scene]),
    );
    const accepted: string[] = [];
    for (const [templateId, answer] of Object.entries(results)) {
      const scene = byTemplate.get(templateId);
      if (!scene || answer !== 'accept') continue;
      accepted.push(scene);
      await this.ds.transaction(async (m) => {
        const repo = m.getRepository(SubscribeQuota);
        const cur = await repo.findOneBy({ userId: user.id, scene });
        if (cur) await repo.update({ userId: user.id, scene }, { remaining: cur.remaining + 1, templateId });
        else await repo.insert({ userId: user.id, scene, templateId, remaining: 1 });
      });
    }
    return { accepted, quotas: await this.quotas(user) };
  }

  async quotas(user: AuthUser) {
    const rows = await this.ds.getRepository(SubscribeQuota).findBy({ userId: user.id });
    return Object.fromEntries(rows.map((r) => [r.scene, r.remaining]));
  }

  async list(user: AuthUser, page: number, pageSize: number) {
    const [rows, total] = await this.ds.getRepository(Notification).findAndCount({
      where: { userId: user.id },
      order: { createdAt: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return {
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        ticketId: n.ticketId,
        page: n.page,
        read: !!n.readAt,
        createdAt: n.createdAt,
      })),
      total,
      page,
      pageSize,
      unread: await this.unread(user),
    };
  }

  unread(user: AuthUser) {
    return this.ds.getRepository(Notification).countBy({ userId: user.id, readAt: IsNull() });
  }

  async markRead(user: AuthUser, ids: string[] | 'all') {
    const repo = this.ds.getRepository(Notification);
    if (ids !== 'all') {
      const found = await repo.countBy({ id: In(ids), userId: user.id });
      if (found !== ids.length) throw new NotFoundException('没有找到这条消息');
    }
    await repo.update(
      ids === 'all'
        ? { userId: user.id, readAt: IsNull() }
        : { id: In(ids), userId: user.id, readAt: IsNull() },
      { readAt: this.clock.now() },
    );
    return { unread: await this.unread(user) };
  }
}
