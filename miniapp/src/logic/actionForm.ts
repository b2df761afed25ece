/**
 * The small form behind each staff action button: which fields an action needs (read from the
 * shared transition table, `TRANSITIONS[].requires` / `requiresByKind`), checking them, and the
 * POST /api/tickets/:id/actions body. Pure. Staff-only: imports the staff door to @wuye/shared.
 */
import type { TicketKind, TicketStatus } from '../shared';
import {
  CAUSE_FACTORS,
  ESCALATION_TARGETS,
  REQUIREMENT_LABELS,
  TRANSITIONS,
  type CauseFactor,
  type EscalationTarget,
  type Requirement,
  type TicketAction,
} from '../staff/shared';

/** A form field. 'photos' is also offered (optional) where handling or adding info shows evidence. */
export type FormField = Requirement;

export interface ActionFormSpec {
  /** Fields shown, in display order. */
  fields: FormField[];
  /** The ones that must be filled (the table's requirements). */
  required: FormField[];
  /** The note is read by the resident: offer reply templates and check the wording first. */
  publicReply: boolean;
}

/** Actions whose note is a reply to the resident (统一回复口径, docs/domain-rules.md "Staff language"). */
export const PUBLIC_REPLY_ACTIONS: readonly string[] = ['confirm', 'propose_solution', 'progress_note'];

/** Actions that may carry photos though the table does not demand them. */
const OPTIONAL_PHOTOS: readonly string[] = ['mark_handled', 'add_info'];

const FIELD_ORDER: readonly FormField[] = [
  'department',
  'assignee',
  'escalateTo',
  'replyBy',
  'expectedDate',
  'cause',
  'noVisitReason',
  'satisfied',
  'reason',
  'note',
  'content',
  'photos',
];

/** The table's requirements for this action from this status, with the kind's extra ones. */
export function requirementsFor(action: string, status: TicketStatus, kind: TicketKind): Requirement[] {
  const row =
    TRANSITIONS.find((r) => r.action === action && r.from.includes(status)) ??
    TRANSITIONS.find((r) => r.action === action);
  if (!row) return [];
  return [...new Set([...row.requires, ...(row.requiresByKind?.[kind] ?? [])])];
}

export function actionFormSpec(action: string, status: TicketStatus, kind: TicketKind): ActionFormSpec {
  const required = requirementsFor(action, status, kind);
  const shown = new Set<FormField>(required);
  // 'content' = a note and/or photos: shown as the two fields.
  if (shown.has('content')) {
    shown.delete('content');
    shown.add('note');
    shown.add('photos');
  }
  if (OPTIONAL_PHOTOS.includes(action)) shown.add('photos');
  // Handing on: the department narrows the colleague list (assign needs it, transfer may use it).
  if (action === 'transfer') shown.add('department');
  if (action === 'assign') shown.add('assignee');
  return {
    fields: FIELD_ORDER.filter((f) => shown.has(f)),
    required,
    publicReply: PUBLIC_REPLY_ACTIONS.includes(action),
  };
}

/** What the staff member entered. Dates: 'YYYY-MM-DD'; time 'HH:mm' (Beijing). */
export interface ActionFormValues {
  note: string;
  reason: string;
  photoIds: string[];
  causeFactor: CauseFactor | '';
  causeSub: string;
  expectedDate: string;
  replyDate: string;
  replyTime: string;
  departmentCode: string;
  assigneeId: string;
  escalateTo: EscalationTarget | '';
  satisfied: boolean;
  noVisitReason: string;
  /** Repairs at dispatch: the class 报修分级 (small, general, major); a major one's fix date 'YYYY-MM-DD'. */
  repairClass: string;
  fixBy: string;
}

export function emptyActionValues(): ActionFormValues {
  return {
    note: '',
    reason: '',
    photoIds: [],
    causeFactor: '',
    causeSub: '',
    expectedDate: '',
    replyDate: '',
    replyTime: '',
    departmentCode: '',
    assigneeId: '',
    escalateTo: '',
    satisfied: false,
    noVisitReason: '',
    repairClass: '',
    fixBy: '',
  };
}

/** A Beijing wall-clock date and time as an ISO instant (UTC+8, no DST). */
export function beijingToIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const filled = (s: string) => s.trim().length > 0;

