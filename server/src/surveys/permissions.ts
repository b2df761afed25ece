import type { Permission } from '../common/permissions';

/**
 * Who may do what with satisfaction surveys (surveys/access.ts turns these rows into the 'admin' and 'viewer'
 * access the pages show). Residents only answer, for their own sampled household (responses.service.ts).
 */
export const SURVEY_PERMISSIONS = {
  /** Works on every campaign and questionnaire of the company; other staff on their own project's. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /** Builds questionnaires, sets the sample, starts and closes campaigns, sees the sample list. */
  administer: { roles: ['hq'], scope: 'every project of their own company' },
  /**
   * The same, for the quality department 品质部 (surveyors independent of the service centre): a department
   * member of any other department gets nothing.
   */
  administerAsQuality: {
    roles: ['dept_staff'],
    scope: 'members of the quality department only; their own project',
  },
  /** Sees campaigns, sample counts per building and the results (never the sampled addresses), changes nothing. */
  view: { roles: ['project_manager', 'cs_lead'], scope: 'campaigns of their own project' },
} as const satisfies Record<string, Permission>;
