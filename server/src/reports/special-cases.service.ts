import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  addMonths,
  clip,
  followUpDueAt,
  monthLabel,
  monthlyReportDueAt,
  monthOf,
  nextReportDeadline,
  REPORT_FIELD_LABELS,
  ReportField,
  reportDueAt,
  SPECIAL_CASE_RULES,
  SPECIAL_CASE_STAGE_LABELS,
  SpecialCaseKind,
  StatisticalMonth,
  specialCaseStage,
  TICKET_STATUS_LABELS,
  TicketStatus,
} from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Project } from '../org/entities';
import { PolicyService } from '../policy/policy.service';
import { Ticket, TicketEvent } from '../tickets/entities';
import { SpecialCase } from './entities';
import { ReportScopes } from './report-scope';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportRecordsRepository } from './repositories/report-records.repository';
import { SpecialCasesRepository } from './repositories/special-cases.repository';
import { toDate } from './sql';

/** Look this far behind the last sync, so a ticket committed while the last sync ran is not missed. */
const SYNC_OVERLAP_MS = 15 * 60_000;
/**
 * A project's first sync looks this far back: reports are due within a day or a week, so older cases are
 * history, and a company of a million tickets is not read row by row.
 */
const FIRST_SYNC_LOOKBACK_MS = 62 * 24 * 3600_000;

/** A report someone owes, for reminders (the scheduler hands these to notifications). */
export interface OwedReport {
  kind: 'major_report' | 'hot_report' | 'major_follow_up' | 'hot_follow_up' | 'monthly_analysis';
  label: string;
  companyId: string;
  projectId: string;
  projectName: string;
  /** The special case, or the month 'YYYY-MM' of a monthly analysis. */
  subjectId: string;
  title: string;
  dueAt: Date;
  overdue: boolean;
}

const parse = (s: string | null): Record<string, string> | null => (s ? JSON.parse(s) : null);

/**
 * The major/hot complaint register 重大/热点投诉台账: new major complaints (tickets.majorComplaint, set when
 * the compensation claimed reaches 10,000 yuan) and hot incidents enter it with their report deadline; a
 * lead or project manager records the report (who, when, to whom); once every complaint of it is closed,
 * the special report is due, and filing it archives the case in its own file.
 */
@Injectable()
export class SpecialCasesService {
  constructor(
    private readonly cases: SpecialCasesRepository,
    private readonly org: ReportOrgRepository,
    private readonly records: ReportRecordsRepository,
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly policies: PolicyService,
  ) {}

  /** Brings the register of these projects up to date: new cases, and closings (or reopenings) of open ones. */
  async sync(projects: Pick<Project, 'id' | 'companyId'>[], now = this.clock.now()): Promise<void> {
    for (const p of projects) {
      const syncedUntil = await this.cases.syncedUntil(p.id);
      const since = syncedUntil
        ? new Date(syncedUntil.getTime() - SYNC_OVERLAP_MS)
        : new Date(now.getTime() - FIRST_SYNC_LOOKBACK_MS);
      const candidates = [
        ...(await this.cases.majorTicketsSince(p.id, since)).map((t) => ({
          subjectKey: `major:${t.id}`,
          kind: 'major' as SpecialCaseKind,
          ticketId: t.id,
          incidentId: null,
          title: clip(t.title, 60),
          compensationYuan: t.compensationYuan,
          flaggedAt: t.flaggedAt,
        })),
        ...(await this.cases.hotIncidentsSince(p.id, since)).map((i) => ({
          subjectKey: `hot:${i.id}`,
          kind: 'hot' as SpecialCaseKind,
          ticketId: null,
          incidentId: i.id,
          title: clip(i.title, 60),
          compensationYuan: null,
          flaggedAt: i.flaggedAt,
        })),
      ];
      const known = await this.cases.knownSubjects(candidates.map((c) => c.subjectKey));
      for (const c of candidates.filter((x) => !known.has(x.subjectKey)))
        await this.cases.register({
          ...c,
          companyId: p.companyId,
          projectId: p.id,
          reportDueAt: reportDueAt(c.kind, c.flaggedAt),
          createdAt: now,
        });
      await this.cases.markSynced(p.id, now, !syncedUntil);
    }
    await this.syncClosings(projects.map((p) => p.id));
  }

