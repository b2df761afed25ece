import { AnalysisReportService } from './analysis.service';
import { ClassificationReportsService } from './classification.service';
import { ReportExportsService } from './exports.service';
import { KpiReportsService } from './kpi.service';
import { NoticeReportService } from './notice.service';
import { ReportRecordsService } from './records.service';
import { ReportJobs } from './report-jobs';
import { ReportScopes } from './report-scope';
import { ReportSettingsService } from './report-settings.service';
import { ReportOrgRepository } from './repositories/report-org.repository';
import { ReportRecordsRepository } from './repositories/report-records.repository';
import { ReportRollupsRepository } from './repositories/report-rollups.repository';
import { ReportTicketsRepository } from './repositories/report-tickets.repository';
import { SpecialCasesRepository } from './repositories/special-cases.repository';
import { ReportRollupService } from './rollup.service';
import { SpecialCasesService } from './special-cases.service';

/** Every repository of the reports: one per aggregate they read or write. */
export const REPORT_REPOSITORIES = [
  ReportRollupsRepository,
  ReportTicketsRepository,
  ReportOrgRepository,
  ReportRecordsRepository,
  SpecialCasesRepository,
];

/** Every provider of statistics and reports (ReportsController's), for the app module. */
export const REPORT_PROVIDERS = [
  ...REPORT_REPOSITORIES,
  ReportScopes,
  ReportRollupService,
  ClassificationReportsService,
  KpiReportsService,
  AnalysisReportService,
  NoticeReportService,
  ReportRecordsService,
  SpecialCasesService,
  ReportJobs,
  ReportExportsService,
  ReportSettingsService,
];
