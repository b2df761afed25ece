import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { peopleInRole } from '../../org/people';
import { Project, User } from '../../org/entities';

/**
 * The projects 小区 payments are kept per, and their people: for reconciliation (whom to tell of mismatches),
 * and to check an HQ user names one of their company's projects.
 */
@Injectable()
export class PaymentProjectsRepository {
  constructor(private readonly ds: DataSource) {}

  all(): Promise<Project[]> {
    return this.ds.getRepository(Project).find();
  }

  /** The project if it belongs to the company. */
  ofCompany(id: string, companyId: string): Promise<Project | null> {
    return this.ds.getRepository(Project).findOneBy({ id, companyId });
  }

  /** The project's staff in these roles (the shared lookup of org/people.ts). */
  peopleInRole(p: { projectId: string; companyId: string }, roles: string[]): Promise<User[]> {
    return peopleInRole(this.ds.manager, p, roles);
  }
}
