/**
 * 代客登记: a ticket staff register on a resident's behalf (phone call, visit, letter, e-mail), and
 * become its first receiver 首问负责人 (docs/domain-rules.md "People"). Sent idempotently like the resident's
 * draft (./draft, ./submitQueue): the key is made on the first edit and kept until the server accepted
 * it. Pure.
 */
import { TICKET_CONTENT_MAX, TICKET_CONTENT_MIN, TICKET_KINDS, type TicketKind } from '../shared';
import { contentLength, type LocationMode } from './draft';

/** Channels offered at the front desk. */
export const REGISTER_CHANNELS = ['phone', 'walk_in', 'letter', 'email'] as const;
export type RegisterChannel = (typeof REGISTER_CHANNELS)[number];

export interface RegisterDraft {
  channel: RegisterChannel;
  kind: TicketKind | null;
  content: string;
  contactName: string;
  contactPhone: string;
  locationMode: LocationMode;
  householdId: string | null;
  place: string;
  anonymous: boolean;
  idempotencyKey: string | null;
}

export function emptyRegisterDraft(): RegisterDraft {
  return {
    channel: 'phone',
    kind: null,
    content: '',
    contactName: '',
    contactPhone: '',
    locationMode: 'household',
    householdId: null,
    place: '',
    anonymous: false,
    idempotencyKey: null,
  };
}

export function editRegisterDraft(
  draft: RegisterDraft,
  patch: Partial<RegisterDraft>,
  newKey: () => string,
): RegisterDraft {
  const next = { ...draft, ...patch };
  if (!next.idempotencyKey) next.idempotencyKey = newKey();
  return next;
}

/** A stored draft read back, or null when it is not well-formed. */
export function restoreRegisterDraft(stored: unknown): RegisterDraft | null {
  if (!stored || typeof stored !== 'object') return null;
  const d = stored as Partial<RegisterDraft>;
  const base = emptyRegisterDraft();
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ...base,
    channel: REGISTER_CHANNELS.includes(d.channel as RegisterChannel)
      ? (d.channel as RegisterChannel)
      : 'phone',
    kind: d.kind && (TICKET_KINDS as readonly string[]).includes(d.kind) ? d.kind : null,
    content: str(d.content),
    contactName: str(d.contactName),
    contactPhone: str(d.contactPhone),
    locationMode: d.locationMode === 'public' ? 'public' : 'household',
    householdId: typeof d.householdId === 'string' ? d.householdId : null,
    place: str(d.place),
    anonymous: d.anonymous === true,
    idempotencyKey: typeof d.idempotencyKey === 'string' ? d.idempotencyKey : null,
  };
}

const PHONE = /^[0-9+\- ]{5,20}$/;

export function validateRegister(d: RegisterDraft): string | null {
  if (!d.kind) return '请选择反馈类型';
  const len = contentLength(d.content);
  if (len < TICKET_CONTENT_MIN) return `请至少写 ${TICKET_CONTENT_MIN} 个字，记下业主反映的情况`;
  if (len > TICKET_CONTENT_MAX) return `内容不能超过 ${TICKET_CONTENT_MAX} 个字`;
  if (!d.anonymous && d.contactPhone.trim() && !PHONE.test(d.contactPhone.trim()))
    return '联系电话格式不正确';
  if (d.locationMode === 'household' && !d.householdId) return '请选择房屋';
  if (d.locationMode === 'public' && !d.place.trim()) return '请填写公共区域的具体位置';
  return null;
}

/** POST /api/tickets body for staff registration; an anonymous ticket carries no contact. */
export function buildRegisterBody(d: RegisterDraft): Record<string, unknown> {
  if (!d.kind || !d.idempotencyKey) throw new Error('draft is not ready to send');
  const body: Record<string, unknown> = {
    kind: d.kind,
    content: d.content.trim(),
    channel: d.channel,
    anonymous: d.anonymous,
    photoIds: [],
    idempotencyKey: d.idempotencyKey,
  };
  if (!d.anonymous) {
    if (d.contactName.trim()) body.contactName = d.contactName.trim();
    if (d.contactPhone.trim()) body.contactPhone = d.contactPhone.trim();
  }
  if (d.locationMode === 'household' && d.householdId) body.householdId = d.householdId;
  else body.location = d.place.trim();
  return body;
}

/** The project's households as one flat list for a picker, e.g. "1栋1单元101". */
export function flattenHouseholds(tree: {
  buildings: Array<{ units: Array<{ households: Array<{ id: string; label: string }> }> }>;
}): Array<{ id: string; label: string }> {
  return tree.buildings.flatMap((b) =>
    b.units.flatMap((u) => u.households.map((h) => ({ id: h.id, label: h.label }))),
  );
}
