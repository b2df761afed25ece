import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ESCALATION_AUDIENCE_LABELS,
  EscalationAudience,
  dayKeyOf,
  endOfWorkingDay,
  formatShanghai,
  planDeadline,
  applyLimit,
  calendarReach,
  createCalendar,
  nextWorkStart,
  nextWorkingDay,
  OPEN_STATUSES,
  TICKET_STATUS_LABELS,
  TicketStatus,
  type CalendarOverrides,
} from '@wuye/shared';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { JobSpec, JobsService } from '../jobs/jobs.service';
import { Job } from '../jobs/job.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Company, Project } from '../org/entities';
import { isOpen, nearestDue, replayDeadlines } from '../tickets/deadline-fields';
import { HANDLING_RECORDS } from '../tickets/lifecycle.service';
import { Ticket, TicketEvent } from '../tickets/entities';
import { StaffService } from '../tickets/staff.service';
import { ClockSettingsService } from './clock-settings.service';
import { InventorySnapshot } from './inventory-snapshot.entity';
import { peopleInRole } from '../org/people';
import { TicketChange, TicketHooks } from '../events/ticket-hooks';

type DeadlineKind = 'reply' | 'handle';
const KIND_LABEL: Record<DeadlineKind, string> = { reply: '回复', handle: '处理' };
/** Statuses in which no deadline runs: done, cancelled, or paused while waiting for an outside party. */
const STOPPED = ['handled', 'awaiting_visit', 'closed', 'cancelled', 'deferred'];

function dueOf(t: Ticket, kind: DeadlineKind): Date | null {
  if (STOPPED.includes(t.status)) return null;
  if (kind === 'reply') return t.repliedAt ? null : t.replyDueAt;
  return t.handleDueAt;
}

const prefix = (ticketId: string, kind: DeadlineKind) => `dl:${ticketId}:${kind}:`;

/**
 * The deadline clocks (docs/domain-rules.md "Time limits"): every ticket change re-arms durable reminder and
 * escalation jobs for the deadlines still running; each job re-checks the ticket when it fires, so a deadline
 * met, moved or paused in the meantime sends nothing. The end of each working day produces the project's
 * 日盘点.
 */
