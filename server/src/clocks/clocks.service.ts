import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ESCALATION_AUDIENCE_LABELS,
  EscalationAudience,
  dayKeyOf,
  endOfWorkingDay,
  formatShanghai,
  planDeadline,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { JobSpec, JobsService } from '../jobs/jobs.service';
import { Job } from '../jobs/job.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Project } from '../org/entities';
import { Ticket, TicketEvent } from '../tickets/entities';
import { StaffService } from '../tickets/staff.service';
import { ClockSettingsService } from './clock-settings.service';
import { InventorySnapshot } from './inventory-snapshot.entity';
import { peopleInRole } from './people';
import { TicketChange, TicketHooks } from './ticket-hooks';

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

  /** 日盘点 at the end of the working day: every project's open, overdue and unrecorded tickets, to its lead. */
  async dailyInventory(at: Date) {
    const day = dayKeyOf(at);
    for (const project of await this.ds.getRepository(Project).find()) {
      if (await this.ds.getRepository(InventorySnapshot).findOneBy({ projectId: project.id, day })) continue;
      const asLead: AuthUser = {
        id: 'system',
        kind: 'staff',
        role: 'cs_lead',
        name: '系统',
        companyId: project.companyId,
        projectId: project.id,
        departmentId: null,
      };
      const inv = await this.staff.inventory(asLead, at);
      await this.ds.transaction(async (m) => {
        await m.getRepository(InventorySnapshot).insert({
          projectId: project.id,
          day,
          open: inv.open,
          overdue: inv.overdue.length,
          withoutHandlingRecord: inv.withoutHandlingRecord.length,
          detail: JSON.stringify({
            byStatus: inv.byStatus,
            overdue: inv.overdue.map((t) => t.number),
            withoutHandlingRecord: inv.withoutHandlingRecord.map((t) => t.number),
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
            title: `${day} 日盘点`,
            body: `未结 ${inv.open} 件，超时 ${inv.overdue.length} 件，超过一个工作日无处理记录 ${inv.withoutHandlingRecord.length} 件。`,
            page: '/staff/pages/inventory/index',
            dedupeKey: `inventory:${project.id}:${day}`,
          },
          m,
        );
      });
    }
  }

  /** The snapshots sent so far, newest first (the lead's history of 日盘点). */
  snapshots(projectId: string, limit = 30) {
    return this.ds
      .getRepository(InventorySnapshot)
      .find({ where: { projectId }, order: { day: 'DESC' }, take: limit });
  }
}
