import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import {
  DEFAULT_POLICY,
  mergeSettings,
  ProjectPolicy,
  ProjectPolicyOverrides,
  PolicyProblem,
  PolicySection,
  StatisticalMonth,
  TransitionPolicy,
  WorkTimeOptions,
  resolvePolicy,
  sanitizePolicy,
  transitionPolicyOf,
  validatePolicy,
  withoutCompanyOnly,
  workTimeOf,
} from '@wuye/shared';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { TtlCache } from '../common/ttl-cache';
import { VisitRuleSetsRepository } from './visit-rule-sets.repository';
import { PolicyRepository, StoredPolicy } from './policy.repository';
import { POLICY_PERMISSIONS } from './permissions';
import { allowed } from '../common/permissions';

type RoutingOverrides = NonNullable<ProjectPolicyOverrides['routing']>;

/** A project's policy as every computation receives it. */
export interface ResolvedPolicy {
  projectId: string;
  companyId: string;
  policy: ProjectPolicy;
  /** The project's working hours on its company's calendar. */
  workTime: WorkTimeOptions;
  /** What applyTransition / allowedActions take (facts.policy). */
  transition: TransitionPolicy;
}

/** A project's sections and the column each is kept in. */
const CLOCK_SECTIONS = ['deadlines', 'workingHours', 'escalation'] as const;
const PROJECT_SECTIONS: readonly PolicySection[] = [
  ...CLOCK_SECTIONS,
  'visits',
  'closing',
  'transitions',
  'routing',
];
/**
 * The company sets defaults for every section but its calendar (its own route) and routing (departments belong
 * to a project), and alone sets the statistical month (`reports`, kept in companies.statisticalMonth).
 */
const COMPANY_SECTIONS: readonly PolicySection[] = [
  ...CLOCK_SECTIONS,
  'visits',
  'closing',
  'transitions',
  'reports',
];
/** Old names of the clock sections in projects.clockSettings. */
const CLOCK_KEYS: Record<(typeof CLOCK_SECTIONS)[number], string> = {
  deadlines: 'deadlineRules',
  workingHours: 'workingHours',
  escalation: 'escalation',
};

const CACHE_MS = 30_000;

/**
 * Told when a company's statistical month changes (the reports: their stored monthly figures were cut the old
 * way). `before` runs before the change is written, `after` once it is.
 */
export interface StatisticalMonthListener {
  before(companyId: string): Promise<void>;
  after(companyId: string): Promise<void>;
}

function json(raw: string | null | undefined): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw; // sanitizePolicy reports it
  }
}

/**
 * ProjectPolicy per project (docs/policy.md): the handbooks' defaults, then the company's settings, then the
 * project's, read in two statements and cached per project for 30 s. Stored values are checked again when read:
 * a section that fails (stored before a bound existed, or by hand) is dropped with a warning in the log and its
 * defaults apply, so no stored value can make an intake slow or fail. A change through this instance applies
 * at once; through another instance within 30 s.
 */
@Injectable()
export class PolicyService {
  private readonly cache = new TtlCache<ResolvedPolicy | null>(CACHE_MS);
  private readonly companies = new TtlCache<ProjectPolicy | null>(CACHE_MS);
  private readonly monthListeners: StatisticalMonthListener[] = [];
  private readonly log = new Logger('Policy');

  constructor(
    private readonly repo: PolicyRepository,
    private readonly visitRuleSets: VisitRuleSetsRepository,
  ) {}

  /**
   * Inside a transaction pass its manager: a second pool connection taken while the transaction holds locks can
   * wait forever when every pool connection waits for those locks.
   */
  async forProject(
    projectId: string,
    m?: EntityManager,
    opts: { fresh?: boolean } = {},
  ): Promise<ResolvedPolicy> {
    // `fresh`: read the stored settings now (what is stored with the result must not be up to 30 s old).
    if (opts.fresh) this.cache.delete(projectId);
    const hit = await this.cache.get(projectId, async () => {
      const stored = await this.repo.stored(projectId, m);
      return stored ? this.resolve(stored) : null;
    });
    if (hit) return hit;
    // An unknown project (e.g. a ticket of a project removed meanwhile): the handbooks' values.
    return this.resolved(projectId, '', DEFAULT_POLICY);
  }

