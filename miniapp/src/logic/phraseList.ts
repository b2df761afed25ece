/**
 * The company's forbidden-phrase list 服务禁语 (GET/PUT /api/forbidden-phrases) and the project's 24-hour duty
 * phone (GET /api/duty-phone, PUT /api/projects/:id/duty-phone) as the manager pages edit them: the same bounds
 * the API sets, checked before saving so the form says what to fix. Pure, no imports: the bounds are copied
 * from @wuye/shared (language.ts) and a unit test keeps them equal.
 */

/** At most this many entries; a phrase 2–40 characters; its better wording 1–200. */
export const PHRASES_MAX = 200;
export const PHRASE_MIN = 2;
export const PHRASE_MAX = 40;
export const BETTER_MAX = 200;

export interface PhraseRow {
  phrase: string;
  better: string;
}

/** Characters as a person counts them (an emoji or a rare character is one). */
const length = (s: string) => Array.from(s).length;

/** The rows as they are sent: trimmed. */
export function cleanPhrases(rows: readonly PhraseRow[]): PhraseRow[] {
  return rows.map((r) => ({ phrase: r.phrase.trim(), better: r.better.trim() }));
}

/** What blocks saving, in the words the server would use; empty when the list can be saved. */
export function phraseProblems(rows: readonly PhraseRow[]): string[] {
  const out: string[] = [];
  if (!rows.length) out.push('服务禁语至少保留一条');
  if (rows.length > PHRASES_MAX) out.push(`服务禁语最多 ${PHRASES_MAX} 条`);
  const seen = new Set<string>();
  cleanPhrases(rows).forEach((r, i) => {
    const n = length(r.phrase);
    if (n < PHRASE_MIN || n > PHRASE_MAX) out.push(`第 ${i + 1} 条禁语需 ${PHRASE_MIN}–${PHRASE_MAX} 个字`);
    if (!r.better || length(r.better) > BETTER_MAX)
      out.push(`第 ${i + 1} 条的建议说法需 1–${BETTER_MAX} 个字`);
    if (r.phrase && seen.has(r.phrase)) out.push(`禁语“${r.phrase}”重复了`);
    seen.add(r.phrase);
  });
  return out;
}

/** The duty phone as the API accepts it: digits, +, - and spaces, 3–20 characters; empty clears it. */
export const DUTY_PHONE_PATTERN = /^[0-9+\- ]{3,20}$/;

export function dutyPhoneProblem(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  return DUTY_PHONE_PATTERN.test(v) ? null : '值班电话格式不正确，只能填数字、+、- 和空格，3–20 位';
}

/** The project manager sets the duty phone of their own project (the server also lets HQ set any project's). */
export function canSetDutyPhone(role: string | null | undefined): boolean {
  return role === 'project_manager';
}
