import type { Permission } from '../common/permissions';

/**
 * Who may do what with tickets, beyond the moves themselves (those are the status table's, with who may make
 * each: shared/src/lifecycle/transitions.ts). A role listed here passes the gate; the scope says which tickets.
 */
export const TICKET_PERMISSIONS = {
  /** Every ticket of the project, without being its assignee, department or first receiver (ticketScope). */
  seeProject: {
    roles: ['front_desk', 'cs_lead', 'project_manager'],
    scope: 'their own project; the front desk follows every item up until it is closed',
  },
  /** Every ticket of the company. */
  seeCompany: { roles: ['hq'], scope: 'their own company, every project of it' },
  /** The staff queue's `scope=project`: every open ticket. */
  projectQueue: {
    roles: ['cs_lead', 'project_manager', 'hq'],
    scope: 'their project (HQ: their company), through the tickets they may see',
  },
  /** The staff queue's `scope=triage`: tickets waiting to be dispatched by hand. */
  triageQueue: { roles: ['cs_lead', 'project_manager', 'front_desk'], scope: 'their project' },
  /** 日盘点: the daily inventory of open and overdue tickets. */
  inventory: {
    roles: ['cs_lead', 'project_manager', 'hq', 'front_desk'],
    scope: 'their project (HQ names one of its company)',
  },
  /**
   * The resident's phone number unmasked on a ticket (never on an anonymous one). Also the ticket's assignee and
   * first receiver, whatever their role.
   */
  fullPhone: { roles: ['cs_lead', 'project_manager'], scope: 'tickets they may see' },
  /** Told that an anonymous resident left a call-back number (reading it is privacy's, and logged). */
  callbackHint: { roles: ['cs_lead'], scope: 'anonymous tickets of their project' },
} as const satisfies Record<string, Permission>;
