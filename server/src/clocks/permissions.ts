import type { Permission } from '../common/permissions';

/** Who may do what with deadlines: a project's clock settings and the company's working calendar. */
export const CLOCK_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /** Changes a project's deadline rules (reading them: the project's staff, HQ its company's). */
  editProject: {
    roles: ['project_manager', 'hq'],
    scope: 'their own project; HQ any project of their company',
  },
  /** Changes and imports the company's working calendar (reading how far it reaches: every staff member). */
  editCompanyCalendar: { roles: ['hq'], scope: 'their own company' },
} as const satisfies Record<string, Permission>;
