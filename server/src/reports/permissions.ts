import type { Permission } from '../common/permissions';

/** Who may do what with statistics and reports 统计报表. */
export const REPORT_PERMISSIONS = {
  /** Reads the reports, their Excel exports and the special-case register. */
  read: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'their project; HQ their company or any project of it',
  },
  /** Writes a project's analysis: corrective actions, cases, submissions, major/hot complaint reports. */
  write: { roles: ['cs_lead', 'project_manager'], scope: 'their own project' },
} as const satisfies Record<string, Permission>;