  /** Closed when every complaint of the case is closed (withdrawn ones aside); the special report is then due. */
  private async syncClosings(projectIds: string[]) {
    if (!projectIds.length) return;
    const open = await this.cases.open(projectIds);
    if (!open.length) return;
    const closings = await this.cases.closings(open);
    for (const c of open) {
      const r = closings.find((x) =>
        c.ticketId ? x.ticketId === c.ticketId : x.incidentId === c.incidentId,
      );
      const closedAt = r?.closedAt ?? null;
      const changed = (closedAt?.getTime() ?? null) !== (c.closedAt ? toDate(c.closedAt).getTime() : null);
      if (!changed) continue;
      await this.cases.setClosed(
        c.id,
        closedAt,
        closedAt ? followUpDueAt(c.kind as SpecialCaseKind, closedAt) : null,
      );
    }
  }

  private view(c: SpecialCase, now: Date, projectName: string) {
    const rule = SPECIAL_CASE_RULES[c.kind as SpecialCaseKind];
    const stage = specialCaseStage(c, now);
    return {
      id: c.id,
      kind: c.kind,
      kindLabel: rule.label,
      projectId: c.projectId,
      projectName,
      ticketId: c.ticketId,
      incidentId: c.incidentId,
      title: c.title,
      compensationYuan: c.compensationYuan,
      flaggedAt: c.flaggedAt,
      reportDueAt: c.reportDueAt,
      reportTo: rule.reportTo,
      reportFields: rule.reportFields.map((f) => ({ field: f, label: REPORT_FIELD_LABELS[f] })),
      reportedAt: c.reportedAt,
      reportedByName: c.reportedByName,
      reportedTo: c.reportedTo,
      report: parse(c.report),
      closedAt: c.closedAt,
      followUpTitle: rule.followUpTitle,
      followUpFields: rule.followUpFields.map((f) => ({ field: f, label: REPORT_FIELD_LABELS[f] })),
      followUpDueAt: c.followUpDueAt,
      followUpAt: c.followUpAt,
      followUpByName: c.followUpByName,
      followUp: parse(c.followUp),
      stage,
      stageLabel: SPECIAL_CASE_STAGE_LABELS[stage],
      overdue: stage === 'report_overdue' || stage === 'follow_up_overdue',
      // a report made after its deadline stays marked late, whatever happens after
      reportedLate: !!c.reportedAt && toDate(c.reportedAt).getTime() > toDate(c.reportDueAt).getTime(),
      followUpLate:
        !!c.followUpAt &&
        !!c.followUpDueAt &&
        toDate(c.followUpAt).getTime() > toDate(c.followUpDueAt).getTime(),
      // a major complaint: suggested by its text (null) until the lead confirms or clears it
      decision: c.decision,
      decisionLabel:
        c.kind !== 'major'
          ? null
          : c.decision === 'confirmed'
            ? '主管已确认为重大投诉'
            : c.decision === 'cleared'
              ? '主管已排除'
              : '系统根据内容提示，待主管确认',
      decidedAt: c.decidedAt,
      decidedByName: c.decidedByName,
      decisionReason: c.decisionReason,
      version: c.version,
    };
  }

