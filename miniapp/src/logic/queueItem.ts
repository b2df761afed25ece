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

/** "11月23日 17:30 前", or for an overdue item "已超时（应于 11月23日 17:30 前）". */
export function dueText(item: Pick<QueueItem, 'dueAt' | 'overdue'>, now = new Date()): string {
  if (!item.dueAt) return '无时限';
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
    Partial<Pick<QueueItem, 'calendarUncertain'>>,
): QueueTag[] {
  const tags: QueueTag[] = [];
  if (item.emergency) tags.push({ text: '紧急', tone: 'danger' });
  if ((item.priority ?? 0) > 0 || (item.priorityReason ?? '').startsWith('重点客户'))
    tags.push({ text: '重点客户', tone: 'warn' });
  if (item.triage) tags.push({ text: '待人工分类', tone: 'info' });
  // The deadline falls in a year whose official holidays HQ has not imported yet: it may be wrong.
  if (item.calendarUncertain) tags.push({ text: '日历未覆盖', tone: 'warn' });
  return tags;
}

/** Queue tabs 工作台页签 and who sees them (the server refuses the others). */
export type QueueScope = 'mine' | 'department' | 'triage' | 'project';
export const QUEUE_TABS: ReadonlyArray<{
  scope: QueueScope;
  label: string;
  roles: readonly string[] | null;
}> = [
  { scope: 'mine', label: '我的待办', roles: null },
  { scope: 'department', label: '部门待领', roles: null },
  { scope: 'triage', label: '待分派', roles: ['front_desk', 'cs_lead', 'project_manager'] },
  { scope: 'project', label: '全部工单', roles: ['cs_lead', 'project_manager'] },
];

export function tabsFor(role: string | null | undefined) {
  return QUEUE_TABS.filter((t) => !t.roles || (role ? t.roles.includes(role) : false));
}

/** 日盘点 is for the front desk, the customer-service lead and the project manager. */
export function canSeeInventory(role: string | null | undefined): boolean {
  return role === 'front_desk' || role === 'cs_lead' || role === 'project_manager';
}
