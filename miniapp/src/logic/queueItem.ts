/**
 * How a ticket reads in a staff queue: where it is, when it is due (Beijing time) and the tags
 * (紧急, 重点客户). Pure.
 */
import type { QueueItem } from '../services/types';
import { formatBeijingTime } from '../utils/time';

export function placeText(item: Pick<QueueItem, 'household' | 'location'>): string {
  if (item.household?.label) return item.household.label;
  if (item.location) return `公共区域：${item.location}`;
  return '未填写位置';
}

/** Why a ticket has no running deadline, by its status (search results show finished ones too). */
const NO_CLOCK: Record<string, string> = {
  handled: '已处理，待回访',
  awaiting_visit: '已处理，待回访',
  closed: '已办结',
  cancelled: '已撤销',
  deferred: '暂停计时（等待外部单位）',
};

/**
 * "11月23日 17:30 前", or for an overdue item "已超时（应于 11月23日 17:30 前）"; without a deadline, why not
 * (办结, 撤销, 暂停计时), and 无时限 only for an open ticket that truly has none.
 */
export function dueText(
  item: Pick<QueueItem, 'dueAt' | 'overdue'> & { status?: string },
  now = new Date(),
): string {
  if (!item.dueAt) return (item.status && NO_CLOCK[item.status]) || '无时限';
  const at = `${formatBeijingTime(item.dueAt, now)} 前`;
  return item.overdue ? `已超时（应于 ${at}）` : at;
}

export type TagTone = 'danger' | 'warn' | 'info';
export interface QueueTag {
  text: string;
  tone: TagTone;
}

export function tagsOf(
  item: Pick<QueueItem, 'emergency' | 'priority' | 'priorityReason' | 'triage'> &
    Partial<Pick<QueueItem, 'calendarUncertain' | 'escalationLevel'>>,
): QueueTag[] {
  const tags: QueueTag[] = [];
  if (item.emergency) tags.push({ text: '紧急', tone: 'danger' });
  if ((item.priority ?? 0) > 0 || (item.priorityReason ?? '').startsWith('重点客户'))
    tags.push({ text: '重点客户', tone: 'warn' });
  if (item.triage) tags.push({ text: '待人工分类', tone: 'info' });
  // The deadline falls in a year whose official holidays HQ has not imported yet: it may be wrong.
  if (item.calendarUncertain) tags.push({ text: '日历未覆盖', tone: 'warn' });
  if (item.escalationLevel)
    tags.push({ text: `已上移${ESCALATED_TO[item.escalationLevel] ?? ''}`, tone: 'warn' });
  return tags;
}

/** 服务上移 targets (ESCALATION_TARGET_LABELS in @wuye/shared; kept here so the tag needs no shared import). */
const ESCALATED_TO: Record<string, string> = {
  cs_lead: '客服主管',
  project_manager: '项目经理',
  hq: '集团总部',
};

/**
 * Queue tabs 工作台页签 and who sees them (the server refuses the others). `registered` 我登记的 is not a queue:
 * every ticket I registered for a caller, whatever its status (GET /api/staff/search?registered=true).
 */
export type QueueScope = 'mine' | 'department' | 'triage' | 'project' | 'registered';
export const QUEUE_TABS: ReadonlyArray<{
  scope: QueueScope;
  label: string;
  roles: readonly string[] | null;
}> = [
  { scope: 'mine', label: '我的待办', roles: null },
  { scope: 'department', label: '部门待领', roles: null },
  { scope: 'triage', label: '待分派', roles: ['front_desk', 'cs_lead', 'project_manager'] },
  { scope: 'project', label: '全部工单', roles: ['cs_lead', 'project_manager'] },
  { scope: 'registered', label: '我登记的', roles: ['front_desk', 'cs_lead', 'project_manager'] },
];

/** The list behind a workbench tab. */
export function tabPath(scope: QueueScope): string {
  return scope === 'registered' ? '/api/staff/search?registered=true' : `/api/staff/queue?scope=${scope}`;
}

export function tabsFor(role: string | null | undefined) {
  return QUEUE_TABS.filter((t) => !t.roles || (role ? t.roles.includes(role) : false));
}

/** 日盘点 is for the front desk, the customer-service lead and the project manager. */
export function canSeeInventory(role: string | null | undefined): boolean {
  return role === 'front_desk' || role === 'cs_lead' || role === 'project_manager';
}
