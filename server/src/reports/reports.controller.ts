import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, Public } from '../common/auth-user';
import { UUID } from '../common/pipes';
import {
  CorrectiveActionDto,
  ExportDto,
  MajorDecisionDto,
  FollowUpDto,
  MonthQuery,
  ProjectQuery,
  QuarterQuery,
  ReportSettingsDto,
  RepresentativeCaseDto,
  SpecialReportDto,
  SubmissionDto,
  UpdateCorrectiveActionDto,
} from './dto';
import { AnalysisReportService } from './analysis.service';
import { ClassificationReportsService } from './classification.service';
import { ReportExportsService } from './exports.service';
import { KpiReportsService } from './kpi.service';
import { NoticeReportService } from './notice.service';
import { ReportRecordsService } from './records.service';
import { ReportScopes } from './report-scope';
import { ReportSettingsService } from './report-settings.service';
import { ReportRollupService } from './rollup.service';
import { SpecialCasesService } from './special-cases.service';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import {
  AnalysisReport,
  ClassificationReport,
  CorrectiveAction,
  DeletedResult,
  DeveloperReport,
  MajorDecision,
  ReportSettings,
  FileLink,
  KpiReport,
  NoticeReport,
  ReportProjects,
  ReportRefresh,
  ReportSubmission,
  RepresentativeCase,
  SpecialCase,
  SpecialList,
  SpecialListItem,
} from './responses';
import { ApiFileResponse, XLSX_MIME } from '../common/api-responses';

/**
 * Statistics and reports for the customer-service lead, the project manager (their project) and group HQ
 * (the company, or one of its projects). Every report also downloads as Excel through POST /reports/exports.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly scopes: ReportScopes,
    private readonly counted: ClassificationReportsService,
    private readonly kpi: KpiReportsService,
    private readonly analyses: AnalysisReportService,
    private readonly notices: NoticeReportService,
    private readonly records: ReportRecordsService,
    private readonly rollups: ReportRollupService,
    private readonly special: SpecialCasesService,
    private readonly exports: ReportExportsService,
    private readonly settings: ReportSettingsService,
  ) {}

  @Get('projects')
  @ApiOkResponse({ type: ReportProjects })
  projects(@CurrentUser() user: AuthUser) {
    return this.scopes.projects(user);
  }

  /** How the company cuts its statistical months (calendar, or 26th–25th). */
  @Get('settings')
  @ApiOkResponse({ type: ReportSettings })
  getSettings(@CurrentUser() user: AuthUser) {
    return this.settings.get(user);
  }

  @Put('settings')
  @ApiOkResponse({ type: ReportSettings })
  putSettings(@CurrentUser() user: AuthUser, @Body() dto: ReportSettingsDto) {
    return this.settings.update(user, dto.statisticalMonth);
  }

  @Get('classification')
  @ApiOkResponse({ type: ClassificationReport })
  classification(@CurrentUser() user: AuthUser, @Query() q: MonthQuery) {
    return this.counted.classification(user, q);
  }

  @Get('kpis')
  @ApiOkResponse({ type: KpiReport })
  kpis(@CurrentUser() user: AuthUser, @Query() q: MonthQuery) {
    return this.kpi.kpis(user, q);
  }

  @Get('analysis')
  @ApiOkResponse({ type: AnalysisReport })
  analysis(@CurrentUser() user: AuthUser, @Query() q: MonthQuery) {
    return this.analyses.analysis(user, q);
  }

  @Get('developer')
  @ApiOkResponse({ type: DeveloperReport })
  developer(@CurrentUser() user: AuthUser, @Query() q: QuarterQuery) {
    return this.counted.developer(user, q);
  }

  @Get('notice')
  @ApiOkResponse({ type: NoticeReport })
  notice(@CurrentUser() user: AuthUser, @Query() q: MonthQuery) {
    return this.notices.notice(user, q);
  }

  /** Rebuilds a month's figures now: the month from `?month=` (or the body's), else the current one. */
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportRefresh })
  refresh(@CurrentUser() user: AuthUser, @Query() query: MonthQuery, @Body() body: MonthQuery) {
    return this.rollups.refresh(user, {
      month: query.month ?? body.month,
      projectId: query.projectId ?? body.projectId,
    });
  }

  @Post('corrective-actions')
  @ApiCreatedResponse({ type: CorrectiveAction })
  addAction(@CurrentUser() user: AuthUser, @Body() dto: CorrectiveActionDto) {
    return this.records.addCorrectiveAction(user, dto);
  }

  @Put('corrective-actions/:id')
  @ApiOkResponse({ type: CorrectiveAction })
  updateAction(
    @CurrentUser() user: AuthUser,
    @Param('id', UUID) id: string,
    @Body() dto: UpdateCorrectiveActionDto,
  ) {
    return this.records.updateCorrectiveAction(user, id, dto);
  }

  @Delete('corrective-actions/:id')
  @ApiOkResponse({ type: DeletedResult })
  removeAction(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.records.removeCorrectiveAction(user, id);
  }

  @Post('cases')
  @ApiCreatedResponse({ type: RepresentativeCase })
  addCase(@CurrentUser() user: AuthUser, @Body() dto: RepresentativeCaseDto) {
    return this.records.addCase(user, dto);
  }

  @Delete('cases/:id')
  @ApiOkResponse({ type: DeletedResult })
  removeCase(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.records.removeCase(user, id);
  }

  @Post('submissions')
  @ApiCreatedResponse({ type: ReportSubmission })
  submit(@CurrentUser() user: AuthUser, @Body() dto: SubmissionDto) {
    return this.records.submit(user, dto);
  }

  @Get('special')
  @ApiOkResponse({ type: SpecialList })
  specialList(@CurrentUser() user: AuthUser, @Query() q: ProjectQuery) {
    return this.special.list(user, q);
  }

  @Get('special/:id')
  @ApiOkResponse({ type: SpecialCase })
  specialCase(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string) {
    return this.special.get(user, id);
  }

  @Post('special/:id/report')
  @HttpCode(200)
  @ApiOkResponse({ type: SpecialListItem })
  specialReport(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: SpecialReportDto) {
    return this.special.report(user, id, { ...dto });
  }

  /** The lead confirms or clears a major complaint 重大投诉 (the text only suggests it), with a reason. */
  @Post('major-complaints/:ticketId')
  @HttpCode(200)
  @ApiOkResponse({ type: MajorDecision })
  decideMajor(
    @CurrentUser() user: AuthUser,
    @Param('ticketId', UUID) ticketId: string,
    @Body() dto: MajorDecisionDto,
  ) {
    return this.special.decideMajor(user, ticketId, dto);
  }

  @Post('special/:id/follow-up')
  @HttpCode(200)
  @ApiOkResponse({ type: SpecialCase })
  specialFollowUp(@CurrentUser() user: AuthUser, @Param('id', UUID) id: string, @Body() dto: FollowUpDto) {
    return this.special.followUp(user, id, { ...dto });
  }

  /** A signed link (10 minutes) to the report as .xlsx: weapp downloads cannot send the Authorization header. */
  @Post('exports')
  @ApiCreatedResponse({ type: FileLink })
  exportLink(@CurrentUser() user: AuthUser, @Body() dto: ExportDto) {
    return this.exports.link(user, dto);
  }

  @Public()
  @Get('download')
  @ApiFileResponse(XLSX_MIME, 'the report as a spreadsheet, by a signed link')
  async download(@Query('token') token: string, @Res() res: Response) {
    const f = await this.exports.render(token);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Length', String(f.buffer.length));
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(f.buffer);
  }
}
