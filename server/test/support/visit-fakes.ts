import type { EntityManager } from 'typeorm';
import { TicketHooks } from '../../src/events/ticket-hooks';
import type { AuthUser } from '../../src/common/auth-user';
import { Clock } from '../../src/common/clock';
import type { JobSpec, JobsService } from '../../src/jobs/jobs.service';
import type { NotificationsService } from '../../src/notifications/notifications.service';
import { Company, Household, Project, User } from '../../src/org/entities';
import type { PolicyRepository, StoredPolicy } from '../../src/policy/policy.repository';
import type { UploadsService } from '../../src/storage/uploads.service';
import { Ticket, TicketEvent } from '../../src/tickets/entities';
import type { LifecycleService, MoveOptions } from '../../src/tickets/lifecycle.service';
import type { TicketsService } from '../../src/tickets/tickets.service';
import {
  Rating,
  TicketVisitSettings,
  VisitAttempt,
  VisitPreference,
  VisitRuleSet,
  VisitTask,
} from '../../src/visits/entities';
import type { RatingsRepository } from '../../src/visits/repositories/ratings.repository';
import type {
  TicketVisitSettingsRepository,
  VisitSettingsFields,
} from '../../src/visits/repositories/ticket-visit-settings.repository';
import type { VisitTransactions } from '../../src/visits/repositories/transactions';
import type { VisitHouseholdsRepository } from '../../src/visits/repositories/visit-households.repository';
import type {
  PreferenceKey,
  VisitPreferencesRepository,
} from '../../src/visits/repositories/visit-preferences.repository';
import type { VisitRuleSetsRepository } from '../../src/policy/visit-rule-sets.repository';
import {
  PENDING_TASK_STATUSES,
  VisitTaskFilter,
  VisitTasksRepository,
} from '../../src/visits/repositories/visit-tasks.repository';
import type { VisitTicketsRepository } from '../../src/visits/repositories/visit-tickets.repository';
import { Api, NO_TX } from './fakes';

export { as, NO_TX } from './fakes';

/**
 * In-memory stand-ins for the repositories of return visits (and the services they call out to), for unit
 * tests of the visit services' rules without a database.
 */

const orFail = <T>(row: T | null | undefined, what: string): T => {
  if (!row) throw new Error(`${what} not found`);
  return row;
};
const pending = (t: VisitTask) => PENDING_TASK_STATUSES.includes(t.status);

export class FakeVisitTransactions implements Api<VisitTransactions> {
  run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return work(NO_TX);
  }
}

