import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { peopleInRole } from '../org/people';
import { formatShanghai } from '@wuye/shared';
import { JobsService } from '../jobs/jobs.service';
import { nextDailyAt, nextEvery } from '../jobs/schedule';
import { NotificationsService } from '../notifications/notifications.service';
import { ReportRollupService } from './rollup.service';
import { OwedReport, SpecialCasesService } from './special-cases.service';

const TEN_MINUTES = 10 * 60_000;
const HOUR = 3600_000;

/**
 * The reports' durable recurring jobs: the current month's rollups every 10 minutes, the last 13 months at
 * 03:30, and every hour the major / hot complaint reports (1 working day / 1 week) and monthly analyses that are
 * due or overdue, sent to the project's lead and manager (once per report and day).
 */
@Injectable()
export class ReportJobs implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly jobs: JobsService,
    private readonly rollups: ReportRollupService,
    private readonly special: SpecialCasesService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit() {
    this.jobs.every({
      type: 'reports.refresh',
      next: (after) => nextEvery(after, TEN_MINUTES),
      run: async (at) => void (await this.rollups.refreshCurrent(at)),
    });
    this.jobs.every({
      type: 'reports.nightly',
      next: (after) => nextDailyAt(after, 3.5),
      run: async (at) => void (await this.rollups.rebuildRecent(at, 13)),
    });
    this.jobs.every({
      type: 'reports.owed',
      next: (after) => nextEvery(after, HOUR),
      run: (at) => this.remind(at),
    });
  }

  async remind(at: Date) {
    const owed: OwedReport[] = [
      ...(await this.special.dueMajorHotReports(at)),
      ...(await this.special.overdueReports(at)),
    ];
    const day = formatShanghai(at).slice(0, 10);
    for (const r of owed) {
      const people = await peopleInRole(this.ds.manager, r, ['cs_lead', 'project_manager']);
      await this.notifications.notify(
        people.map((u) => u.id),
        {
          kind: r.overdue ? 'report_overdue' : 'report_due',
          title: `${r.overdue ? '已逾期' : '待上报'}：${r.label}`.slice(0, 60),
          body: `${r.projectName} · ${r.title}，应于 ${formatShanghai(new Date(r.dueAt))} 前完成`,
          page: '/manager/pages/special/index',
          dedupeKey: `owed:${r.kind}:${r.projectId}:${r.subjectId}:${day}`,
        },
      );
    }
  }
}
