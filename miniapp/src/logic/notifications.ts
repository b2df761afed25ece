/** The in-app notification centre 消息中心: where a notice leads, and how its time reads. */
import type { components } from '../services/api-schema';

/** One notice of GET /api/notifications (generated from the server's OpenAPI document). */
export type NotificationItem = components['schemas']['NotificationItem'];

/** Pages a notice may open: our own, never an arbitrary URL. */
export function targetOf(n: Pick<NotificationItem, 'page' | 'ticketId'>, isStaff: boolean): string | null {
  if (n.page && /^\/(pages|staff|manager|survey|survey-admin)\/[\w/-]+(\?[\w=&%.-]*)?$/.test(n.page)) {
    if (n.page.startsWith('/staff/') && !isStaff) return null;
    return n.page;
  }
  if (n.ticketId)
    return isStaff
      ? `/staff/pages/ticket/index?id=${encodeURIComponent(n.ticketId)}`
      : `/pages/ticket-detail/index?id=${encodeURIComponent(n.ticketId)}`;
  return null;
}

const KIND_TAGS: Record<string, string> = {
  reminder: '即将超时',
  escalated: '已超时',
  assigned: '新工单',
  triage: '待分派',
  queued: '待领取',
  hot: '热点投诉',
  inventory: '日盘点',
  received: '已受理',
  propose_solution: '待确认',
  mark_handled: '已处理',
  visit_invite: '待评价',
  deferral: '外部单位',
  calendar: '工作日历',
};

export function tagOf(kind: string): string {
  return KIND_TAGS[kind] ?? '进展';
}

/** Urgent notices stand out. */
export function isUrgent(kind: string): boolean {
  return kind === 'escalated' || kind === 'hot' || kind === 'triage';
}

/** 刚刚 / 5 分钟前 / 今天 14:05 / 11月20日 09:30, in Beijing time. */
export function whenLabel(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  const diff = now.getTime() - t.getTime();
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)} 分钟前`;
  const bj = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
  const a = bj(t);
  const b = bj(now);
  const hm = `${String(a.getUTCHours()).padStart(2, '0')}:${String(a.getUTCMinutes()).padStart(2, '0')}`;
  if (a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10)) return `今天 ${hm}`;
  return `${a.getUTCMonth() + 1}月${a.getUTCDate()}日 ${hm}`;
}
