/** Shapes of the 物业通 API as the mini-program reads them (server contract, JSON). */
import type { Channel, Role, TicketKind, TicketStatus } from '../shared';

/** A household 户, e.g. label "1栋1单元101". */
export interface HouseholdRef {
  id: string;
  label: string;
  projectId?: string;
}

export interface User {
  id: string;
  name: string;
  kind: 'resident' | 'staff';
  role: Role;
  roleLabel: string;
  projectId: string | null;
  projectName?: string | null;
  departmentName?: string | null;
  households: HouseholdRef[];
}

export interface DevAccount {
  id: string;
  name: string;
  kind: 'resident' | 'staff';
  role: Role;
  roleLabel: string;
  departmentName?: string | null;
  householdLabel?: string | null;
}

/** The login answer's user is a short form; the full profile comes from GET /api/me. */
export interface LoginResult {
  token: string;
  user: Pick<User, 'id' | 'name' | 'kind' | 'role'> & Partial<User>;
}

/** A compound 项目/小区 (GET /api/org/projects, used by residents not yet bound anywhere). */
export interface ProjectRef {
  id: string;
  name: string;
  address?: string | null;
  companyName?: string | null;
}

export interface OrgTree {
  id: string;
  name: string;
  buildings: Array<{
    id: string;
    name: string;
    units: Array<{
      id: string;
      name: string;
      households: Array<{ id: string; label: string; room: string }>;
    }>;
  }>;
}

export type BindingRelation = 'owner' | 'tenant' | 'family';
export type BindingStatus = 'pending' | 'approved' | 'rejected';

export interface Binding {
  id: string;
  status: BindingStatus;
  relation?: BindingRelation;
  household: { id: string; label: string };
}

/** An application waiting for the service centre (GET /api/bindings/pending). */
export interface PendingBinding extends Binding {
  name: string;
  relation: BindingRelation;
  phone: string | null;
  createdAt: string;
}

/** A one-time 登记码 the front desk hands a resident (POST /api/households/:id/codes). */
export interface HouseholdCode {
  code: string;
  expiresAt: string;
  household: { id: string; label: string };
}

export interface UploadResult {
  id: string;
  url: string;
}

export interface TicketSummary {
  id: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  /** The list endpoint sends `summary` (first part of the content); the detail sends `content`. */
  summary?: string;
  content?: string;
  createdAt: string;
  anonymous?: boolean;
  household?: { id: string; label: string } | null;
  location?: string | null;
}

export interface TicketEvent {
  id: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus;
  action: string;
  /** Timeline label 时间线文案 from the transition table, e.g. 开始处理. */
  label?: string;
  toStatusLabel?: string;
  actorName: string | null;
  actorRole?: string | null;
  note: string | null;
  /** Internal notes 内部备注 are sent to staff only. */
  internal?: boolean;
  photos?: Array<{ id: string; url: string }>;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  content: string;
  channel: Channel;
  anonymous: boolean;
  location: string | null;
  household: { id: string; label: string } | null;
  photos: Array<{ id: string; url: string }>;
  events: TicketEvent[];
  statusLabel?: string;
  /** Actions the server allows this caller now (the shared transition table). */
  allowedActions: string[];
  /** Optimistic-lock version: sent back with every action. */
  version: number;
  /** POST /api/tickets only: the submission repeated a ticket handled within the week, which was reopened. */
  reopenedExisting?: boolean;
}

/** Why the classifier chose a category: a cause rule (its text) or a model feature (its name). */
export type ClassificationReason =
  { type: 'rule'; id: string; text: string } | { type: 'feature'; feature: string; weight: number };

