import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { CAUSE_FACTORS, clip, TICKET_STATUS_LABELS, TicketStatus } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { CorrectiveAction } from './entities';
import { ReportScopes } from './report-scope';
import { ReportRecordsRepository } from './repositories/report-records.repository';
import { ReportTicketsRepository } from './repositories/report-tickets.repository';

/**
 * What a project's lead or manager writes into the month's analysis (the customer-service handbook, 投诉分析):
 * corrective actions 纠正措施 with their cause 人/机/料/法/环, representative cases 代表性案例 picked from the
 * project's tickets, and the submission of the month's analysis (or the quarter's developer summary) to HQ.
 */
@Injectable()
export class ReportRecordsService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly records: ReportRecordsRepository,
    private readonly tickets: ReportTicketsRepository,
  ) {}

  // ── corrective actions ──

  async addCorrectiveAction(
    user: AuthUser,
    dto: {
      projectId?: string;
      month: string;
      category?: string;
      causeFactor?: string;
      causeSub?: string;
      problem: string;
      action: string;
      owner?: string;
      dueDate?: string;
      status?: string;
    },
  ) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    checkCause(dto.causeFactor, dto.causeSub);
    return this.records.addAction({
      companyId: scope.companyId,
      projectId: scope.project.id,
      month: dto.month,
      category: dto.category ?? null,
      causeFactor: dto.causeFactor ?? null,
      causeSub: dto.causeSub ?? null,
      problem: dto.problem,
      action: dto.action,
      owner: dto.owner ?? null,
      dueDate: dto.dueDate ?? null,
      status: dto.status ?? 'planned',
      result: null,
      createdById: user.id,
      createdByName: user.name,
      createdAt: this.clock.now(),
      updatedAt: this.clock.now(),
    });
  }

  async updateCorrectiveAction(
    user: AuthUser,
    id: string,
    dto: Partial<Pick<CorrectiveAction, 'problem' | 'action' | 'owner' | 'dueDate' | 'status' | 'result'>>,
  ) {
    const row = await this.own(user, await this.records.action(id), '没有找到这条纠正措施');
    return this.records.updateAction(row.id, { ...dto, updatedAt: this.clock.now() });
  }

  async removeCorrectiveAction(user: AuthUser, id: string) {
    const row = await this.own(user, await this.records.action(id), '没有找到这条纠正措施');
    await this.records.removeAction(row.id);
    return { id: row.id, deleted: true };
  }

  // ── representative cases ──

  /** The month's cases of these projects with a summary of each ticket. */
  async casesOf(projectIds: string[], month: string) {
    const cases = await this.records.casesOf(projectIds, month);
    const tickets = await this.tickets.summaries(cases.map((c) => c.ticketId));
    return cases.map((c) => {
      const t = tickets.find((x) => x.id === c.ticketId);
      return {
        id: c.id,
        ticketId: c.ticketId,
        number: t?.number ?? '',
        summary: t ? clip(t.content, 80) : '',
        category: t?.category ?? null,
        status: t?.status ?? null,
        statusLabel: t ? TICKET_STATUS_LABELS[t.status as TicketStatus] : '',
        keyPoints: c.keyPoints,
        cause: c.cause,
        handling: c.handling,
        lessons: c.lessons,
        createdByName: c.createdByName,
      };
    });
  }

  /** Picks a ticket of the project (by number or id) as a representative case of a month. */
  async addCase(
    user: AuthUser,
    dto: {
      projectId?: string;
      month: string;
      ticketNumber?: string;
      ticketId?: string;
      keyPoints?: string;
      cause?: string;
      handling?: string;
      lessons?: string;
    },
  ) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    if (!dto.ticketId && !dto.ticketNumber) throw new BadRequestException('请填写工单编号');
    const ticket = await this.tickets.findInProject(
      scope.project.id,
      dto.ticketId ? { id: dto.ticketId } : { number: dto.ticketNumber!.trim().toUpperCase() },
    );
    if (!ticket) throw new NotFoundException('本项目没有这个编号的工单');
    if (await this.records.caseOfTicket(scope.project.id, dto.month, ticket.id))
      throw new BadRequestException('这张工单已列为本月的代表性案例');
    const row = await this.records.addCase({
      companyId: scope.companyId,
      projectId: scope.project.id,
      month: dto.month,
      ticketId: ticket.id,
      keyPoints: dto.keyPoints ?? null,
      cause: dto.cause ?? null,
      handling: dto.handling ?? null,
      lessons: dto.lessons ?? null,
      createdById: user.id,
      createdByName: user.name,
      createdAt: this.clock.now(),
    });
    return (await this.casesOf([scope.project.id], dto.month)).find((c) => c.id === row.id)!;
  }

  async removeCase(user: AuthUser, id: string) {
    const row = await this.own(user, await this.records.case(id), '没有找到这个案例');
    await this.records.removeCase(row.id);
    return { id: row.id, deleted: true };
  }

  // ── submissions ──

  /** Marks the month's analysis (or the quarter's developer summary) as submitted to HQ. */
  async submit(user: AuthUser, dto: { projectId?: string; kind: string; period: string; note?: string }) {
    const scope = await this.scopes.resolveWritable(user, dto.projectId);
    const existing = await this.records.submission(scope.project.id, dto.kind, dto.period);
    if (existing) return existing;
    return this.records.addSubmission({
      companyId: scope.companyId,
      projectId: scope.project.id,
      kind: dto.kind,
      period: dto.period,
      submittedById: user.id,
      submittedByName: user.name,
      note: dto.note ?? null,
      submittedAt: this.clock.now(),
    });
  }

  /** The row, if the user may write to its project; 404 when there is none. */
  private async own<T extends { projectId: string }>(user: AuthUser, row: T | null, missing: string) {
    if (!row) throw new NotFoundException(missing);
    await this.scopes.resolveWritable(user, row.projectId);
    return row;
  }
}

/** A corrective action's cause: a factor of 人/机/料/法/环, and a sub-factor of that factor. */
function checkCause(factor?: string, sub?: string) {
  if (!factor) {
    if (sub) throw new BadRequestException('请先选择原因类别（人/机/料/法/环）');
    return;
  }
  const f = CAUSE_FACTORS[factor as keyof typeof CAUSE_FACTORS];
  if (!f) throw new BadRequestException('原因类别只能是人、机、料、法、环之一');
  if (sub && !(sub in f.subs)) throw new BadRequestException('原因细项与类别不符');
}
