import { Injectable, OnModuleInit } from '@nestjs/common';
import { detectTrade, isVisitedKind, repeatOf } from '@wuye/shared';
import { NotificationsService } from '../notifications/notifications.service';
import { Ticket } from '../tickets/entities';
import { IntakeDiverter, IntakeSubmission, TicketIntakeHooks } from '../tickets/intake-hooks';
import { LifecycleService } from '../tickets/lifecycle.service';
import { TicketsService } from '../tickets/tickets.service';
import { RepeatComplaintsRepository } from './repositories/repeat-complaints.repository';
import { VisitTicketsRepository } from './repositories/visit-tickets.repository';
import { VisitRulesService } from './visit-rules.service';

const DAY_MS = 24 * 3600_000;

/**
 * 处理完毕后一周内无再次投诉 (docs/domain-rules.md "Closing", (the customer-service handbook) 统计说明7): when the same household complains again
 * about the same matter within the project's close window after handling (a week unless the project set another), the original ticket is reopened with the new words
 * instead of a new ticket being opened, and the link is kept (also answering a retry of the same request).
 */
@Injectable()
export class RepeatComplaintsService implements OnModuleInit, IntakeDiverter {
  constructor(
    private readonly repeats: RepeatComplaintsRepository,
    private readonly ticketRows: VisitTicketsRepository,
    private readonly intake: TicketIntakeHooks,
    private readonly lifecycle: LifecycleService,
    private readonly tickets: TicketsService,
    private readonly rules: VisitRulesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.intake.register(this);
  }

  replay(userId: string, key: string, requestHash: string): Promise<string | null> {
    return this.repeats.replay(userId, key, requestHash);
  }

  async divert(s: IntakeSubmission): Promise<string | null> {
    if (!isVisitedKind(s.kind) || !s.householdId) return null;
    const rules = (await this.rules.rules(s.projectId)).repeatComplaint;
    // The window is the project's close window (ProjectPolicy.closing): searched generously in calendar days
    // (a working day at most a week away, plus a long holiday), then decided exactly per ticket.
    const closing = await this.rules.closing(s.projectId);
    const searchDays =
      closing.window.type === 'working_days' ? closing.window.days * 7 + 14 : closing.window.days;
    // Only tickets the submitter may see (tickets/access.ts): never reveal (or reopen) a neighbour's anonymous
    // complaint. Every submission of a visited kind asks this, so the search is hand-written (the repository).
    const scope = await this.tickets.scopeCondition(s.user, s.boundHouseholdIds);
    const candidates = await this.repeats.candidates(scope, {
      householdId: s.householdId,
      kind: s.kind,
      statuses: ['handled', 'awaiting_visit'],
      since: new Date(s.now.getTime() - searchDays * DAY_MS),
    });
    let best: { t: Ticket; similarity: number } | null = null;
    for (const t of candidates) {
      const r = repeatOf(
        {
          kind: s.kind,
          householdId: s.householdId,
          category: s.category,
          text: s.content,
          trade: s.kind === 'repair' ? detectTrade(s.content).trade : null,
          at: s.now,
        },
        {
          kind: t.kind,
          householdId: t.householdId,
          category: t.category,
          text: t.content,
          trade: t.trade,
          handledAt: t.handledAt!,
          windowEndsAt: closing.endsAt(t.handledAt!),
        },
        rules,
      );
      if (r.repeat && (!best || r.similarity > best.similarity)) best = { t, similarity: r.similarity };
    }
    if (!best) return null;
    const original = best.t;
    try {
      await this.lifecycle.actAsSystem(
        original.id,
        {
          action: 'reopen',
          reason: `同户一周内再次反馈：${s.content}`.slice(0, 2000),
          photoIds: s.photoIds.length ? s.photoIds : undefined,
          version: original.version,
        },
        {
          photoOwnerId: s.user.id,
          data: { repeat: { by: s.user.name, similarity: Math.round(best.similarity * 100) / 100 } },
          within: async (m) => {
            await this.repeats.insert(m, {
              originalTicketId: original.id,
              householdId: s.householdId!,
              createdById: s.user.id,
              idempotencyKey: s.idempotencyKey,
              requestHash: s.requestHash,
              kind: s.kind,
              content: s.content,
              similarity: best!.similarity,
              createdAt: s.now,
            });
            const people = new Set(
              (await this.ticketRows.peopleInRole(original, ['cs_lead'], m)).map((u) => u.id),
            );
            if (original.assigneeId) people.add(original.assigneeId);
            await this.notifications.notify(
              [...people],
              {
                kind: 'repeat_complaint',
                title: `再次反馈，已重新打开：${original.number}`,
                body: `同一户在处理完毕一周内再次反馈同一问题：${[...s.content].slice(0, 60).join('')}`,
                ticketId: original.id,
                page: `/staff/pages/ticket/index?id=${original.id}`,
                dedupeKey: `repeat:${original.id}:${s.user.id}:${s.idempotencyKey}`,
                scene: 'staff_escalated',
                fields: { number: original.number },
              },
              m,
            );
          },
        },
      );
    } catch (e) {
      // The same request raced itself, or the original moved meanwhile: a twin's link answers; else file anew.
      const again = await this.replay(s.user.id, s.idempotencyKey, s.requestHash);
      if (again) return again;
      const now = await this.ticketRows.find(original.id);
      if (now && now.status !== original.status) return null;
      throw e;
    }
    return original.id;
  }
}
