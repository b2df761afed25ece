/**
 * The rating form 评价 of a handled ticket (the online return visit) and the charges it shows. Pure:
 * the questions and the rule for a complete answer come from @wuye/shared (visits/rating), so the page
 * and the server refuse the same things.
 */
import {
  RATING_QUESTIONS,
  SCORE_LABELS,
  SCORE_MAX,
  SCORE_MIN,
  asksCharge,
  validateRating,
  type RatedKind,
} from '../shared';

export interface RatingForm {
  scores: Record<string, number>;
  /** The resident's own answer; never preset from the scores. */
  satisfied: boolean | null;
  /** 收费是否合理. */
  chargeCorrect: boolean | null;
  comment: string;
  photoIds: string[];
  /** 以后不需要回访. */
  declineVisits: boolean;
}

export const emptyRatingForm = (): RatingForm => ({
  scores: {},
  satisfied: null,
  chargeCorrect: null,
  comment: '',
  photoIds: [],
  declineVisits: false,
});

export function setScore(form: RatingForm, key: string, score: number): RatingForm {
  const s = Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(score)));
  return { ...form, scores: { ...form.scores, [key]: s } };
}

/** 1 很不满意 … 5 非常满意; an empty answer asks for one. */
export function scoreLabel(score: number | undefined): string {
  return (score && SCORE_LABELS[score]) || '请点击星星打分';
}

/** What still stops the form from being sent, in Chinese, or null. */
export function ratingProblem(
  kind: RatedKind,
  form: RatingForm,
  opts: { hasCharges: boolean; uploading?: boolean },
): string | null {
  if (opts.uploading) return '照片还在上传，请稍候';
  return validateRating(kind, form, { hasCharges: opts.hasCharges });
}

/**
 * A low score next to "satisfied" is worth a second look (the answer stays the resident's), e.g.
 * '您给"维修效果"打了2分，确定对处理结果满意吗？'.
 */
export function lowScoreWarning(kind: RatedKind, form: RatingForm): string | null {
  if (form.satisfied !== true) return null;
  const low = RATING_QUESTIONS[kind].find((q) => (form.scores[q.key] ?? SCORE_MAX) <= 2);
  return low ? `您给"${low.label}"打了${form.scores[low.key]}分，确定对处理结果满意吗？` : null;
}

export interface RatingBody {
  scores: Record<string, number>;
  satisfied: boolean;
  chargeCorrect?: boolean;
  comment?: string;
  photoIds?: string[];
  declineVisits?: boolean;
}

/** Body of POST /api/tickets/:id/rating (only the kind's questions; the charge only when asked). */
export function ratingBody(kind: RatedKind, form: RatingForm, hasCharges: boolean): RatingBody {
  const scores: Record<string, number> = {};
  for (const q of RATING_QUESTIONS[kind])
    if (form.scores[q.key] !== undefined) scores[q.key] = form.scores[q.key];
  const body: RatingBody = { scores, satisfied: form.satisfied === true };
  if (asksCharge(kind, hasCharges) && form.chargeCorrect !== null) body.chargeCorrect = form.chargeCorrect;
  const comment = form.comment.trim();
  if (comment) body.comment = comment;
  if (form.photoIds.length) body.photoIds = [...form.photoIds];
  if (form.declineVisits) body.declineVisits = true;
  return body;
}

// ── 收费情况: what the ticket was charged (GET /api/tickets/:id/charges, built by the payments work) ──

export interface ChargeLine {
  label: string;
  amountFen: number;
  /** e.g. 已支付 / 已退款. */
  status?: string;
}

export interface ChargeSummary {
  lines: ChargeLine[];
  /** What the resident paid in the end (paid minus refunded, when the server says so). */
  totalFen: number;
  /** The server's own sentence, e.g. '已收 ¥80.00'. */
  summary: string | null;
  hasCharges: boolean;
}

export const NO_CHARGES: ChargeSummary = { lines: [], totalFen: 0, summary: null, hasCharges: false };

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/**
 * Reads the charges answer whatever its exact shape: quotes with items and totals (paid repairs), or a
 * plain list of items with amounts in fen. Anything unreadable counts as no charge lines.
 */
export function parseCharges(body: unknown): ChargeSummary {
  const b = obj(body);
  let lines: ChargeLine[] = [];
  let total: number | null = null;
  if (Array.isArray(b.quotes)) {
    lines = b.quotes.map((raw, i) => {
      const q = obj(raw);
      const items = Array.isArray(q.items) ? q.items.map((it) => str(obj(it).name)).filter(Boolean) : [];
      return {
        label: items.join('、') || str(q.note) || `报价${i + 1}`,
        amountFen: num(q.totalFen) ?? 0,
        status: str(q.statusLabel) || undefined,
      };
    });
    const totals = obj(b.totals);
    total = num(totals.netFen) ?? num(totals.paidFen);
  } else {
    const items = Array.isArray(body) ? body : Array.isArray(b.items) ? b.items : [];
    lines = items.map((raw) => {
      const it = obj(raw);
      return {
        label: str(it.name) || str(it.title) || str(it.description) || '费用',
        amountFen: num(it.amountFen) ?? 0,
      };
    });
    total = num(b.totalFen);
  }
  const totalFen = total ?? lines.reduce((s, l) => s + l.amountFen, 0);
  return {
    lines,
    totalFen,
    summary: str(b.summary) || null,
    hasCharges: totalFen > 0 || lines.some((l) => l.amountFen > 0),
  };
}

/** 1250 → '¥12.50'. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
