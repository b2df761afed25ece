/**
 * While a resident types a complaint or repair, the server predicts who will handle it
 * (POST /api/classification/preview). When to ask. Pure.
 */
/** Kinds whose department is predicted while the resident types (投诉, 报修), and from how many characters. */
export const PREVIEW_KINDS: readonly string[] = ['complaint', 'repair'];
export const PREVIEW_MIN_CHARS = 8;
export const PREVIEW_DEBOUNCE_MS = 600;

export function shouldPreview(kind: string | null, content: string): boolean {
  return !!kind && PREVIEW_KINDS.includes(kind) && Array.from(content.trim()).length >= PREVIEW_MIN_CHARS;
}
