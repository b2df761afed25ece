import type { Permission } from '../common/permissions';

/** Who may do what with routing: category → department rules and category corrections. */
export const ROUTING_PERMISSIONS = {
  /** Sets or clears the project's category → department rules. */
  editRules: { roles: ['project_manager'], scope: 'their own project' },
  /** Corrects a complaint's category. Also the complaint's current assignee, whatever their role. */
  correctCategory: { roles: ['front_desk', 'cs_lead', 'project_manager'], scope: 'complaints they may see' },
} as const satisfies Record<string, Permission>;