@Injectable()
export class ClocksService implements OnModuleInit {
  private readonly log = new Logger('Clocks');
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly hooks: TicketHooks,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffService,
    private readonly settings: ClockSettingsService,
  ) {}

  onModuleInit() {
    this.hooks.listen('clocks', (m, c) => this.sync(m, c));
    this.jobs.handle('deadline.remind', (p) => this.remind(p as never));
    this.jobs.handle('deadline.step', (p) => this.step(p as never));
    this.jobs.handle('deferral.expected', (p) => this.expectedDateReached(p as never));
    this.jobs.handle('complaint.progress', (p) => this.progressNotice(p as never));
    this.jobs.every({
      type: 'calendar.coverage',
      // Every morning at 09:00 Beijing time.
      next: (after) => {
        const today9 = new Date(`${dayKeyOf(after)}T09:00:00+08:00`);
        return today9.getTime() > after.getTime() ? today9 : new Date(today9.getTime() + 24 * 3600_000);
      },
      run: (at) => this.calendarCoverageReminder(at),
    });
    this.jobs.every({
      type: 'inventory.morning',
      next: (after) => nextMorning(after),
      run: (at) => this.morningList(at),
    });
    this.jobs.every({
      type: 'inventory.daily',
      next: (after) => endOfWorkingDay(after),
      run: (at) => this.dailyInventory(at),
    });
  }

  /** Arms the jobs of every running deadline of the ticket and cancels those of deadlines that moved or ended. */
  async sync(m: EntityManager, c: TicketChange) {
    const jobs: JobSpec[] = [];
    for (const kind of ['reply', 'handle'] as DeadlineKind[]) {
      const due = dueOf(c.after, kind);
      const was = c.before ? dueOf(c.before, kind) : null;
      if (due?.getTime() === was?.getTime() && c.before) continue;
      // Cancel whatever was armed for this deadline at another time.
      const keep = due ? `${prefix(c.after.id, kind)}${due.toISOString()}` : null;
      // A new ticket has nothing armed yet; the range scan would only take gap locks that make concurrent
      // intakes deadlock on their job inserts.
      if (c.before) {
        const qb = m
          .createQueryBuilder()
          .update(Job)
          .set({ status: 'cancelled' })
          .where('status = :s AND `key` LIKE :p', { s: 'pending', p: `${prefix(c.after.id, kind)}%` });
        if (keep) qb.andWhere('`key` NOT LIKE :k', { k: `${keep}%` });
        await qb.execute();
      }
      if (!due) continue;
      const clock = await this.settings.forProject(c.after.projectId, m);
      const plan = planDeadline(c.now, due, {
        calendar: clock.calendar,
        workingHours: clock.workingHours,
        major: c.after.majorComplaint,
        rules: clock.escalation,
      });
      const base = { ticketId: c.after.id, kind, due: due.toISOString() };
      if (plan.remindAt && plan.remindAt.getTime() > c.now.getTime())
        jobs.push({ type: 'deadline.remind', key: `${keep}:remind`, runAt: plan.remindAt, payload: base });
      for (const s of plan.steps)
        jobs.push({
          type: 'deadline.step',
          key: `${keep}:L${s.level}`,
          runAt: s.at,
          payload: { ...base, level: s.level, notify: s.notify },
        });
    }
    // Deferred: the day the outside party expects to be done gets a reminder at the start of work that day.
    const until = c.after.status === 'deferred' ? c.after.deferredUntil : null;
    const wasUntil = c.before?.status === 'deferred' ? c.before.deferredUntil : null;
    if (until && until.getTime() !== wasUntil?.getTime()) {
      const clock = await this.settings.forProject(c.after.projectId, m);
      const morning = nextWorkStart(new Date(`${dayKeyOf(until)}T00:00:00+08:00`), clock);
      jobs.push({
        type: 'deferral.expected',
        key: `dl:${c.after.id}:expected:${until.toISOString()}`,
        runAt: morning.getTime() > c.now.getTime() ? morning : c.now,
        payload: { ticketId: c.after.id, until: until.toISOString() },
      });
    }
    // A complaint not solved within 24 hours: the resident is told how far it has got.
    if (!c.before && c.after.kind === 'complaint' && c.after.residentId) {
      const clock = await this.settings.forProject(c.after.projectId, m);
      const at = applyLimit(c.now, clock.rules!.progressNotice, clock);
      if (at)
        jobs.push({
          type: 'complaint.progress',
          key: `progress:${c.after.id}`,
          runAt: at,
          payload: { ticketId: c.after.id },
        });
    }
    // A new ticket's id is in every key: nothing can be armed under them yet.
    await this.jobs.scheduleMany(jobs, m, { newKeys: !c.before });
  }

  private async stillDue(ticketId: string, kind: DeadlineKind, due: string) {
    const t = await this.ds.getRepository(Ticket).findOneBy({ id: ticketId });
    return t && dueOf(t, kind)?.toISOString() === due ? t : null;
  }

  /** Before the deadline: the assignee (or, with nobody assigned yet, the lead) is reminded. */
  private async remind(p: { ticketId: string; kind: DeadlineKind; due: string }) {
    const t = await this.stillDue(p.ticketId, p.kind, p.due);
    if (!t) return;
    // Run late (the server was down): past the deadline a "soon due" reminder is wrong; the overdue step tells.
    if (this.clock.now().getTime() >= new Date(p.due).getTime()) return;
    const to = t.assigneeId
      ? [t.assigneeId]
      : (await peopleInRole(this.ds.manager, t, ['cs_lead'])).map((u) => u.id);
    await this.notifications.notify(to, {
      kind: 'reminder',
      title: `即将超时：${t.number}`,
      body: `${KIND_LABEL[p.kind]}时限 ${formatShanghai(new Date(p.due))}，请及时${p.kind === 'reply' ? '回复住户' : '处理'}。`,
      ticketId: t.id,
      page: `/staff/pages/ticket/index?id=${t.id}`,
      dedupeKey: `remind:${t.id}:${p.kind}:${p.due}`,
      scene: 'staff_reminder',
      fields: { number: t.number, due: formatShanghai(new Date(p.due)) },
    });
  }

  /** The deadline passed: the next people up the chain are told, and the ticket records it. */
  private async step(p: {
    ticketId: string;
    kind: DeadlineKind;
    due: string;
    level: number;
    notify: EscalationAudience[];
  }) {
    const t = await this.stillDue(p.ticketId, p.kind, p.due);
    if (!t) return;
    // Run again after its transaction committed (the job's 'done' mark failed, the instance died before
    // writing it): the step is on the timeline already, record and tell nothing twice.
    const recorded = await this.ds
      .getRepository(TicketEvent)
      .find({ where: { ticketId: t.id, action: 'overdue' }, select: { data: true } });
    if (
      recorded.some((e) => {
        const d = e.data ? (JSON.parse(e.data) as { kind?: string; due?: string; level?: number }) : {};
        return d.kind === p.kind && d.due === p.due && d.level === p.level;
      })
    )
      return;
    const now = this.clock.now();
    const who = p.notify.map((a) => ESCALATION_AUDIENCE_LABELS[a]).join('、');
    const label = `${KIND_LABEL[p.kind]}超时，已报${who}`.slice(0, 60);
    await this.ds.transaction(async (m) => {
      const bumped = await m
        .createQueryBuilder()
        .update(Ticket)
        .set({ version: () => 'version + 1', overdueLevel: Math.max(t.overdueLevel, p.level) } as never)
        .where('id = :id AND version = :v', { id: t.id, v: t.version })
        .execute();
      if (!bumped.affected) throw new Error('ticket changed meanwhile; retrying');
      await m.getRepository(TicketEvent).insert({
        ticketId: t.id,
        ticketVersion: t.version + 1,
        createdAt: now,
        action: 'overdue',
        fromStatus: t.status,
        toStatus: t.status,
        actorId: null,
        actorName: '系统',
        actorRole: 'system',
        note: `${KIND_LABEL[p.kind]}时限 ${formatShanghai(new Date(p.due))} 已过`,
        internal: true,
        label,
        data: JSON.stringify({ kind: p.kind, due: p.due, level: p.level, notify: p.notify }),
      });
      const people = new Set<string>();
      if (p.notify.includes('assignee') && t.assigneeId) people.add(t.assigneeId);
      const roles = p.notify.filter((a) => a !== 'assignee');
      for (const u of await peopleInRole(m, t, roles)) people.add(u.id);
      await this.notifications.notify(
        [...people],
        {
          kind: 'escalated',
          title: `已超时：${t.number}`,
          body: `${KIND_LABEL[p.kind]}时限 ${formatShanghai(new Date(p.due))} 已过${t.majorComplaint ? '（重大投诉）' : ''}，请跟进：${t.content.slice(0, 60)}`,
          ticketId: t.id,
          page: `/staff/pages/ticket/index?id=${t.id}`,
          dedupeKey: `step:${t.id}:${p.kind}:${p.due}:${p.level}`,
          scene: 'staff_escalated',
          fields: { number: t.number, due: formatShanghai(new Date(p.due)) },
        },
        m,
      );
    });
  }

  /** Still deferred on the day the outside party expected to be done: the handler is reminded to follow up. */
  private async expectedDateReached(p: { ticketId: string; until: string }) {
    const t = await this.ds.getRepository(Ticket).findOneBy({ id: p.ticketId });
    if (!t || t.status !== 'deferred' || t.deferredUntil?.toISOString() !== p.until) return;
    const to = t.assigneeId
      ? [t.assigneeId]
      : (await peopleInRole(this.ds.manager, t, ['cs_lead'])).map((u) => u.id);
    const day = dayKeyOf(new Date(p.until));
    await this.notifications.notify(to, {
      kind: 'deferral',
      title: `外部单位预计完成：${t.number}`,
      body: `外部单位预计 ${day} 完成，请跟进结果并恢复处理或告知住户新的完成日期。`,
      ticketId: t.id,
      page: `/staff/pages/ticket/index?id=${t.id}`,
      dedupeKey: `expected:${t.id}:${p.until}`,
      scene: 'staff_reminder',
      fields: { number: t.number, due: day },
    });
  }

  /** A complaint still not solved 24 hours after it came in: the resident hears where it stands. */
  private async progressNotice(p: { ticketId: string }) {
    const t = await this.ds.getRepository(Ticket).findOneBy({ id: p.ticketId });
    if (!t || !t.residentId || !isOpen(t.status) || ['handled', 'awaiting_visit'].includes(t.status)) return;
    const last = await this.ds.getRepository(TicketEvent).findOne({
      where: { ticketId: t.id, internal: false },
      order: { ticketVersion: 'DESC' },
    });
    const stage = TICKET_STATUS_LABELS[t.status as TicketStatus] ?? t.status;
    await this.notifications.notify([t.residentId], {
      kind: 'progress',
      title: '您的投诉处理进展',
      body: `您的投诉（${t.number}）正在处理中，目前：${stage}${last?.label ? `（${last.label}）` : ''}。处理完毕后我们会第一时间告诉您。`,
      ticketId: t.id,
      page: `/pages/ticket-detail/index?id=${t.id}`,
      dedupeKey: `progress:${t.id}`,
    });
  }

  /**
   * From 1 December HQ is reminded every morning while next year's official schedule is not in its calendar
   * (and, past New Year, while this year's is not).
   */
  async calendarCoverageReminder(at: Date) {
    const day = dayKeyOf(at);
    const year = Number(day.slice(0, 4));
    const december = day.slice(5, 7) === '12';
    for (const company of await this.ds.getRepository(Company).find()) {
      const cal = createCalendar(parseOverrides(company.calendarOverrides));
      const missing = !cal.coveredYears.includes(year)
        ? year
        : december && !cal.coveredYears.includes(year + 1)
          ? year + 1
          : null;
      if (missing === null) continue;
      const hq = await peopleInRole(this.ds.manager, { projectId: '-', companyId: company.id }, ['hq']);
      await this.notifications.notify(
        hq.map((u) => u.id),
        {
          kind: 'calendar',
          title: `请导入${missing}年节假日安排`,
          body: `工作日历只到 ${calendarReach(cal, year)} 年底。${missing}年的时限暂按普通周末计算并在工单上标注；国务院公布${missing}年放假安排后，请在“节假日安排”页面导入。`,
          page: '/manager/pages/calendar/index',
          dedupeKey: `calendar:${company.id}:${missing}:${day}`,
        },
      );
    }
  }

  /**
   * The company's calendar changed (a year imported, a day off added): every open ticket's deadlines are
   * computed again from its history, re-armed, and the change recorded on the ticket. Returns how many changed.
   */
  async recomputeCompany(companyId: string): Promise<number> {
    const open = (
      await this.ds.getRepository(Ticket).findBy({ companyId, status: In([...OPEN_STATUSES]) })
    ).filter((t) => isOpen(t.status));
    let changed = 0;
    for (const t of open) {
      const clock = await this.settings.forProject(t.projectId);
      const moves = await this.ds.getRepository(TicketEvent).find({
        where: { ticketId: t.id },
        order: { ticketVersion: 'ASC' },
        select: { action: true, fromStatus: true, createdAt: true, data: true },
      });
      const fresh = replayDeadlines(t, moves, clock);
      const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
      if (
        same(fresh.replyDueAt, t.replyDueAt) &&
        same(fresh.handleDueAt, t.handleDueAt) &&
        same(fresh.handlingRecordDueAt, t.handlingRecordDueAt)
      )
        continue;
      const now = this.clock.now();
      const patch: Partial<Ticket> = { ...fresh };
      patch.dueAt = nearestDue({ ...t, ...patch } as Ticket);
      const after = Object.assign(new Ticket(), t, patch, { version: t.version + 1 });
      const fmt = (d: Date | null) => (d ? formatShanghai(d) : '无');
      const note = [
        !same(fresh.replyDueAt, t.replyDueAt)
          ? `回复时限 ${fmt(t.replyDueAt)} → ${fmt(fresh.replyDueAt)}`
          : '',
        !same(fresh.handleDueAt, t.handleDueAt)
          ? `处理时限 ${fmt(t.handleDueAt)} → ${fmt(fresh.handleDueAt)}`
          : '',
      ]
        .filter(Boolean)
        .join('；');
      await this.ds.transaction(async (m) => {
        const res = await m
          .createQueryBuilder()
          .update(Ticket)
          .set({ ...patch, version: () => 'version + 1' } as never)
          .where('id = :id AND version = :v', { id: t.id, v: t.version })
          .execute();
        if (!res.affected) return; // moved meanwhile: that move computed its deadlines on the new calendar
        await m.getRepository(TicketEvent).insert({
          ticketId: t.id,
          ticketVersion: t.version + 1,
          createdAt: now,
          action: 'recompute_deadlines',
          fromStatus: t.status,
          toStatus: t.status,
          actorId: null,
          actorName: '系统',
          actorRole: 'system',
          note: note || '工作日历已更新',
          internal: true,
          label: '工作日历更新，时限已重新计算',
          data: JSON.stringify({
            before: { replyDueAt: t.replyDueAt, handleDueAt: t.handleDueAt },
            after: { replyDueAt: fresh.replyDueAt, handleDueAt: fresh.handleDueAt },
          }),
        });
        await this.sync(m, {
          before: t,
          after,
          action: 'recompute_deadlines',
          actor: { id: null, name: '系统', role: 'system', kind: 'system' },
          now,
          public: false,
          label: '工作日历更新，时限已重新计算',
        });
        changed++;
      });
    }
    return changed;
  }

  /** 日盘点, the morning list at the start of work: open, overdue and complaints without a handling record. */
  async morningList(at: Date) {
    const day = dayKeyOf(at);
    for (const project of await this.ds.getRepository(Project).find()) {
      const inv = await this.staff.inventory(this.leadOf(project), at);
      const leads = await peopleInRole(
        this.ds.manager,
        { projectId: project.id, companyId: project.companyId },
        ['cs_lead', 'project_manager'],
      );
      await this.notifications.notify(
        leads.map((u) => u.id),
        {
          kind: 'inventory',
          title: `${day} 早间盘点`,
          body: `未结 ${inv.open} 件，已超时 ${inv.overdue.length} 件，超过一个工作日无处理记录的投诉 ${inv.withoutHandlingRecord.length} 件。`,
          page: '/staff/pages/inventory/index',
          dedupeKey: `inventory-morning:${project.id}:${day}`,
        },
      );
    }
  }

  private leadOf(project: Project): AuthUser {
    return {
      id: 'system',
      kind: 'staff',
      role: 'cs_lead',
      name: '系统',
      companyId: project.companyId,
      projectId: project.id,
      departmentId: null,
    };
  }

  /**
   * The record of one working day, from the tickets' history: open at the close of business, overdue then, what
   * became overdue during the day, complaints past their handling-record time without one. `live`: the day is
   * today — deadlines falling due at the close itself count although their escalation may not have run yet.
   */
  async dayRecord(project: Project, day: string, live: boolean) {
    const clock = await this.settings.forProject(project.id);
    const start = new Date(`${day}T00:00:00+08:00`);
    const end = endOfWorkingDay(start, clock);
    const tickets = await this.ds
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.projectId = :p AND t.createdAt <= :end', { p: project.id, end })
      .andWhere('(t.closedAt IS NULL OR t.closedAt > :end)', { end })
      .orderBy('t.createdAt', 'ASC')
      .getMany();
    const events: Pick<TicketEvent, 'ticketId' | 'action' | 'createdAt' | 'data'>[] = [];
    for (let i = 0; i < tickets.length; i += 500) {
      const ids = tickets.slice(i, i + 500).map((t) => t.id);
      events.push(
        ...(await this.ds.getRepository(TicketEvent).find({
          where: {
            ticketId: In(ids),
            action: In(['overdue', ...HANDLING_RECORDS]),
            createdAt: LessThanOrEqual(end),
          },
          select: { ticketId: true, action: true, createdAt: true, data: true },
        })),
      );
    }
    const byTicket = new Map<string, typeof events>();
    for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    const overdue: string[] = [];
    const became: string[] = [];
    const noRecord: string[] = [];
    for (const t of tickets) {
      const evs = byTicket.get(t.id) ?? [];
      const steps = evs
        .filter((e) => e.action === 'overdue')
        .map((e) => ({
          at: e.createdAt,
          ...(JSON.parse(e.data ?? '{}') as { kind?: string; level?: number }),
        }));
      const met = (kind?: string) => {
        const done = kind === 'reply' ? t.repliedAt : t.handledAt;
        return !!done && done.getTime() <= end.getTime();
      };
      const running = !STOPPED.includes(t.status);
      const dueNow = live && running && !!t.dueAt && t.dueAt.getTime() <= end.getTime();
      if (steps.some((s) => !met(s.kind)) || dueNow) overdue.push(t.number);
      if (
        steps.some((s) => s.level === 1 && s.at.getTime() > start.getTime()) ||
        (dueNow && t.dueAt!.getTime() > start.getTime())
      )
        became.push(t.number);
      if (
        t.kind === 'complaint' &&
        t.handlingRecordDueAt &&
        t.handlingRecordDueAt.getTime() <= end.getTime() &&
        !evs.some((e) => e.action !== 'overdue')
      )
        noRecord.push(t.number);
    }
    return {
      day,
      end,
      open: tickets.length,
      overdue,
      becameOverdue: became,
      withoutHandlingRecord: noRecord,
    };
  }

  /**
   * 日盘点 at the end of the working day: every project's record of the day (open, overdue, what became overdue
   * today, complaints without a handling record), stored and sent to the lead and the project manager. Working
   * days missed while the system was down are rebuilt one by one from the tickets' history first.
   */
  async dailyInventory(at: Date) {
    const day = dayKeyOf(at);
    // Run late (the occurrence was missed while the system was down): that day is rebuilt from history too.
    const live = this.clock.now().getTime() - at.getTime() < 30 * 60_000;
    for (const project of await this.ds.getRepository(Project).find()) {
      const clock = await this.settings.forProject(project.id);
      const last = await this.ds
        .getRepository(InventorySnapshot)
        .findOne({ where: { projectId: project.id }, order: { day: 'DESC' } });
      if (last && last.day < day) {
        // At most a month back: a longer outage is a restore, not a missed day.
        let d = last.day;
        for (let i = 0; i < 31; i++) {
          d = nextWorkingDay(d, clock);
          if (d >= day) break;
          await this.storeDay(project, d, false);
        }
      }
      await this.storeDay(project, day, live, at);
    }
  }

  private async storeDay(project: Project, day: string, live: boolean, at?: Date) {
    if (await this.ds.getRepository(InventorySnapshot).findOneBy({ projectId: project.id, day })) return;
    const rec = await this.dayRecord(project, day, live);
    const inv = live ? await this.staff.inventory(this.leadOf(project), at) : null;
    await this.ds.transaction(async (m) => {
      await m.getRepository(InventorySnapshot).insert({
        projectId: project.id,
        day,
        open: rec.open,
        overdue: rec.overdue.length,
        withoutHandlingRecord: rec.withoutHandlingRecord.length,
        detail: JSON.stringify({
          byStatus: inv?.byStatus ?? null,
          overdue: rec.overdue,
          becameOverdue: rec.becameOverdue,
          withoutHandlingRecord: rec.withoutHandlingRecord,
          rebuilt: !live,
        }),
      });
      const leads = await peopleInRole(m, { projectId: project.id, companyId: project.companyId }, [
        'cs_lead',
        'project_manager',
      ]);
      await this.notifications.notify(
        leads.map((u) => u.id),
        {
          kind: 'inventory',
          title: `${day} 日盘点${live ? '' : '（补记）'}`,
          body: `${live ? '' : '系统停机期间未能按时盘点，已按工单记录补记。'}未结 ${rec.open} 件，超时 ${rec.overdue.length} 件（当日新增超时 ${rec.becameOverdue.length} 件），超过一个工作日无处理记录 ${rec.withoutHandlingRecord.length} 件。`,
          page: '/staff/pages/inventory/index',
          dedupeKey: `inventory:${project.id}:${day}`,
        },
        m,
      );
    });
  }

  /** The snapshots sent so far, newest first (the lead's history of 日盘点). */
  snapshots(projectId: string, limit = 30) {
    return this.ds
      .getRepository(InventorySnapshot)
      .find({ where: { projectId }, order: { day: 'DESC' }, take: limit });
  }
}

function parseOverrides(raw: string | null | undefined): CalendarOverrides {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as CalendarOverrides;
  } catch {
    return {};
  }
}

/** The next start of a working day strictly after `after` (08:30 on working days by default). */
export function nextMorning(after: Date): Date {
  const today = nextWorkStart(new Date(`${dayKeyOf(after)}T00:00:00+08:00`));
  if (today.getTime() > after.getTime()) return today;
  return nextWorkStart(new Date(`${dayKeyOf(after)}T23:59:59.999+08:00`));
}
