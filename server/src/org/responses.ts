/** What the org endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@wuye/shared';
import { HouseholdLabel, ROLES } from '../common/api-responses';

export class UserHousehold {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  projectId: string;
}

export class User {
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
  projectId: string | null;

  @ApiProperty({ type: String, nullable: true })
  projectName: string | null;

  @ApiProperty({ type: String, nullable: true })
  departmentName: string | null;

  @ApiProperty({ type: () => [UserHousehold] })
  households: UserHousehold[];
}

export class ProjectRef {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String })
  address: string;

  @ApiProperty({ type: String })
  companyName: string;
}

export class OrgTreeBuildingUnitHousehold {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  room: string;
}

export class OrgTreeBuildingUnit {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => [OrgTreeBuildingUnitHousehold] })
  households: OrgTreeBuildingUnitHousehold[];
}

export class OrgTreeBuilding {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => [OrgTreeBuildingUnit] })
  units: OrgTreeBuildingUnit[];
}

export class OrgTree {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: () => [OrgTreeBuilding] })
  buildings: OrgTreeBuilding[];
}

export class Binding {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  status: 'pending' | 'approved' | 'rejected';

  @ApiProperty({ enum: ['owner', 'tenant', 'family'] })
  relation: 'owner' | 'tenant' | 'family';

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;
}

export class PendingBinding {
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  status: 'pending' | 'approved' | 'rejected';

  @ApiProperty({ enum: ['owner', 'tenant', 'family'] })
  relation: 'owner' | 'tenant' | 'family';

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;
}

export class HouseholdCode {
  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;
}

export class HouseholdProfileKeyCustomerReason {
  @ApiProperty({
    enum: [
      'large_share',
      'owners_committee',
      'committee_preparatory',
      'community_figure',
      'strong_bias',
      'special_needs',
      'medical_equipment',
      'frail_alone',
      'government_media',
      'group_employee',
      'frequent_complainant',
      'big_customer',
    ],
  })
  code:
    | 'large_share'
    | 'owners_committee'
    | 'committee_preparatory'
    | 'community_figure'
    | 'strong_bias'
    | 'special_needs'
    | 'medical_equipment'
    | 'frail_alone'
    | 'government_media'
    | 'group_employee'
    | 'frequent_complainant'
    | 'big_customer';

  @ApiProperty({ type: String })
  label: string;
}

export class HouseholdProfileResident {
  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ enum: ['owner', 'tenant', 'family'] })
  relation: 'owner' | 'tenant' | 'family';

  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] })
  status: 'pending' | 'approved' | 'rejected';
}

export class HouseholdProfile {
  @ApiPropertyOptional({ type: () => [EmergencyContact], description: '紧急联系人, at most three.' })
  emergencyContacts?: EmergencyContact[];

  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;

  @ApiProperty({ type: String, nullable: true })
  moveInDate: string | null;

  @ApiProperty({ enum: ['new', 'settling', 'stable', 'long_standing'], nullable: true })
  tenure: 'new' | 'settling' | 'stable' | 'long_standing' | null;

  @ApiProperty({ type: String, nullable: true })
  tenureLabel: string | null;

  @ApiProperty({ type: Boolean })
  keyCustomer: boolean;

  @ApiProperty({ type: () => [HouseholdProfileKeyCustomerReason] })
  keyCustomerReasons: HouseholdProfileKeyCustomerReason[];

  @ApiProperty({ type: String, nullable: true })
  priorityReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  specialNeeds: string | null;

  @ApiProperty({ type: () => [HouseholdProfileResident] })
  residents: HouseholdProfileResident[];
}

/** A household's emergency contact 紧急联系人 (staff only). */
export class EmergencyContact {
  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String })
  phone: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  relation?: string | null;
}

export class LedgerResident {
  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: String })
  relation: string;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
}

/** One household of the 重点客户 / 特殊需求台账 (GET /api/households/ledger). */
export class LedgerItem {
  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;

  @ApiProperty({ type: () => [HouseholdProfileKeyCustomerReason] })
  keyCustomerReasons: HouseholdProfileKeyCustomerReason[];

  @ApiProperty({ type: String, nullable: true })
  specialNeeds: string | null;

  @ApiProperty({ type: () => [EmergencyContact] })
  emergencyContacts: EmergencyContact[];

  @ApiProperty({ type: () => [LedgerResident] })
  residents: LedgerResident[];

  @ApiProperty({ type: String, nullable: true })
  moveInDate: string | null;
}

export class Ledger {
  @ApiProperty({ type: Number })
  total: number;

  @ApiProperty({ type: () => [LedgerItem] })
  items: LedgerItem[];
}
