import { BadRequestException, Injectable } from '@nestjs/common';
import { buildNotice, monthLabel, MonthKey, monthOf, onNotice } from '@wuye/shared';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { ReportScopes, scopeInfo } from './report-scope';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportTicketsRepository } from './repositories/report-tickets.repository';
import { DataSource } from 'typeorm';
import { projectPeopleNames } from '../org/people';

/**
 * 投诉处理情况公示, a project's monthly notice for the board: which complaints go on it, how they are grouped
 * and what is redacted are the rules of @wuye/shared (`onNotice`, `buildNotice`); this reads the month's
 * complaints, then what the chosen ones show and the names that must not appear.
 */
@Injectable()
export class NoticeReportService {
  constructor(
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly tickets: ReportTicketsRepository,
    private readonly org: ReportOrgRepository,
    private readonly ds: DataSource,
  ) {}

  async notice(user: AuthUser, q: { month?: string; projectId?: string }) {
    const scope = await this.scopes.resolve(user, q.projectId);
    if (!scope.project) throw new BadRequestException('公示按小区张贴，请先选择项目');
    const month: MonthKey = q.month ?? monthOf(this.clock.now(), scope.statisticalMonth);
    const chosen = (
      await this.tickets.noticeCandidates(scope.project.id, month, scope.statisticalMonth)
    ).filter(onNotice);
    const ids = chosen.map((c) => c.id);
    const details = await this.tickets.noticeDetails(ids);
    const notes = await this.tickets.latestHandlingNotes(ids);
    const rows = chosen.map((c) => ({ ...c, ...details.get(c.id)! }));
    const known = [
      ...(await this.org.residentNames(
        rows.map((r) => r.residentId).filter((x): x is string => !!x),
        rows.map((r) => r.householdId).filter((x): x is string => !!x),
      )),
      ...rows.map((r) => r.contactName ?? ''),
      // Everyone of the compound: a neighbour named in a dispute is no complainant of it.
      ...(await projectPeopleNames(this.ds, scope.project.id)),
    ];
    const items = buildNotice(
      rows.map((r) => ({
        id: r.id,
        category: r.category,
        householdId: r.householdId,
        householdLabel: r.householdLabel,
        incidentId: r.incidentId,
        incidentTitle: r.incidentTitle,
        location: r.location,
        content: r.content,
        status: r.status,
        handlingNote: notes.get(r.id) ?? null,
        complainantKey: r.residentId ?? r.contactPhone ?? null,
        peopleCount: r.peopleCount || 1,
      })),
      known,
    );
    return {
      scope: scopeInfo(scope),
      month,
      monthLabel: monthLabel(month),
      title: `${scope.project.name}${monthLabel(month)}投诉处理情况公示`,
      intro:
        '为便于各位业主及时了解投诉处理进展，现将本月公共部位、共性问题及业户纠纷类投诉的处理情况公示如下：',
      items,
      closing: '如对以上处理情况有意见或建议，欢迎致电或到访客服中心。感谢您对我们工作的理解与支持！',
    };
  }
}

export type NoticeReport = Awaited<ReturnType<NoticeReportService['notice']>>;
