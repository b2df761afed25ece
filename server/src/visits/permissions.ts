import type { Permission } from '../common/permissions';

/**
 * Who may do what with return visits. Visits follow the complaint level's visitor (一级 HQ … 四级 customer
 * service staff); anyone higher may visit in their place (visits/access.ts ranks the roles), and the ticket's
 * handler may do the customer-service visits of their own tickets. Nobody crosses projects.
 */
export const VISIT_PERMISSIONS = {
  /** Works on any project of the company; other staff work on their own project only. */
  anyProjectOfCompany: { roles: ['hq'], scope: 'projects of their own company' },
  /**
   * Visits (at their level or below), sees every visit of the project and closes a ticket at a visit (the
   * lifecycle's visitors). Also the ticket's handler, whatever their role, for their own tickets' visits.
   */
  visit: {
    roles: ['front_desk', 'cs_lead', 'project_manager', 'hq'],
    scope: 'tickets of their own project; HQ any project of their company',
  },
  /** Decides a ticket's visit level, its sensitivity and its visit settings. */
  lead: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'tickets of their own project; HQ any project of their company',
  },
  /** Adjusts the project's return-visit rules. */
  editRules: { roles: ['cs_lead', 'project_manager'], scope: 'their own project' },
  /** Records rain 下雨了: the project's after-rain visits are due within 24 hours. */
  recordRain: { roles: ['front_desk', 'cs_lead', 'project_manager'], scope: 'their own project' },
  /** Reads and records a household's wish about return visits (no visits, preferred times). */
  setPreference: {
    roles: ['resident', 'front_desk', 'cs_lead', 'project_manager', 'hq'],
    scope:
      'a resident their own bound households; staff the households of their project, HQ of their company',
  },
} as const satisfies Record<string, Permission>;
