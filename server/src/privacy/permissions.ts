import type { Permission } from '../common/permissions';

/** Who may do what with what each person sees (privacy). */
export const PRIVACY_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
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
  /** Sets a project's 24-hour duty phone 值班电话 (reading it: anyone of the project). */
  setDutyPhone: {
    roles: ['project_manager', 'hq'],
    scope: 'their own project; HQ any project of their company',
  },
} as const satisfies Record<string, Permission>;
