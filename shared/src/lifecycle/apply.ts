/**
 * Reads the status table (./transitions): which actions an actor may take, and whether one
 * action with its payload is allowed. Pure: time comes in as `facts.now`.
 */
import { promisedReplyDeadlines } from '../deadlines/compute';
import {
  describeLimit,
  resolveDeadlineRules,
  type DeadlineRuleOverrides,
  type DeadlineRules,
} from '../deadlines/rules';
import { DAY_MS, dayStartMs, formatShanghai, parseDayKey } from '../deadlines/shanghai';
import type { WorkTimeOptions } from '../deadlines/working-time';
import {
  closeWindowEnd,
  describeCloseWindow,
  isDefaultCloseWindow,
  type CloseWindow,
} from '../policy/policy';
import { ROLE_LABELS, type Role } from '../roles';
import {
  TICKET_CONTENT_MAX,
  TICKET_MAX_PHOTOS,
  TICKET_STATUS_LABELS,
  type TicketKind,
  type TicketStatus,
} from '../tickets';
import { isValidCause, type Cause } from './causes';
import {
  ESCALATION_TARGET_LABELS,
  ESCALATION_TARGETS,
  NO_VISIT_REASONS,
  REQUIREMENT_LABELS,
  TICKET_ACTION_LABELS,
  TICKET_ACTIONS,
  TRANSITIONS,
  type Actor,
  type EscalationTarget,
  type NoVisitReason,
  type Requirement,
  type TicketAction,
  type TransitionEffect,
  type TransitionRow,
} from './transitions';

/** Who is acting, and how they relate to this ticket (the server works the relations out). */
export interface ActorContext {
  role: Role | 'system';
  /** The ticket's current assignee 当前处理人. */
  isAssignee?: boolean;
  /** The ticket's first receiver 首问负责人. */
  isFirstReceiver?: boolean;
  /** A resident acting on a ticket of their own (household). Residents may touch no other. */
  isReporter?: boolean;
}

/** What the actor submits with the action. */
export interface TransitionPayload {
  note?: string;
  reason?: string;
  photos?: readonly string[];
  cause?: Cause;
  /** Deferral: when the outside party is expected to be done ('YYYY-MM-DD' or an instant). */
  expectedDate?: Date | string;
  /** Agreed reply time. */
  replyBy?: Date;
  departmentCode?: string;
  assigneeId?: string;
  escalateTo?: EscalationTarget;
  /** The resident confirmed they are satisfied (on the spot or at the return visit). */
  satisfied?: boolean;
  noVisitReason?: NoVisitReason;
}

/** Facts about the ticket and the moment, for the rules that depend on them. */
export interface TransitionFacts {
  kind?: TicketKind;
  /** Defaults to the current time. */
  now?: Date;
  /** When the ticket was (last) marked handled: reopen window, auto-close. */
  handledAt?: Date;
  /** Current escalation level, if any: escalation only goes up. */
  escalationLevel?: EscalationTarget | null;
  /** Project policy. */
  policy?: TransitionPolicy;
}

/** What the table's checks take from the project's policy (shared/src/policy: `transitionPolicyOf`). */
export interface TransitionPolicy {
  /** Kinds whose handling must be evidenced with photos (none by default; repairs often opt in). */
  photosRequiredOnHandled?: readonly TicketKind[];
  /** The project's deadline rules (the 24 h cap on an agreed reply time). */
  deadlineRules?: DeadlineRules | DeadlineRuleOverrides;
  /** After handling: the resident's window to reopen, and when it may close without a visit (default a week). */
  closeWindow?: CloseWindow;
  /** The project's working hours and calendar, for the agreed reply time and a close window in working days. */
  workTime?: WorkTimeOptions;
}

export type RefusalCode =
  | 'unknown_action'
  | 'wrong_status'
  | 'not_allowed'
  | 'not_own_ticket'
  | 'missing_fields'
  | 'invalid_field'
  | 'reopen_window_passed'
  | 'too_early'
  | 'missing_context';

export interface TransitionRefusal {
  ok: false;
  code: RefusalCode;
  /** Clear Chinese, fit to show the person who tried. */
  message: string;
  /** For missing_fields / invalid_field. */
  fields?: Requirement[];
}

export interface TransitionSuccess {
  ok: true;
  action: TicketAction;
  from: TicketStatus;
  to: TicketStatus;
  /** Shown to the resident on the timeline. */
  public: boolean;
  label: string;
  effects: readonly TransitionEffect[];
  row: TransitionRow;
}

export type TransitionResult = TransitionSuccess | TransitionRefusal;

const refuse = (code: RefusalCode, message: string, fields?: Requirement[]): TransitionRefusal =>
  fields ? { ok: false, code, message, fields } : { ok: false, code, message };

const STAFF_RANK: Record<Role, number> = {
  resident: -1,
  front_desk: 0,
  dept_staff: 0,
  cs_lead: 1,
  project_manager: 2,
  hq: 3,
};
const TARGET_RANK: Record<EscalationTarget, number> = { cs_lead: 1, project_manager: 2, hq: 3 };

