/**
 * Shapes of the 物业通 API as the mini-program reads them: aliases of the types generated from the server's
 * OpenAPI document (./api-schema.ts, `pnpm gen:api-types`), under the names the pages import.
 */
import type { components } from './api-schema';

type S = components['schemas'];

/** A household 户, e.g. label "1栋1单元101". */
export type HouseholdRef = S['UserHousehold'];
export type User = S['User'];
export type DevAccount = S['DevAccount'];
/** The login answer's user is a short form; the full profile comes from GET /api/me. */
export type LoginResult = S['LoginResult'];
/** A compound 项目/小区 (GET /api/org/projects, used by residents not yet bound anywhere). */
export type ProjectRef = S['ProjectRef'];
export type OrgTree = S['OrgTree'];
export type Binding = S['Binding'];
export type BindingRelation = Binding['relation'];
export type BindingStatus = Binding['status'];
export type UploadResult = S['PhotoRef'];

/**
 * What a ticket card shows, from a row of GET /api/tickets (which sends `summary`, the first part of the content)
 * or from a ticket's detail (which sends `content`).
 */
export type TicketSummary = Pick<
  S['TicketSummary'],
  'id' | 'number' | 'kind' | 'status' | 'createdAt' | 'anonymous' | 'household' | 'location'
> & { summary?: string; content?: string };
export type TicketEvent = S['TicketEvent'];
/** GET /api/tickets/:id: staff-only fields are null or absent for residents. */
export type TicketDetail = S['TicketDetail'];
/** Why the classifier chose a category: a cause rule (its text) or a model feature (its name). */
export type ClassificationReason = S['ClassificationReason'];
/** GET /api/tickets/:id as staff see it. */
export type StaffTicketDetail = S['TicketDetail'];
/** One row of a staff queue (GET /api/staff/queue, inventory lists). */
export type QueueItem = S['QueueItem'];
export type Colleague = S['Colleague'];
export type Inventory = S['Inventory'];
/** A reply template as the list (GET /api/reply-templates) and the editor's answers both carry it. */
export type ReplyTemplate = Pick<S['ReplyTemplate'], 'id' | 'category' | 'title' | 'text'>;
/**
 * One forbidden phrase found by POST /api/reply-check; `matched` (the text as it appears in the reply, which may
 * differ from `phrase` by a comma) is optional here because the same check also runs locally without it.
 */
export type ReplyHit = Omit<S['ReplyHit'], 'matched'> & { matched?: string };
export type ReplyCheck = S['ReplyCheck'];
/** POST /api/classification/preview. */
export type ClassificationPreview = S['ClassificationPreview'];
export type HouseholdProfile = S['HouseholdProfile'];

export type EmergencyContact = S['EmergencyContact'];
/** One household of the 重点客户 / 特殊需求台账 (GET /api/households/ledger). */
export type LedgerItem = S['LedgerItem'];
/** An application waiting for the service centre (GET /api/bindings/pending). */
export type PendingBinding = S['PendingBinding'];
/** A one-time 登记码 the front desk hands a resident (POST /api/households/:id/codes). */
export type HouseholdCode = S['HouseholdCode'];

export interface Page<T> {
  items: T[];
  total: number;
}

/** Body of POST /api/tickets, as the resident's file page sends it. */
export type CreateTicketBody = S['CreateTicketDto'] & {
  photoIds: string[];
  anonymous: boolean;
  /** Anonymous only: shown to the customer-service lead alone. */
  callbackPhone?: string;
  channel: 'miniapp';
  idempotencyKey: string;
};

/** One quote line 报价明细 (GET /api/tickets/:id/charges). Amounts in fen. */
export type QuoteItemView = S['QuoteItemView'];
export type PaymentView = S['PaymentView'];
export type RefundView = S['RefundView'];
/** Quote 报价单 of a paid repair, with what the viewer may do with it. */
export type QuoteView = S['QuoteView'];
export type QuoteAction = QuoteView['actions'][number];
/** What a ticket was charged (有偿维修): the return visit and both ticket pages show it. */
export type ChargeSummary = S['ChargeSummary'];
/** What wx.requestPayment needs, as POST /api/tickets/:id/quotes/:quoteId/pay answers. */
export type PayParams = S['JsapiPayParams'];
/** A line of the price list as GET /api/pay/price-items answers it (the price-list page edits these). */
export type PriceItem = S['PriceItem'];
/** A line of the project's price list 维修价目表, as quotes use it. */
export type PriceItemView = Pick<PriceItem, 'id' | 'kind' | 'name' | 'unit' | 'priceFen'>;

// ── return visits 回访 ──

export type RatingQuestion = S['RatingQuestion'];
/** One answer to a return visit: the resident's rating online, or told to a visitor. */
export type RatingView = S['RatingView'];
/** GET /api/tickets/:id/rating. */
export type RatingState = S['RatingState'];
/** One return visit owed 回访任务 (GET /api/visits, GET /api/visits/:id). */
export type VisitListItem = S['VisitListItem'];
export type VisitDetail = S['VisitDetail'];
export type VisitTaskItem = Omit<VisitListItem, 'ticket' | 'attempts' | 'lastResult' | 'lastResultLabel'>;
