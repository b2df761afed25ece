import { DataSource, EntityManager } from 'typeorm';
import { allColumns, selectEntities } from '../database/raw';
import { HouseholdBinding, User } from './entities';

/**
 * The project's customer-service leads, project managers, or the company's group HQ staff. Many new tickets tell
 * the lead: hand-written (database/raw.ts), through the (projectId, kind, role) and (companyId, kind, role) indexes.
 */
export async function peopleInRole(
  m: EntityManager,
  t: { projectId: string; companyId: string },
  roles: string[],
): Promise<User[]> {
  const out: User[] = [];
  const local = roles.filter((r) => r !== 'hq');
  const cols = allColumns(m, User);
  if (local.length)
    out.push(
      ...(await selectEntities(
        m,
        User,
        `SELECT ${cols} FROM \`users\` WHERE \`projectId\` = ? AND \`kind\` = 'staff' AND \`role\` IN (${local.map(() => '?').join(', ')})`,
        [t.projectId, ...local],
      )),
    );
  if (roles.includes('hq'))
    out.push(
      ...(await selectEntities(
        m,
        User,
        `SELECT ${cols} FROM \`users\` WHERE \`companyId\` = ? AND \`kind\` = 'staff' AND \`role\` = 'hq'`,
        [t.companyId],
      )),
    );
  return out;
}

/**
 * Every name of a project's people (residents, bound household members, staff): never on the public notice
 * (reports/notice.service.ts redacts them).
 */
export async function projectPeopleNames(ds: DataSource, projectId: string): Promise<string[]> {
  const [users, bindings] = await Promise.all([
    ds.getRepository(User).find({ where: { projectId }, select: { name: true } }),
    ds.getRepository(HouseholdBinding).find({ where: { projectId }, select: { name: true } }),
  ]);
  return [...new Set([...users, ...bindings].map((r) => r.name))];
}
