import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@wuye/shared';

/** The signed-in person as the request sees them (loaded fresh from the database each request). */
export interface AuthUser {
  id: string;
  kind: 'resident' | 'staff';
  role: Role;
  name: string;
  companyId: string | null;
  projectId: string | null;
  departmentId: string | null;
}

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no login. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
