/**
 * Rating scales 评价等级 of a satisfaction survey 满意度调查 (docs/domain-rules.md "Satisfaction surveys":
 * 5-, 7- or 10-point scales; the satisfaction-management handbook (4)④ 五级、七级和十级). Kept free of other
 * imports so the mini-program's answer page can load it alone.
 */
export const SURVEY_SCALES = [5, 7, 10] as const;
export type SurveyScale = (typeof SURVEY_SCALES)[number];

export function isSurveyScale(n: unknown): n is SurveyScale {
  return (SURVEY_SCALES as readonly unknown[]).includes(n);
}

/**
 * Satisfied 满意 means at least three quarters of the way from the lowest to the highest point: the
 * top two points of a 5-point scale (满意、很满意), the top two of 7, the top three of 10. On the
 * 0–100 score below that is every answer scoring ≥ SATISFIED_SCORE.
 */
export const SATISFIED_SCORE = 75;

/** The lowest answer that counts as satisfied, per scale (= the first point scoring ≥ 75). */
export const SATISFIED_FROM: Record<SurveyScale, number> = { 5: 4, 7: 6, 10: 8 };

/**
 * An answer on the 0–100 satisfaction score 满意度得分: the lowest point is 0, the highest 100, evenly
 * spaced (5-point: 0 / 25 / 50 / 75 / 100), so scores from different scales can be averaged.
 */
export function normaliseScore(point: number, scale: SurveyScale): number {
  return ((point - 1) / (scale - 1)) * 100;
}

export function isSatisfiedPoint(point: number, scale: SurveyScale): boolean {
  return point >= SATISFIED_FROM[scale];
}

/** A 0–100 score (one answer, a driver or a whole questionnaire) counts as satisfied. */
export function isSatisfiedScore(score: number): boolean {
  return score >= SATISFIED_SCORE - 1e-9;
}

/** Whether `point` is a whole number on the scale. */
export function isValidPoint(point: unknown, scale: SurveyScale): point is number {
  return typeof point === 'number' && Number.isInteger(point) && point >= 1 && point <= scale;
}

const FIVE_POINT_LABELS = ['很不满意', '不满意', '一般', '满意', '很满意'];

/** The words under each point, lowest first; on 7 and 10 points only the two ends are named. */
export function scalePointLabels(scale: SurveyScale): string[] {
  if (scale === 5) return [...FIVE_POINT_LABELS];
  return Array.from({ length: scale }, (_, i) =>
    i === 0 ? '很不满意' : i === scale - 1 ? '很满意' : String(i + 1),
  );
}

export const SCALE_LABELS: Record<SurveyScale, string> = {
  5: '五级评分',
  7: '七级评分',
  10: '十级评分',
};
