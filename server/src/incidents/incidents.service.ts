import {
  allColumns,
  changedRows,
  hydrateValue,
  insertRows,
  selectEntities,
  selectRows,
  writeLater,
} from '../database/raw';
import { peopleInRole } from '../org/people';
import { NotificationsService } from '../notifications/notifications.service';
import { PolicyService } from '../policy/policy.service';
import { Clock } from '../common/clock';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  DEFAULT_INCIDENT_RULES,
  isHot,
  monthOf,
  monthRange,
  sameEventMatcher,
  StatisticalMonth,
  TICKET_STATUS_LABELS,
  TicketStatus,
} from '@wuye/shared';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { retryOnDeadlock } from '../common/db-errors';
import { Ticket, TicketEvent } from '../tickets/entities';
import { TicketIncidentLink, TicketIncidents } from '../tickets/ports';
import { Incident } from './incident.entity';
import { INCIDENT_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

const LOOKBACK = 50;
/**
 * Complaints of one statistical month may be one event, however many days apart (the 5th, the 12th, the 19th):
 * the month's bound is the database's (`createdAt >= ` the month's start), so the matcher's own time window
 * only has to span a month.
 */
const MONTH_RULES = { ...DEFAULT_INCIDENT_RULES, windowHours: 32 * 24 };

/** What an incident's counts are made of (`IncidentsService.counts`). */
interface IncidentCounts {
  tickets: number;
  /** Distinct complainants: a resident, else a phone number, else the complaint itself. */
  people: number;
  /** The people beyond the first of each collective complaint. */
  extra: number;
  /** The most people in one complaint. */
  largest: number;
  firstAt: Date | null;
  lastAt: Date | null;
}

/** The incident a new complaint joins (intake): an existing one, or one to create with the complaint it repeats. */
export interface IncidentLink extends TicketIncidentLink {
  create: { incident: Incident; matchId: string | null } | null;
}

/**
 * Links complaints about the same event into one incident (counted once, with complainants and
 * complaints), and marks it hot (热点投诉) when the handbook's threshold is reached. Intake links a new complaint
 * through the tickets domain's TicketIncidents port (incidents/incident-port.module.ts).
 */
@Injectable()
export class IncidentsService implements TicketIncidents {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly policies: PolicyService,
  ) {}

  /**
   * 00:00 Shanghai on the first day of the statistical month `at` falls in, as the project's company cuts its
   * months (its policy's reports.statisticalMonth, from the policy provider's cache that intake reads anyway).
   */
  private async monthStart(projectId: string, at: Date, m?: EntityManager): Promise<Date> {
    const kind: StatisticalMonth = (await this.policies.forProject(projectId, m)).policy.reports
      .statisticalMonth;
    return monthRange(monthOf(at, kind), kind).start;
  }

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
    const m = inside?.m ?? this.ds.manager;
    // The same place and matter within the statistical month (the hot-complaint rule counts a month).
    const since = await this.monthStart(t.projectId, t.createdAt, inside?.m);
    // Only what the comparison and the link need: every complaint reads up to LOOKBACK of these, through the
    // (projectId, kind, category, createdAt) index, hand-written (database/raw.ts).
    const recent = await selectEntities(
      m,
      Ticket,
      'SELECT `id`, `content`, `category`, `location`, `createdAt`, `incidentId` FROM `tickets` ' +
        "WHERE `projectId` = ? AND `kind` = 'complaint' AND `category` = ? AND `createdAt` >= ?" +
        (inside ? ' AND `id` <> ?' : '') +
        ` ORDER BY \`createdAt\` DESC LIMIT ${LOOKBACK}`,
      [t.projectId, t.category, since, ...(inside ? [inside.exclude] : [])],
    );
    const alike = sameEventMatcher(
      {
        text: t.content,
        category: t.category,
        location: t.location,
        at: t.createdAt,
      },
      MONTH_RULES,
    );
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

  /**
   * Inside the intake transaction, after the new ticket (carrying `link.incidentId`) is stored. Answers the records
   * it added to the new ticket's timeline (列为热点投诉), so intake need not read the timeline back.
   *
   * Joining an incident locks it, then counts its complaints; starting one links the complaint it repeats, then
   * counts. The incident's new counts wait for the COMMIT.
   */
  async apply(
    m: EntityManager,
    t: Ticket,
    link: IncidentLink,
    now: Date,
    again = true,
  ): Promise<TicketEvent[]> {
    if (link.create) {
      // A copy: `settle` sets its counts, and a transaction retried after a deadlock starts again from intake's.
      const incident = Object.assign(new Incident(), link.create.incident);
      const { matchId } = link.create;
      // A collective complaint on its own: it is stored already (queued), the count sees it.
      if (!matchId) return this.settle(m, incident, await this.counts(m, link.incidentId), now, t, true);
      // The complaint it repeats may have joined an incident since intake looked (a twin complaint, committed
      // meanwhile): then this one joins that incident too, instead of starting a second one. Asked together, in
      // this order: the count sees the link just made.
      const [linked, counts] = await Promise.all([
        changedRows(
          m,
          'UPDATE `tickets` SET `incidentId` = ?, `version` = `version` + 1, `updatedAt` = ? WHERE `id` = ? AND `incidentId` IS NULL',
          [link.incidentId, now, matchId],
        ),
        this.counts(m, link.incidentId),
      ]);
      if (!linked) return this.relink(m, t, now, again);
      return this.settle(m, incident, counts, now, t, true);
    }
    // Locked first, then counted: the count is the transaction's first plain read, made after the
    // lock it waited for, so it sees every complaint the lock's previous holder committed.
    const [incident, counts] = await Promise.all([
      this.locked(m, link.incidentId),
      this.counts(m, link.incidentId),
    ]);
    // A lead merged it away since intake looked.
    if (!incident) return this.relink(m, t, now, again);
    return this.settle(m, incident, counts, now, t);
  }

  /**
   * Intake's link went stale before its transaction: look again (once; then the complaint stands alone). The look
   * runs on the transaction's own connection (a second one could wait for a pool full of such transactions); on
   * MySQL it is the transaction's first plain read, made after the lock it waited for, so it sees what that
   * transaction committed.
   */
  private async relink(m: EntityManager, t: Ticket, now: Date, again: boolean): Promise<TicketEvent[]> {
    const link = again ? await this.prepare(t, now, { m, exclude: t.id }) : null;
    await m.getRepository(Ticket).update({ id: t.id }, { incidentId: link?.incidentId ?? null }); // bumps the version
    t.version += 1;
    t.incidentId = link?.incidentId ?? null;
    return link ? this.apply(m, t, link, now, false) : [];
  }

  /**
   * An incident read for changing its counts. On MySQL its row stays locked until the transaction ends and is
   * read as last committed, so complaints joining one incident at the same moment are counted one after the
   * other, and only the first to reach the threshold marks it hot and tells the leads. (SQLite has one writer.)
   */
  private async locked(m: EntityManager, id: string, projectId?: string): Promise<Incident | null> {
    const lock = m.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
    const [row] = await selectEntities(
      m,
      Incident,
      `SELECT ${allColumns(m, Incident)} FROM \`incidents\` WHERE \`id\` = ?` +
        (projectId ? ' AND `projectId` = ?' : '') +
        lock,
      projectId ? [id, projectId] : [id],
    );
    return row ?? null;
  }

  /** The incident's complaints, counted by the database (an incident may gather hundreds). */
  private async counts(m: EntityManager, incidentId: string): Promise<IncidentCounts> {
    const [r] = await selectRows<Record<string, unknown>>(
      m,
      'SELECT COUNT(*) AS `n`, COUNT(DISTINCT COALESCE(`residentId`, `contactPhone`, `id`)) AS `people`, ' +
        'SUM(CASE WHEN `peopleCount` > 1 THEN `peopleCount` - 1 ELSE 0 END) AS `extra`, ' +
        'MAX(`peopleCount`) AS `largest`, MIN(`createdAt`) AS `firstAt`, MAX(`createdAt`) AS `lastAt` ' +
        'FROM `tickets` WHERE `incidentId` = ?',
      [incidentId],
    );
    const date = (v: unknown) => (v == null ? null : (hydrateValue(m, Ticket, 'createdAt', v) as Date));
    return {
      tickets: Number(r?.n ?? 0),
      people: Number(r?.people ?? 0),
      extra: Number(r?.extra ?? 0),
      largest: Number(r?.largest ?? 0),
      firstAt: date(r?.firstAt),
      lastAt: date(r?.lastAt),
    };
  }

  /**
   * Stores an incident's counts (a new one is inserted with them); marks it hot the first time it qualifies, with
   * a record on the complaint that tipped it (`trigger`, answered) and a notice to the leads.
   */
  private async settle(
    m: EntityManager,
    incident: Incident,
    counts: IncidentCounts,
    now: Date,
    trigger?: Ticket,
    isNew = false,
  ): Promise<TicketEvent[]> {
    const complainants = counts.people + counts.extra;
    const firstAt = counts.firstAt ?? incident.firstAt;
    const lastAt = counts.lastAt ?? incident.lastAt;
    const hot = isHot({ complainants, firstAt, lastAt, largestGroup: Math.max(1, counts.largest) });
    const becameHot = hot && !incident.hot;
    Object.assign(incident, {
      ticketCount: counts.tickets,
      complainantCount: complainants,
      firstAt,
      lastAt,
      hot: hot || incident.hot,
      hotAt: becameHot ? now : incident.hotAt,
    });
    // Nobody reads these writes' answers: in the intake's transaction they go with its COMMIT.
    if (isNew) await insertRows(m, Incident, [incident]);
    else
      await writeLater(
        m,
        'UPDATE `incidents` SET `ticketCount` = ?, `complainantCount` = ?, `firstAt` = ?, `lastAt` = ?, `hot` = ?, `hotAt` = ? WHERE `id` = ?',
        [
          incident.ticketCount,
          incident.complainantCount,
          incident.firstAt,
          incident.lastAt,
          incident.hot,
          incident.hotAt,
          incident.id,
        ],
      );
    if (!becameHot) return [];
    const added: TicketEvent[] = [];
    if (trigger) {
      // The lead must report a hot complaint within a week (docs/domain-rules.md "Levels and special
      // complaints"); the record makes it visible in every queue.
      const event = m.getRepository(TicketEvent).create({
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
      await insertRows(m, TicketEvent, [event]);
      added.push(event);
      await m.getRepository(Ticket).update({ id: trigger.id }, { incidentId: incident.id }); // bumps the version
      trigger.version += 1;
    }
    // Without a trigger (a merge, a split) the notice points at the incident's first complaint.
    const [first] = trigger
      ? [trigger]
      : await selectEntities(
          m,
          Ticket,
          'SELECT `id`, `content` FROM `tickets` WHERE `incidentId` = ? ORDER BY `createdAt` LIMIT 1',
          [incident.id],
        );
    const leads = await peopleInRole(m, incident, ['cs_lead', 'project_manager']);
    await this.notifications.notify(
      leads.map((u) => u.id),
      {
        kind: 'hot',
        title: '热点投诉：请一周内上报',
        body: `同一事件已有 ${complainants} 位业主、${counts.tickets} 次投诉：${first?.content.slice(0, 60) ?? ''}`,
        ticketId: first?.id ?? null,
        page: first ? `/staff/pages/ticket/index?id=${first.id}` : null,
        dedupeKey: `hot:${incident.id}`,
      },
      m,
    );
    return added;
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
        statusLabel: TICKET_STATUS_LABELS[x.status as TicketStatus] ?? x.status,
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
        await this.settle(m, a, await this.counts(m, a.id), this.clock.now());
        return m.getRepository(Incident).findOneByOrFail({ id: a.id });
      }),
    );
  }

  /**
   * Staff link a lone complaint to an event (a follow-up post, or the same matter the matcher missed): it counts
   * with the event from now on, and the event may turn hot. Recorded on the complaint's timeline.
   */
  async link(user: AuthUser, id: string, by: { id?: string; number?: string }) {
    this.assertLead(user);
    const now = this.clock.now();
    return retryOnDeadlock(() =>
      this.ds.transaction(async (m) => {
        const incident = await this.locked(m, id, user.projectId!);
        if (!incident) throw new NotFoundException('没有找到这个事件');
        const t = await m
          .getRepository(Ticket)
          .findOneBy(
            by.id
              ? { id: by.id, projectId: user.projectId! }
              : { number: by.number, projectId: user.projectId! },
          );
        if (!t) throw new NotFoundException('没有找到这条投诉');
        if (t.kind !== 'complaint') throw new BadRequestException('只有投诉可以并入同一事件');
        if (t.incidentId === id) throw new ConflictException('这条投诉已在该事件中');
        if (t.incidentId)
          throw new ConflictException('这条投诉已属于另一事件，请先从那个事件中拆出，或合并两个事件');
        const res = await m
          .getRepository(Ticket)
          .update({ id: t.id, incidentId: IsNull() }, { incidentId: id }); // bumps the version
        if (!res.affected) throw new ConflictException('这条投诉刚被他人更新，请刷新后再试');
        await this.record(
          m,
          t,
          user,
          now,
          'incident_link',
          '并入同一事件',
          `并入同一事件：${incident.title}`,
          id,
        );
        await this.settle(m, incident, await this.counts(m, id), now);
        return m.getRepository(Incident).findOneByOrFail({ id });
      }),
    );
  }

  /** A record on a complaint's timeline of its link to an event (internal: staff wording). */
  private async record(
    m: EntityManager,
    t: Ticket,
    user: AuthUser,
    now: Date,
    action: string,
    label: string,
    note: string,
    incidentId: string,
  ) {
    await m.getRepository(TicketEvent).insert({
      ticketId: t.id,
      ticketVersion: t.version + 1,
      action,
      fromStatus: t.status,
      toStatus: t.status,
      actorId: user.id,
      actorName: user.name,
      actorRole: user.role,
      note,
      internal: true,
      label,
      data: JSON.stringify({ incidentId }),
      createdAt: now,
    });
  }

  /** Staff take a complaint out of an event (new content, or not the same matter after all): it counts alone. */
  async split(user: AuthUser, id: string, ticketId: string) {
    this.assertLead(user);
    const now = this.clock.now();
    return this.ds.transaction(async (m) => {
      const incident = await this.locked(m, id, user.projectId!);
      if (!incident) throw new NotFoundException('没有找到这个事件');
      const t = await m.getRepository(Ticket).findOneBy({ id: ticketId, incidentId: id });
      if (!t) throw new NotFoundException('这条投诉不在该事件中');
      const res = await m
        .getRepository(Ticket)
        .update({ id: ticketId, incidentId: id }, { incidentId: null }); // bumps the version
      if (!res.affected) throw new NotFoundException('这条投诉不在该事件中');
      await this.record(
        m,
        t,
        user,
        now,
        'incident_unlink',
        '移出同一事件',
        `移出同一事件：${incident.title}`,
        id,
      );
      const left = await m.getRepository(Ticket).countBy({ incidentId: id });
      if (left <= 1) {
        await m.getRepository(Ticket).update({ incidentId: id }, { incidentId: null });
        await m.getRepository(Incident).delete({ id });
        return { dissolved: true };
      }
      await this.settle(m, incident, await this.counts(m, id), this.clock.now());
      return m.getRepository(Incident).findOneByOrFail({ id });
    });
  }

  private assertLead(user: AuthUser) {
    if (user.kind !== 'staff' || !user.projectId || !allowed(INCIDENT_PERMISSIONS.manage, user)) {
      throw new ForbiddenException('由客服人员或主管合并、拆分事件');
    }
  }

  async incidentsOf(ids: string[]) {
    return ids.length ? this.ds.getRepository(Incident).findBy({ id: In(ids) }) : [];
  }
}
