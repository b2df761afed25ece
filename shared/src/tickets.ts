/**
 * Ticket 工单 vocabulary: kinds, channels, statuses and their Chinese labels.
 * docs/domain-rules.md "Feedback types and channels". The transition table lives in ./lifecycle.
 */

/** Ticket kind 工单类型. */
export const TICKET_KINDS = ['complaint', 'repair', 'suggestion', 'praise', 'inquiry'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_KIND_LABELS: Record<TicketKind, string> = {
  complaint: '投诉',
  repair: '报修',
  suggestion: '建议',
  praise: '表扬',
  inquiry: '咨询',
};

/** Channel 渠道: how the ticket reached us. docs/domain-rules.md "Feedback types and channels". */
export const CHANNELS = ['miniapp', 'phone', 'walk_in', 'letter', 'email', 'online', 'hq', 'patrol'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  miniapp: '小程序',
  phone: '来电',
  walk_in: '来访',
  letter: '书面信函',
  email: '电子邮件',
  online: '网络论坛',
  hq: '集团转办',
  patrol: '巡查发现',
};
/** Channels through which staff register a ticket on a resident's behalf (becoming 首问负责人). */
export const STAFF_REGISTERED_CHANNELS: readonly Channel[] = [
  'phone',
  'walk_in',
  'letter',
  'email',
  'online',
  'hq',
  'patrol',
];

/** Ticket status 工单状态. docs/domain-rules.md "The complaint flow". */
export const TICKET_STATUSES = [
  'received', // 已受理
  'confirmed', // 已确认（首问复述要点）
  'reply_scheduled', // 已约定答复时间
  'assigned', // 已派单
  'in_progress', // 处理中
  'solution_proposed', // 方案待确认
  'solution_accepted', // 方案已接受
  'deferred', // 等待外部单位
  'handled', // 已处理
  'awaiting_visit', // 待回访
  'closed', // 已关闭
  'cancelled', // 已撤销
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  received: '已受理',
  confirmed: '已确认',
  reply_scheduled: '已约定答复时间',
  assigned: '已派单',
  in_progress: '处理中',
  solution_proposed: '方案待您确认',
  solution_accepted: '方案已确认',
  deferred: '等待外部单位处理',
  handled: '已处理',
  awaiting_visit: '待回访',
  closed: '已办结',
  cancelled: '已撤销',
};
/**
 * The same statuses in staff wording: a staff screen never says "您" meaning the resident (方案待您确认 is the
 * resident's wording; staff read 方案待业主确认).
 */
export const TICKET_STATUS_STAFF_LABELS: Record<TicketStatus, string> = {
  ...TICKET_STATUS_LABELS,
  solution_proposed: '方案待业主确认',
};
/** A status label for whoever reads it: the resident's wording, or staff's. */
export function statusLabelFor(status: string, audience: 'resident' | 'staff'): string {
  const labels = audience === 'staff' ? TICKET_STATUS_STAFF_LABELS : TICKET_STATUS_LABELS;
  return labels[status as TicketStatus] ?? status;
}
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'cancelled',
);

/** Text limits for what a resident writes: two characters are enough ("漏水", "电梯困人" must be accepted). */
export const TICKET_CONTENT_MIN = 2;
export const TICKET_CONTENT_MAX = 2000;
export const TICKET_MAX_PHOTOS = 9;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** Ticket number prefix per kind, e.g. TS20261122-0007 (投诉), BX… (报修). */
export const TICKET_NUMBER_PREFIX: Record<TicketKind, string> = {
  complaint: 'TS',
  repair: 'BX',
  suggestion: 'JY',
  praise: 'BY',
  inquiry: 'ZX',
};

/**
 * Human-readable ticket number: prefix + Shanghai calendar date + per-company daily sequence.
 * @param seq 1-based sequence within (company, kind, day)
 */
export function formatTicketNumber(kind: TicketKind, shanghaiDate: string, seq: number): string {
  return `${TICKET_NUMBER_PREFIX[kind]}${shanghaiDate.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

/**
 * Repair class 报修分级 (the return-visit handbook): small/urgent 小事、急事 (same day), general 一般事情
 * (reply same day, done within 3 days), major 重大事情 (reply within 3 days, done within 7–15 days). Time
 * limits: ./deadlines.
 */
export const REPAIR_CLASSES = ['small', 'general', 'major'] as const;
export type RepairClass = (typeof REPAIR_CLASSES)[number];
export const REPAIR_CLASS_LABELS: Record<RepairClass, string> = {
  small: '小事、急事',
  general: '一般事情',
  major: '重大事情',
};
