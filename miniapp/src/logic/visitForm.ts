/**
 * The visitor's record of one return-visit attempt 回访记录 (staff visit page), and the resident's
 * signature drawn on the visitor's phone for home visits. Pure.
 */

export type VisitMethod = 'phone' | 'home';
export type VisitResultKey = 'satisfied' | 'unsatisfied' | 'unreachable' | 'declined';

export const VISIT_METHOD_LABELS: Record<VisitMethod, string> = { phone: '电话回访', home: '上门回访' };
export const VISIT_RESULT_CHOICES: Array<{ key: VisitResultKey; label: string }> = [
  { key: 'satisfied', label: '满意' },
  { key: 'unsatisfied', label: '不满意' },
  { key: 'unreachable', label: '未联系上' },
  { key: 'declined', label: '业主拒绝回访' },
];

export interface VisitFormState {
  method: VisitMethod;
  result: VisitResultKey | null;
  scores: Record<string, number>;
  chargeCorrect: boolean | null;
  note: string;
  /** 再次回访 after this many days (only when satisfied). */
  followUpDays: number | null;
  /** The resident signed on the pad. */
  signed: boolean;
}

export const emptyVisitForm = (method: VisitMethod, followUpDays: number | null = null): VisitFormState => ({
  method,
  result: null,
  scores: {},
  chargeCorrect: null,
  note: '',
  followUpDays,
  signed: false,
});

/** The resident answered (satisfied or not), as opposed to nobody answering or refusing. */
export const answered = (r: VisitResultKey | null): boolean => r === 'satisfied' || r === 'unsatisfied';

/** A home visit the resident answered is signed on the visitor's phone (the return-visit handbook: 请被回访人签名). */
export const needsSignature = (s: VisitFormState): boolean => s.method === 'home' && answered(s.result);

export function visitProblem(s: VisitFormState): string | null {
  if (!s.result) return '请选择回访结果';
  if (s.result === 'unsatisfied' && !s.note.trim()) return '请记录业主哪里不满意，以便重新处理';
  if (needsSignature(s) && !s.signed) return '请业主在下方签名确认';
  return null;
}

export interface VisitBody {
  method: VisitMethod;
  result: VisitResultKey;
  scores?: Record<string, number>;
  chargeCorrect?: boolean;
  note?: string;
  signatureUploadId?: string;
  followUpDays?: number;
}

/** Body of POST /api/visits/:id/attempts; scores and the charge answer only when the resident answered. */
export function visitBody(s: VisitFormState, signatureUploadId?: string): VisitBody {
  const body: VisitBody = { method: s.method, result: s.result! };
  if (answered(s.result)) {
    if (Object.keys(s.scores).length) body.scores = { ...s.scores };
    if (s.chargeCorrect !== null) body.chargeCorrect = s.chargeCorrect;
  }
  const note = s.note.trim();
  if (note) body.note = note;
  if (needsSignature(s) && signatureUploadId) body.signatureUploadId = signatureUploadId;
  if (s.result === 'satisfied' && s.followUpDays) body.followUpDays = s.followUpDays;
  return body;
}

// ── signature 签名 ──

export interface Point {
  x: number;
  y: number;
}
export type Stroke = Point[];

/**
 * A touch on the pad in pad coordinates: weapp canvas touches carry x/y already; H5 touches (and mice)
 * carry page coordinates, taken relative to the pad's rectangle.
 */
export function padPoint(
  touch: { x?: number; y?: number; clientX?: number; clientY?: number },
  rect: { left: number; top: number } | null,
): Point | null {
  if (typeof touch.x === 'number' && typeof touch.y === 'number') return { x: touch.x, y: touch.y };
  if (typeof touch.clientX === 'number' && typeof touch.clientY === 'number' && rect)
    return { x: touch.clientX - rect.left, y: touch.clientY - rect.top };
  return null;
}

/** Total ink length, in pad pixels. */
export function inkLength(strokes: readonly Stroke[]): number {
  let n = 0;
  for (const s of strokes)
    for (let i = 1; i < s.length; i++) n += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
  return n;
}

/** A dot or a slip of the finger is not a signature. */
export const isSigned = (strokes: readonly Stroke[], minInk = 40): boolean => inkLength(strokes) >= minInk;

// ── the visit lists 回访任务 ──

export type VisitScope = 'mine' | 'project';
export const VISIT_TABS: ReadonlyArray<{
  scope: VisitScope;
  label: string;
  roles: readonly string[] | null;
}> = [
  { scope: 'mine', label: '我的回访', roles: null },
  { scope: 'project', label: '全部回访', roles: ['front_desk', 'cs_lead', 'project_manager', 'hq'] },
];
export const visitTabsFor = (role: string | null | undefined) =>
  VISIT_TABS.filter((t) => !t.roles || (role ? t.roles.includes(role) : false));

export type VisitStatusFilter = 'open' | 'invited' | 'done';
export const VISIT_STATUS_FILTERS: ReadonlyArray<{ key: VisitStatusFilter; label: string }> = [
  { key: 'open', label: '待回访' },
  { key: 'invited', label: '待业主评价' },
  { key: 'done', label: '已完成' },
];
export type VisitDueFilter = 'all' | 'today' | 'overdue';
export const VISIT_DUE_FILTERS: ReadonlyArray<{ key: VisitDueFilter; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'today', label: '今日到期' },
  { key: 'overdue', label: '已逾期' },
];

export const visitListPath = (scope: VisitScope, status: VisitStatusFilter, due: VisitDueFilter) =>
  `/api/visits?scope=${scope}&status=${status}&due=${due}`;

/** 下雨后 for after-rain visits still waiting for rain; else the due time, flagged when overdue. */
export function visitDueText(
  item: { dueAt: string | null; overdue: boolean; trigger: string },
  format: (iso: string) => string,
): string {
  if (!item.dueAt) return item.trigger === 'after_rain' ? '下雨后回访' : '无时限';
  const at = `${format(item.dueAt)} 前`;
  return item.overdue ? `已逾期（应于 ${at}）` : at;
}

/** Who may record that it rained (the after-rain visits then fall due). */
export const canRecordRain = (role: string | null | undefined) =>
  role === 'front_desk' || role === 'cs_lead' || role === 'project_manager';
