import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Project } from '../../org/entities';
import { inList, num } from '../sql';

type Row = Record<string, unknown>;

/** Households, departments and people as the reports name and count them. */
@Injectable()
export class ReportOrgRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every project of every company (the scheduler's jobs). */
  allProjects(): Promise<Project[]> {
    return this.ds.getRepository(Project).find();
  }

  /** Households of these projects, in all (the complaint rate's denominator). */
  async households(projectIds: string[]): Promise<number> {
    const p = inList(projectIds);
    const [row] = await this.ds.query(
      `SELECT COUNT(*) AS n FROM households WHERE projectId IN ${p.sql}`,
      p.params,
    );
    return num(row?.n);
  }

  /** Households per project. */
  async householdsByProject(projectIds: string[]): Promise<Map<string, number>> {
    const p = inList(projectIds);
    const rows: Row[] = await this.ds.query(
      `SELECT projectId, COUNT(*) AS n FROM households WHERE projectId IN ${p.sql} GROUP BY projectId`,
      p.params,
    );
    return new Map(rows.map((r) => [String(r.projectId), num(r.n)]));
  }

  /** Names of departments and users by id. */
  async names(departmentIds: string[], userIds: string[]) {
    const d = inList(departmentIds.filter(Boolean));
    const u = inList(userIds.filter(Boolean));
    const depts: Row[] = await this.ds.query(
      `SELECT id, name FROM departments WHERE id IN ${d.sql}`,
      d.params,
    );
    const users: Row[] = await this.ds.query(`SELECT id, name FROM users WHERE id IN ${u.sql}`, u.params);
    return {
      departments: new Map(depts.map((r) => [String(r.id), String(r.name)])),
      users: new Map(users.map((r) => [String(r.id), String(r.name)])),
    };
  }

  /** The names of these residents and of everyone bound to these households (what a notice must not show). */
  async residentNames(residentIds: string[], householdIds: string[]): Promise<string[]> {
    const r = inList(residentIds);
    const h = inList(householdIds);
    const rows: Row[] = [
      ...(await this.ds.query(`SELECT name FROM users WHERE id IN ${r.sql}`, r.params)),
      ...(await this.ds.query(`SELECT name FROM household_bindings WHERE householdId IN ${h.sql}`, h.params)),
    ];
    return rows.map((x) => String(x.name));
  }
}
