/**
 * Customers 客户: key customers 重点客户/重要客户 and tenure bands 入住时长. docs/domain-rules.md
 * "Customers"; the satisfaction-management handbook (重点客户选择标准) and the customer-service handbook
 * (客户访谈操作流程 · 重要客户).
 */
import { shanghaiDate } from './time';

/** Why a household is a key customer 重点客户. */
export const KEY_CUSTOMER_REASONS = [
  'large_share', // the satisfaction-management handbook, criterion (1)
  'owners_committee', // satisfaction-management handbook (2); customer-service handbook, item 2
  'committee_preparatory', // the satisfaction-management handbook, criterion (3)
  'community_figure', // satisfaction-management handbook (4); customer-service handbook, item 2 (社团组织负责人)
  'strong_bias', // the satisfaction-management handbook, criterion (5)
  'special_needs', // the satisfaction-management handbook, criterion (6)
  'medical_equipment', // the satisfaction-management handbook, criterion (7)
  'frail_alone', // the satisfaction-management handbook, criterion (8)
  'government_media', // the customer-service handbook, item 1
  'group_employee', // the customer-service handbook, item 3
  'frequent_complainant', // the customer-service handbook, item 4
  'big_customer', // the customer-service handbook, item 5
] as const;
export type KeyCustomerReason = (typeof KEY_CUSTOMER_REASONS)[number];

export const KEY_CUSTOMER_REASON_LABELS: Record<KeyCustomerReason, string> = {
  large_share: '占物业总建筑面积5%以上的业主或单位客户',
  owners_committee: '业主委员会成员',
  committee_preparatory: '业主委员会筹备组成员',
  community_figure: '热心参与物业管理、在社区有号召力的业主或社团负责人',
  strong_bias: '对开发建设单位和物业有严重偏见的业主',
  special_needs: '有特殊服务需求的客户',
  medical_equipment: '长期患病、需医疗设备维持生命的客户',
  frail_alone: '独居的残疾或体弱客户',
  government_media: '本人或家人在政府机关、新闻媒体工作',
  group_employee: '居住在小区的本集团员工',
  frequent_complainant: '重点投诉客户',
  big_customer: '大客户（学校、商户）',
};

/**
 * Ranking weight per reason. Emergencies come first (the satisfaction-management handbook: special needs get
 * a ledger so staff can act in an emergency), then the people whose dissatisfaction spreads furthest. Tiers
 * are at least 5 apart so the bonus for extra reasons (at most +4) never lifts a household over a higher
 * tier.
 */
const REASON_WEIGHTS: Record<KeyCustomerReason, number> = {
  medical_equipment: 100,
  frail_alone: 90,
  special_needs: 60,
  owners_committee: 50,
  government_media: 50,
  committee_preparatory: 45,
  large_share: 45,
  big_customer: 45,
  strong_bias: 40,
  frequent_complainant: 40,
  community_figure: 35,
  group_employee: 20,
};

/** Why the top reason ranks where it does, in words for the dispatcher. */
const REASON_WHY: Record<KeyCustomerReason, string> = {
  medical_equipment: '停水停电或设备故障可能危及生命，须优先响应',
  frail_alone: '独居无人照应，紧急情况须优先响应',
  special_needs: '有特殊服务需求，须按专门台账提供服务',
  owners_committee: '代表全体业主与物业沟通',
  government_media: '与政府或媒体联系密切，处理不当影响面大',
  committee_preparatory: '参与业主委员会筹备',
  large_share: '产权份额大，意见影响面大',
  big_customer: '大客户，服务涉及人数多',
  strong_bias: '对开发商或物业有严重偏见，须耐心沟通、妥善处理',
  frequent_complainant: '投诉较多，须重点跟进防止矛盾升级',
  community_figure: '在社区有号召力，意见影响其他业主',
  group_employee: '本集团员工，其感受直接反馈到集团',
};

const MAX_EXTRA_REASON_BONUS = 4;

export interface CustomerPriority {
  /** Higher first. 0 for an ordinary customer. */
  priority: number;
  /** Chinese explanation for the dispatcher. */
  priorityReason: string;
  /** Known reasons, highest weight first (unknown codes are ignored). */
  reasons: KeyCustomerReason[];
}

export function isKeyCustomerReason(code: string): code is KeyCustomerReason {
  return (KEY_CUSTOMER_REASONS as readonly string[]).includes(code);
}

/**
 * Ranking number for a household's tickets: the weight of its weightiest reason, plus 1 for each
 * further distinct reason (capped), so two committee members are told apart by what else they are.
 */
export function customerPriority(reasons: readonly string[]): CustomerPriority {
  const known = [...new Set(reasons.filter(isKeyCustomerReason))].sort(
    (a, b) =>
      REASON_WEIGHTS[b] - REASON_WEIGHTS[a] ||
      KEY_CUSTOMER_REASONS.indexOf(a) - KEY_CUSTOMER_REASONS.indexOf(b),
  );
  const top = known[0];
  if (top === undefined) return { priority: 0, priorityReason: '普通客户', reasons: [] };
  const priority = REASON_WEIGHTS[top] + Math.min(known.length - 1, MAX_EXTRA_REASON_BONUS);
  const labels = known.map((r) => KEY_CUSTOMER_REASON_LABELS[r]).join('；');
  return { priority, priorityReason: `重点客户（${labels}）：${REASON_WHY[top]}`, reasons: known };
}

/**
 * Tenure band 客户入住时长分类 (the customer-service handbook 客户访谈操作流程: 普通客户按入住时间长短分类).
 */
export const TENURES = ['new', 'settling', 'stable', 'long_standing'] as const;
export type Tenure = (typeof TENURES)[number];

export const TENURE_LABELS: Record<Tenure, string> = {
  new: '新客户',
  settling: '磨合期客户',
  stable: '稳定期客户',
  long_standing: '老客户',
};

/** Each band starts on its anniversary day: [0,6) [6,12) [12,24) [24,∞) whole calendar months. */
const TENURE_BANDS: ReadonlyArray<{ fromMonths: number; tenure: Tenure }> = [
  { fromMonths: 24, tenure: 'long_standing' },
  { fromMonths: 12, tenure: 'stable' },
  { fromMonths: 6, tenure: 'settling' },
  { fromMonths: 0, tenure: 'new' },
];

function parseDay(value: string | Date, what: string): { y: number; m: number; d: number } {
  const iso = typeof value === 'string' ? value : shanghaiDate(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`${what} must be YYYY-MM-DD, got "${iso}"`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    throw new RangeError(`${what} is not a date: "${iso}"`);
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Whole calendar months from move-in to today (Asia/Shanghai dates). A month is complete on the same
 * day of a later month, or on that month's last day when it is shorter (moved in 08-31 → one month
 * on 09-30, six months on 02-28). A move-in date still in the future counts as 0.
 */
export function tenureMonths(moveInDate: string | Date, now: Date): number {
  const from = parseDay(moveInDate, 'moveInDate');
  const to = parseDay(now, 'now');
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d < from.d && to.d !== daysInMonth(to.y, to.m)) months -= 1;
  return Math.max(0, months);
}

/** Tenure band for an ordinary customer. A string move-in date is already a Shanghai calendar date. */
export function tenureOf(moveInDate: string | Date, now: Date): Tenure {
  const months = tenureMonths(moveInDate, now);
  return TENURE_BANDS.find((b) => months >= b.fromMonths)!.tenure;
}
