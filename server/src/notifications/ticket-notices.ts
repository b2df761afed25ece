import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  ESCALATION_TARGET_LABELS,
  EscalationTarget,
  formatShanghai,
  TICKET_KIND_LABELS,
  TicketKind,
} from '@wuye/shared';
import { DataSource, EntityManager } from 'typeorm';
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

    // Waiting in a department's queue with nobody to take it, or in triage: the lead is told.
    if (needsLead(c)) {
      const newlyTriage = t.triage && !c.before?.triage;
      const lead =
        pre && pre.projectId === t.projectId && pre.departmentId === t.departmentId
          ? pre
          : await this.leadContext(m, t);
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
          urgent: t.emergency ? 'emergency' : undefined,
        },
      });
    }
    await this.notifications.notifyMany(notices, m);
  }
}
