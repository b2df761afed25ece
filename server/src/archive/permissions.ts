import type { Permission } from '../common/permissions';

/** Who may do what with a project's ticket archive. */
export const ARCHIVE_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /** Exports a project's tickets as a ZIP. */
  export: { roles: ['project_manager', 'hq'], scope: 'their own project; HQ any project of their company' },
} as const satisfies Record<string, Permission>;
