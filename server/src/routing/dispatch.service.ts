import { Injectable } from '@nestjs/common';
import {
  CategoryName,
  DepartmentCode,
  detectTrade,
  REPAIR_TRADE_LABELS,
  TicketKind,
  TRIAGE_REASON_LABELS,
} from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { ClassifierService } from '../classification/classifier.service';
import type { ComplaintAnalysis } from '@wuye/shared';
import { Department, Project } from '../org/entities';
import { nearestDue } from '../tickets/deadline-fields';
import { Ticket, TicketEvent } from '../tickets/entities';
import { DispatchPlan, IntakeDecision, TicketDispatcher } from '../tickets/ports';
import { RoutingService } from './routing.service';

/** Extra queue rank for emergencies (dispatch at once, docs/domain-rules.md "Time limits"): above any key customer. */
const EMERGENCY_PRIORITY = 1000;

/** What staff read about a text beyond its category: flags, the kind it reads as, a plain-Chinese why. */
function readingOf(c: ComplaintAnalysis) {
  return {
    flags: c.flags,
    explanation: c.explanation,
    readsAs: c.kind,
    ...(c.kindSuggestion ? { kindSuggestion: c.kindSuggestion } : {}),
  };
}

/**
 * What happens to a new ticket: complaints are classified by final cause and routed to the
 * responsible department when the classifier is sure (else they wait in the lead's triage queue);
 * repairs go to 工程部; emergencies are dispatched at once whatever the confidence. Intake reaches it through the
 * tickets domain's TicketDispatcher port (routing/dispatch-port.module.ts).
 */
@Injectable()
export class DispatchService implements TicketDispatcher {
  constructor(
    private readonly classifier: ClassifierService,
    private readonly routing: RoutingService,
  ) {}

