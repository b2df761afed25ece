import type { Permission } from '../common/permissions';

/** Who may do what with events 同一事件 (complaints about one event). */
export const INCIDENT_PERMISSIONS = {
  /** Links a complaint to an event or takes it out, works an event as one, sets its visit plan. */
  manage: { roles: ['cs_lead', 'project_manager', 'front_desk'], scope: 'events of their own project' },
} as const satisfies Record<string, Permission>;