  /**
   * A company's own policy: the defaults under the company's settings, no project's (what is the same for all
   * its projects, such as the statistical month, and the company's reports read); cached like a project's.
   */
  async forCompany(companyId: string): Promise<ProjectPolicy> {
    const hit = await this.companies.get(companyId, async () => {
      const stored = await this.repo.storedCompany(companyId);
      if (!stored) return null;
      const who = `company ${companyId}`;
      const { policy, problems } = resolvePolicy(...this.companyLayers(who, stored));
      if (problems.length) this.warn(who, 'resolved', problems);
      return policy;
    });
    return hit ?? DEFAULT_POLICY;
  }

  /** How the company cuts its statistical months (the policy's reports.statisticalMonth). */
  async statisticalMonthOf(companyId: string): Promise<StatisticalMonth> {
    return (await this.forCompany(companyId)).reports.statisticalMonth;
  }

  /** The reports register here to hear of a change of a company's statistical month. */
  onStatisticalMonthChange(listener: StatisticalMonthListener): void {
    this.monthListeners.push(listener);
  }

  /**
   * Sets the company's statistical month (HQ, through the policy or PUT /api/reports/settings): listeners are told
   * before and after, and only when it changes.
   */
  async setStatisticalMonth(companyId: string, month: StatisticalMonth): Promise<void> {
    const stored = await this.repo.storedCompany(companyId);
    if (!stored || stored.statisticalMonth === month) return;
    for (const l of this.monthListeners) await l.before(companyId);
    await this.repo.saveCompany(companyId, { statisticalMonth: month });
    this.invalidateCompany();
    for (const l of this.monthListeners) await l.after(companyId);
  }

  /** Forget a project's policy (its settings changed). */
  invalidateProject(projectId: string): void {
    this.cache.delete(projectId);
  }

  /** Forget every project's policy (a company's settings changed; companies are few and change rarely). */
  invalidateCompany(): void {
    this.cache.clear();
    this.companies.clear();
  }

  /** A stored value as a layer, checked: what fails is left out, with a warning. */
  private check(who: string, where: string, value: unknown): ProjectPolicyOverrides {
    const { value: ok, problems } = sanitizePolicy(value);
    if (problems.length) this.warn(who, where, problems);
    return ok;
  }

  /** The company's layers, each checked: its settings, its calendar, its statistical month. */
  private companyLayers(
    who: string,
    s: Pick<StoredPolicy, 'companyPolicy' | 'calendarOverrides' | 'statisticalMonth'>,
  ): ProjectPolicyOverrides[] {
    const own = this.check(who, 'companies.policy', json(s.companyPolicy));
    // The statistical month is kept in its own column (also PUT /api/reports/settings), never in the JSON.
    delete own.reports;
    return [
      own,
      this.check(
        who,
        'companies.calendarOverrides',
        s.calendarOverrides ? { calendar: json(s.calendarOverrides) } : null,
      ),
      this.check(
        who,
        'companies.statisticalMonth',
        s.statisticalMonth === null ? null : { reports: { statisticalMonth: s.statisticalMonth } },
      ),
    ];
  }

