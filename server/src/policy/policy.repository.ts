import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectRows } from '../database/raw';
import { Company, Project } from '../org/entities';
import { RoutingRule } from './routing-rule.entity';

/** Everything stored about one project's policy, as stored (JSON text, not yet checked). */
export interface StoredPolicy {
  projectId: string;
  companyId: string;
  /** companies.policy: the company's defaults for its projects. */
  companyPolicy: string | null;
  /** companies.calendarOverrides: the company's days off and working days (PUT /api/company/calendar). */
  calendarOverrides: string | null;
  /** companies.statisticalMonth: the policy's reports.statisticalMonth (also PUT /api/reports/settings). */
  statisticalMonth: string | null;
  /** projects.policy: the project's closing and transition settings. */
  projectPolicy: string | null;
  /** projects.clockSettings: the project's deadline rules, working hours, escalation (PUT …/clock-settings). */
  clockSettings: string | null;
  /** visit_rules.overrides: the project's return-visit rules (PUT /api/visits/rules). */
  visitRules: string | null;
  /** projects.autoRoute / autoRouteThreshold (as the driver returns them: 0/1, a number or null). */
  autoRoute: unknown;
  autoRouteThreshold: unknown;
  /** routing_rules: category (or `trade:<trade>`) → department code (PUT /api/routing/…). */
  routingRules: Array<{ category: string; departmentCode: string }>;
}

/** Reads and writes where a project's and a company's settings are kept. */
@Injectable()
export class PolicyRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Two statements: the project's and its company's settings, and the project's routing table; null when the
   * project does not exist.
   */
  async stored(projectId: string, m: EntityManager = this.ds.manager): Promise<StoredPolicy | null> {
    const rows = await selectRows<Omit<StoredPolicy, 'routingRules'>>(
      m,
      'SELECT `p`.`id` AS `projectId`, `p`.`companyId` AS `companyId`, `c`.`policy` AS `companyPolicy`,' +
        ' `c`.`calendarOverrides` AS `calendarOverrides`, `c`.`statisticalMonth` AS `statisticalMonth`,' +
        ' `p`.`policy` AS `projectPolicy`,' +
        ' `p`.`clockSettings` AS `clockSettings`, `v`.`overrides` AS `visitRules`,' +
        ' `p`.`autoRoute` AS `autoRoute`, `p`.`autoRouteThreshold` AS `autoRouteThreshold`' +
        ' FROM `projects` `p` JOIN `companies` `c` ON `c`.`id` = `p`.`companyId`' +
        ' LEFT JOIN `visit_rules` `v` ON `v`.`projectId` = `p`.`id` WHERE `p`.`id` = ?',
      [projectId],
    );
    if (!rows[0]) return null;
    const routingRules = await selectRows<{ category: string; departmentCode: string }>(
      m,
      'SELECT `category`, `departmentCode` FROM `routing_rules` WHERE `projectId` = ?',
      [projectId],
    );
    return { ...rows[0], routingRules };
  }

  /** What a company stores of the policy (its own layers only); null when there is no such company. */
  async storedCompany(
    companyId: string,
  ): Promise<Pick<
    StoredPolicy,
    'companyId' | 'companyPolicy' | 'calendarOverrides' | 'statisticalMonth'
  > | null> {
    const rows = await selectRows<
      Pick<StoredPolicy, 'companyId' | 'companyPolicy' | 'calendarOverrides' | 'statisticalMonth'>
    >(
      this.ds.manager,
      'SELECT `id` AS `companyId`, `policy` AS `companyPolicy`, `calendarOverrides` AS `calendarOverrides`,' +
        ' `statisticalMonth` AS `statisticalMonth` FROM `companies` WHERE `id` = ?',
      [companyId],
    );
    return rows[0] ?? null;
  }

  project(projectId: string): Promise<Project | null> {
    return this.ds.getRepository(Project).findOneBy({ id: projectId });
  }

  company(companyId: string): Promise<Company | null> {
    return this.ds.getRepository(Company).findOneBy({ id: companyId });
  }

  async saveProject(projectId: string, fields: { policy?: string | null; clockSettings?: string | null }) {
    await this.ds.getRepository(Project).update({ id: projectId }, fields);
  }

  /** Replaces the project's rows of one kind (categories, or trades: keys `trade:<trade>`) with `rows`. */
  async replaceRoutingRules(projectId: string, trades: boolean, rows: Record<string, string>) {
    await this.ds.transaction(async (m) => {
      const repo = m.getRepository(RoutingRule);
      const old = (await repo.findBy({ projectId })).filter(
        (r) => r.category.startsWith('trade:') === trades,
      );
      if (old.length) await repo.remove(old);
      const fresh = Object.entries(rows).map(([k, departmentCode]) => ({
        projectId,
        category: trades ? `trade:${k}` : k,
        departmentCode,
      }));
      if (fresh.length) await repo.insert(fresh);
    });
  }

  async saveRouting(projectId: string, fields: { autoRoute?: boolean; autoRouteThreshold?: number | null }) {
    if (Object.keys(fields).length) await this.ds.getRepository(Project).update({ id: projectId }, fields);
  }

  async saveCompany(
    companyId: string,
    fields: { policy?: string | null; calendarOverrides?: string | null; statisticalMonth?: string },
  ) {
    await this.ds.getRepository(Company).update({ id: companyId }, fields);
  }
}
