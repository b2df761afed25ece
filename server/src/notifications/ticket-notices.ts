import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ESCALATION_TARGET_LABELS,
  EscalationTarget,
  formatShanghai,
  TICKET_KIND_LABELS,
  TicketKind,
} from '@wuye/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { selectRows } from '../database/raw';
import { Notification } from './entities';
import { Ticket } from '../tickets/entities';
import { peopleInRole } from '../org/people';
import { TicketChange, TicketHooks } from '../events/ticket-hooks';
import { RoutingService } from '../routing/routing.service';
import { NotificationsService } from './notifications.service';

/** What the lead's notice needs: read before the transaction (prefetch) or inside it. */
interface LeadContext {
  projectId: string;
  departmentId: string | null;
  deptName: string | null;
  leadIds: string[];
}

/** Waiting in a department's queue with nobody to take it, in triage, or a new emergency: the lead is told. */
function needsLead(c: TicketChange): boolean {
  const t = c.after;
  const newlyQueued =
    !!t.departmentId &&
    !t.assigneeId &&
    (t.departmentId !== c.before?.departmentId || !!c.before?.assigneeId);
  const newlyTriage = t.triage && !c.before?.triage;
  return newlyQueued || newlyTriage || (t.emergency && !c.before);
}

/** Later emergency reports of one incident within this long after its alert update the alert instead of sending. */
export const ALERT_WINDOW_MS = 60 * 60_000;

const excerpt = (s: string, n = 40) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/**
 * Who hears about what: the resident about their ticket's public progress (received, plan proposed, handled
 * by subscribe message, every public step in the app); staff about what lands on their desk; the lead about
 * tickets waiting with nobody to take them, the triage queue and emergencies.
 */
