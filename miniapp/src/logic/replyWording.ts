/**
 * Replies to residents in the agreed wording (docs/domain-rules.md "Staff language"): filling a reply template's
 * placeholders, and swapping a forbidden phrase found by POST /api/reply-check for the handbook's
 * better wording. Pure.
 */
import type { ReplyHit } from '../services/types';

/** Fills the placeholders we know ({业主称呼} {工单号}); the others ({时间} …) stay for the staff member. */
export function fillTemplate(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    const v = values[key];
    return v ? v : whole;
  });
}

/** How a resident is addressed: 林女士 stays as is; a bare name gets 业主 appended; none → 业主. */
export function salutation(name: string | null | undefined): string {
  const n = (name ?? '').trim();
  if (!n) return '业主';
  return /(先生|女士|阿姨|叔叔|老师|师傅|业主)$/.test(n) ? n : `${n}业主`;
}

/** Where the hit sits in the text: at its index if it still matches there, else its first occurrence. */
function locate(text: string, hit: ReplyHit): { start: number; length: number } | null {
  for (const candidate of [hit.matched, hit.phrase]) {
    if (!candidate) continue;
    if (text.substr(hit.index, candidate.length) === candidate)
      return { start: hit.index, length: candidate.length };
  }
  for (const candidate of [hit.matched, hit.phrase]) {
    if (!candidate) continue;
    const at = text.indexOf(candidate);
    if (at >= 0) return { start: at, length: candidate.length };
  }
  return null;
}

/**
 * Replaces the forbidden phrase with the better wording. The suggestion is a full sentence ending in
 * 。, so punctuation right after the phrase (，。！) is dropped to avoid "。，".
 */
export function replaceWithBetter(text: string, hit: ReplyHit): string {
  const at = locate(text, hit);
  if (!at) return text;
  let end = at.start + at.length;
  if (/[。！？]$/.test(hit.better) && /^[，。！,.!]/.test(text.slice(end))) end += 1;
  return text.slice(0, at.start) + hit.better + text.slice(end);
}

/** Replaces every hit, last first so earlier indexes stay valid. */
export function replaceAllWithBetter(text: string, hits: ReplyHit[]): string {
  return [...hits].sort((a, b) => b.index - a.index).reduce((t, h) => replaceWithBetter(t, h), text);
}

/**
 * Placeholders still to fill in a reply ({区域}, {时间}; full-width braces too): the server refuses to send such a
 * reply to a resident (the same rule as @wuye/shared `unfilledPlaceholders`, kept here so the staff package does
 * not carry the whole wording module).
 */
export function unfilledPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(/\{\s*([^{}\s][^{}]{0,19}?)\s*\}/g))
    if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** Puts the values given into their placeholders (full-width braces too); the ones left empty stay. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/[{｛]\s*([^{}｛｝]+?)\s*[}｝]/g, (whole, key: string) => {
    const v = values[key.normalize('NFKC')]?.trim();
    return v ? v : whole;
  });
}
