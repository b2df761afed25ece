import { STANDARD_DEPARTMENTS, StaffRole, ROLE_LABELS } from '@wuye/shared';
import { DataSource } from 'typeorm';
import { withStartupLock } from '../database/data-source';
import {
  Building,
  Company,
  Department,
  Household,
  HouseholdBinding,
  Project,
  Unit,
  User,
} from '../org/entities';

/** The demo compound: 3 buildings × 2 units × 6 floors × 2 flats. */
const BUILDINGS = 3;
const UNITS = 2;
const FLOORS = 6;
const FLATS = 2;

interface StaffSeed {
  key: string;
  name: string;
  role: StaffRole;
  dept: string | null;
  phone: string;
}
const STAFF: StaffSeed[] = [
  { key: 'front-desk', name: '李晓梅', role: 'front_desk', dept: 'cs', phone: '13800000001' },
  { key: 'cs-lead', name: '王建国', role: 'cs_lead', dept: 'cs', phone: '13800000002' },
  { key: 'pm', name: '陈志强', role: 'project_manager', dept: null, phone: '13800000003' },
  { key: 'eng-1', name: '张师傅', role: 'dept_staff', dept: 'eng', phone: '13800000004' },
  { key: 'eng-2', name: '刘师傅', role: 'dept_staff', dept: 'eng', phone: '13800000005' },
  { key: 'sec-1', name: '赵队长', role: 'dept_staff', dept: 'sec', phone: '13800000006' },
  { key: 'env-1', name: '孙阿姨', role: 'dept_staff', dept: 'env', phone: '13800000007' },
  { key: 'qa-1', name: '周敏', role: 'dept_staff', dept: 'qa', phone: '13800000008' },
  { key: 'hq', name: '吴总', role: 'hq', dept: null, phone: '13800000009' },
];
const RESIDENTS = [
  { key: 'resident-1', name: '林女士', household: '1栋1单元101', phone: '13900000001' },
  { key: 'resident-2', name: '黄先生', household: '2栋2单元602', phone: '13900000002' },
  { key: 'resident-3', name: '何阿姨', household: '3栋1单元302', phone: '13900000003' },
  { key: 'resident-new', name: '新住户', household: null, phone: null },
];

export interface DemoAccount {
  id: string;
  name: string;
  role: string;
  detail: string;
}

/** Seeds the demo company only into an empty database; returns the accounts to print, or null if it did nothing. */
export async function seedDemo(ds: DataSource): Promise<DemoAccount[] | null> {
  if (ds.options.type === 'better-sqlite3') return seedEmpty(ds);
  // Several instances may start at once on an empty database: one seeds, the others then find it seeded.
  return withStartupLock(ds, 'seed', () => seedEmpty(ds));
}

/** The demo compound, into a database without any company (else nothing). */
async function seedEmpty(ds: DataSource): Promise<DemoAccount[] | null> {
  if ((await ds.getRepository(Company).count()) > 0) return null;
  return ds.transaction(async (m) => {
    const company = await m.getRepository(Company).save({ name: '幸福里物业服务有限公司' });
    const project = await m.getRepository(Project).save({
      companyId: company.id,
      name: '阳光花园',
      address: '上海市浦东新区阳光路 88 号',
      dutyPhone: '021-58880110',
    });
    const depts = new Map<string, Department>();
    for (const d of STANDARD_DEPARTMENTS)
      depts.set(
        d.code,
        await m.getRepository(Department).save({ projectId: project.id, code: d.code, name: d.name }),
      );

    const households = new Map<string, Household>();
    for (let b = 1; b <= BUILDINGS; b++) {
      const building = await m
        .getRepository(Building)
        .save({ projectId: project.id, name: `${b}栋`, sort: b });
      for (let u = 1; u <= UNITS; u++) {
        const unit = await m.getRepository(Unit).save({ buildingId: building.id, name: `${u}单元`, sort: u });
        const rows: Household[] = [];
        for (let f = 1; f <= FLOORS; f++)
          for (let n = 1; n <= FLATS; n++) {
            const room = `${f}0${n}`;
            // Move-in dates spread over the tenure bands (new / settling-in / stable / long-standing).
            const monthsAgo = ((b * 7 + u * 5 + f * 3 + n) % 40) + 1;
            const moveIn = new Date(Date.UTC(2026, 10 - monthsAgo, 1)).toISOString().slice(0, 10);
            rows.push(
              m.getRepository(Household).create({
                projectId: project.id,
                unitId: unit.id,
                room,
                label: `${b}栋${u}单元${room}`,
                moveInDate: moveIn,
              }),
            );
          }
        for (const h of rows) {
          // Two key customers so the demo queues show why some tickets rank higher (docs/domain-rules.md
          // "Customers").
          if (h.label === '3栋1单元302') {
            h.keyCustomerReasons = JSON.stringify(['medical_equipment', 'frail_alone']);
            h.specialNeeds = '独居老人，家中使用制氧机；停电时请优先联系并上门查看';
          }
          if (h.label === '2栋2单元602') h.keyCustomerReasons = JSON.stringify(['owners_committee']);
        }
        await m.getRepository(Household).insert(rows);
        rows.forEach((h) => households.set(h.label, h));
      }
    }

    const accounts: DemoAccount[] = [];
    for (const s of STAFF) {
      const dept = s.dept ? depts.get(s.dept)! : null;
      const u = await m.getRepository(User).save({
        companyId: company.id,
        projectId: s.role === 'hq' ? null : project.id,
        departmentId: dept?.id ?? null,
        kind: 'staff',
        role: s.role,
        name: s.name,
        phone: s.phone,
        openid: null,
        demoKey: s.key,
      });
      accounts.push({
        id: u.id,
        name: s.name,
        role: ROLE_LABELS[s.role],
        detail: dept?.name ?? (s.role === 'hq' ? '集团' : project.name),
      });
    }
    for (const r of RESIDENTS) {
      const h = r.household ? households.get(r.household)! : null;
      const u = await m.getRepository(User).save({
        companyId: h ? company.id : null,
        projectId: h ? project.id : null,
        departmentId: null,
        kind: 'resident',
        role: 'resident',
        name: r.name,
        phone: r.phone,
        openid: null,
        demoKey: r.key,
      });
      if (h) {
        await m.getRepository(HouseholdBinding).save({
          userId: u.id,
          householdId: h.id,
          projectId: project.id,
          relation: 'owner',
          status: 'approved',
          name: r.name,
          phone: r.phone,
          decidedById: null,
          decidedAt: new Date(),
          decisionNote: '演示数据',
        });
      }
      accounts.push({
        id: u.id,
        name: r.name,
        role: ROLE_LABELS.resident,
        detail: r.household ?? '未绑定房屋',
      });
    }
    return accounts;
  });
}
