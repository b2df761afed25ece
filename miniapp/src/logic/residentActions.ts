/**
 * What a resident may do on their own ticket: the server's `allowedActions` narrowed to the resident's
 * moves, and what each asks for. Pure; kept free of the shared transition table so the main package
 * stays small.
 */
export const RESIDENT_ACTIONS = [
  'accept_solution',
  'reject_solution',
  'add_info',
  'reopen',
  'cancel',
] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

export function residentActions(allowed: readonly string[] | undefined): ResidentAction[] {
  const set = new Set(allowed ?? []);
  return RESIDENT_ACTIONS.filter((a) => set.has(a));
}

/** Needs a reason typed in. */
export function needsReason(action: ResidentAction): boolean {
  return action === 'reject_solution' || action === 'reopen' || action === 'cancel';
}

/** Asks "are you sure?" before sending. */
export function needsConfirm(action: ResidentAction): boolean {
  return action === 'cancel';
}

export interface ResidentActionInput {
  reason?: string;
  note?: string;
  photoIds?: string[];
}

/** The problem with the input, or null. */
export function validateResidentAction(action: ResidentAction, input: ResidentActionInput): string | null {
  if (needsReason(action) && !(input.reason ?? '').trim()) return '请填写原因';
  if (action === 'add_info' && !(input.note ?? '').trim() && !(input.photoIds ?? []).length)
    return '请填写补充说明或添加照片';
  return null;
}

export function residentActionBody(
  action: ResidentAction,
  version: number,
  input: ResidentActionInput,
): Record<string, unknown> {
  const body: Record<string, unknown> = { action, version };
  if (needsReason(action)) body.reason = (input.reason ?? '').trim();
  if (action === 'add_info') {
    if ((input.note ?? '').trim()) body.note = (input.note ?? '').trim();
    if ((input.photoIds ?? []).length) body.photoIds = input.photoIds;
  }
  return body;
}

/** The plan waiting for the resident's answer: the newest 提出处理方案 note. */
export function proposedSolution(
  events: ReadonlyArray<{ action: string; note: string | null; createdAt: string }>,
): string | null {
  const proposals = events.filter((e) => e.action === 'propose_solution' && e.note);
  if (!proposals.length) return null;
  return proposals.reduce((a, b) => (new Date(b.createdAt) >= new Date(a.createdAt) ? b : a)).note;
}
