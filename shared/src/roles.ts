/** Staff roles 员工角色 and the resident. docs/domain-rules.md "People". */
export const STAFF_ROLES = ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'resident';
export const ROLE_LABELS: Record<Role, string> = {
  resident: '业主/住户',
  front_desk: '客服前台',
  dept_staff: '部门员工',
  cs_lead: '客服主管',
  project_manager: '项目经理',
  hq: '集团总部',
};

/** The standard departments 部门 of a service centre. */
export const STANDARD_DEPARTMENTS = [
  { code: 'cs', name: '客服部' },
  { code: 'eng', name: '工程部' },
  { code: 'sec', name: '秩序部' },
  { code: 'env', name: '环境部' },
  { code: 'qa', name: '品质部' },
] as const;
export type DepartmentCode = (typeof STANDARD_DEPARTMENTS)[number]['code'];