export class FakeVisitTasks implements Api<VisitTasksRepository> {
  rows: VisitTask[] = [];
  attempts: Partial<VisitAttempt>[] = [];
  draft(fields: Partial<VisitTask>) {
    return Object.assign(new VisitTask(), fields);
  }
  async insert(_m: EntityManager, task: Partial<VisitTask>) {
    if (this.rows.some((t) => t.ticketId === task.ticketId && t.round === task.round && t.seq === task.seq))
      throw new Error('unique (ticketId, round, seq)');
    this.rows.push(Object.assign(new VisitTask(), task));
  }
  async find(id: string) {
    return this.rows.find((t) => t.id === id) ?? null;
  }
  async firstOfRound(ticketId: string, round: number) {
    return this.rows.find((t) => t.ticketId === ticketId && t.round === round && t.seq === 1) ?? null;
  }
  async ofRound(_m: EntityManager, ticketId: string, round: number) {
    return this.rows.filter((t) => t.ticketId === ticketId && t.round === round);
  }
  async lastOfRound(m: EntityManager, ticketId: string, round: number) {
    return (await this.ofRound(m, ticketId, round)).sort((a, b) => b.seq - a.seq)[0] ?? null;
  }
  async ofTicket(ticketId: string) {
    return this.rows
      .filter((t) => t.ticketId === ticketId)
      .sort((a, b) => a.round - b.round || a.seq - b.seq);
  }
  async pending(_m: EntityManager, where: { ticketId: string; round?: number; seq?: number }) {
    return this.rows.filter(
      (t) =>
        t.ticketId === where.ticketId &&
        (where.round === undefined || t.round === where.round) &&
        (where.seq === undefined || t.seq === where.seq) &&
        pending(t),
    );
  }
  async cancelPending(_m: EntityManager, ids: string[], reason: string) {
    for (const t of this.rows)
      if (ids.includes(t.id) && pending(t)) Object.assign(t, { status: 'cancelled', cancelReason: reason });
  }
  async openInvited(_m: EntityManager, id: string) {
    const t = orFail(await this.find(id), `task ${id}`);
    if (t.status !== 'invited') return false;
    t.status = 'open';
    return true;
  }
  async markDone(
    _m: EntityManager,
    id: string,
    done: Pick<VisitTask, 'outcome' | 'doneVia' | 'doneAt' | 'doneById'>,
  ) {
    const t = orFail(await this.find(id), `task ${id}`);
    if (!pending(t)) return false;
    Object.assign(t, { status: 'done', ...done });
    return true;
  }
  async updatePendingOfRound(_m: EntityManager, ticketId: string, round: number, patch: Partial<VisitTask>) {
    for (const t of this.rows)
      if (t.ticketId === ticketId && t.round === round && pending(t)) Object.assign(t, patch);
  }
  async delete(_m: EntityManager, ids: string[]) {
    this.rows = this.rows.filter((t) => !ids.includes(t.id));
  }
  async undatedAfterRain(_m: EntityManager, projectId: string) {
    return this.rows.filter(
      (t) => t.projectId === projectId && t.trigger === 'after_rain' && t.status === 'open' && !t.dueAt,
    );
  }
  async setDue(_m: EntityManager, id: string, dueAt: Date) {
    orFail(await this.find(id), `task ${id}`).dueAt = dueAt;
  }
  async page(f: VisitTaskFilter): Promise<[VisitTask[], number]> {
    const all = this.rows.filter(
      (t) =>
        ('companyId' in f.where ? t.companyId === f.where.companyId : t.projectId === f.where.projectId) &&
        (!f.ticketIds || f.ticketIds.includes(t.ticketId)) &&
        (!f.visitorRoles || f.visitorRoles.includes(t.visitorRole)) &&
        (f.status === null ? t.status !== 'cancelled' : t.status === f.status) &&
        (!f.dueBefore || (!!t.dueAt && t.dueAt < f.dueBefore)) &&
        (!f.dueBy || (!!t.dueAt && t.dueAt <= f.dueBy)),
    );
    return [all.slice(f.skip, f.skip + f.take), all.length];
  }
  async attemptsOf(taskId: string) {
    return this.attempts.filter((a) => a.taskId === taskId) as VisitAttempt[];
  }
  async attemptsOfTasks(taskIds: string[]) {
    return this.attempts.filter((a) => taskIds.includes(a.taskId!)) as VisitAttempt[];
  }
  async countAttempts(_m: EntityManager, taskIds: string[]) {
    return (await this.attemptsOfTasks(taskIds)).length;
  }
  async insertAttempt(_m: EntityManager, attempt: Partial<VisitAttempt>) {
    this.attempts.push(attempt);
  }
}

export class FakeRatings implements Api<RatingsRepository> {
  rows: Rating[] = [];
  /** Upload id → who uploaded it and the ticket it went to. */
  uploads = new Map<string, { uploaderId: string; ticketId: string | null }>();
  async insert(_m: EntityManager, rating: Partial<Rating>) {
    if (
      this.rows.some(
        (r) => r.ticketId === rating.ticketId && r.round === rating.round && r.seq === rating.seq,
      )
    )
      throw new Error('unique (ticketId, round, seq)');
    this.rows.push(Object.assign(new Rating(), rating));
  }
  async ofVisit(ticketId: string, round: number, seq: number) {
    return this.rows.find((r) => r.ticketId === ticketId && r.round === round && r.seq === seq) ?? null;
  }
  async ofTicket(ticketId: string) {
    return this.rows.filter((r) => r.ticketId === ticketId);
  }
  async latestOf(ticketId: string) {
    return (await this.ofTicket(ticketId)).at(-1) ?? null;
  }
  async countUnsatisfied(_m: EntityManager, ticketId: string) {
    return this.rows.filter((r) => r.ticketId === ticketId && !r.satisfied).length;
  }
  async claimUploads(_m: EntityManager, ownerId: string, ticketId: string, ids: string[]) {
    let n = 0;
    for (const id of ids) {
      const u = this.uploads.get(id);
      if (u && u.uploaderId === ownerId && !u.ticketId) {
        u.ticketId = ticketId;
        n++;
      }
    }
    return n;
  }
}

