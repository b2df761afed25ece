/**
 * While a resident types, the server reads the text (POST /api/classification/preview): who will handle a
 * complaint or repair, whether it is an emergency (for every kind: an emergency told as an inquiry is still
 * one), and the kind it reads as when that differs from the kind chosen. When to ask. Pure.
 */
/** Kinds whose handling department is shown while the resident types (投诉, 报修). */
export const PREVIEW_KINDS: readonly string[] = ['complaint', 'repair'];
/** From how many characters: as few as "漏水" or "电梯困人" are worth reading. */
export const PREVIEW_MIN_CHARS = 2;
export const PREVIEW_DEBOUNCE_MS = 600;

export function shouldPreview(kind: string | null, content: string): boolean {
  return !!kind && Array.from(content.trim()).length >= PREVIEW_MIN_CHARS;
}

/** Whether the department line is shown for this kind (praise or an inquiry is not dispatched). */
export function showsDepartment(kind: string | null): boolean {
  return !!kind && PREVIEW_KINDS.includes(kind);
}