  /**
   * The stored layers, each checked: company, company calendar, company statistical month; project, project
   * clock, project visits, project routing. A project's layers never carry a company-only section.
   */
  private layers(s: StoredPolicy): { company: ProjectPolicyOverrides[]; project: ProjectPolicyOverrides[] } {
    const who = `project ${s.projectId}`;
    const check = (where: string, value: unknown): ProjectPolicyOverrides => {
      const { value: ok, problems } = withoutCompanyOnly(this.check(who, where, value));
      if (problems.length) this.warn(who, where, problems);
      return ok;
    };
    const clock = json(s.clockSettings) as Record<string, unknown> | null;
    const clockLayer =
      clock && typeof clock === 'object'
        ? Object.fromEntries(
            CLOCK_SECTIONS.filter((k) => clock[CLOCK_KEYS[k]] !== undefined).map((k) => [
              k,
              clock[CLOCK_KEYS[k]],
            ]),
          )
        : clock;
    const visits = json(s.visitRules);
    // Routing: the switch and threshold, and the table, as separate layers so that a bad row in the table can
    // never turn automatic routing back on.
    const categories: Record<string, string> = {};
    const trades: Record<string, string> = {};
    for (const r of s.routingRules)
      if (r.category.startsWith('trade:')) trades[r.category.slice(6)] = r.departmentCode;
      else categories[r.category] = r.departmentCode;
    const threshold = s.autoRouteThreshold === null ? null : Number(s.autoRouteThreshold);
    return {
      company: this.companyLayers(who, s),
      project: [
        check('projects.policy', json(s.projectPolicy)),
        check('projects.clockSettings', clockLayer),
        check('visit_rules', visits === null ? null : { visits }),
        check('projects.autoRoute', {
          routing: { autoRoute: Boolean(Number(s.autoRoute)), autoRouteThreshold: threshold },
        }),
        check('routing_rules', { routing: { categories } }),
        check('routing_rules', { routing: { trades } }),
      ],
    };
  }

  private resolve(s: StoredPolicy): ResolvedPolicy {
    const { company, project } = this.layers(s);
    const { policy, problems } = resolvePolicy(...company, ...project);
    if (problems.length) this.warn(`project ${s.projectId}`, 'resolved', problems);
    return this.resolved(s.projectId, s.companyId, policy);
  }

  private resolved(projectId: string, companyId: string, policy: ProjectPolicy): ResolvedPolicy {
    return {
      projectId,
      companyId,
      policy,
      workTime: workTimeOf(policy),
      transition: transitionPolicyOf(policy),
    };
  }

  private warn(who: string, where: string, problems: PolicyProblem[]) {
    this.log.warn(
      `${who}: stored settings in ${where} ignored, the defaults apply: ` +
        problems.map((p) => `${p.path} ${p.message}`).join('; '),
    );
  }

  // ── the settings pages ──

  private async projectFor(user: AuthUser, projectId: string, write: boolean) {
    const project = await this.repo.project(projectId);
    const mine =
      project &&
      user.kind === 'staff' &&
      (allowed(POLICY_PERMISSIONS.anyProjectOfCompany, user)
        ? project.companyId === user.companyId
        : project.id === user.projectId);
    if (!project || !mine) throw new NotFoundException('没有找到这个小区');
    if (write && !allowed(POLICY_PERMISSIONS.editProject, user))
      throw new ForbiddenException('项目规则由项目经理或集团总部设置');
    return project;
  }

  /** The project's own settings (from every place they are kept), its company's, the effective policy, the defaults. */
  async projectView(user: AuthUser, projectId: string) {
    await this.projectFor(user, projectId, false);
    const stored = (await this.repo.stored(projectId))!;
    const { company, project } = this.layers(stored);
    return {
      settings: project.reduce<ProjectPolicyOverrides>((a, l) => mergeSettings(a, l), {}),
      company: company.reduce<ProjectPolicyOverrides>((a, l) => mergeSettings(a, l), {}),
      effective: (await this.forProject(projectId)).policy,
      defaults: DEFAULT_POLICY,
    };
  }

