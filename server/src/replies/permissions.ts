import type { Permission } from '../common/permissions';

/** Who may do what with the reply templates 统一回复口径. */
export const REPLY_PERMISSIONS = {
  /** Adds, changes and retires templates. */
  edit: { roles: ['cs_lead', 'project_manager'], scope: 'their own project' },
} as const satisfies Record<string, Permission>;