  /** The register of the user's scope, newest first; open ones (something owed) on top. */
  async list(user: AuthUser, q: { projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    const now = this.clock.now();
    await this.sync(scope.projects, now);
    const rows = await this.cases.ofProjects(scope.projects.map((p) => p.id));
    const name = new Map(scope.projects.map((p) => [p.id, p.name]));
    const items = rows.map((r) => this.view(r, now, name.get(r.projectId) ?? ''));
    const rank = (s: string) => (s.endsWith('overdue') ? 0 : s === 'archived' ? 3 : s === 'reported' ? 2 : 1);
    items.sort((a, b) => rank(a.stage) - rank(b.stage));
    return { scope: { projectId: scope.project?.id ?? null, label: scope.label }, items };
  }

  private async find(user: AuthUser, id: string, write = false) {
    const c = await this.cases.byId(id);
    if (!c) throw new NotFoundException('没有找到这条重大/热点投诉');
    const scope = write
      ? await this.scopes.resolveWritable(user, c.projectId)
      : await this.scopes.resolve(user, c.projectId);
    return { c, scope };
  }

  /** One case with its complaints and, once archived, its file. */
  async get(user: AuthUser, id: string) {
    const { c, scope } = await this.find(user, id);
    await this.sync(scope.projects);
    const fresh = (await this.cases.byId(id))!;
    const tickets = await this.cases.ticketsOf(fresh);
    const filed = await this.cases.archiveOf(c.id);
    return {
      ...this.view(fresh, this.clock.now(), scope.label),
      tickets: tickets.map((t) => ({
        id: t.id,
        number: t.number,
        status: t.status,
        statusLabel: TICKET_STATUS_LABELS[t.status as TicketStatus],
        summary: clip(t.content, 80),
        createdAt: t.createdAt,
        closedAt: t.closedAt,
      })),
      archive: filed && {
        id: filed.archive.id,
        archivedAt: filed.archive.archivedAt,
        archivedByName: filed.archive.archivedByName,
        entries: filed.entries.map((e) => ({ type: e.entryType, ...JSON.parse(e.payload) })),
      },
    };
  }

  private fields(
    kind: SpecialCaseKind,
    which: 'reportFields' | 'followUpFields',
    dto: Record<string, unknown>,
  ) {
    const wanted = SPECIAL_CASE_RULES[kind][which];
    const missing = wanted.filter((f) => typeof dto[f] !== 'string' || !(dto[f] as string).trim());
    if (missing.length)
      throw new BadRequestException(`请填写：${missing.map((f) => REPORT_FIELD_LABELS[f]).join('、')}`);
    return Object.fromEntries(wanted.map((f: ReportField) => [f, String(dto[f]).trim()]));
  }

  /**
   * The lead (or project manager) confirms a complaint is a major complaint 重大投诉, or clears one the text
   * suggested, with a reason. The ticket's flag follows (so do the month's figures, at their next rebuild), the
   * ticket's timeline records who, when and why, and the register follows: a confirmed complaint enters it
   * (its one-working-day report deadline from now when it was not flagged before), a cleared one stays in it
   * marked cleared and owes nothing. A report already made stays as it was, late or not.
   */
  async decideMajor(
    user: AuthUser,
    ticketId: string,
    dto: { decision: 'confirm' | 'clear'; reason: string },
  ) {
    const reason = dto.reason.trim();
    if (reason.length < 2) throw new BadRequestException('请写明确认或排除的理由（至少 2 个字）');
    const now = this.clock.now();
    const ticket = await this.cases.ticketForDecision(ticketId);
    if (!ticket) throw new NotFoundException('没有找到这张工单');
    await this.scopes.resolveWritable(user, ticket.projectId);
    if (ticket.kind !== 'complaint') throw new BadRequestException('只有投诉才能认定为重大投诉');
    const confirm = dto.decision === 'confirm';
    if (!confirm && !ticket.majorComplaint)
      throw new ConflictException('这条投诉没有标记为重大投诉，无需排除');
    const decision = confirm ? 'confirmed' : 'cleared';
    await this.cases.transaction(async (m) => {
      const bumped = await m.getRepository(Ticket).update(
        { id: ticket.id, version: ticket.version },
        { majorComplaint: confirm }, // bumps the version
      );
      if (!bumped.affected) throw new ConflictException('这张工单刚被他人更新，请刷新后再试');
      await m.getRepository(TicketEvent).insert({
        ticketId: ticket.id,
        ticketVersion: ticket.version + 1,
        action: confirm ? 'major_confirm' : 'major_clear',
        fromStatus: ticket.status,
        toStatus: ticket.status,
        actorId: user.id,
        actorName: user.name,
        actorRole: user.role,
        note: reason,
        internal: true,
        label: confirm ? '确认为重大投诉' : '排除重大投诉',
        data: JSON.stringify({ majorComplaint: confirm, suggested: ticket.majorComplaint }),
        createdAt: now,
      });
      const existing = await m.getRepository(SpecialCase).findOneBy({ subjectKey: `major:${ticket.id}` });
      const decided = { decision, decidedAt: now, decidedByName: user.name, decisionReason: reason };
      if (existing) {
        const ok = await this.cases.updateAt(m, existing.id, existing.version, decided);
        if (!ok) throw new ConflictException('这条记录刚被他人更新，请刷新后再试');
      } else if (confirm) {
        // Not flagged before (or not yet synced): it enters the register now.
        const flaggedAt = ticket.majorComplaint ? ticket.createdAt : now;
        await m.getRepository(SpecialCase).insert({
          subjectKey: `major:${ticket.id}`,
          kind: 'major',
          ticketId: ticket.id,
          incidentId: null,
          title: clip(ticket.content, 60),
          compensationYuan: ticket.compensationYuan,
          flaggedAt,
          reportDueAt: reportDueAt('major', flaggedAt),
          companyId: ticket.companyId,
          projectId: ticket.projectId,
          createdAt: now,
          ...decided,
        });
      }
    });
    const c = await this.cases.majorCaseOf(ticket.id);
    return {
      ticketId: ticket.id,
      majorComplaint: confirm,
      decision,
      case: c ? this.view(c, now, '') : null,
    };
  }

  /** Records the report to the leader: who (the user), when (now), to whom, and what was reported. */
  async report(user: AuthUser, id: string, dto: { reportedTo: string } & Record<string, unknown>) {
    const { c, scope } = await this.find(user, id, true);
    if (c.reportedAt) throw new ConflictException(`已上报（上报人：${c.reportedByName}）`);
    const report = this.fields(c.kind as SpecialCaseKind, 'reportFields', dto);
    const now = this.clock.now();
    const updated = await this.cases.updateAt(null, c.id, c.version, {
      reportedAt: now,
      reportedById: user.id,
      reportedByName: user.name,
      reportedTo: dto.reportedTo.trim(),
      report: JSON.stringify(report),
    });
    if (!updated) throw new ConflictException('这条记录刚被他人更新，请刷新后再试');
    return this.view((await this.cases.byId(id))!, now, scope.label);
  }

  /**
   * Files the special report after closing and archives the case in its own file: the register entry, every
   * complaint with its full record, and both reports, frozen as they are now.
   */
  async followUp(user: AuthUser, id: string, dto: Record<string, unknown>) {
    const { scope } = await this.find(user, id, true);
    await this.sync(scope.projects);
    const c = (await this.cases.byId(id))!;
    if (c.followUpAt) throw new ConflictException('专题报告已提交并归档');
    if (!c.reportedAt) throw new ConflictException('请先完成上报，再提交专题报告');
    if (!c.closedAt) throw new ConflictException('投诉全部办结后才能提交专题报告');
    const followUp = this.fields(c.kind as SpecialCaseKind, 'followUpFields', dto);
    const now = this.clock.now();
    const tickets = await this.cases.ticketsOf(c);
    const events = await this.cases.eventsOf(tickets.map((t) => t.id));
    const rule = SPECIAL_CASE_RULES[c.kind as SpecialCaseKind];
    const docs: [string, unknown][] = [
      [
        'case',
        {
          kind: rule.label,
          title: c.title,
          compensationYuan: c.compensationYuan,
          flaggedAt: c.flaggedAt,
          reportDueAt: c.reportDueAt,
          closedAt: c.closedAt,
        },
      ],
      ...tickets.map((t): [string, unknown] => [
        'ticket',
        { ...t, idempotencyKey: undefined, requestHash: undefined },
      ]),
      ...events.map((e): [string, unknown] => ['event', e]),
      [
        'report',
        {
          title: `${rule.label}上报`,
          reportedAt: c.reportedAt,
          reportedByName: c.reportedByName,
          reportedTo: c.reportedTo,
          fields: parse(c.report),
        },
      ],
      ['follow_up', { title: rule.followUpTitle, filedAt: now, filedByName: user.name, fields: followUp }],
    ];
    await this.cases.transaction(async (m) => {
      const updated = await this.cases.updateAt(m, c.id, c.version, {
        followUpAt: now,
        followUpById: user.id,
        followUpByName: user.name,
        followUp: JSON.stringify(followUp),
      });
      if (!updated) throw new ConflictException('这条记录刚被他人更新，请刷新后再试');
      await this.cases.archive(
        m,
        {
          specialCaseId: c.id,
          companyId: c.companyId,
          projectId: c.projectId,
          kind: c.kind,
          title: c.title,
          archivedById: user.id,
          archivedByName: user.name,
          archivedAt: now,
        },
        docs,
      );
    });
    return this.get(user, id);
  }

  /**
   * Every major/hot report still owed (initial report or the special report after closing), across all
   * companies, soonest first — for the scheduler to remind the project's lead and manager.
   */
  async dueMajorHotReports(now = this.clock.now()): Promise<OwedReport[]> {
    const projects = await this.org.allProjects();
    await this.sync(projects, now);
    const name = new Map(projects.map((p) => [p.id, p.name]));
    const open = await this.cases.open();
    const out: OwedReport[] = [];
    for (const c of open) {
      const next = nextReportDeadline(c);
      if (!next) continue;
      const kind = `${c.kind}_${next.what}` as OwedReport['kind'];
      const rule = SPECIAL_CASE_RULES[c.kind as SpecialCaseKind];
      out.push({
        kind,
        label: next.what === 'report' ? `${rule.label}上报` : rule.followUpTitle,
        companyId: c.companyId,
        projectId: c.projectId,
        projectName: name.get(c.projectId) ?? '',
        subjectId: c.id,
        title: c.title,
        dueAt: toDate(next.dueAt),
        overdue: toDate(next.dueAt).getTime() < now.getTime(),
      });
    }
    return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /**
   * Reports past their deadline: major/hot reports, and the latest monthly analysis not submitted to HQ
   * before the 28th after its statistical month ended (each company cuts its months its own way).
   */
  async overdueReports(now = this.clock.now()): Promise<OwedReport[]> {
    const owed = (await this.dueMajorHotReports(now)).filter((r) => r.overdue);
    const projects = await this.org.allProjects();
    const kinds = new Map<string, StatisticalMonth>();
    for (const id of new Set(projects.map((p) => p.companyId)))
      kinds.set(id, await this.policies.statisticalMonthOf(id));
    // The latest month whose analysis was due: last month from the 28th on, else the month before.
    const latestDue = (kind: StatisticalMonth) => {
      const last = addMonths(monthOf(now, kind), -1);
      return monthlyReportDueAt(last, kind).getTime() <= now.getTime() ? last : addMonths(last, -1);
    };
    const monthOfProject = new Map(
      projects.map((p) => {
        const kind = kinds.get(p.companyId) ?? 'calendar';
        return [p.id, { month: latestDue(kind), kind }];
      }),
    );
    const months = [...new Set([...monthOfProject.values()].map((x) => x.month))];
    if (months.length && projects.length) {
      const done = await this.records.submitted('monthly_analysis', months);
      for (const p of projects)
        for (const m of [monthOfProject.get(p.id)!.month])
          if (!done.has(`${p.id}/${m}`))
            owed.push({
              kind: 'monthly_analysis',
              label: '月度投诉分析报告',
              companyId: p.companyId,
              projectId: p.id,
              projectName: p.name,
              subjectId: m,
              title: `${monthLabel(m)}投诉分析报告`,
              dueAt: monthlyReportDueAt(m, monthOfProject.get(p.id)!.kind),
              overdue: true,
            });
    }
    return owed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
}
