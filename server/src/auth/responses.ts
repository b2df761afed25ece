/** What the auth endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@wuye/shared';
import { NamedRef, ROLES } from '../common/api-responses';

export class DevAccount {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ enum: ['resident', 'staff'] })
  kind: 'resident' | 'staff';

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty({ type: String })
  roleLabel: string;

  @ApiProperty({ type: String, nullable: true })
  departmentName: string | null;

  @ApiProperty({ type: String, nullable: true })
  householdLabel: string | null;
}

export class AuthUser {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: ['resident', 'staff'] })
  kind: 'resident' | 'staff';

  @ApiProperty({ enum: ['resident', 'front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] })
  role: 'resident' | 'front_desk' | 'dept_staff' | 'cs_lead' | 'project_manager' | 'hq';

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String, nullable: true })
  companyId: string | null;

  @ApiProperty({ type: String, nullable: true })
  projectId: string | null;

  @ApiProperty({ type: String, nullable: true })
  departmentId: string | null;
}

export class LoginResult {
  @ApiProperty({ type: String })
  token: string;

  @ApiProperty({ type: () => AuthUser })
  user: AuthUser;
}

export class StaffInvite {
  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: () => NamedRef })
  staff: NamedRef;
}
