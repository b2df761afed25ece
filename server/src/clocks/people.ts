import { EntityManager, In } from 'typeorm';
import { User } from '../org/entities';

/** The project's customer-service leads, project managers, or the company's group HQ staff. */
export async function peopleInRole(
  m: EntityManager,
  t: { projectId: string; companyId: string },
  roles: string[],
): Promise<User[]> {
  const out: User[] = [];
  const local = roles.filter((r) => r !== 'hq');
  if (local.length)
    out.push(
      ...(await m.getRepository(User).findBy({ projectId: t.projectId, kind: 'staff', role: In(local) })),
    );
  if (roles.includes('hq'))
    out.push(...(await m.getRepository(User).findBy({ companyId: t.companyId, kind: 'staff', role: 'hq' })));
  return out;
}