function actorLabel(ctx: ActorContext): string {
  return ctx.role === 'system' ? '系统' : ROLE_LABELS[ctx.role];
}

/** Whether the actor is one of the row's actors, by role or by relation. */
export function actorMatches(actors: readonly Actor[], ctx: ActorContext): boolean {
  if (actors.includes(ctx.role)) return ctx.role !== 'resident' || ctx.isReporter === true;
  // Relations are for staff only: a resident is never the assignee.
  if (ctx.role === 'resident' || ctx.role === 'system') return false;
  return (
    (!!ctx.isAssignee && actors.includes('assignee')) ||
    (!!ctx.isFirstReceiver && actors.includes('first_receiver'))
  );
}

function rowsFor(action: TicketAction, status: TicketStatus): TransitionRow[] {
  return TRANSITIONS.filter((r) => r.action === action && r.from.includes(status));
}

const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim().length > 0;

/** An instant, or a Beijing calendar day taken as its last moment; null when invalid. */
function toInstant(v: Date | string | undefined): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'string') return null;
  try {
    return new Date(dayStartMs(parseDayKey(v)) + DAY_MS - 1);
  } catch {
    return null;
  }
}

function missing(req: Requirement, p: TransitionPayload): boolean {
  switch (req) {
    case 'note':
      return !nonEmpty(p.note);
    case 'reason':
      return !nonEmpty(p.reason);
    case 'photos':
      return !p.photos || p.photos.length === 0;
    case 'content':
      return !nonEmpty(p.note) && (!p.photos || p.photos.length === 0);
    case 'cause':
      return p.cause === undefined;
    case 'expectedDate':
      return p.expectedDate === undefined;
    case 'replyBy':
      return p.replyBy === undefined;
    case 'department':
      return !nonEmpty(p.departmentCode);
    case 'assignee':
      return !nonEmpty(p.assigneeId);
    case 'escalateTo':
      return p.escalateTo === undefined;
    case 'satisfied':
      return p.satisfied === undefined;
    case 'noVisitReason':
      return p.noVisitReason === undefined;
  }
}

/** Field checks beyond presence; returns a refusal or null. */
function invalid(
  reqs: readonly Requirement[],
  p: TransitionPayload,
  ctx: ActorContext,
  facts: TransitionFacts,
  now: Date,
): TransitionRefusal | null {
  for (const text of [p.note, p.reason]) {
    if (typeof text === 'string' && text.length > TICKET_CONTENT_MAX) {
      return refuse('invalid_field', `文字不能超过${TICKET_CONTENT_MAX}字。`);
    }
  }
  if (p.photos && p.photos.length > TICKET_MAX_PHOTOS) {
    return refuse('invalid_field', `照片最多${TICKET_MAX_PHOTOS}张。`, ['photos']);
  }
  if (reqs.includes('cause') && !isValidCause(p.cause)) {
    return refuse('invalid_field', '请选择有效的原因分类：人、机、料、法、环及其细项。', ['cause']);
  }
  if (reqs.includes('satisfied') && p.satisfied !== true) {
    return refuse('invalid_field', '业主未确认满意，不能办结；请继续处理或选择"重新处理"。', ['satisfied']);
  }
  if (reqs.includes('noVisitReason') && !NO_VISIT_REASONS.includes(p.noVisitReason as NoVisitReason)) {
    return refuse('invalid_field', '请选择无需回访的原因。', ['noVisitReason']);
  }
  if (reqs.includes('replyBy')) {
    const at = p.replyBy instanceof Date && !Number.isNaN(p.replyBy.getTime()) ? p.replyBy : null;
    const latest = promisedReplyDeadlines({
      at: now,
      rules: facts.policy?.deadlineRules,
      ...facts.policy?.workTime,
    }).latestReplyBy;
    if (!at || at.getTime() <= now.getTime()) {
      return refuse('invalid_field', '约定答复时间必须晚于现在。', ['replyBy']);
    }
    if (latest && at.getTime() > latest.getTime()) {
      const limit = resolveDeadlineRules(facts.policy?.deadlineRules).promisedReply;
      const within =
        limit.type === 'hours' && limit.hours === 24
          ? '24小时之内'
          : `${describeLimit(limit)}（${formatShanghai(latest)}前）`;
      return refuse('invalid_field', `约定答复时间须在${within}。`, ['replyBy']);
    }
  }
  if (reqs.includes('expectedDate')) {
    const at = toInstant(p.expectedDate);
    if (!at) return refuse('invalid_field', '请填写有效的预计完成日期。', ['expectedDate']);
    if (at.getTime() < now.getTime())
      return refuse('invalid_field', '预计完成日期不能早于今天。', ['expectedDate']);
  }
  if (reqs.includes('escalateTo')) {
    const target = p.escalateTo;
    if (!target || !ESCALATION_TARGETS.includes(target)) {
      return refuse('invalid_field', '请选择上移对象：客服主管、项目经理或集团总部。', ['escalateTo']);
    }
    const own = ctx.role === 'system' ? -1 : STAFF_RANK[ctx.role];
    const current = facts.escalationLevel ? TARGET_RANK[facts.escalationLevel] : -1;
    if (TARGET_RANK[target] <= own || TARGET_RANK[target] <= current) {
      return refuse(
        'invalid_field',
        `服务上移只能向更高一级，不能上移至${ESCALATION_TARGET_LABELS[target]}。`,
        ['escalateTo'],
      );
    }
  }
  return null;
}

