import { STANDARD_DEPARTMENTS, type DepartmentCode } from '../roles';

/**
 * The eight complaint categories 投诉分类 of docs/domain-rules.md "The eight complaint categories".
 * A complaint is classified by its FINAL cause, not by what the resident sees.
 */
export const COMPLAINT_CATEGORIES = [
  {
    code: 'building',
    name: '房屋管理类',
    description:
      '共用部位维修养护管理不到位：屋面、外墙、承重结构、楼梯间、走廊、门厅、道路；违章搭建；装修管理监控不到位。',
  },
  {
    code: 'equipment',
    name: '设备管理类',
    description:
      '共用设施设备维修养护运行不到位：上下水管道、落水管、垃圾道、烟道、共用照明、天线、中央空调、暖气干线、锅炉房、水泵房、消防设施、电梯（含外包）。',
  },
  {
    code: 'security',
    name: '安全管理类',
    description:
      '秩序维护与安全管理不到位：保安、门岗、门禁、监控、盗窃、停车秩序、消防通道，安全措施不当导致隐患或事故。',
  },
  {
    code: 'environment',
    name: '环境管理类',
    description:
      '环境净化美化不到位：清洁卫生、绿化、垃圾清运、消杀、商铺环境（油烟、占道经营、乱摆卖）、不属于其它类别的噪音、保洁外包监控。',
  },
  {
    code: 'service',
    name: '综合服务类',
    description:
      '其它管理服务不到位：收费（物业费、电梯费、停车费、公摊、押金）、入户维修（含外包）、家政、商务中介、社区文化、会所、客服前台。',
  },
  {
    code: 'dispute',
    name: '业户纠纷类',
    description:
      '业户之间对毗连部位/公共部位使用与权益的纠纷：养犬、晨练/广场舞等生活噪音、邻居装修破坏防水层造成渗漏等毗连部位维修、不文明行为。',
  },
  {
    code: 'developer',
    name: '开发商相关类',
    description:
      '开发商产品与服务不到位：房屋质量（交付后的裂缝、渗漏、空鼓）、配套设施、规划设计、地产相关工程施工、销售承诺、办证。',
  },
  {
    code: 'other',
    name: '其它类',
    description:
      '物业公司不负直接管理责任但可协助改善：政府机关、企事业单位行为；市政配套（供水、供电、燃气、有线电视、宽带、电话、交通）不完善或突发事件。',
  },
] as const;

export type CategoryCode = (typeof COMPLAINT_CATEGORIES)[number]['code'];
/** Chinese category name, e.g. '设备管理类'. The classifier speaks in these names. */
export type CategoryName = (typeof COMPLAINT_CATEGORIES)[number]['name'];

export const CATEGORY_NAMES: readonly CategoryName[] = COMPLAINT_CATEGORIES.map((c) => c.name);

export function isCategoryName(value: string): value is CategoryName {
  return (CATEGORY_NAMES as readonly string[]).includes(value);
}

export function categoryByCode(code: CategoryCode): (typeof COMPLAINT_CATEGORIES)[number] {
  return COMPLAINT_CATEGORIES.find((c) => c.code === code)!;
}

export function categoryByName(name: CategoryName): (typeof COMPLAINT_CATEGORIES)[number] {
  return COMPLAINT_CATEGORIES.find((c) => c.name === name)!;
}

/** Category → responsible department 责任部门. */
export type CategoryRouting = Readonly<Record<CategoryName, DepartmentCode>>;

/**
 * Default routing (docs/domain-rules.md: "Routing follows the category to a responsible department
 * (configurable per project)"): building and equipment to 工程部, security to 秩序部, environment to
 * 环境部, everything else to 客服部, which coordinates residents, the developer and outside bodies.
 */
export const DEFAULT_CATEGORY_ROUTING: CategoryRouting = {
  房屋管理类: 'eng',
  设备管理类: 'eng',
  安全管理类: 'sec',
  环境管理类: 'env',
  综合服务类: 'cs',
  业户纠纷类: 'cs',
  开发商相关类: 'cs',
  其它类: 'cs',
};

/** The department a category goes to, with a project's overrides applied. */
export function departmentFor(
  category: CategoryName,
  overrides: Partial<Record<CategoryName, DepartmentCode>> = {},
): DepartmentCode {
  return overrides[category] ?? DEFAULT_CATEGORY_ROUTING[category];
}

/** Chinese department name for a code, from STANDARD_DEPARTMENTS. */
export function departmentName(code: DepartmentCode): string {
  return STANDARD_DEPARTMENTS.find((d) => d.code === code)?.name ?? code;
}
