import type { Permission } from '../common/permissions';

/** Who may do what with a project's households, their bindings and customer profiles (org). */
export const ORG_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /**
   * Approves and rejects household bindings, issues binding codes, sees applicants' phone numbers (the service
   * centre's work: department staff never let anyone into a household).
   */
  handleBindings: {
    roles: ['front_desk', 'cs_lead', 'project_manager', 'hq'],
    scope: 'households of their own project; HQ any project of their company',
  },
  /** Keeps a household's customer profile 客户档案: key-customer reasons, special needs, emergency contacts. */
  editProfile: {
    roles: ['front_desk', 'cs_lead', 'project_manager'],
    scope: 'households of their own project',
  },
} as const satisfies Record<string, Permission>;