export class FakeVisitPreferences implements Api<VisitPreferencesRepository> {
  rows: VisitPreference[] = [];
  async refused(who: { householdId: string | null; userId: string | null }) {
    return this.rows.some(
      (p) =>
        p.noVisit &&
        ((!!who.householdId && p.householdId === who.householdId) ||
          (!!who.userId && p.userId === who.userId)),
    );
  }
  async ofHousehold(householdId: string) {
    return this.rows.find((p) => p.householdId === householdId) ?? null;
  }
  async upsert(
    _m: EntityManager,
    key: PreferenceKey,
    fields: Pick<VisitPreference, 'noVisit' | 'note' | 'recordedById' | 'recordedAt'>,
  ) {
    const row = this.rows.find((p) =>
      'householdId' in key ? p.householdId === key.householdId : p.userId === key.userId,
    );
    if (row) Object.assign(row, fields);
    else
      this.rows.push(
        Object.assign(new VisitPreference(), { householdId: null, userId: null, ...key, ...fields }),
      );
  }
}

export class FakeTicketVisitSettings implements Api<TicketVisitSettingsRepository> {
  rows = new Map<string, TicketVisitSettings>();
  async of(ticketId: string) {
    return this.rows.get(ticketId) ?? null;
  }
  async save(_m: EntityManager, ticketId: string, fields: VisitSettingsFields) {
    this.rows.set(
      ticketId,
      Object.assign(new TicketVisitSettings(), { ...this.rows.get(ticketId), ticketId, ...fields }),
    );
  }
}

export class FakeVisitRuleSets implements Api<VisitRuleSetsRepository> {
  rows = new Map<string, VisitRuleSet>();
  async of(projectId: string) {
    return this.rows.get(projectId) ?? null;
  }
  async save(projectId: string, fields: { overrides: string; updatedById: string }) {
    this.rows.set(
      projectId,
      Object.assign(new VisitRuleSet(), { projectId, ...fields, updatedAt: new Date() }),
    );
  }
}

/** The policy's storage for a visits world: the project's stored policy, and its visit rules from FakeVisitRuleSets. */
export class FakePolicyRepository implements Api<PolicyRepository> {
  projectPolicy = new Map<string, string>();
  constructor(private readonly ruleSets: FakeVisitRuleSets) {}
  async stored(projectId: string): Promise<StoredPolicy> {
    return {
      projectId,
      companyId: 'company-1',
      companyPolicy: null,
      calendarOverrides: null,
      statisticalMonth: 'calendar',
      projectPolicy: this.projectPolicy.get(projectId) ?? null,
      clockSettings: null,
      visitRules: (await this.ruleSets.of(projectId))?.overrides ?? null,
      autoRoute: 1,
      autoRouteThreshold: null,
      routingRules: [],
    };
  }
  async storedCompany(companyId: string) {
    return { companyId, companyPolicy: null, calendarOverrides: null, statisticalMonth: 'calendar' };
  }
  async replaceRoutingRules() {}
  async saveRouting() {}
  async project(): Promise<Project | null> {
    return null;
  }
  async company(): Promise<Company | null> {
    return null;
  }
  async saveProject(projectId: string, fields: { policy?: string | null }) {
    if (fields.policy) this.projectPolicy.set(projectId, fields.policy);
  }
  async saveCompany() {}
}