function missing(field: FormField, v: ActionFormValues): boolean {
  switch (field) {
    case 'note':
      return !filled(v.note);
    case 'reason':
      return !filled(v.reason);
    case 'photos':
      return v.photoIds.length === 0;
    case 'content':
      return !filled(v.note) && v.photoIds.length === 0;
    case 'cause':
      return !v.causeFactor || !(v.causeSub in (CAUSE_FACTORS[v.causeFactor]?.subs ?? {}));
    case 'expectedDate':
      return !v.expectedDate;
    case 'replyBy':
      return !beijingToIso(v.replyDate, v.replyTime);
    case 'department':
      return !v.departmentCode;
    case 'assignee':
      return !v.assigneeId;
    case 'escalateTo':
      return !v.escalateTo;
    case 'satisfied':
      return !v.satisfied;
    case 'noVisitReason':
      return !v.noVisitReason;
  }
}

const CHOSEN: readonly FormField[] = [
  'cause',
  'expectedDate',
  'replyBy',
  'department',
  'assignee',
  'escalateTo',
  'noVisitReason',
];

/** The first problem, in Chinese, or null when the form can be sent. */
export function validateAction(spec: ActionFormSpec, v: ActionFormValues, now = new Date()): string | null {
  for (const field of spec.required) {
    if (!missing(field, v)) continue;
    if (field === 'satisfied') return '请先确认业主已表示满意';
    if (field === 'photos') return '请上传照片';
    const verb = CHOSEN.includes(field) ? '请选择' : '请填写';
    return `${verb}${REQUIREMENT_LABELS[field]}`;
  }
  if (spec.required.includes('replyBy')) {
    const at = new Date(beijingToIso(v.replyDate, v.replyTime)!).getTime();
    if (at <= now.getTime()) return '约定答复时间必须晚于现在';
    if (at > now.getTime() + 24 * 3600 * 1000) return '约定答复时间须在24小时之内';
  }
  return null;
}

/** POST /api/tickets/:id/actions body: the action, the version seen, and only the fields it uses. */
export function buildActionBody(
  action: TicketAction | string,
  version: number,
  spec: ActionFormSpec,
  v: ActionFormValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = { action, version };
  const shown = new Set(spec.fields);
  if (shown.has('note') && filled(v.note)) body.note = v.note.trim();
  if (shown.has('reason') && filled(v.reason)) body.reason = v.reason.trim();
  if (shown.has('photos') && v.photoIds.length) body.photoIds = v.photoIds;
  if (shown.has('cause') && v.causeFactor) body.cause = { factor: v.causeFactor, sub: v.causeSub };
  if (shown.has('expectedDate') && v.expectedDate) body.expectedDate = v.expectedDate;
  if (shown.has('replyBy')) {
    const iso = beijingToIso(v.replyDate, v.replyTime);
    if (iso) body.replyBy = iso;
  }
  // Transfer needs only the colleague; the department was just a filter.
  if (shown.has('department') && v.departmentCode && action !== 'transfer')
    body.departmentCode = v.departmentCode;
  if (shown.has('assignee') && v.assigneeId) body.assigneeId = v.assigneeId;
  if (shown.has('escalateTo') && v.escalateTo) body.escalateTo = v.escalateTo;
  if (shown.has('satisfied')) body.satisfied = v.satisfied;
  if (shown.has('noVisitReason') && v.noVisitReason) body.noVisitReason = v.noVisitReason;
  // A repair's class is set at dispatch (the form offers it only then); a date only for a major one.
  if (action === 'assign' && v.repairClass) {
    body.repairClass = v.repairClass;
    if (v.repairClass === 'major' && v.fixBy) body.fixBy = v.fixBy;
  }
  return body;
}

const ROLE_RANK: Record<string, number> = {
  front_desk: 0,
  dept_staff: 0,
  cs_lead: 1,
  project_manager: 2,
  hq: 3,
};
const TARGET_RANK: Record<EscalationTarget, number> = { cs_lead: 1, project_manager: 2, hq: 3 };

/** 服务上移 only goes up: above the actor's own rank and above the ticket's current level. */
export function escalationChoices(role: string, currentLevel: string | null): EscalationTarget[] {
  const own = ROLE_RANK[role] ?? 0;
  const current =
    currentLevel && currentLevel in TARGET_RANK ? TARGET_RANK[currentLevel as EscalationTarget] : 0;
  return ESCALATION_TARGETS.filter((t) => TARGET_RANK[t] > own && TARGET_RANK[t] > current);
}

/** Default agreed reply time: two hours from now, on the quarter hour, Beijing wall clock. */
export function defaultReplyBy(now = new Date()): { date: string; time: string } {
  const q = 15 * 60 * 1000;
  const at = new Date(Math.ceil((now.getTime() + 2 * 3600 * 1000) / q) * q + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`,
    time: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`,
  };
}
