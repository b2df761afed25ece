import type { Permission } from '../common/permissions';

/** Who may do what with what each person sees (privacy). */
export const PRIVACY_PERMISSIONS = {
  /** Reads the call-back number an anonymous resident left (every view is logged). */
  readCallbackPhone: { roles: ['cs_lead'], scope: 'anonymous tickets of their own project' },
  /** Reads the log of who viewed a call-back number. */
  readAccessLog: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'tickets they may see',
  },
  /** Edits the company's forbidden phrases. */
  editPhrases: { roles: ['hq', 'project_manager', 'cs_lead'], scope: 'their own company' },
  /** Approves the monthly notice-board text for publication. */
  approveNotice: { roles: ['project_manager'], scope: 'their own project' },
} as const satisfies Record<string, Permission>;
