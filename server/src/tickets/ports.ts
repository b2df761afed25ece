import type { DepartmentCode, TicketKind } from '@wuye/shared';
import type { EntityManager } from 'typeorm';
import type { Department, Project } from '../org/entities';
import type { ClockOptions } from './deadline-fields';
import type { Ticket, TicketEvent } from './entities';

/*
 * What the tickets domain asks of the domains around it, as ports: an abstract class that is both the interface
 * and the injection token. Tickets is the hub (routing, clocks, privacy, incidents, visits … read and move tickets),
 * so it must not import them; each of those domains provides the implementation of its port under the port's
 * token from a small global module of its own (routing/dispatch-port.module.ts, clocks/clock-port.module.ts,
 * privacy/phrase-port.module.ts, incidents/incident-port.module.ts), imported once by the app module, as
 * payments does for TicketActionGuard (action-guard.ts). The implementations are the domains' own services
 * (`useExisting`), so a port call is the very call tickets made before.
 */

/** Who a ticket goes to: a department, and one of its people or nobody (its queue). */
export interface DispatchPlan {
  dept: Department;
  assignee: { id: string; name: string } | null;
}

/** What the classifier and the routing table make of a new ticket (TicketDispatcher.decide). */
export interface IntakeDecision {
  fields: Partial<Ticket>;
  /** Department to dispatch to now, or null (triage, or not a complaint/repair). */
  departmentCode: DepartmentCode | null;
  reason: string;
}

/**
 * Routing's part in intake: classify and route a submission, pick who in the department takes it, and the
 * system dispatch record. Implemented by routing's DispatchService.
 */
export abstract class TicketDispatcher {
  /** The classifier's reading and the routing table's department for a submission. */
  abstract decide(project: Project, kind: TicketKind, content: string): Promise<IntakeDecision>;
  /** The project's department by code (cached with the routing table); null when it has none. */
  abstract department(projectId: string, code: DepartmentCode): Promise<Department | null>;
  /**
   * Who in `dept` takes a ticket now; null: nobody available, it waits in the queue. With `hold`, the pick counts
   * towards that person's load until `release`.
   */
  abstract pickAssignee(
    m: EntityManager,
    dept: Department,
    trade: string | null,
    opts?: { hold?: boolean },
  ): Promise<DispatchPlan['assignee']>;
  /** Ends the hold of a pick made with `hold`. */
  abstract release(userId: string): void;
  /** A system dispatch of `t` by `plan`: the ticket's new fields (one version up) and its timeline record. */
  abstract assignment(
    t: Ticket,
    plan: DispatchPlan,
    reason: string,
    now: Date,
  ): { patch: Partial<Ticket>; event: Partial<TicketEvent> };
}

/**
 * Each project's clock (deadline rules, working hours, calendar) for computing deadlines. Implemented by clocks'
 * ClockSettingsService.
 */
export abstract class TicketClockSettings {
  /** Inside a transaction pass its manager (a second pool connection could wait for the transaction's locks). */
  abstract forProject(projectId: string, m?: EntityManager): Promise<ClockOptions>;
}

/**
 * The check every text a resident will read passes before it is stored (the company's forbidden phrases, no
 * unfilled template placeholder). Implemented by privacy's PhrasesService.
 */
export abstract class ResidentTextCheck {
  /** Throws a 400 (Chinese message) when the text may not be sent; an empty text passes. */
  abstract assertSendable(companyId: string, text: string | null | undefined): Promise<void>;
}

/**
 * The incident a new complaint joins, as intake carries it from before its transaction into it: what `prepare`
 * answered is handed back to `apply` as it is (the implementation may carry more in it).
 */
export interface TicketIncidentLink {
  incidentId: string;
}

/**
 * Linking a new complaint to the incident (同一事件) it belongs to. Implemented by incidents' IncidentsService.
 * `prepare` runs before the intake transaction, `apply` inside it with that transaction's manager, after the
 * ticket (carrying `link.incidentId`) is stored and before the ticket hooks.
 */
export abstract class TicketIncidents {
  /** The incident the complaint joins, or null: it stands alone. Reads only. */
  abstract prepare(
    t: Pick<
      Ticket,
      'companyId' | 'projectId' | 'kind' | 'category' | 'content' | 'location' | 'createdAt' | 'peopleCount'
    >,
    now: Date,
  ): Promise<TicketIncidentLink | null>;
  /** Completes the link inside the intake transaction; answers the records it added to the ticket's timeline. */
  abstract apply(m: EntityManager, t: Ticket, link: TicketIncidentLink, now: Date): Promise<TicketEvent[]>;
}
