/**
 * Money 金额: always integer fen (分) in code, storage and the WeChat Pay API; yuan only on screen
 * and in WeChat's bill files. Never a float in between.
 */

/** ¥120.00 (negative amounts as -¥5.00). */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`;
}

/**
 * '120' | '120.5' | '120.50' | '`0.01' (bill files prefix every field with a backtick) → fen;
 * null for anything that is not a plain amount with at most two decimals.
 */
export function yuanToFen(text: string): number | null {
  const m = /^`?\s*(-)?(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