export class FakeVisitTickets implements Api<VisitTicketsRepository> {
  rows: Ticket[] = [];
  events: Partial<TicketEvent>[] = [];
  hotIncidents = new Set<string>();
  /** The staff of the project, with their roles. */
  staff: User[] = [];
  async find(id: string) {
    return this.rows.find((t) => t.id === id) ?? null;
  }
  async get(id: string) {
    return orFail(await this.find(id), `ticket ${id}`);
  }
  async byIds(ids: string[]) {
    return this.rows.filter((t) => ids.includes(t.id));
  }
  async idsAssignedTo(userId: string, projectId: string) {
    return this.rows.filter((t) => t.assigneeId === userId && t.projectId === projectId).map((t) => t.id);
  }
  async ofHouseholdIn(_m: EntityManager, householdId: string, statuses: readonly string[]) {
    return this.rows.filter((t) => t.householdId === householdId && statuses.includes(t.status));
  }
  async resolvedOnSpot(ticketId: string) {
    return this.events.some((e) => e.ticketId === ticketId && e.action === 'resolve_on_spot');
  }
  async lastHandled(ticketId: string) {
    return (this.events.filter((e) => e.ticketId === ticketId && e.action === 'mark_handled').at(-1) ??
      null) as TicketEvent | null;
  }
  async incidentIsHot(incidentId: string) {
    return this.hotIncidents.has(incidentId);
  }
  async peopleInRole(t: { projectId: string; companyId: string }, roles: string[]) {
    return this.staff.filter(
      (u) =>
        roles.includes(u.role) &&
        (u.role === 'hq' ? u.companyId === t.companyId : u.projectId === t.projectId),
    );
  }
}

export class FakeVisitHouseholds implements Api<VisitHouseholdsRepository> {
  households: Household[] = [];
  projects: Project[] = [];
  bindings: { userId: string; householdId: string }[] = [];
  people: User[] = [];
  async find(id: string) {
    return this.households.find((h) => h.id === id) ?? null;
  }
  async project(id: string) {
    return orFail(
      this.projects.find((p) => p.id === id),
      `project ${id}`,
    );
  }
  async isBound(userId: string, householdId: string) {
    return this.bindings.some((b) => b.userId === userId && b.householdId === householdId);
  }
  async labels(ids: (string | null)[]) {
    return new Map(this.households.filter((h) => ids.includes(h.id)).map((h) => [h.id, h.label]));
  }
  async person(id: string) {
    return this.people.find((u) => u.id === id) ?? null;
  }
}

/** The jobs a service schedules, cancels and handles. */
export class FakeJobs {
  scheduled: JobSpec[] = [];
  cancelled: string[] = [];
  handlers = new Map<string, (payload: Record<string, unknown>) => Promise<unknown>>();
  handle(type: string, fn: (payload: Record<string, unknown>) => Promise<unknown>) {
    this.handlers.set(type, fn);
  }
  every() {}
  async schedule(spec: JobSpec) {
    this.scheduled.push(spec);
  }
  async cancel(keys: string[]) {
    this.cancelled.push(...keys);
  }
  asJobs(): JobsService {
    return this as unknown as JobsService;
  }
}

/** The notices a service sends. */
export class FakeNotifications {
  sent: { userIds: (string | null | undefined)[]; kind: string; title: string; body: string }[] = [];
  async notify(userIds: (string | null | undefined)[], msg: { kind: string; title: string; body: string }) {
    this.sent.push({ userIds, kind: msg.kind, title: msg.title, body: msg.body });
  }
  asService(): NotificationsService {
    return this as unknown as NotificationsService;
  }
}

/** The ticket moves a service asks for: recorded, their `within` run, the ticket's status set. */
export class FakeLifecycle {
  moves: { by: AuthUser | null; ticketId: string; action: string; note?: string; reason?: string }[] = [];
  constructor(private readonly tickets: FakeVisitTickets) {}
  private async move(
    by: AuthUser | null,
    ticketId: string,
    dto: Record<string, unknown>,
    opts: MoveOptions = {},
  ) {
    const t = await this.tickets.get(ticketId);
    this.moves.push({
      by,
      ticketId,
      action: String(dto.action),
      note: dto.note as string | undefined,
      reason: dto.reason as string | undefined,
    });
    if (opts.within) await opts.within(NO_TX, t);
    const to: Record<string, string> = { close: 'closed', auto_close: 'closed', reopen: 'in_progress' };
    if (to[String(dto.action)]) t.status = to[String(dto.action)];
    return t;
  }
  act(user: AuthUser, ticketId: string, dto: Record<string, unknown>, _now?: Date, opts?: MoveOptions) {
    return this.move(user, ticketId, dto, opts);
  }
  actAsSystem(ticketId: string, dto: Record<string, unknown>, opts?: MoveOptions) {
    return this.move(null, ticketId, dto, opts);
  }
  asService(): LifecycleService {
    return this as unknown as LifecycleService;
  }
}