@Injectable()
export class TicketNotices implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly routing: RoutingService,
    private readonly hooks: TicketHooks,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.hooks.listen(
      'notices',
      (m, c, pre) => this.onChange(m, c, pre as LeadContext | undefined),
      // Intake asks before its transaction, so the transaction itself only writes.
      (c) => (needsLead(c) ? this.leadContext(this.ds.manager, c.after) : null),
    );
  }

  /** The department's name (the routing table's cache) and the leads to tell, for a ticket nobody took. */
  private async leadContext(m: EntityManager, t: Ticket): Promise<LeadContext> {
    const [dept, leads] = await Promise.all([
      t.departmentId ? this.routing.departmentById(t.projectId, t.departmentId) : null,
      peopleInRole(m, t, ['cs_lead']),
    ]);
    return {
      projectId: t.projectId,
      departmentId: t.departmentId,
      deptName: dept?.name ?? null,
      leadIds: leads.map((u) => u.id),
    };
  }

  private async onChange(m: EntityManager, c: TicketChange, pre?: LeadContext) {
    const t = c.after;
    const kindLabel = TICKET_KIND_LABELS[t.kind as TicketKind] ?? '反馈';
    const residentPage = `/pages/ticket-detail/index?id=${t.id}`;
    const staffPage = `/staff/pages/ticket/index?id=${t.id}`;
    const fields = { number: t.number, title: excerpt(t.content, 20), status: c.label };
    // Collected, then stored together (one insert inside the change's transaction).
    const notices: Parameters<NotificationsService['notifyMany']>[0] = [];

    // The resident: every public step by someone else, the three main ones also by WeChat.
    if (t.residentId && c.public && c.actor.id !== t.residentId) {
      const scene =
        c.action === 'create'
          ? 'ticket_received'
          : c.action === 'propose_solution'
            ? 'plan_proposed'
            : c.action === 'mark_handled'
              ? 'ticket_handled'
              : undefined;
      const title =
        c.action === 'create'
          ? `您的${kindLabel}已受理`
          : c.action === 'propose_solution'
            ? '处理方案待您确认'
            : c.action === 'mark_handled'
              ? `您的${kindLabel}已处理完成`
              : `${kindLabel}进展：${c.label}`;
      notices.push({
        userIds: [t.residentId],
        msg: {
          kind: c.action === 'create' ? 'received' : c.action,
          title,
          body: `${t.number} · ${excerpt(t.content)}`,
          ticketId: t.id,
          page: residentPage,
          dedupeKey: `ticket:${t.id}:v${t.version}`,
          newKey: !c.before, // a new ticket's id: no notice can carry the key yet
          scene,
          fields,
        },
      });
    }
    if (c.action === 'create' && t.residentId && c.actor.id === t.residentId) {
      notices.push({
        userIds: [t.residentId],
        msg: {
          kind: 'received',
          title: `您的${kindLabel}已受理`,
          body: `编号 ${t.number}，我们会尽快处理，进展会在这里通知您。`,
          ticketId: t.id,
          page: residentPage,
          dedupeKey: `ticket:${t.id}:received`,
          newKey: !c.before, // a new ticket's id: no notice can carry the key yet
          scene: 'ticket_received',
          fields: { ...fields, status: '已受理' },
        },
      });
    }

    // A new assignee (not the one who took it themselves).
    if (t.assigneeId && t.assigneeId !== c.before?.assigneeId && t.assigneeId !== c.actor.id) {
      notices.push({
        userIds: [t.assigneeId],
        msg: {
          kind: 'assigned',
          title: `${t.emergency ? '【紧急】' : ''}新工单：${t.number}`,
          body: `${kindLabel} · ${excerpt(t.content, 60)}${t.priorityReason ? `（${t.priorityReason}）` : ''}`,
          ticketId: t.id,
          page: staffPage,
          dedupeKey: `assigned:${t.id}:v${t.version}`,
          newKey: !c.before, // a new ticket's id: no notice can carry the key yet
          scene: 'staff_assigned',
          fields,
          urgent: t.emergency ? 'emergency' : undefined,
        },
      });
    }

    // 服务上移: the people it was passed up to (the lead, the project manager, or group HQ) are told; it is in
    // their 我的待办 from now on.
    if (c.action === 'escalate' && t.escalationLevel) {
      const target = ESCALATION_TARGET_LABELS[t.escalationLevel as EscalationTarget] ?? '上级';
      const up = (await peopleInRole(m, t, [t.escalationLevel])).filter((u) => u.id !== c.actor.id);
      notices.push({
        userIds: up.map((u) => u.id),
        msg: {
          kind: 'escalated',
          title: `${t.emergency ? '【紧急】' : ''}服务上移：${t.number}`,
          body: `${c.actor.name}将${kindLabel}上移给${target}，请跟进：${excerpt(t.content, 60)}`,
          ticketId: t.id,
          page: staffPage,
          dedupeKey: `escalate:${t.id}:v${t.version}`,
          scene: 'staff_escalated',
          fields: { ...fields, due: t.dueAt ? formatShanghai(t.dueAt) : '' },
        },
      });
    }

    // Waiting in a department's queue with nobody to take it, or in triage: the lead is told. A new emergency: the
    // lead on duty is alerted once per event (emergencyAlert), not once per report.
    if (needsLead(c)) {
      const newlyTriage = t.triage && !c.before?.triage;
      const newEmergency = t.emergency && !c.before;
      const lead =
        pre && pre.projectId === t.projectId && pre.departmentId === t.departmentId
          ? pre
          : await this.leadContext(m, t);
      if (newEmergency) {
        const alert = await this.emergencyAlert(m, t, lead, c.now);
        if (alert) notices.push(alert);
      }
      if (newlyTriage || !newEmergency)
        notices.push({
          userIds: lead.leadIds,
          msg: {
            kind: newlyTriage ? 'triage' : 'queued',
            title: newlyTriage
              ? `待人工分派：${t.number}`
              : `${t.emergency ? '【紧急】' : ''}${lead.deptName ?? '部门'}待领取：${t.number}`,
            body: newlyTriage
              ? `系统无法确定分类，请人工分派：${excerpt(t.content, 60)}`
              : `工单在${lead.deptName ?? '部门'}队列等待领取：${excerpt(t.content, 60)}`,
            ticketId: t.id,
            page: staffPage,
            dedupeKey: `queued:${t.id}:v${t.version}`,
            newKey: !c.before, // a new ticket's id: no notice can carry the key yet
          },
        });
    }
    await this.notifications.notifyMany(notices, m);
  }

  /**
   * A new emergency report: the project's customer-service leads (who are on duty for what nobody has taken yet,
   * day and night) hear of its event once. The first report of an event — a ticket standing alone, or the first
   * emergency of an incident — makes the alert: one notification (key `emergency:…`) sent as one message (a
   * text at night, else WeChat, a text when WeChat cannot carry it). Later emergency reports of the same incident
   * within ALERT_WINDOW_MS send nothing: the alert in the app is updated with how many reports there are now and
   * the newest one, and shows as unread again. Reports joining one incident hold its row lock (incidents.apply),
   * so they look for the alert one after the other; a ticket standing alone has its own key.
   */
  private async emergencyAlert(
    m: EntityManager,
    t: Ticket,
    lead: LeadContext,
    now: Date,
  ): Promise<Parameters<NotificationsService['notifyMany']>[0][number] | null> {
    const leadIds = lead.leadIds;
    if (!leadIds.length) return null;
    const repo = m.getRepository(Notification);
    const key = t.incidentId ? `emergency:i:${t.incidentId}` : `emergency:t:${t.id}`;
    let had: Notification[] = [];
    if (t.incidentId) {
      had = await repo.findBy({ userId: In(leadIds), dedupeKey: key });
      if (!had.length) {
        // The incident may have begun with an emergency that stood alone when it was filed (its alert carries the
        // ticket's key): the incident takes that alert over.
        const earlier = await selectRows<{ id: string }>(
          m,
          'SELECT `id` FROM `tickets` WHERE `incidentId` = ? AND `emergency` = ? AND `id` <> ?',
          [t.incidentId, true, t.id],
        );
        if (earlier.length) {
          const theirs = await repo.find({
            where: { userId: In(leadIds), dedupeKey: In(earlier.map((r) => `emergency:t:${r.id}`)) },
            order: { createdAt: 'DESC' },
          });
          for (const n of theirs) {
            if (had.some((x) => x.userId === n.userId)) continue; // the newest per person
            await repo.update({ id: n.id }, { dedupeKey: key });
            had.push(Object.assign(n, { dedupeKey: key }));
          }
        }
      }
    }
    const since = now.getTime() - ALERT_WINDOW_MS;
    const fresh = had.filter((n) => n.createdAt.getTime() >= since);
    // An alert older than the window is retired (its key freed): this report starts a new alert.
    for (const n of had)
      if (n.createdAt.getTime() < since) await repo.update({ id: n.id }, { dedupeKey: `${key}:${n.id}` });
    if (fresh.length && t.incidentId) {
      const first = Math.min(...fresh.map((n) => n.createdAt.getTime()));
      const [r] = await selectRows<{ n: unknown }>(
        m,
        'SELECT COUNT(*) AS `n` FROM `tickets` WHERE `incidentId` = ? AND `emergency` = ? AND `createdAt` >= ?',
        [t.incidentId, true, new Date(first)],
      );
      const count = Math.max(2, Number(r?.n ?? 0));
      await repo.update(
        { id: In(fresh.map((n) => n.id)) },
        {
          title: `【紧急】同一事件已有${count}起报告`.slice(0, 60),
          body: `最新：${t.number} · ${excerpt(t.content, 60)}${t.location ? `（${t.location}）` : ''}`.slice(
            0,
            500,
          ),
          readAt: null,
        },
      );
    }
    const toAlert = leadIds.filter((id) => !fresh.some((n) => n.userId === id));
    if (!toAlert.length) return null;
    const where = t.assigneeId ? '已派单处理' : `${lead.deptName ?? '部门'}队列等待领取`;
    return {
      userIds: toAlert,
      msg: {
        kind: 'emergency',
        title: `【紧急】${t.number} ${excerpt(t.content, 20)}`,
        body: `${excerpt(t.content, 60)}${t.location ? `（${t.location}）` : ''}，${where}。同一事件的后续报告不再另行通知。`,
        ticketId: t.id,
        page: `/staff/pages/ticket/index?id=${t.id}`,
        dedupeKey: key,
        newKey: true, // looked up above (and freed when retired)
        scene: 'staff_assigned',
        fields: { number: t.number, title: excerpt(t.content, 20), status: '紧急' },
        urgent: 'emergency',
      },
    };
  }
}
