import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, NULLABLE_ID, newId, TIMESTAMP } from '../common/entity-helpers';

/** Company 物业公司: the tenant. Nothing crosses companies. */
@Entity('companies')
export class Company {
  @PrimaryColumn(ID) id: string = newId();
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** The company's own days off and working days on top of the statutory calendar (JSON CalendarOverrides). */
  @Column({ type: 'text', nullable: true }) calendarOverrides: string | null;
  /** How the company cuts its statistical months 统计月份: 'calendar' or 'day26' (26th–25th), StatisticalMonth. */
  @Column({ type: 'varchar', length: 12, default: 'calendar' }) statisticalMonth: string;
  /** The company's defaults for its projects (JSON ProjectPolicyOverrides, docs/policy.md); null = the handbooks'. */
  @Column({ type: 'text', nullable: true }) policy: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Project 项目/小区: one residential compound run by a service centre. */
@Entity('projects')
export class Project {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) companyId: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 200, default: '' }) address: string;
  /** Route and assign complaints automatically when the classifier is sure enough. */
  @Column({ type: 'boolean', default: true }) autoRoute: boolean;
  /** The project's own confidence threshold for auto-routing; null = the model's default. */
  @Column({ type: 'float', nullable: true }) autoRouteThreshold: number | null;
  /** The project's tuning of the handbook's clocks (JSON ProjectClockSettings); null = the handbook's values. */
  @Column({ type: 'text', nullable: true }) clockSettings: string | null;
  /** The service centre's 24-hour duty phone 24小时值班电话, offered to a resident whose text reads as an emergency. */
  @Column({ type: 'varchar', length: 20, nullable: true }) dutyPhone: string | null;
  /**
   * The project's own policy settings not kept elsewhere — closing, transitions (JSON ProjectPolicyOverrides,
   * docs/policy.md); null = the company's.
   */
  @Column({ type: 'text', nullable: true }) policy: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** Building 楼栋. */
@Entity('buildings')
export class Building {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'int', default: 0 }) sort: number;
}

/** Unit 单元. */
@Entity('units')
export class Unit {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) buildingId: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'int', default: 0 }) sort: number;
}

/** Household 户: one flat. */
@Entity('households')
export class Household {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(ID) projectId: string;
  @Index() @Column(ID) unitId: string;
  @Column({ type: 'varchar', length: 20 }) room: string;
  /** e.g. 1栋2单元301 — kept denormalised for lists and reports. */
  @Column({ type: 'varchar', length: 100 }) label: string;
  @Column({ type: 'date', nullable: true }) moveInDate: string | null;
  /** Key-customer reasons 重点客户 (codes from @wuye/shared customers), JSON array. */
  @Column({ type: 'varchar', length: 500, nullable: true }) keyCustomerReasons: string | null;
  /** Special needs 特殊需求 staff must know in an emergency (docs/domain-rules.md "Customers"). */
  @Column({ type: 'varchar', length: 500, nullable: true }) specialNeeds: string | null;
  /** Emergency contacts 紧急联系人 of the household, JSON array of { name, phone, relation }: at most three. */
  @Column({ type: 'varchar', length: 500, nullable: true }) emergencyContacts: string | null;
}

/** Department 部门 of a project's service centre. */
@Entity('departments')
@Index(['projectId', 'code'], { unique: true })
export class Department {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 20 }) code: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  /** Assignment strategy 派单方式: round_robin 轮流 or fewest_open 最少未结. */
  @Column({ type: 'varchar', length: 20, default: 'fewest_open' }) assignStrategy: string;
  /** Cap on open tickets per person; above it nobody is picked and the ticket waits in the queue. */
  @Column({ type: 'int', default: 20 }) maxOpenPerPerson: number;
  @Column(NULLABLE_ID) lastAssignedUserId: string | null;
}

/** A person who uses the system: a resident 业主/住户 or a staff member 员工. */
@Entity('users')
// Who holds a role in a project or the company (the leads a new ticket notifies, every intake), and a department's
// people (automatic assignment): found without reading the project's residents, who are most of its users.
@Index(['projectId', 'kind', 'role'])
@Index(['companyId', 'kind', 'role'])
@Index(['departmentId', 'kind'])
export class User {
  @PrimaryColumn(ID) id: string = newId();
  @Index() @Column(NULLABLE_ID) companyId: string | null;
  @Index() @Column(NULLABLE_ID) projectId: string | null;
  @Column(NULLABLE_ID) departmentId: string | null;
  @Column({ type: 'varchar', length: 10 }) kind: 'resident' | 'staff';
  /** 'resident' or a StaffRole from @wuye/shared. */
  @Column({ type: 'varchar', length: 20 }) role: string;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64, nullable: true }) openid: string | null;
  /** Stable key of a seeded demo account, used by the development login only. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 40, nullable: true }) demoKey: string | null;
  /** Staff on leave or off duty are skipped by automatic assignment. */
  @Column({ type: 'boolean', default: true }) onDuty: boolean;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** A resident's link to a household; needs approval unless made with a one-time household code. */
@Entity('household_bindings')
@Index(['userId', 'householdId'], { unique: true })
export class HouseholdBinding {
  @PrimaryColumn(ID) id: string = newId();
  @Column(ID) userId: string;
  @Index() @Column(ID) householdId: string;
  @Index() @Column(ID) projectId: string;
  @Column({ type: 'varchar', length: 10 }) relation: 'owner' | 'tenant' | 'family';
  @Column({ type: 'varchar', length: 10 }) status: 'pending' | 'approved' | 'rejected';
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Column(NULLABLE_ID) decidedById: string | null;
  @Column({ ...TIMESTAMP, nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) decisionNote: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** One-time household code 绑定码 handed out by the front desk. */
@Entity('household_codes')
export class HouseholdCode {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column({ type: 'varchar', length: 12 }) code: string;
  @Column(ID) householdId: string;
  @Column(ID) createdById: string;
  @Column(TIMESTAMP) expiresAt: Date;
  @Column({ ...TIMESTAMP, nullable: true }) usedAt: Date | null;
  @Column(NULLABLE_ID) usedById: string | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}

/** One-time code that links a staff account to the WeChat account of the person who redeems it. */
@Entity('staff_invites')
export class StaffInvite {
  @PrimaryColumn(ID) id: string = newId();
  @Index({ unique: true }) @Column({ type: 'varchar', length: 12 }) code: string;
  @Column(ID) staffUserId: string;
  @Column(ID) createdById: string;
  @Column(TIMESTAMP) expiresAt: Date;
  @Column({ ...TIMESTAMP, nullable: true }) usedAt: Date | null;
  @CreateDateColumn(TIMESTAMP) createdAt: Date;
}
