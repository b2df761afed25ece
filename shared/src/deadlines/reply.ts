/**
 * What counts as the reply 答复 a reply deadline waits for (docs/domain-rules.md "Time limits"): a public
 * message to the resident with content — an explanation that settled it on the spot, a proposed solution, a
 * progress note, the handled note. Confirming, starting, deferring or agreeing a reply time are not replies.
 */
export const REPLY_ACTIONS: readonly string[] = [
  'resolve_on_spot',
  'propose_solution',
  'progress_note',
  'mark_handled',
];

/** Whether a staff move with this note answers the resident. */
export function countsAsReply(action: string, note: string | null | undefined, isPublic: boolean): boolean {
  return isPublic && REPLY_ACTIONS.includes(action) && !!note && note.trim().length > 0;
}