function requirementsOf(row: TransitionRow, facts: TransitionFacts): Requirement[] {
  const reqs = [...row.requires];
  if (facts.kind) reqs.push(...(row.requiresByKind?.[facts.kind] ?? []));
  if (
    row.action === 'mark_handled' &&
    facts.kind &&
    facts.policy?.photosRequiredOnHandled?.includes(facts.kind)
  ) {
    reqs.push('photos');
  }
  return [...new Set(reqs)];
}

/** Time-window rules; null when allowed. Without the facts needed, refuses with missing_context. */
function timeGuard(
  row: TransitionRow,
  ctx: ActorContext,
  facts: TransitionFacts,
  now: Date,
): TransitionRefusal | null {
  const resident = row.action === 'reopen' && ctx.role === 'resident';
  if (!resident && row.action !== 'auto_close') return null;
  if (!facts.handledAt) return refuse('missing_context', '缺少处理完毕时间，无法判断是否在时限内。');
  const window = facts.policy?.closeWindow;
  const ends = closeWindowEnd(facts.handledAt, window, facts.policy?.workTime).getTime();
  if (resident && now.getTime() > ends) {
    return refuse(
      'reopen_window_passed',
      `处理完毕已超过${describeCloseWindow(window)}，不能再要求重新处理；如问题仍然存在，请重新提交反馈。`,
    );
  }
  if (row.action === 'auto_close' && now.getTime() < ends) {
    const span = describeCloseWindow(window);
    return refuse('too_early', `处理完毕未满${span}，不能按"${span}内无再次投诉"办结。`);
  }
  return null;
}

function isAction(a: string): a is TicketAction {
  return (TICKET_ACTIONS as readonly string[]).includes(a);
}

/** Checks status and actor only (not payload or time); the matching row or a refusal. */
function findRow(
  status: TicketStatus,
  action: TicketAction,
  ctx: ActorContext,
): TransitionRow | TransitionRefusal {
  const rows = rowsFor(action, status);
  const label = TICKET_ACTION_LABELS[action];
  if (rows.length === 0) {
    return refuse('wrong_status', `工单当前为"${TICKET_STATUS_LABELS[status]}"，不能${label}。`);
  }
  const row = rows.find((r) => actorMatches(r.actors, ctx));
  if (row) return row;
  if (ctx.role === 'resident' && !ctx.isReporter && rows.some((r) => r.actors.includes('resident'))) {
    return refuse('not_own_ticket', '只能操作您本人提交的工单。');
  }
  return refuse('not_allowed', `${actorLabel(ctx)}无权${label}。`);
}

/**
 * Actions the actor may take on a ticket in this status, in table order. With `facts` the time
 * windows are applied too (a resident past the project's close window is not offered "reopen").
 */
export function allowedActions(
  status: TicketStatus,
  ctx: ActorContext,
  facts?: TransitionFacts,
): TicketAction[] {
  const out: TicketAction[] = [];
  for (const action of TICKET_ACTIONS) {
    const row = findRow(status, action, ctx);
    if ('ok' in row) continue;
    if (facts?.handledAt && timeGuard(row, ctx, facts, facts.now ?? new Date())) continue;
    out.push(action);
  }
  return out;
}

/**
 * Whether `action` may move a ticket in `status`, and where to: the target status (with the
 * timeline label and the effects the server applies) or a refusal with a Chinese message.
 */
export function applyTransition(
  status: TicketStatus,
  action: TicketAction | string,
  ctx: ActorContext,
  payload: TransitionPayload = {},
  facts: TransitionFacts = {},
): TransitionResult {
  if (!isAction(action)) return refuse('unknown_action', `未知操作：${action}`);
  const row = findRow(status, action, ctx);
  if ('ok' in row) return row;
  const now = facts.now ?? new Date();
  const reqs = requirementsOf(row, facts);
  const absent = reqs.filter((r) => missing(r, payload));
  if (absent.length) {
    return refuse(
      'missing_fields',
      `请补充：${absent.map((r) => REQUIREMENT_LABELS[r]).join('、')}。`,
      absent,
    );
  }
  const bad = invalid(reqs, payload, ctx, facts, now);
  if (bad) return bad;
  const late = timeGuard(row, ctx, facts, now);
  if (late) return late;
  return {
    ok: true,
    action,
    from: status,
    to: row.to === 'same' ? status : row.to,
    public: row.public,
    label:
      row.action === 'auto_close' && !isDefaultCloseWindow(facts.policy?.closeWindow)
        ? `处理完毕${describeCloseWindow(facts.policy?.closeWindow)}内无再次投诉，已办结`
        : row.label,
    effects: row.effects ?? [],
    row,
  };
}
