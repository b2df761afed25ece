/**
 * The ticket status table 工单状态流转表 (docs/domain-rules.md "The complaint flow", "Closing").
 * Every allowed move is one row: adding a move is one line here and one line in the spec's
 * expectation table. The checks that read it live in ./apply.
 */
import { OPEN_STATUSES, type TicketKind, type TicketStatus } from '../tickets';
import type { Role } from '../roles';

/** Actions 操作 on a ticket. */
export const TICKET_ACTIONS = [
  'confirm',
  'resolve_on_spot',
  'schedule_reply',
  'assign',
  'start',
  'propose_solution',
  'accept_solution',
  'reject_solution',
  'mark_handled',
  'verify',
  'close',
  'auto_close',
  'reopen',
  'transfer',
  'send_back',
  'escalate',
  'defer',
  'resume',
  'cancel',
  'add_info',
  'progress_note',
  'internal_note',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/**
 * Who may act: a role, or a relation to this ticket. 'assignee' 当前处理人; 'first_receiver' 首问负责人 (owns
 * it until handed on: the customer-service handbook); 'system' timers (auto-close). A 'resident' actor must
 * be the ticket's own resident (checked in ./apply).
 */
export type Actor = Role | 'assignee' | 'first_receiver' | 'system';

/** Payload fields an action needs. 'content' = a note or photos. */
export const REQUIREMENTS = [
  'note',
  'reason',
  'photos',
  'content',
  'cause',
  'expectedDate',
  'replyBy',
  'department',
  'assignee',
  'escalateTo',
  'satisfied',
  'noVisitReason',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];
export const REQUIREMENT_LABELS: Record<Requirement, string> = {
  note: '说明',
  reason: '原因',
  photos: '照片',
  content: '补充说明或照片',
  cause: '原因分类（人/机/料/法/环及细项）',
  expectedDate: '预计完成日期',
  replyBy: '约定答复时间',
  department: '处理部门',
  assignee: '接手人',
  escalateTo: '上移对象',
  satisfied: '业主确认满意',
  noVisitReason: '无需回访的原因',
};

/** What the server must do besides changing the status. */
export type TransitionEffect =
  | 'set_assignee' // assignee/department from the payload
  | 'claim' // a department member starting from the queue becomes the assignee
  | 'unassign' // back to the department queue
  | 'raise_escalation' // escalation level = payload.escalateTo
  | 'pause_deadlines' // deferral: stop the clock (extendForPause on resume)
  | 'resume_deadlines'
  | 'start_solution_clock' // agreed → same-day handling, reply within 24 h
  | 'restart_handling' // handled again, visited again
  | 'record_visit'; // return visit 回访 result is recorded

export interface TransitionRow {
  action: TicketAction;
  from: readonly TicketStatus[];
  /** Target status; 'same' keeps the status (notes, transfers, escalation). */
  to: TicketStatus | 'same';
  actors: readonly Actor[];
  requires: readonly Requirement[];
  /** Extra requirements for some kinds (cause factors are analysed for complaints). */
  requiresByKind?: Partial<Record<TicketKind, readonly Requirement[]>>;
  /** Shown to the resident on the timeline. */
  public: boolean;
  /** Timeline label 时间线文案. */
  label: string;
  effects?: readonly TransitionEffect[];
}

/** Not yet handled: the resident may still withdraw. */
export const PRE_HANDLING_STATUSES: readonly TicketStatus[] = [
  'received',
  'confirmed',
  'reply_scheduled',
  'assigned',
  'in_progress',
  'solution_proposed',
  'solution_accepted',
  'deferred',
];
/** With a department: may be handed to someone else. */
const WITH_DEPARTMENT: readonly TicketStatus[] = [
  'assigned',
  'in_progress',
  'solution_proposed',
  'solution_accepted',
  'deferred',
];
const BEFORE_DISPATCH: readonly TicketStatus[] = ['received', 'confirmed', 'reply_scheduled'];
const ALL_STAFF: readonly Actor[] = [
  'front_desk',
  'dept_staff',
  'cs_lead',
  'project_manager',
  'hq',
  'assignee',
  'first_receiver',
];
const VISITORS: readonly Actor[] = ['assignee', 'front_desk', 'cs_lead', 'project_manager', 'hq'];

/** The table. Order = the order actions are offered in. One row per line, hence prettier-ignore. */
// prettier-ignore
export const TRANSITIONS: readonly TransitionRow[] = [
  // receive → confirm: restate the key points; real grievance or venting? (the complaint-handling standards,
  // 标准3)
  { action: 'confirm', from: ['received'], to: 'confirmed', actors: ['first_receiver', 'front_desk', 'cs_lead'], requires: ['note'], public: true, label: '已确认诉求要点' },
  // explained on the spot, resident signs satisfied → closed, no visit needed (the complaint-handling
  // standards, 标准4)
  { action: 'resolve_on_spot', from: ['confirmed'], to: 'closed', actors: ['first_receiver', 'front_desk', 'cs_lead', 'project_manager'], requires: ['note', 'satisfied'], public: true, label: '现场解释处理，业主确认满意' },
  // cannot answer on the spot → agree a reply time within 24 h (the complaint-handling standards, 标准5)
  { action: 'schedule_reply', from: ['confirmed'], to: 'reply_scheduled', actors: ['first_receiver', 'front_desk', 'cs_lead'], requires: ['replyBy'], public: true, label: '已约定答复时间' },
  // dispatch to a department; emergencies straight from receipt (the customer-service handbook, 派单)
  { action: 'assign', from: BEFORE_DISPATCH, to: 'assigned', actors: ['first_receiver', 'front_desk', 'cs_lead', 'project_manager'], requires: ['department'], public: true, label: '已派单', effects: ['set_assignee'] },
  { action: 'start', from: ['assigned'], to: 'in_progress', actors: ['assignee', 'dept_staff'], requires: [], public: true, label: '开始处理', effects: ['claim'] },
  // reply with the plan and ask the resident; not accepted → negotiate, propose again (the customer-service
  // handbook, 投诉的处理)
  { action: 'propose_solution', from: ['in_progress'], to: 'solution_proposed', actors: ['assignee', 'cs_lead', 'project_manager'], requires: ['note'], public: true, label: '提出处理方案，待业主确认' },
  { action: 'accept_solution', from: ['solution_proposed'], to: 'solution_accepted', actors: ['resident', 'assignee', 'cs_lead'], requires: [], public: true, label: '业主同意处理方案', effects: ['start_solution_clock'] },
  { action: 'reject_solution', from: ['solution_proposed'], to: 'in_progress', actors: ['resident', 'assignee', 'cs_lead'], requires: ['reason'], public: true, label: '业主未同意方案，继续协商' },
  // handled; complaints record the final cause 人/机/料/法/环 (the customer-service handbook, 投诉重点分析)
  { action: 'mark_handled', from: ['in_progress', 'solution_accepted'], to: 'handled', actors: ['assignee'], requires: ['note'], requiresByKind: { complaint: ['cause'] }, public: true, label: '已处理完毕' },
  // verified by the customer-service lead, then the return visit (the customer-service handbook,
  // 客户投诉回访)
  { action: 'verify', from: ['handled'], to: 'awaiting_visit', actors: ['cs_lead', 'project_manager'], requires: [], public: false, label: '验证合格，待回访' },
  { action: 'close', from: ['awaiting_visit'], to: 'closed', actors: [...VISITORS, 'system'], requires: ['satisfied'], public: true, label: '回访满意，已办结', effects: ['record_visit'] },
  // a recorded satisfied answer (the resident's own rating — the online visit form 网上回函 — or a visit
  // recorded with its answer) closes it before verification too; only the system, from that record (the
  // return-visit handbook)
  { action: 'close', from: ['handled'], to: 'closed', actors: ['system'], requires: ['satisfied'], public: true, label: '回访满意，已办结', effects: ['record_visit'] },
  // no visit (anonymous, no contact, sensitive, declined): no repeat complaint within a week (the
  // customer-service handbook, 统计说明7)
  { action: 'auto_close', from: ['handled', 'awaiting_visit'], to: 'closed', actors: ['system', 'cs_lead'], requires: ['noVisitReason'], public: true, label: '处理完毕一周内无再次投诉，已办结' },
  // unsatisfied: the resident within 7 days, or staff at the visit → handle again, visit again (the
  // return-visit handbook) … and the system when the same household complains again about the same matter
  // within the week (the customer-service handbook)
  { action: 'reopen', from: ['handled', 'awaiting_visit'], to: 'in_progress', actors: ['resident', ...VISITORS, 'system'], requires: ['reason'], public: true, label: '问题未解决，重新处理', effects: ['restart_handling'] },
  // a complaint routed to a department at intake: the front desk the resident is talking to may still explain it
  // on the spot, or agree a reply time (kept with the department), before anyone has started on it (the
  // complaint-handling standards, 标准4/5)
  { action: 'resolve_on_spot', from: ['assigned'], to: 'closed', actors: ['first_receiver', 'front_desk', 'cs_lead', 'project_manager'], requires: ['note', 'satisfied'], public: true, label: '现场解释处理，业主确认满意' },
  { action: 'schedule_reply', from: ['assigned'], to: 'same', actors: ['first_receiver', 'front_desk', 'cs_lead'], requires: ['replyBy'], public: true, label: '已约定答复时间' },
  // hand on: the first receiver before dispatch (首问负责制), the assignee or the leads after
  { action: 'transfer', from: BEFORE_DISPATCH, to: 'same', actors: ['first_receiver', 'cs_lead'], requires: ['assignee', 'reason'], public: false, label: '转交他人跟进', effects: ['set_assignee'] },
  { action: 'transfer', from: WITH_DEPARTMENT, to: 'same', actors: ['assignee', 'cs_lead', 'project_manager'], requires: ['assignee', 'reason'], public: false, label: '转交他人处理', effects: ['set_assignee'] },
  { action: 'send_back', from: ['assigned', 'in_progress'], to: 'assigned', actors: ['assignee'], requires: ['reason'], public: false, label: '退回部门重新派单', effects: ['unassign'] },
  // 服务上移: to the lead, the project manager, group HQ (the complaint-handling standards, 标准1, and the
  // customer-service handbook); the system on a second dissatisfaction (the return-visit handbook)
  { action: 'escalate', from: OPEN_STATUSES, to: 'same', actors: ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'assignee', 'first_receiver', 'system'], requires: ['escalateTo', 'reason'], public: true, label: '服务上移', effects: ['raise_escalation'] },
  // waiting for an outside party (municipal supply, government…): tell the resident the date (the
  // complaint-handling standards, 标准5/9)
  { action: 'defer', from: ['assigned', 'in_progress', 'solution_accepted'], to: 'deferred', actors: ['assignee', 'cs_lead'], requires: ['reason', 'expectedDate'], public: true, label: '等待外部单位处理', effects: ['pause_deadlines'] },
  { action: 'resume', from: ['deferred'], to: 'in_progress', actors: ['assignee', 'cs_lead'], requires: [], public: true, label: '恢复处理', effects: ['resume_deadlines'] },
  // the resident withdraws before it is handled; a lead records a withdrawal made by phone
  { action: 'cancel', from: PRE_HANDLING_STATUSES, to: 'cancelled', actors: ['resident', 'cs_lead'], requires: ['reason'], public: true, label: '已撤销' },
  { action: 'add_info', from: OPEN_STATUSES, to: 'same', actors: ['resident'], requires: ['content'], public: true, label: '业主补充信息' },
  // tell the resident the progress (e.g. still unsolved after 24 h) (the complaint-handling standards, 标准5)
  { action: 'progress_note', from: OPEN_STATUSES, to: 'same', actors: ALL_STAFF, requires: ['note'], public: true, label: '处理进展' },
  { action: 'internal_note', from: OPEN_STATUSES, to: 'same', actors: ALL_STAFF, requires: ['note'], public: false, label: '内部备注' },
];

