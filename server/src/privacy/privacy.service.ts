import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { monthLabel, MonthKey, monthOf } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { HouseholdBinding, Project, User } from '../org/entities';
import { NoticeReportService } from '../reports/notice.service';
import { TicketsService } from '../tickets/tickets.service';
import { NoticePublication, PrivacyAccessLog, TicketCallback } from './entities';
import { PRIVACY_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

/**
 * What each person sees (docs/domain-rules.md "What each person sees"): an anonymous resident's call-back
 * number for the customer-service lead only, every view logged; the project's 24-hour duty phone; the monthly
 * notice a project manager approved, which is what residents read.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly ds: DataSource,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
  ) {}

  /** The number an anonymous resident left: the customer-service lead only; the view is logged first. */
  async callbackPhone(user: AuthUser, ticketId: string) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    if (user.kind !== 'staff' || !allowed(PRIVACY_PERMISSIONS.readCallbackPhone, user))
      throw new ForbiddenException('匿名业主留下的回电号码只有客服主管可以查看');
    const row = await this.ds.getRepository(TicketCallback).findOneBy({ ticketId: t.id });
    if (!row) throw new NotFoundException('业主没有留下回电号码');
    const log = await this.ds.getRepository(PrivacyAccessLog).save({
      companyId: t.companyId,
      projectId: t.projectId,
      ticketId: t.id,
      viewerId: user.id,
      viewerName: user.name,
      viewerRole: user.role,
      what: 'callback_phone',
      createdAt: this.clock.now(),
    });
    return { phone: row.phone, loggedAt: log.createdAt };
  }

  /** Who looked at this ticket's personal data, newest first (lead, project manager, HQ). */
  async accessLog(user: AuthUser, ticketId: string) {
    const t = await this.tickets.findVisible(user, ticketId);
    if (!t) throw new NotFoundException('没有找到这条反馈');
    if (user.kind !== 'staff' || !allowed(PRIVACY_PERMISSIONS.readAccessLog, user))
      throw new ForbiddenException('只有客服主管、项目经理和集团总部可以查看访问记录');
    const rows = await this.ds
      .getRepository(PrivacyAccessLog)
      .find({ where: { ticketId: t.id }, order: { createdAt: 'DESC' }, take: 200 });
    return rows.map((r) => ({
      viewerName: r.viewerName,
      viewerRole: r.viewerRole,
      what: r.what,
      at: r.createdAt,
    }));
  }

  /** The 24-hour duty phone of the user's project (anyone of the project). */
  async dutyPhone(user: AuthUser) {
    const projectId = await projectOfUser(this.ds, user);
    const p = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    return { projectId, dutyPhone: p?.dutyPhone ?? null };
  }

  /** The project manager (or HQ) sets the project's 24-hour duty phone. */
  async setDutyPhone(user: AuthUser, projectId: string, phone: string | null) {
    const p = await this.ds.getRepository(Project).findOneBy({ id: projectId });
    const mine =
      user.kind === 'staff' &&
      !!p &&
      allowed(PRIVACY_PERMISSIONS.setDutyPhone, user) &&
      (allowed(PRIVACY_PERMISSIONS.anyProjectOfCompany, user)
        ? user.companyId === p.companyId
        : user.projectId === p.id);
    if (!p || !mine) throw new ForbiddenException('只有本项目的项目经理或集团总部可以设置值班电话');
    await this.ds.getRepository(Project).update({ id: p.id }, { dutyPhone: phone });
    return { projectId: p.id, dutyPhone: phone };
  }
}

/** The compound a user belongs to: a staff member's, or a resident's (their account's, else a bound flat's). */
export async function projectOfUser(ds: DataSource, user: AuthUser): Promise<string> {
  if (user.projectId) return user.projectId;
  if (user.kind === 'resident') {
    const b = await ds.getRepository(HouseholdBinding).findOne({
      where: { userId: user.id, status: 'approved' },
      order: { createdAt: 'ASC' },
    });
    if (b) return b.projectId;
  }
  throw new ForbiddenException('请先绑定房屋');
}

/**
 * The monthly notice: the project manager previews it (GET /api/reports/notice) and approves it; the text as
 * approved is the one published to residents.
 */
@Injectable()
export class NoticePublicationService {
  constructor(
    private readonly ds: DataSource,
    private readonly notices: NoticeReportService,
    private readonly clock: Clock,
  ) {}

  private async row(projectId: string, month: string) {
    return this.ds.getRepository(NoticePublication).findOneBy({ projectId, month });
  }

  /** Whether this month's notice is approved, and by whom (staff who read reports). */
  async status(user: AuthUser, q: { month?: string; projectId?: string }) {
    const preview = await this.notices.notice(user, q);
    const row = await this.row(preview.scope.projectId!, preview.month);
    return {
      month: preview.month,
      approved: !!row,
      approvedBy: row?.approvedByName ?? null,
      approvedAt: row?.approvedAt ?? null,
      canApprove: allowed(PRIVACY_PERMISSIONS.approveNotice, user),
    };
  }

  /** The project manager approves the notice as it reads now; approving again replaces the published text. */
  async approve(user: AuthUser, q: { month?: string; projectId?: string }) {
    if (user.kind !== 'staff' || !allowed(PRIVACY_PERMISSIONS.approveNotice, user))
      throw new ForbiddenException('公示须由项目经理预览并审核后发布');
    const preview = await this.notices.notice(user, q);
    const projectId = preview.scope.projectId!;
    const repo = this.ds.getRepository(NoticePublication);
    const existing = await this.row(projectId, preview.month);
    const fields = {
      projectId,
      month: preview.month,
      approvedById: user.id,
      approvedByName: user.name,
      approvedAt: this.clock.now(),
      content: JSON.stringify({
        title: preview.title,
        intro: preview.intro,
        items: preview.items,
        closing: preview.closing,
      }),
    };
    if (existing) await repo.update({ id: existing.id }, fields);
    else await repo.insert(fields);
    return { month: preview.month, approved: true, approvedBy: user.name, approvedAt: fields.approvedAt };
  }

  /** What residents (and staff) of the project read: the approved notice, or a clear "not yet published". */
  async published(user: AuthUser, month?: string) {
    const projectId = await projectOfUser(this.ds, user);
    const m: MonthKey = month ?? monthOf(this.clock.now());
    const row = await this.row(projectId, m);
    if (!row) throw new NotFoundException(`${monthLabel(m)}的投诉处理情况公示尚未发布`);
    return { month: m, approvedAt: row.approvedAt, ...(JSON.parse(row.content) as object) };
  }
}