  /**
   * Sets sections of a project's policy; each section given replaces the project's own value of it, in the place
   * it is kept (clock settings, return-visit rules, or projects.policy), and `null` removes it (the company's
   * value or the default applies again).
   */
  async updateProject(user: AuthUser, projectId: string, body: Record<string, unknown>) {
    const project = await this.projectFor(user, projectId, true);
    const given = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
    const r = validatePolicy(given, { allow: PROJECT_SECTIONS, project: true });
    if (!r.ok) throw new BadRequestException(r.problems.map((p) => p.message).join('；'));
    const sections = Object.keys(body) as PolicySection[];
    const own = (json(project.policy) ?? {}) as Record<string, unknown>;
    const clock = (json(project.clockSettings) ?? {}) as Record<string, unknown>;
    for (const s of sections) {
      const v = body[s] ?? undefined;
      if ((CLOCK_SECTIONS as readonly string[]).includes(s))
        clock[CLOCK_KEYS[s as (typeof CLOCK_SECTIONS)[number]]] = v;
      else if (s === 'routing') {
        const r = (v ?? null) as RoutingOverrides | null;
        await this.saveRouting(projectId, r);
        // Which categories staff may pick is kept with the project's other settings (projects.policy).
        if (r === null || r.shownCategories !== undefined)
          own.routing = r?.shownCategories ? { shownCategories: r.shownCategories } : undefined;
      } else if (s === 'visits')
        await this.visitRuleSets.save(projectId, {
          overrides: JSON.stringify(v ?? {}),
          updatedById: user.id,
        });
      else own[s] = v;
    }
    await this.repo.saveProject(projectId, {
      policy: JSON.stringify(own),
      clockSettings: JSON.stringify(clock),
    });
    this.invalidateProject(projectId);
    return this.projectView(user, projectId);
  }

  /** Each part of the routing section given replaces the project's; `null` puts the defaults back. */
  private async saveRouting(projectId: string, r: RoutingOverrides | null) {
    const whole = r === null;
    if (whole || r.categories !== undefined)
      await this.repo.replaceRoutingRules(projectId, false, (r?.categories ?? {}) as Record<string, string>);
    if (whole || r.trades !== undefined)
      await this.repo.replaceRoutingRules(projectId, true, (r?.trades ?? {}) as Record<string, string>);
    await this.repo.saveRouting(projectId, {
      ...(whole || r.autoRoute !== undefined ? { autoRoute: r?.autoRoute ?? true } : {}),
      ...(whole || r.autoRouteThreshold !== undefined
        ? { autoRouteThreshold: r?.autoRouteThreshold ?? null }
        : {}),
    });
  }

  private hqOf(user: AuthUser): string {
    if (user.kind !== 'staff' || !allowed(POLICY_PERMISSIONS.editCompany, user) || !user.companyId)
      throw new ForbiddenException('公司规则由集团总部设置');
    return user.companyId;
  }

  async companyView(user: AuthUser) {
    const companyId = this.hqOf(user);
    const stored = await this.repo.storedCompany(companyId);
    const [own, calendar, reports] = this.companyLayers(`company ${companyId}`, {
      companyPolicy: stored?.companyPolicy ?? null,
      calendarOverrides: stored?.calendarOverrides ?? null,
      statisticalMonth: stored?.statisticalMonth ?? null,
    });
    return {
      settings: { ...own, ...reports },
      effective: resolvePolicy(own, calendar, reports).policy,
      defaults: DEFAULT_POLICY,
    };
  }

  /** The company's defaults for its projects: each section given replaces the company's value, `null` removes it. */
  async updateCompany(user: AuthUser, body: Record<string, unknown>) {
    const companyId = this.hqOf(user);
    const given = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
    const r = validatePolicy(given, { allow: COMPANY_SECTIONS });
    if (!r.ok) throw new BadRequestException(r.problems.map((p) => p.message).join('；'));
    const company = await this.repo.company(companyId);
    const own = sanitizePolicy(json(company?.policy)).value as Record<string, unknown>;
    for (const [k, v] of Object.entries(body)) if (k !== 'reports') own[k] = v ?? undefined;
    await this.repo.saveCompany(companyId, { policy: JSON.stringify(own) });
    this.invalidateCompany();
    // The statistical month keeps its column (PUT /api/reports/settings sets the same); null: calendar months.
    if (body.reports !== undefined) {
      const reports = body.reports as ProjectPolicyOverrides['reports'] | null;
      await this.setStatisticalMonth(
        companyId,
        reports?.statisticalMonth ?? DEFAULT_POLICY.reports.statisticalMonth,
      );
    }
    return this.companyView(user);
  }
}