/** Chinese name of an action, for buttons and refusals. */
export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  confirm: '确认诉求',
  resolve_on_spot: '现场处理办结',
  schedule_reply: '约定答复时间',
  assign: '派单',
  start: '开始处理',
  propose_solution: '提出处理方案',
  accept_solution: '同意方案',
  reject_solution: '不同意方案',
  mark_handled: '处理完毕',
  verify: '验证合格',
  close: '回访办结',
  auto_close: '到期办结',
  reopen: '重新处理',
  transfer: '转交',
  send_back: '退回',
  escalate: '服务上移',
  defer: '等待外部单位',
  resume: '恢复处理',
  cancel: '撤销',
  add_info: '补充信息',
  progress_note: '告知进展',
  internal_note: '内部备注',
};

/** Escalation targets 服务上移对象, lowest first. */
export const ESCALATION_TARGETS = ['cs_lead', 'project_manager', 'hq'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
export const ESCALATION_TARGET_LABELS: Record<EscalationTarget, string> = {
  cs_lead: '客服主管',
  project_manager: '项目经理',
  hq: '集团总部',
};

/** Why a ticket closes without a return visit (the customer-service handbook, 客户投诉回访). */
export const NO_VISIT_REASONS = ['anonymous', 'no_contact', 'sensitive', 'declined', 'unreachable'] as const;
export type NoVisitReason = (typeof NO_VISIT_REASONS)[number];
export const NO_VISIT_REASON_LABELS: Record<NoVisitReason, string> = {
  anonymous: '匿名投诉',
  no_contact: '无法确定联络方式',
  sensitive: '不便回访的敏感投诉',
  declined: '业主明确表示不接受回访',
  unreachable: '回访未能联系上业主',
};

// How long after handling a resident may ask to reopen, and after which a ticket without a visit closes, is one
// setting of the project: ProjectPolicy.closing.window (shared/src/policy; default a week).

/**
 * What the resident reads of each kind of record on their ticket's timeline (docs/domain-rules.md "What each
 * person sees"):
 * - 'text': that it happened (the label) and what was written with it (note, reason, photos) — texts written
 *   for the resident, or by the resident;
 * - 'label': only that it happened, in our own wording: the text is staff's working detail (an escalation
 *   reason, the routing and classifier's reasoning, a visit's notes, why no visit is made);
 * - 'none': staff only (transfers, send-backs, internal notes, verification).
 * `create` is the first record (已受理). A row's `public` is exactly "not 'none'" (tested).
 */
export type ResidentView = 'text' | 'label' | 'none';
export const RESIDENT_VIEW: Readonly<Record<TicketAction | 'create', ResidentView>> = {
  create: 'label',
  confirm: 'text',
  resolve_on_spot: 'text',
  schedule_reply: 'text',
  assign: 'label',
  start: 'label',
  propose_solution: 'text',
  accept_solution: 'text',
  reject_solution: 'text',
  mark_handled: 'text',
  verify: 'none',
  close: 'label',
  auto_close: 'label',
  reopen: 'label',
  transfer: 'none',
  send_back: 'none',
  escalate: 'label',
  defer: 'text',
  resume: 'label',
  cancel: 'text',
  add_info: 'text',
  progress_note: 'text',
  internal_note: 'none',
};

/** Resident wording for a record shown as a label only, where the table's label is staff's word (服务上移). */
const RESIDENT_LABELS: Partial<Record<TicketAction, string>> = {
  escalate: '已请上级主管跟进',
};

/** A timeline record as stored: its action, label and text. */
export interface TimelineRecord {
  action: string;
  label: string;
  note: string | null;
  internal: boolean;
  /** The records' own texts a resident may or may not read (reason, photos …). */
  photoIds?: readonly string[];
  /** The resident's own record (add_info, their reason to cancel or reopen): they wrote it, they read it. */
  byResident?: boolean;
}

/**
 * What the resident reads of one record, or null when it is staff only. An action we do not know (records of
 * other domains: quotes, payments, overdue steps) follows the stored `internal` flag and shows its text.
 */
export function residentRecord(
  r: TimelineRecord,
): { label: string; note: string | null; photoIds: readonly string[] } | null {
  if (r.internal) return null;
  const view: ResidentView | undefined = (RESIDENT_VIEW as Record<string, ResidentView>)[r.action];
  if (view === 'none') return null;
  if (view === 'label' && !r.byResident)
    return { label: RESIDENT_LABELS[r.action as TicketAction] ?? r.label, note: null, photoIds: [] };
  return { label: r.label, note: r.note, photoIds: r.photoIds ?? [] };
}

/** Whether the note or reason a person writes with this action reaches the resident (checked for 服务禁语 first). */
export function residentReadsText(action: string): boolean {
  return (RESIDENT_VIEW as Record<string, ResidentView>)[action] === 'text';
}
