import type { Permission } from '../common/permissions';

/** Who may do what with statistics and reports 统计报表. */
export const REPORT_PERMISSIONS = {
  /** Reads the whole company or any project of it; other readers only their own project. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'their own company, every project of it' },
  /** Reads the reports, their Excel exports and the special-case register. */
  read: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'their project; HQ their company or any project of it',
  },
  /** Writes a project's analysis: corrective actions, cases, submissions, major/hot complaint reports. */
  write: { roles: ['cs_lead', 'project_manager'], scope: 'their own project' },
  /** Sets how the company cuts its statistical months 统计月份. */
  editSettings: { roles: ['hq'], scope: 'their own company' },
} as const satisfies Record<string, Permission>;