/** GET /api/tickets/:id as staff see it. */
export interface StaffTicketDetail extends TicketDetail {
  /** null for anonymous tickets; the phone is masked for staff not handling it. */
  contact: { name: string | null; phone: string | null } | null;
  department: { id: string; code: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  firstReceiver: { id: string; name: string } | null;
  escalationLevel: string | null;
  replyDueAt: string | null;
  handleDueAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  deferredUntil: string | null;
  handledAt: string | null;
  closedAt: string | null;
  cause: { factor: string; sub: string } | null;
  reopenCount: number;
  priority?: number;
  priorityReason?: string | null;
  category?: string | null;
  classification?: {
    category: string | null;
    confidence: number | null;
    triage: boolean;
    reasons?: ClassificationReason[];
    triageReason?: string | null;
    top?: Array<[string, number]>;
    /** Why, in one plain-Chinese sentence (staff only). */
    explanation?: string;
    /** The kind the text reads as, and a suggestion when it differs from the filed kind. */
    readsAs?: TicketKind | null;
    kindSuggestion?: { kind: TicketKind; label: string; confidence: number };
    flags?: { emergencyKind?: string | null; emergencyMatched?: string[]; emergencyWords?: string[] };
  };
  flags?: {
    emergency: boolean;
    agitated: boolean;
    compensationYuan: number | null;
    majorComplaint: boolean;
  };
  /** An emergency at a household: its emergency contacts (staff only). */
  emergencyContacts?: EmergencyContact[];
}

/** One row of a staff queue (GET /api/staff/queue, inventory lists). */
export interface QueueItem {
  id: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  statusLabel: string;
  summary: string;
  household: { id: string; label: string } | null;
  location: string | null;
  anonymous: boolean;
  department: string | null;
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  priority: number;
  priorityReason: string | null;
  escalationLevel: string | null;
  category: string | null;
  triage: boolean;
  emergency: boolean;
  createdAt: string;
}

export interface Colleague {
  id: string;
  name: string;
  role: Role;
  department: { code: string; name: string } | null;
  openTickets: number;
}

export interface Inventory {
  at: string;
  open: number;
  byStatus: Array<{ status: TicketStatus; label: string; count: number }>;
  overdue: QueueItem[];
  withoutHandlingRecord: QueueItem[];
}

export interface ReplyTemplate {
  id: string;
  category: string;
  title: string;
  text: string;
}

/** One forbidden phrase found by POST /api/reply-check. */
export interface ReplyHit {
  id: string;
  phrase: string;
  /** The text as it appears in the reply (may differ from `phrase` by a comma). */
  matched?: string;
  better: string;
  why: string;
  index: number;
}

export interface ReplyCheck {
  ok: boolean;
  hits: ReplyHit[];
}

/** POST /api/classification/preview. */
export interface ClassificationPreview {
  category: string;
  /** Staff only: residents are never shown a confidence number. */
  confidence?: number;
  department: string;
  sure: boolean;
  emergency: boolean;
  /** Added later: older servers omit these. */
  emergencyKind?: string | null;
  emergencyLabel?: string | null;
  kindSuggestion?: { kind: TicketKind; label: string } | null;
}

export interface HouseholdProfile {
  household: { id: string; label: string };
  moveInDate: string | null;
  tenure: string | null;
  tenureLabel: string | null;
  keyCustomer: boolean;
  keyCustomerReasons: Array<{ code: string; label: string }>;
  priorityReason: string | null;
  specialNeeds: string | null;
  /** 紧急联系人, at most three (older servers send none). */
  emergencyContacts?: EmergencyContact[];
  residents: Array<{ name: string; relation: string; status: string }>;
}

export interface EmergencyContact {
  name: string;
  phone: string;
  relation?: string | null;
}

/** One household of the 重点客户 / 特殊需求台账 (GET /api/households/ledger). */
export interface LedgerItem {
  household: { id: string; label: string };
  keyCustomerReasons: Array<{ code: string; label: string }>;
  specialNeeds: string | null;
  emergencyContacts: EmergencyContact[];
  residents: Array<{ name: string; relation: string; phone: string | null }>;
  moveInDate: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Body of POST /api/tickets. */
export interface CreateTicketBody {
  kind: TicketKind;
  content: string;
  photoIds: string[];
  householdId?: string;
  location?: string;
  anonymous: boolean;
  channel: 'miniapp';
  idempotencyKey: string;
}

/** One quote line 报价明细 (GET /api/tickets/:id/charges). Amounts in fen. */
export interface QuoteItemView {
  kind: string;
  name: string;
  unit: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
}

export interface PaymentView {
  id: string;
  channel: 'wechat' | 'offline';
  channelLabel: string;
  status: 'created' | 'paid' | 'closed';
  statusLabel: string;
  amountFen: number;
  paidAt: string | null;
  note?: string | null;
  /** Staff only: paid and not refunded yet. */
  refundable?: boolean;
}

export interface RefundView {
  id: string;
  channel: 'wechat' | 'offline';
  status: 'pending' | 'processing' | 'succeeded' | 'closed' | 'abnormal';
  statusLabel: string;
  amountFen: number;
  reason: string;
  finishedAt: string | null;
}

export type QuoteAction = 'pay' | 'decline' | 'offline_payment' | 'withdraw' | 'start_work';

/** Quote 报价单 of a paid repair, with what the viewer may do with it. */
export interface QuoteView {
  id: string;
  seq: number;
  supplementary: boolean;
  status: 'sent' | 'accepted' | 'paid' | 'declined' | 'withdrawn' | 'cancelled';
  statusLabel: string;
  totalFen: number;
  note: string | null;
  createdByName: string;
  createdAt: string;
  paidAt: string | null;
  paidVia: 'wechat' | 'offline' | null;
  paidViaLabel: string | null;
  declineReason: string | null;
  workStartedAt: string | null;
  actions: QuoteAction[];
  /** The project manager may refund one of its payments (POST /api/tickets/:id/refunds). */
  canRefund?: boolean;
  items: QuoteItemView[];
  payments: PaymentView[];
  refunds: RefundView[];
}

/** What a ticket was charged (有偿维修): the return visit and both ticket pages show it. */
export interface ChargeSummary {
  ticketId: string;
  chargeable: boolean;
  payEnabled: boolean;
  payMessage: string | null;
  canQuote: boolean;
  quotes: QuoteView[];
  totals: { quotedFen: number; paidFen: number; refundedFen: number; refundingFen: number; netFen: number };
  summary: string;
}

/** What wx.requestPayment needs, as POST /api/tickets/:id/quotes/:quoteId/pay answers. */
export interface PayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/** A line of the project's price list 维修价目表. */
export interface PriceItemView {
  id: string;
  kind: 'labour' | 'callout' | 'material';
  name: string;
  unit: string;
  priceFen: number;
}

/** A line of the price list as GET /api/pay/price-items answers it (the price-list page edits these). */
export interface PriceItem extends PriceItemView {
  sort: number;
  /** false: retired, no longer offered in quotes (old quotes keep it). */
  active: boolean;
}

// ── return visits 回访 ──

export interface RatingQuestion {
  key: string;
  label: string;
}

/** One answer to a return visit: the resident's rating online, or told to a visitor. */
export interface RatingView {
  id: string;
  round: number;
  seq: number;
  source: 'online' | 'phone' | 'home';
  sourceLabel: string;
  scores: Record<string, number>;
  average: number | null;
  satisfied: boolean;
  chargeCorrect: boolean | null;
  comment: string | null;
  photos: Array<{ id: string; url: string }>;
  createdAt: string;
}

/** GET /api/tickets/:id/rating. */
export interface RatingState {
  ticket: {
    id: string;
    number: string;
    kind: TicketKind;
    kindLabel: string;
    status: TicketStatus;
    statusLabel: string;
    content: string;
    handledAt: string | null;
    handledNote: string | null;
  };
  canRate: boolean;
  /** Why not, in Chinese. */
  reason: string | null;
  inviteDeadline: string | null;
  closesAt: string | null;
  questions: RatingQuestion[];
  asksCharge: boolean;
  rating: RatingView | null;
}

/** One return visit owed 回访任务 (GET /api/visits, GET /api/visits/:id). */
export interface VisitTaskItem {
  id: string;
  ticketId: string;
  round: number;
  seq: number;
  status: 'invited' | 'open' | 'done' | 'cancelled';
  statusLabel: string;
  trigger: 'time' | 'after_rain';
  form: 'phone' | 'home' | 'online';
  formLabel: string;
  visitorRole: Role;
  visitorRoleLabel: string;
  complaintLevel: number | null;
  complaintLevelLabel: string | null;
  repairType: string | null;
  repairTypeLabel: string | null;
  basis: string;
  inviteDeadline: string | null;
  dueAt: string | null;
  overdue: boolean;
  outcome: string | null;
  doneVia: string | null;
  doneAt: string | null;
  cancelReason: string | null;
}

export interface VisitListItem extends VisitTaskItem {
  ticket: {
    id: string;
    number: string;
    kind: TicketKind;
    kindLabel: string;
    status: TicketStatus;
    statusLabel: string;
    summary: string;
    household: { id: string; label: string } | null;
    location: string | null;
  };
  attempts: number;
  lastResult: string | null;
  lastResultLabel: string | null;
}

export interface VisitDetail extends VisitTaskItem {
  ticket: {
    id: string;
    number: string;
    kind: TicketKind;
    kindLabel: string;
    status: TicketStatus;
    statusLabel: string;
    content: string;
    household: { id: string; label: string } | null;
    location: string | null;
    handledAt: string | null;
    handledNote: string | null;
    reopenCount: number;
    contact: { name: string | null; phone: string | null } | null;
  };
  questions: RatingQuestion[];
  asksCharge: boolean;
  repeatEveryDays: number | null;
  canRecord: boolean;
  attempts: Array<{
    id: string;
    method: string;
    methodLabel: string;
    result: string;
    resultLabel: string;
    visitorName: string;
    note: string | null;
    signatureUrl: string | null;
    createdAt: string;
  }>;
  ratings: RatingView[];
}
