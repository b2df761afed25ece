/**
 * The satisfaction-survey answer form 问卷填写 a resident fills in (survey/pages/answer).
 * Pure (no Taro): the page keeps the draft in storage after every change so a weak network or a killed
 * app loses nothing, saves it to the server when it can, and submits with one idempotency key per
 * draft so a retry never makes a second answer sheet.
 */
import { isValidPoint, scalePointLabels, SATISFIED_FROM, type SurveyScale } from '../survey/shared';
import type { AnswerBody, FormQuestion, SurveyForm } from '../services/surveyTypes';

/** Longest open answer the server takes (QUESTIONNAIRE_LIMITS.openAnswerMax). */
export const OPEN_ANSWER_MAX = 500;

export interface SurveyDraft {
  userId: string | null;
  campaignId: string;
  householdId: string;
  /** questionId → chosen point (closed questions). */
  points: Record<string, number>;
  /** questionId → text (open questions). */
  texts: Record<string, string>;
  /** Made at the first edit, kept until the server accepted the submission. */
  idempotencyKey: string | null;
  /** The draft changed since the server last saved it. */
  dirty: boolean;
}

export const surveyDraftKey = (campaignId: string, householdId: string) =>
  `wuye.surveyDraft.${campaignId}.${householdId}`;

export function emptySurveyDraft(
  userId: string | null,
  campaignId: string,
  householdId: string,
): SurveyDraft {
  return { userId, campaignId, householdId, points: {}, texts: {}, idempotencyKey: null, dirty: false };
}

const questionsOf = (form: SurveyForm): FormQuestion[] =>
  form.questionnaire.sections.flatMap((s) => s.questions);
const closedOf = (form: SurveyForm) => questionsOf(form).filter((q) => q.kind === 'scale');

/** Keeps only answers that fit the questionnaire (a stale draft may name removed questions). */
function fit(form: SurveyForm, points: Record<string, number>, texts: Record<string, string>) {
  const byId = new Map(questionsOf(form).map((q) => [q.id, q]));
  const p: Record<string, number> = {};
  const t: Record<string, string> = {};
  for (const [id, point] of Object.entries(points)) {
    const q = byId.get(id);
    if (q?.kind === 'scale' && isValidPoint(point, q.scale as SurveyScale)) p[id] = point;
  }
  for (const [id, text] of Object.entries(texts)) {
    const q = byId.get(id);
    if (q?.kind === 'open' && typeof text === 'string' && text) t[id] = text.slice(0, OPEN_ANSWER_MAX);
  }
  return { points: p, texts: t };
}

/**
 * The draft to show when the form loads: this phone's own unsent draft first (it is the newest thing
 * the resident typed), else the draft saved on the server (perhaps by another member of the household),
 * else an empty one.
 */
export function initialDraft(
  form: SurveyForm,
  stored: unknown,
  userId: string | null,
): { draft: SurveyDraft; restored: boolean } {
  const base = emptySurveyDraft(userId, form.campaign.id, form.household.id);
  const s = stored && typeof stored === 'object' ? (stored as Partial<SurveyDraft>) : null;
  if (
    s &&
    s.userId === userId &&
    s.campaignId === form.campaign.id &&
    s.householdId === form.household.id &&
    s.points &&
    typeof s.points === 'object'
  ) {
    const kept = fit(form, s.points, s.texts && typeof s.texts === 'object' ? s.texts : {});
    return {
      draft: {
        ...base,
        ...kept,
        idempotencyKey: typeof s.idempotencyKey === 'string' ? s.idempotencyKey : null,
        dirty: s.dirty === true,
      },
      restored: true,
    };
  }
  const points: Record<string, number> = {};
  const texts: Record<string, string> = {};
  for (const a of form.answers) {
    if (typeof a.point === 'number') points[a.questionId] = a.point;
    if (a.text) texts[a.questionId] = a.text;
  }
  return { draft: { ...base, ...fit(form, points, texts) }, restored: false };
}

const touched = (d: SurveyDraft, newKey: () => string): SurveyDraft => ({
  ...d,
  idempotencyKey: d.idempotencyKey ?? newKey(),
  dirty: true,
});

/**
 * Answers a question with a point, or clears the answer (null: 不了解 / 不作答 — the resident taps the chosen point
 * again, see ChipPicker's `clearable`).
 */
export function setPoint(
  d: SurveyDraft,
  questionId: string,
  point: number | null,
  newKey: () => string,
): SurveyDraft {
  const points = { ...d.points };
  if (point === null) delete points[questionId];
  else points[questionId] = point;
  return touched({ ...d, points }, newKey);
}

export function setText(d: SurveyDraft, questionId: string, text: string, newKey: () => string): SurveyDraft {
  const texts = { ...d.texts };
  if (text) texts[questionId] = text.slice(0, OPEN_ANSWER_MAX);
  else delete texts[questionId];
  return touched({ ...d, texts }, newKey);
}

export interface Progress {
  answered: number;
  total: number;
  /** Closed answers a questionnaire needs to count (有效问卷). */
  needed: number;
  enough: boolean;
}

export function progress(form: SurveyForm, d: SurveyDraft): Progress {
  const answered = closedOf(form).filter((q) => d.points[q.id] !== undefined).length;
  return {
    answered,
    total: form.closedCount,
    needed: form.minAnswered,
    enough: answered >= form.minAnswered,
  };
}

/** The body of PUT …/draft and POST …/submit: answered questions only, texts trimmed. */
export function buildAnswers(form: SurveyForm, d: SurveyDraft): AnswerBody[] {
  const out: AnswerBody[] = [];
  for (const q of questionsOf(form)) {
    if (q.kind === 'scale' && d.points[q.id] !== undefined)
      out.push({ questionId: q.id, point: d.points[q.id] });
    const text = d.texts[q.id]?.trim();
    if (q.kind === 'open' && text) out.push({ questionId: q.id, text });
  }
  return out;
}

export type SubmitCheck =
  { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'confirm'; message: string };

/**
 * Before submitting: nothing answered → refuse; fewer closed answers than a valid questionnaire needs
 * → ask first (it will be counted as 无效问卷, docs/domain-rules.md "Satisfaction surveys"); otherwise go.
 */
export function checkBeforeSubmit(form: SurveyForm, d: SurveyDraft): SubmitCheck {
  const p = progress(form, d);
  if (p.answered === 0) return { kind: 'error', message: '请至少为一道题打分' };
  if (!p.enough)
    return {
      kind: 'confirm',
      message: `您回答了 ${p.answered}/${p.total} 道评分题，少于 ${p.needed} 道的问卷将视为无效问卷，确定提交吗？`,
    };
  return { kind: 'ok' };
}

export interface PointOption {
  point: number;
  label: string;
  satisfied: boolean;
}

/** The buttons of one closed question, lowest first. */
export function pointOptions(scale: SurveyScale): PointOption[] {
  return scalePointLabels(scale).map((label, i) => ({
    point: i + 1,
    label: scale === 5 ? label : String(i + 1),
    satisfied: i + 1 >= SATISFIED_FROM[scale],
  }));
}

/** Words for the two ends of a 7- or 10-point scale (5-point buttons carry their own words). */
export function scaleEnds(scale: SurveyScale): [string, string] | null {
  if (scale === 5) return null;
  const labels = scalePointLabels(scale);
  return [`1 = ${labels[0]}`, `${scale} = ${labels[scale - 1]}`];
}
