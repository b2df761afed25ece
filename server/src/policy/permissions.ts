import type { Permission } from '../common/permissions';

/** Who may do what with a project's or a company's policy (ProjectPolicy, docs/policy.md). */
export const POLICY_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /** Changes a project's settings (reading them: the project's staff, HQ its company's). */
  editProject: {
    roles: ['project_manager', 'hq'],
    scope: 'their own project; HQ any project of their company',
  },
  /** Reads and changes the company's defaults. */
  editCompany: { roles: ['hq'], scope: 'their own company' },
} as const satisfies Record<string, Permission>;
