import type { Permission } from '../common/permissions';

/** Who may do what with staff accounts. */
export const AUTH_PERMISSIONS = {
  /** Reaches colleagues of every project of the company; other staff only those of their own project. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'colleagues of their own company' },
  /** Makes an invite code a colleague signs in with to claim their staff account. */
  inviteStaff: {
    roles: ['project_manager', 'cs_lead', 'hq'],
    scope: 'colleagues of their own project; HQ any colleague of their company',
  },
} as const satisfies Record<string, Permission>;
