import { selectEntities } from '../database/raw';
import { peopleInRole } from '../clocks/people';
import { NotificationsService } from '../notifications/notifications.service';
import { Clock } from '../common/clock';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { isHot, sameEventMatcher } from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { retryOnDeadlock } from '../common/db-errors';
import { Ticket, TicketEvent } from '../tickets/entities';
import { Incident } from './incident.entity';

const LOOKBACK = 50;

/** The incident a new complaint joins (intake): an existing one, or one to create with the complaint it repeats. */
export interface IncidentLink {
  incidentId: string;
  create: { incident: Incident; matchId: string | null } | null;
}

/**
 * Links complaints about the same event into one incident (counted once, with complainants and
 * complaints), and marks it hot (热点投诉) when the handbook's threshold is reached.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Intake, before its transaction: the incident a new complaint joins, when it is about the same event as a
   * recent one (or is itself a collective complaint). The new ticket is then stored with `incidentId` set, and
   * `apply` completes the link inside the transaction. Null: it stands alone.
   */
  async prepare(
    t: Pick<
      Ticket,
      'companyId' | 'projectId' | 'kind' | 'category' | 'content' | 'location' | 'createdAt' | 'peopleCount'
    >,
    now: Date,
    /** Looking again inside the intake's transaction: its manager, and the new ticket, which must not match itself. */
    inside?: { m: EntityManager; exclude: string },
  ): Promise<IncidentLink | null> {
    if (t.kind !== 'complaint' || !t.category) return null;
    // Only what the comparison and the link need: every complaint reads up to LOOKBACK of these, through the
    // (projectId, kind, category, createdAt) index, hand-written (database/raw.ts).
    const recent = await selectEntities(
      inside?.m ?? this.ds.manager,
      Ticket,
      'SELECT `id`, `content`, `category`, `location`, `createdAt`, `incidentId` FROM `tickets` ' +
        "WHERE `projectId` = ? AND `kind` = 'complaint' AND `category` = ? AND `createdAt` > ?" +
        (inside ? ' AND `id` <> ?' : '') +
        ` ORDER BY \`createdAt\` DESC LIMIT ${LOOKBACK}`,
      [t.projectId, t.category, new Date(now.getTime() - 72 * 3600_000), ...(inside ? [inside.exclude] : [])],
    );
    const alike = sameEventMatcher({
      text: t.content,
      category: t.category,
      location: t.location,
      at: t.createdAt,
    });
    const match = recent.find((r) =>
      alike({ text: r.content, category: r.category, location: r.location, at: r.createdAt }),
    );
    if (!match && t.peopleCount < 3) return null;
    if (match?.incidentId) return { incidentId: match.incidentId, create: null };
    const first = match ?? t;
    const incident = this.ds.getRepository(Incident).create({
      companyId: t.companyId,
      projectId: t.projectId,
      category: t.category,
      title: first.content.slice(0, 60),
      firstAt: first.createdAt,
      lastAt: now,
    });
    return { incidentId: incident.id, create: { incident, matchId: match?.id ?? null } };
  }

  /** Inside the intake transaction, after the new ticket (carrying `link.incidentId`) is stored. */
  async apply(m: EntityManager, t: Ticket, link: IncidentLink, now: Date, again = true): Promise<void> {
    let incident: Incident | null;
    if (link.create) {
      const { matchId } = link.create;
      // The complaint it repeats may have joined an incident since intake looked (a twin complaint, committed
      // meanwhile): then this one joins that incident too, instead of starting a second one.
      if (
        matchId &&
        !(
          await m
            .getRepository(Ticket)
            .update({ id: matchId, incidentId: IsNull() }, { incidentId: link.incidentId })
        ).affected
      )
        return this.relink(m, t, now, again);
      incident = link.create.incident;
      await m.getRepository(Incident).insert(incident);
    } else {
      incident = await this.locked(m, link.incidentId);
      // A lead merged it away since intake looked.
      if (!incident) return this.relink(m, t, now, again);
    }
    await this.recount(m, incident, now, t);
  }

  /**
   * Intake's link went stale before its transaction: look again (once; then the complaint stands alone). The look
   * runs on the transaction's own connection (a second one could wait for a pool full of such transactions); on
   * MySQL it is the transaction's first plain read, made after the lock it waited for, so it sees what that
   * transaction committed.
   */
  private async relink(m: EntityManager, t: Ticket, now: Date, again: boolean) {
    const link = again ? await this.prepare(t, now, { m, exclude: t.id }) : null;
    await m.getRepository(Ticket).update({ id: t.id }, { incidentId: link?.incidentId ?? null }); // bumps the version
    t.version += 1;
    t.incidentId = link?.incidentId ?? null;
    if (link) await this.apply(m, t, link, now, false);
  }

  /**
   * An incident read for changing its counts. On MySQL its row stays locked until the transaction ends and is
   * read as last committed, so complaints joining one incident at the same moment are counted one after the
   * other, and only the first to reach the threshold marks it hot and tells the leads. (SQLite has one writer.)
   */
  private locked(m: EntityManager, id: string, projectId?: string): Promise<Incident | null> {
    const qb = m.getRepository(Incident).createQueryBuilder('i').where('i.id = :id', { id });
    if (projectId) qb.andWhere('i.projectId = :projectId', { projectId });
    if (m.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Recomputes the counts from the linked tickets; marks the incident hot the first time it qualifies. */
  private async recount(m: EntityManager, incident: Incident, now: Date, trigger?: Ticket) {
    const tickets = await m
      .getRepository(Ticket)
      .find({ where: { incidentId: incident.id }, order: { createdAt: 'ASC' } });
    const people = new Set(tickets.map((x) => x.residentId ?? x.contactPhone ?? x.id));
    const complainants = people.size + tickets.reduce((a, x) => a + Math.max(0, x.peopleCount - 1), 0);
    const firstAt = tickets[0]?.createdAt ?? incident.firstAt;
    const lastAt = tickets.at(-1)?.createdAt ?? incident.lastAt;
    const hot = isHot({
      complainants,
      firstAt,
      lastAt,
      largestGroup: Math.max(1, ...tickets.map((x) => x.peopleCount)),
    });
    const becameHot = hot && !incident.hot;
    await m.getRepository(Incident).update(
      { id: incident.id },
      {
        ticketCount: tickets.length,
        complainantCount: complainants,
        firstAt,
        lastAt,
        hot: hot || incident.hot,
        hotAt: becameHot ? now : incident.hotAt,
      },
    );
    if (becameHot && trigger) {
      // The lead must report a hot complaint within a week (domain.md); the record makes it visible in every queue.
      await m.getRepository(TicketEvent).insert({
        ticketId: trigger.id,
        ticketVersion: trigger.version + 1,
        createdAt: now,
        action: 'hot',
        fromStatus: trigger.status,
        toStatus: trigger.status,
        actorId: null,
        actorName: '系统',
        actorRole: 'system',
        note: `同一事件已有 ${complainants} 位业主投诉，列为热点投诉，请客服主管一周内上报`,
        internal: true,
        label: '列为热点投诉',
        data: JSON.stringify({ incidentId: incident.id, complainants }),
      });
      await m.getRepository(Ticket).update({ id: trigger.id }, { incidentId: incident.id }); // bumps the version
      trigger.version += 1;
    }
    if (becameHot) {
      const leads = await peopleInRole(
        m,
        { projectId: incident.projectId, companyId: tickets[0]?.companyId ?? '' },
        ['cs_lead', 'project_manager'],
      );
      await this.notifications.notify(
        leads.map((u) => u.id),
        {
          kind: 'hot',
          title: '热点投诉：请一周内上报',
          body: `同一事件已有 ${complainants} 位业主、${tickets.length} 次投诉：${(trigger ?? tickets[0])?.content.slice(0, 60) ?? ''}`,
          ticketId: trigger?.id ?? tickets[0]?.id ?? null,
          page: (trigger ?? tickets[0]) ? `/staff/pages/ticket/index?id=${(trigger ?? tickets[0]).id}` : null,
          dedupeKey: `hot:${incident.id}`,
        },
        m,
      );
    }
  }

  private assertStaff(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId)
      throw new ForbiddenException('只有小区员工可以查看同一事件');
  }

  async list(user: AuthUser, hotOnly: boolean) {
    this.assertStaff(user);
    const where = hotOnly ? { projectId: user.projectId!, hot: true } : { projectId: user.projectId! };
    return this.ds.getRepository(Incident).find({ where, order: { lastAt: 'DESC' }, take: 100 });
  }

  async get(user: AuthUser, id: string) {
    this.assertStaff(user);
    const incident = await this.ds.getRepository(Incident).findOneBy({ id, projectId: user.projectId! });
    if (!incident) throw new NotFoundException('没有找到这个事件');
    const tickets = await this.ds
      .getRepository(Ticket)
      .find({ where: { incidentId: id }, order: { createdAt: 'ASC' } });
    return {
      ...incident,
      tickets: tickets.map((x) => ({
        id: x.id,
        number: x.number,
        summary: x.content.slice(0, 80),
        status: x.status,
        createdAt: x.createdAt,
      })),
    };
  }

  /** Staff merge two incidents that are one event, or split a complaint out of one. */
  async merge(user: AuthUser, id: string, otherId: string) {
    this.assertLead(user);
    if (id === otherId) throw new BadRequestException('不能与自己合并');
    // A complaint joining b at the same moment can deadlock with the move of b's complaints: run again.
    return retryOnDeadlock(() =>
      this.ds.transaction(async (m) => {
        // Locked in one order (by id), so two merges of the same pair cannot wait for each other.
        const [first, second] = [id, otherId].sort();
        const locked = new Map<string, Incident | null>();
        locked.set(first, await this.locked(m, first, user.projectId!));
        locked.set(second, await this.locked(m, second, user.projectId!));
        const [a, b] = [locked.get(id), locked.get(otherId)];
        if (!a || !b) throw new NotFoundException('没有找到这个事件');
        await m.getRepository(Ticket).update({ incidentId: b.id }, { incidentId: a.id });
        await m.getRepository(Incident).delete({ id: b.id });
        await this.recount(m, a, this.clock.now());
        return m.getRepository(Incident).findOneByOrFail({ id: a.id });
      }),
    );
  }

  async split(user: AuthUser, id: string, ticketId: string) {
    this.assertLead(user);
    return this.ds.transaction(async (m) => {
      const incident = await this.locked(m, id, user.projectId!);
      if (!incident) throw new NotFoundException('没有找到这个事件');
      const res = await m
        .getRepository(Ticket)
        .update({ id: ticketId, incidentId: id }, { incidentId: null });
      if (!res.affected) throw new NotFoundException('这条投诉不在该事件中');
      const left = await m.getRepository(Ticket).countBy({ incidentId: id });
      if (left <= 1) {
        await m.getRepository(Ticket).update({ incidentId: id }, { incidentId: null });
        await m.getRepository(Incident).delete({ id });
        return { dissolved: true };
      }
      await this.recount(m, incident, this.clock.now());
      return m.getRepository(Incident).findOneByOrFail({ id });
    });
  }

  private assertLead(user: AuthUser) {
    if (
      user.kind !== 'staff' ||
      !user.projectId ||
      !['cs_lead', 'project_manager', 'front_desk'].includes(user.role)
    ) {
      throw new ForbiddenException('由客服人员或主管合并、拆分事件');
    }
  }

  async incidentsOf(ids: string[]) {
    return ids.length ? this.ds.getRepository(Incident).findBy({ id: In(ids) }) : [];
  }
}
