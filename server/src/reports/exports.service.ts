import { createHmac, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { isMonthKey, isQuarterKey, monthOf, quarterOf, StatisticalMonth } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { Project, User } from '../org/entities';
import { OrgService } from '../org/org.service';
import { FILE_URL_SECRET } from '../storage/uploads.service';
import {
  analysisWorkbook,
  classificationWorkbook,
  developerWorkbook,
  ledgerWorkbook,
  kpiWorkbook,
  noticeWorkbook,
  specialWorkbook,
} from './excel';
import { AnalysisReportService } from './analysis.service';
import { ClassificationReportsService } from './classification.service';
import { KpiReportsService } from './kpi.service';
import { NoticeReportService } from './notice.service';
import { ReportScopes } from './report-scope';
import { SpecialCasesService } from './special-cases.service';

export const EXPORTABLE_REPORTS = [
  'classification',
  'kpis',
  'analysis',
  'developer',
  'notice',
  'special',
  'ledger',
] as const;
export type ExportableReport = (typeof EXPORTABLE_REPORTS)[number];

const REPORT_NAMES: Record<ExportableReport, string> = {
  classification: '顾客投诉分类统计表',
  kpis: '服务考核指标',
  analysis: '投诉分析报告',
  developer: '开发商相关类投诉季度汇总',
  notice: '投诉处理情况公示',
  special: '重大热点投诉台账',
  ledger: '重点客户及特殊需求台账',
};

/** A download link lives this long: enough to tap it, too short to pass around. */
const LINK_TTL_S = 10 * 60;

interface ExportRequest {
  report: ExportableReport;
  month?: string;
  quarter?: string;
  projectId?: string;
}

interface TokenBody extends ExportRequest {
  /** The user it was made for: permissions are checked again, as that user, when it is used. */
  u: string;
  e: number;
}

/**
 * Excel downloads through signed, expiring links — like photo URLs (storage/uploads.service signedUrl):
 * a weapp `downloadFile` and an H5 `<a href>` cannot send the Authorization header. The link names the
 * report and its parameters and the user; using it builds the workbook as that user, so a user who lost
 * the right to see a report meanwhile gets a 403.
 */
@Injectable()
export class ReportExportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ReportScopes,
    private readonly counted: ClassificationReportsService,
    private readonly kpis: KpiReportsService,
    private readonly analyses: AnalysisReportService,
    private readonly notices: NoticeReportService,
    private readonly special: SpecialCasesService,
    private readonly auth: AuthService,
    private readonly org: OrgService,
    @Inject(FILE_URL_SECRET) private readonly secret: string,
  ) {}

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(`report-export.${body}`).digest('base64url');
  }

  /** A link to the report as .xlsx, after checking the user may see it. */
  async link(user: AuthUser, req: ExportRequest) {
    // The ledger is the service centre's (front desk too), of its own project; reports are for their readers.
    let statisticalMonth: StatisticalMonth = 'calendar';
    if (req.report === 'ledger') await this.org.ledger(user, {});
    else statisticalMonth = (await this.scopes.resolve(user, req.projectId)).statisticalMonth;
    const month = monthOf(this.clock.now(), statisticalMonth);
    if (req.report === 'developer')
      req = { ...req, month: undefined, quarter: req.quarter ?? quarterOf(month) };
    else if (req.report === 'ledger') req = { report: 'ledger' };
    else if (req.report !== 'special') req = { ...req, month: req.month ?? month, quarter: undefined };
    const exp = Math.floor(this.clock.nowMs() / 1000) + LINK_TTL_S;
    const body: TokenBody = { ...req, u: user.id, e: exp };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    const token = `${payload}.${this.sign(payload)}`;
    return {
      url: `/api/reports/download?token=${token}`,
      expiresAt: new Date(exp * 1000),
      filename: this.filename(req),
    };
  }

  private filename(req: ExportRequest) {
    const period =
      req.report === 'developer'
        ? (req.quarter ?? '')
        : req.report === 'special' || req.report === 'ledger'
          ? ''
          : (req.month ?? '');
    return `${REPORT_NAMES[req.report]}${period ? `-${period}` : ''}.xlsx`;
  }

  private verify(token: string): TokenBody {
    const [payload, sig] = String(token ?? '').split('.');
    const expected = Buffer.from(this.sign(payload ?? ''));
    const given = Buffer.from(sig ?? '');
    if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new ForbiddenException('下载链接无效');
    let body: TokenBody;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new ForbiddenException('下载链接无效');
    }
    if (!Number.isInteger(body.e) || body.e < this.clock.nowMs() / 1000)
      throw new ForbiddenException('下载链接已过期，请重新导出');
    if (!EXPORTABLE_REPORTS.includes(body.report)) throw new ForbiddenException('下载链接无效');
    if (body.month !== undefined && !isMonthKey(body.month)) throw new ForbiddenException('下载链接无效');
    if (body.quarter !== undefined && !isQuarterKey(body.quarter))
      throw new ForbiddenException('下载链接无效');
    return body;
  }

  /** The workbook behind a link, built now as the user it was made for. */
  async render(token: string): Promise<{ buffer: Buffer; filename: string }> {
    const body = this.verify(token);
    const row = await this.ds.getRepository(User).findOneBy({ id: body.u });
    if (!row) throw new ForbiddenException('下载链接无效');
    const user = this.auth.toAuthUser(row);
    const q = { month: body.month, quarter: body.quarter, projectId: body.projectId };
    const buffer = await this.build(user, body.report, q);
    return { buffer, filename: this.filename(body) };
  }

  private async build(
    user: AuthUser,
    report: ExportableReport,
    q: { month?: string; quarter?: string; projectId?: string },
  ): Promise<Buffer> {
    switch (report) {
      case 'classification':
        return classificationWorkbook(await this.counted.classification(user, q));
      case 'kpis':
        return kpiWorkbook(await this.kpis.kpis(user, q));
      case 'analysis':
        return analysisWorkbook(await this.analyses.analysis(user, q));
      case 'developer':
        return developerWorkbook(await this.counted.developer(user, q));
      case 'notice':
        return noticeWorkbook(await this.notices.notice(user, q));
      case 'special':
        return specialWorkbook(await this.special.list(user, q));
      case 'ledger': {
        const project = await this.ds.getRepository(Project).findOneBy({ id: user.projectId ?? '-' });
        return ledgerWorkbook(await this.org.ledger(user, {}), project?.name ?? '', this.clock.now());
      }
    }
  }
}
