import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Household, HouseholdBinding, Project, User } from '../../org/entities';

/** Households and the people in them, as return visits read them: labels, bindings, whom to call. */
@Injectable()
export class VisitHouseholdsRepository {
  constructor(private readonly ds: DataSource) {}

  find(id: string): Promise<Household | null> {
    return this.ds.getRepository(Household).findOneBy({ id });
  }

  project(id: string): Promise<Project> {
    return this.ds.getRepository(Project).findOneByOrFail({ id });
  }

  /** Whether the user's binding to the household was approved. */
  async isBound(userId: string, householdId: string): Promise<boolean> {
    return !!(await this.ds
      .getRepository(HouseholdBinding)
      .findOneBy({ userId, householdId, status: 'approved' }));
  }

  /** The labels (1栋1单元101) of these households, by id. */
  async labels(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const rows = wanted.length ? await this.ds.getRepository(Household).findBy({ id: In(wanted) }) : [];
    return new Map(rows.map((h) => [h.id, h.label]));
  }

  person(id: string): Promise<User | null> {
    return this.ds.getRepository(User).findOneBy({ id });
  }
}