/** Every fake of a visits test, with a repair of a bound resident's flat that was just handled. */
export function visitWorld() {
  const clock = new Clock();
  clock.freeze('2026-12-01T06:00:00Z');
  const ticket = Object.assign(new Ticket(), {
    id: 'ticket-1',
    companyId: 'company-1',
    projectId: 'project-1',
    number: 'R20261201-0001',
    kind: 'repair',
    status: 'handled',
    content: '厨房水龙头一直滴水，麻烦师傅来看看',
    householdId: 'household-1',
    residentId: 'resident-1',
    contactName: null,
    contactPhone: null,
    assigneeId: 'eng-1',
    anonymous: false,
    incidentId: null,
    majorComplaint: false,
    escalationLevel: null,
    agitated: false,
    location: null,
    handledAt: clock.now(),
    reopenCount: 0,
    version: 5,
  });
  const staff = (id: string, role: AuthUser['role'], name: string): AuthUser => ({
    id,
    kind: 'staff',
    role,
    name,
    companyId: 'company-1',
    projectId: 'project-1',
    departmentId: null,
  });
  const engineer = staff('eng-1', 'dept_staff', '王师傅');
  const frontDesk = staff('desk-1', 'front_desk', '李晓梅');
  const lead = staff('lead-1', 'cs_lead', '陈主管');
  const resident: AuthUser = {
    id: 'resident-1',
    kind: 'resident',
    role: 'resident',
    name: '张女士',
    companyId: null,
    projectId: null,
    departmentId: null,
  };
  const ruleSets = new FakeVisitRuleSets();
  const tickets = new FakeVisitTickets();
  tickets.rows.push(ticket);
  tickets.staff.push(
    ...[engineer, frontDesk, lead].map((u) =>
      Object.assign(new User(), {
        id: u.id,
        role: u.role,
        name: u.name,
        projectId: u.projectId,
        companyId: u.companyId,
      }),
    ),
  );
  const households = new FakeVisitHouseholds();
  households.households.push(
    Object.assign(new Household(), { id: 'household-1', projectId: 'project-1', label: '1栋1单元101' }),
  );
  households.projects.push(Object.assign(new Project(), { id: 'project-1', companyId: 'company-1' }));
  households.bindings.push({ userId: resident.id, householdId: 'household-1' });
  households.people.push(
    Object.assign(new User(), { id: resident.id, name: '张女士', phone: '13800000001' }),
  );
  return {
    clock,
    ticket,
    engineer,
    frontDesk,
    lead,
    resident,
    tx: new FakeVisitTransactions(),
    tasks: new FakeVisitTasks(),
    ratings: new FakeRatings(),
    preferences: new FakeVisitPreferences(),
    settings: new FakeTicketVisitSettings(),
    ruleSets,
    policyStore: new FakePolicyRepository(ruleSets),
    tickets,
    households,
    jobs: new FakeJobs(),
    notifications: new FakeNotifications(),
    lifecycle: new FakeLifecycle(tickets),
    hooks: new TicketHooks(),
    uploads: { signedUrl: (id: string) => `/files/${id}` } as unknown as UploadsService,
    ticketsService: {
      findVisible: async (_u: AuthUser, id: string) => tickets.rows.find((t) => t.id === id) ?? null,
    } as unknown as TicketsService,
  };
}

/** A visit task of the world's ticket, first of round 0 unless told. */
export function taskOf(w: ReturnType<typeof visitWorld>, fields: Partial<VisitTask> = {}): VisitTask {
  const task = Object.assign(new VisitTask(), {
    ticketId: w.ticket.id,
    companyId: w.ticket.companyId,
    projectId: w.ticket.projectId,
    round: 0,
    seq: 1,
    kind: w.ticket.kind,
    status: 'open',
    trigger: 'time',
    form: 'phone',
    visitorRole: 'front_desk',
    complaintLevel: null,
    repairType: null,
    basis: '维修完成后回访',
    inviteDeadline: null,
    dueAt: new Date(w.clock.nowMs() + 3 * 24 * 3600_000),
    outcome: null,
    doneVia: null,
    doneAt: null,
    doneById: null,
    cancelReason: null,
    createdAt: w.clock.now(),
    ...fields,
  });
  w.tasks.rows.push(task);
  return task;
}
