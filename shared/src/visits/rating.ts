/**
 * What a return visit asks 回访内容 (docs/domain-rules.md "Return visits"): a repair visit whether the repair
 * was timely, the process standard, the attitude good, the result satisfactory, and checks the charges; a
 * complaint visit about the handling process, the measures and the result. Scores 1–5; whether the resident
 * is satisfied is their own answer, never inferred. Kept free of other shared modules: the residents' rating
 * page imports only this file.
 */

export type RatedKind = 'repair' | 'complaint';

export interface RatingQuestion {
  key: string;
  label: string;
}

export const RATING_QUESTIONS: Record<RatedKind, readonly RatingQuestion[]> = {
  repair: [
    { key: 'timeliness', label: '维修是否及时' },
    { key: 'process', label: '服务过程是否规范' },
    { key: 'attitude', label: '服务态度' },
    { key: 'result', label: '维修效果' },
  ],
  complaint: [
    { key: 'process', label: '受理过程' },
    { key: 'measures', label: '处理措施' },
    { key: 'result', label: '处理结果' },
  ],
};

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const SCORE_LABELS: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
};

export const RATING_COMMENT_MAX = 500;
export const RATING_MAX_PHOTOS = 9;

export interface RatingInput {
  scores: Record<string, number | undefined>;
  satisfied?: boolean | null;
  /** 收费是否合理 (repairs; complaints only when something was charged). */
  chargeCorrect?: boolean | null;
  comment?: string;
  photoIds?: readonly string[];
}

/** Whether the charge question must be answered: always for repairs, for complaints when charged. */
export function asksCharge(kind: RatedKind, hasCharges: boolean): boolean {
  return kind === 'repair' || hasCharges;
}

/** The first problem with a rating, in Chinese, or null when it can be sent. */
export function validateRating(
  kind: RatedKind,
  input: RatingInput,
  opts: { hasCharges?: boolean } = {},
): string | null {
  for (const q of RATING_QUESTIONS[kind]) {
    const s = input.scores[q.key];
    if (s === undefined || s === null) return `请为"${q.label}"打分`;
    if (!Number.isInteger(s) || s < SCORE_MIN || s > SCORE_MAX) return `"${q.label}"的分数应为1到5分`;
  }
  const known = new Set(RATING_QUESTIONS[kind].map((q) => q.key));
  const extra = Object.keys(input.scores).find((k) => !known.has(k) && input.scores[k] !== undefined);
  if (extra) return `没有这个评价项：${extra}`;
  if (typeof input.satisfied !== 'boolean') return '请选择您对处理结果是否满意';
  if (asksCharge(kind, !!opts.hasCharges) && typeof input.chargeCorrect !== 'boolean')
    return '请确认收费是否合理';
  const comment = (input.comment ?? '').trim();
  if (comment.length > RATING_COMMENT_MAX) return `意见不能超过${RATING_COMMENT_MAX}字`;
  if (!input.satisfied && comment.length === 0) return '请告诉我们哪里还不满意，我们会重新处理';
  if ((input.photoIds?.length ?? 0) > RATING_MAX_PHOTOS) return `照片最多${RATING_MAX_PHOTOS}张`;
  return null;
}

/** Mean score, one decimal. */
export function ratingAverage(scores: Record<string, number | undefined>): number | null {
  const xs = Object.values(scores).filter((s): s is number => typeof s === 'number');
  if (!xs.length) return null;
  return Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
}
