/**
 * Complaint levels 投诉等级 一级…四级: the level decides who visits (docs/domain-rules.md "Levels and special
 * complaints", "Return visits" (the return-visit handbook)). A sensible level is derived from the ticket's
 * flags; the customer-service lead may set another one.
 */
import type { EscalationTarget } from '../lifecycle/transitions';

export const COMPLAINT_LEVELS = [1, 2, 3, 4] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

export const COMPLAINT_LEVEL_LABELS: Record<ComplaintLevel, string> = {
  1: '一级投诉',
  2: '二级投诉',
  3: '三级投诉',
  4: '四级投诉',
};

export function isComplaintLevel(v: unknown): v is ComplaintLevel {
  return (COMPLAINT_LEVELS as readonly unknown[]).includes(v);
}

export interface ComplaintLevelFacts {
  /** 重大投诉: a service failure with ≥ 10,000 yuan claimed. */
  majorComplaint: boolean;
  /** Part of a hot incident 热点投诉 (≥ 3 complainants in a month, or a collective complaint). */
  hot: boolean;
  /** 服务上移 level reached, if any. */
  escalationLevel: EscalationTarget | null;
  /** Still agitated after reception (服务上移 to the supervisor). */
  agitated: boolean;
}

/**
 * The default level: a major complaint or one that went up to group HQ → 一级 (the general manager
 * visits); hot or escalated to the project manager → 二级; agitated or escalated to the lead → 三级;
 * everything else → 四级 (customer-service staff).
 */
export function deriveComplaintLevel(f: ComplaintLevelFacts): { level: ComplaintLevel; reason: string } {
  if (f.majorComplaint) return { level: 1, reason: '重大投诉' };
  if (f.escalationLevel === 'hq') return { level: 1, reason: '已上移至集团总部' };
  if (f.hot) return { level: 2, reason: '热点投诉' };
  if (f.escalationLevel === 'project_manager') return { level: 2, reason: '已上移至项目经理' };
  if (f.escalationLevel === 'cs_lead') return { level: 3, reason: '已上移至客服主管' };
  if (f.agitated) return { level: 3, reason: '业主情绪激动' };
  return { level: 4, reason: '一般投诉' };
}