  async decide(project: Project, kind: TicketKind, content: string): Promise<IntakeDecision> {
    const routing = await this.routing.settings(project.id);
    const table = routing.categories;
    const c = await this.classifier.classify(project.companyId, content, table, kind);
    if (kind !== 'complaint' && kind !== 'repair') {
      // Suggestions, praise and inquiries are not routed by category, but an emergency told in one is still
      // flagged (the lead is told at once) and staff see the kind it reads as.
      const fields: Partial<Ticket> = c.flags.emergency
        ? { emergency: true, priority: EMERGENCY_PRIORITY, classification: JSON.stringify(readingOf(c)) }
        : c.kindSuggestion
          ? { classification: JSON.stringify(readingOf(c)) }
          : {};
      return { fields, departmentCode: null, reason: '' };
    }
    const threshold = routing.autoRouteThreshold ?? undefined;
    const unsure = c.needsTriage || (threshold !== undefined && c.confidence < threshold);
    const fields: Partial<Ticket> = {
      emergency: c.flags.emergency,
      agitated: c.flags.agitated,
      compensationYuan: c.flags.compensationYuan,
      majorComplaint: kind === 'complaint' && c.flags.majorComplaint,
    };
    if (c.flags.emergency) fields.priority = EMERGENCY_PRIORITY;
    if (kind === 'repair') {
      const guess = detectTrade(content);
      fields.trade = guess.trade;
      return {
        fields,
        departmentCode: routing.autoRoute ? routing.trades[guess.trade] : null,
        reason: `按报修工种“${REPAIR_TRADE_LABELS[guess.trade]}”${guess.matched.length ? `（${guess.matched.slice(0, 3).join('、')}）` : ''}派单`,
      };
    }
    // A category the project does not show its staff: the complaint keeps the classifier's category (the reports
    // count all eight) but waits for the lead to pick one of the project's own (docs/policy.md).
    const hidden = !(routing.shownCategories as readonly string[]).includes(c.category);
    const triageReason = c.triageReason
      ? TRIAGE_REASON_LABELS[c.triageReason]
      : unsure
        ? '置信度低于本小区的自动分派阈值'
        : hidden
          ? `本小区未使用“${c.category}”分类，请主管确认分类`
          : null;
    Object.assign(fields, {
      category: c.category,
      categoryConfidence: c.confidence,
      classification: JSON.stringify({
        by: 'model',
        reasons: c.reasons,
        triageReason,
        top: Object.entries(c.probabilities)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3),
        ...readingOf(c),
      }),
    });
    // An emergency is dispatched at once whatever the confidence or the category.
    const dispatch = routing.autoRoute && ((!unsure && !hidden) || c.flags.emergency);
    fields.triage = !dispatch;
    return {
      fields,
      departmentCode: dispatch ? table[c.category as CategoryName] : null,
      reason: `按最终原因归为“${c.category}”（置信度 ${Math.round(c.confidence * 100)}%）`,
    };
  }

  /**
   * Where a ticket would go now: the department by code, the person by the department's strategy (null: nobody
   * available, it waits in the department's queue). Null when the project has no such department.
   */
  async plan(
    m: EntityManager,
    projectId: string,
    code: DepartmentCode,
    trade: string | null,
  ): Promise<DispatchPlan | null> {
    const dept = await this.department(projectId, code);
    if (!dept) return null;
    return { dept, assignee: await this.pickAssignee(m, dept, trade) };
  }

  /** The project's department by code (cached with the routing table); null when it has none. */
  department(projectId: string, code: DepartmentCode): Promise<Department | null> {
    return this.routing.department(projectId, code);
  }

  /**
   * Who in `dept` takes a ticket now, by its strategy; null: nobody available, it waits in the queue. With
   * `hold`, the pick counts towards that person's load until `release` (RoutingService.pickAssignee).
   */
  pickAssignee(
    m: EntityManager,
    dept: Department,
    trade: string | null,
    opts: { hold?: boolean } = {},
  ): Promise<DispatchPlan['assignee']> {
    return this.routing.pickAssignee(m, dept, trade, opts);
  }

  release(userId: string): void {
    this.routing.release(userId);
  }

  /** A system dispatch of `t` by `plan`: the ticket's new fields (one version up) and its timeline record. */
  assignment(t: Ticket, plan: DispatchPlan, reason: string, now: Date) {
    const { dept, assignee } = plan;
    const patch: Partial<Ticket> = {
      status: 'assigned',
      departmentId: dept.id,
      assigneeId: assignee?.id ?? null,
      triage: false,
    };
    patch.dueAt = nearestDue({
      status: 'assigned',
      repliedAt: t.repliedAt,
      replyDueAt: t.replyDueAt,
      handleDueAt: t.handleDueAt,
    });
    const event: Partial<TicketEvent> = {
      ticketId: t.id,
      ticketVersion: t.version + 1,
      createdAt: now,
      action: 'assign',
      fromStatus: 'received',
      toStatus: 'assigned',
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      note: `${reason}，已派至${dept.name}${assignee ? `（${assignee.name}）` : '，部门暂无可派人员，在部门队列等待领取'}`,
      internal: false,
      label: '已派单',
      data: JSON.stringify({ departmentId: dept.id, assigneeId: assignee?.id ?? null, auto: true }),
    };
    return { patch, event };
  }

  /**
   * Dispatches a stored ticket that waited (inside the caller's transaction): department by the routing table,
   * person by the department's strategy; nobody available → the department's queue. Recorded as a system move.
   * (Intake plans before its transaction and stores the new ticket already dispatched.)
   */
  async dispatch(
    m: EntityManager,
    t: Ticket,
    code: DepartmentCode,
    reason: string,
    now: Date,
  ): Promise<void> {
    const plan = await this.plan(m, t.projectId, code, t.trade);
    if (!plan) return;
    const { patch, event } = this.assignment(t, plan, reason, now);
    await m.getRepository(Ticket).update({ id: t.id }, patch);
    Object.assign(t, patch, { version: t.version + 1 });
    await m.getRepository(TicketEvent).insert(event);
  }
}
