/**
 * The ticket draft 工单草稿 a resident is writing, and the rules for sending it.
 * Pure (no Taro): the file page keeps the draft in storage so it survives a crash,
 * and the idempotency key lives in the draft so every retry of the same draft reuses it.
 */
import { TICKET_CONTENT_MAX, TICKET_CONTENT_MIN, TICKET_KINDS, type TicketKind } from '../shared';
import type { CreateTicketBody } from '../services/types';
import { photosAfterRestart, uploadedPhotoIds, type DraftPhoto } from './photos';

/** Where the problem is: the resident's own household, or a public area 公共区域 described in words. */
export type LocationMode = 'household' | 'public';

export interface TicketDraft {
  /** Whose draft it is; a draft of another account is discarded. */
  userId: string | null;
  kind: TicketKind | null;
  content: string;
  photos: DraftPhoto[];
  locationMode: LocationMode;
  householdId: string | null;
  place: string;
  anonymous: boolean;
  /** Anonymous only: a number for a call back, which only the customer-service lead sees (optional). */
  callbackPhone: string;
  /** Made when the form is first edited, cleared only after the server accepted the ticket. */
  idempotencyKey: string | null;
}

export function emptyDraft(userId: string | null = null): TicketDraft {
  return {
    userId,
    kind: null,
    content: '',
    photos: [],
    locationMode: 'household',
    householdId: null,
    place: '',
    anonymous: false,
    callbackPhone: '',
    idempotencyKey: null,
  };
}

/** Characters as the resident sees them (an emoji is one), as the server's length check counts. */
export function contentLength(content: string): number {
  return Array.from(content.trim()).length;
}

/**
 * What to say under the text as it is typed: how many characters are missing (only once a send was tried) or over
 * the limit; null when nothing needs saying.
 */
export function contentProblem(content: string, attempted: boolean): string | null {
  const len = contentLength(content);
  if (attempted && len < TICKET_CONTENT_MIN) return `还差 ${TICKET_CONTENT_MIN - len} 个字`;
  if (len > TICKET_CONTENT_MAX) return `超出 ${len - TICKET_CONTENT_MAX} 个字`;
  return null;
}

/**
 * Applies an edit. The first real edit of an empty draft gets a fresh idempotency key;
 * later edits keep it (a retry after a lost answer must not create a second ticket).
 */
export function editDraft(
  draft: TicketDraft,
  patch: Partial<TicketDraft>,
  newKey: () => string,
): TicketDraft {
  const next = { ...draft, ...patch };
  // 匿名: the ticket carries no flat, so none stays chosen (a resident who needs a flat's repair files it by name).
  if (patch.anonymous === true) Object.assign(next, { locationMode: 'public', householdId: null });
  if (next.anonymous && next.locationMode === 'household')
    Object.assign(next, { locationMode: 'public', householdId: null });
  if (!next.idempotencyKey) next.idempotencyKey = newKey();
  return next;
}

/**
 * Chooses the location for the resident's households: keep a valid choice, pick the only one,
 * or fall back to 公共区域 when nothing is bound.
 */
export function reconcileLocation(draft: TicketDraft, householdIds: string[]): TicketDraft {
  // Never preselect 我的房屋 for an anonymous draft.
  if (draft.anonymous)
    return draft.locationMode === 'public' && !draft.householdId
      ? draft
      : { ...draft, locationMode: 'public', householdId: null };
  if (draft.householdId && householdIds.includes(draft.householdId)) return draft;
  if (householdIds.length === 0) {
    return draft.locationMode === 'public' && !draft.householdId
      ? draft
      : { ...draft, locationMode: 'public', householdId: null };
  }
  return { ...draft, householdId: householdIds[0] };
}

/** A draft read back from storage: only if it is this user's and well-formed. */
export function restoreDraft(stored: unknown, userId: string | null): TicketDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const d = stored as Partial<TicketDraft>;
  if (d.userId !== userId) return null;
  const base = emptyDraft(userId);
  return {
    ...base,
    kind: d.kind && (TICKET_KINDS as readonly string[]).includes(d.kind) ? d.kind : null,
    content: typeof d.content === 'string' ? d.content : '',
    photos: Array.isArray(d.photos) ? photosAfterRestart(d.photos) : [],
    locationMode: d.locationMode === 'public' ? 'public' : 'household',
    householdId: typeof d.householdId === 'string' ? d.householdId : null,
    place: typeof d.place === 'string' ? d.place : '',
    anonymous: d.anonymous === true,
    callbackPhone: typeof d.callbackPhone === 'string' ? d.callbackPhone : '',
    idempotencyKey: typeof d.idempotencyKey === 'string' ? d.idempotencyKey : null,
  };
}

export const DRAFT_ERRORS = {
  kind: '请选择反馈类型',
  tooShort: `请至少写 ${TICKET_CONTENT_MIN} 个字，说清楚发生了什么`,
  tooLong: `内容不能超过 ${TICKET_CONTENT_MAX} 个字`,
  uploading: '图片还在上传，请稍候',
  uploadFailed: '有图片上传失败，请点击重试或删除',
  household: '请选择房屋',
  place: '请填写公共区域的具体位置',
  callbackPhone: '回电号码格式不正确，请填写手机或座机号码',
} as const;

/** The call-back number's shape (the server's check). */
const PHONE = /^[0-9+\- ]{5,20}$/;

/** The first thing that stops the draft from being sent, or null when it can be sent. */
export function validateDraft(draft: TicketDraft): string | null {
  if (!draft.kind) return DRAFT_ERRORS.kind;
  const len = contentLength(draft.content);
  if (len < TICKET_CONTENT_MIN) return DRAFT_ERRORS.tooShort;
  if (len > TICKET_CONTENT_MAX) return DRAFT_ERRORS.tooLong;
  if (draft.photos.some((p) => p.status === 'uploading')) return DRAFT_ERRORS.uploading;
  if (draft.photos.some((p) => p.status === 'failed')) return DRAFT_ERRORS.uploadFailed;
  if (draft.locationMode === 'household' && !draft.householdId) return DRAFT_ERRORS.household;
  // A repair needs a place to go to; a complaint (a neighbour dispute above all) never needs a room or a name.
  if (draft.locationMode === 'public' && !draft.place.trim() && draft.kind === 'repair')
    return DRAFT_ERRORS.place;
  if (draft.anonymous && draft.callbackPhone.trim() && !PHONE.test(draft.callbackPhone.trim()))
    return DRAFT_ERRORS.callbackPhone;
  return null;
}

/** The POST /api/tickets body; call only after validateDraft() returned null and a key exists. */
export function buildTicketBody(draft: TicketDraft): CreateTicketBody {
  if (!draft.kind || !draft.idempotencyKey) throw new Error('draft is not ready to send');
  const body: CreateTicketBody = {
    kind: draft.kind,
    content: draft.content.trim(),
    photoIds: uploadedPhotoIds(draft.photos),
    anonymous: draft.anonymous,
    channel: 'miniapp',
    idempotencyKey: draft.idempotencyKey,
  };
  if (!draft.anonymous && draft.locationMode === 'household' && draft.householdId)
    body.householdId = draft.householdId;
  else if (draft.place.trim()) body.location = draft.place.trim();
  if (draft.anonymous && draft.callbackPhone.trim()) body.callbackPhone = draft.callbackPhone.trim();
  return body;
}
