import { DataSource } from 'typeorm';
import { HouseholdBinding, User } from '../org/entities';

/** Every name of a project's people (residents, bound household members, staff): never on the public notice. */
export async function projectPeopleNames(ds: DataSource, projectId: string): Promise<string[]> {
  const [users, bindings] = await Promise.all([
    ds.getRepository(User).find({ where: { projectId }, select: { name: true } }),
    ds.getRepository(HouseholdBinding).find({ where: { projectId }, select: { name: true } }),
  ]);
  return [...new Set([...users, ...bindings].map((r) => r.name))];
}
