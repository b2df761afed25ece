import type { Role } from '@wuye/shared';
import type { AuthUser } from './auth-user';

/**
 * One row of a domain's permission table: the roles an action is open to, and the scope rule in words
 * (which records of theirs — the code applies the scope where it reads the records). Each domain keeps its
 * table in its own `permissions.ts`; the services ask `allowed(...)` instead of comparing roles inline, and
 * test/permissions.spec.ts checks the tables against the access matrix's rules where both speak.
 */
export interface Permission {
  roles: readonly Role[];
  scope: string;
}

/** The action's row allows this user's role (a resident only where 'resident' is listed). */
export function allowed(permission: Permission, user: Pick<AuthUser, 'role'>): boolean {
  return (permission.roles as readonly string[]).includes(user.role);
}
