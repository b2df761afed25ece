/**
 * Page logic of the survey-admin sub-package (满意度调查管理): number formats, bar widths and the
 * questionnaire builder's edits. Pure, unit-tested; the server checks every rule again.
 */
import type { QuestionnaireDetail, SurveyScale } from '../services/surveyTypes';

/** 0.625 → "62.5%"; null → "—". */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(Math.round(x * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** 82.46 → "82.5"; null → "—". */
export function score(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** CSS width of a bar for a value on 0…max, never below 0 or above 100%. */
export function barWidth(value: number | null | undefined, max = 100): string {
  if (!value || !max || value <= 0) return '0%';
  return `${Math.min(100, (value / max) * 100).toFixed(1)}%`;
}

/** A score's bar colour class: green when satisfied (≥ 75), amber in between, red below 50. */
export function scoreTone(x: number | null | undefined): 'good' | 'fair' | 'poor' | 'none' {
  if (x === null || x === undefined) return 'none';
  return x >= 75 ? 'good' : x >= 50 ? 'fair' : 'poor';
}

export interface CampaignFormInput {
  title: string;
  questionnaireId: string | null;
  samplePercent: string;
  minSample: string;
  minAnsweredPercent: string;
}

/** The first problem with the new-campaign form (rules of docs/domain-rules.md "Satisfaction surveys"), or null. */
export function campaignFormError(f: CampaignFormInput): string | null {
  if (!f.title.trim()) return '请填写调查名称';
  if (!f.questionnaireId) return '请选择问卷';
  const rate = Number(f.samplePercent);
  if (!Number.isInteger(rate) || rate < 20 || rate > 100) return '抽样比例应为 20–100 的整数（不低于 20%）';
  const min = Number(f.minSample);
  if (!Number.isInteger(min) || min < 20) return '最少样本量应为不小于 20 的整数';
  const valid = Number(f.minAnsweredPercent);
  if (!Number.isInteger(valid) || valid < 50 || valid > 100) return '有效问卷答题比例应为 50–100 的整数';
  return null;
}

export function campaignBody(f: CampaignFormInput) {
  return {
    title: f.title.trim(),
    questionnaireId: f.questionnaireId,
    samplePercent: Number(f.samplePercent),
    minSample: Number(f.minSample),
    minAnsweredPercent: Number(f.minAnsweredPercent),
  };
}

// ---------------------------------------------------------------- questionnaire builder 问卷编辑

type Section = QuestionnaireDetail['sections'][number];
type Question = Section['questions'][number];
/** A questionnaire as the builder edits it and PUT takes it: sections and questions have ids once saved. */
export type Definition = Pick<QuestionnaireDetail, 'title' | 'intro' | 'closing' | 'drivers'> & {
  sections: Array<
    Omit<Section, 'id' | 'questions'> & {
      id?: string;
      questions: Array<Omit<Question, 'id'> & { id?: string }>;
    }
  >;
};

/** The PUT body from a loaded questionnaire (ids dropped: the server renumbers). */
export function toDefinition(q: QuestionnaireDetail): Definition {
  return {
    title: q.title,
    intro: q.intro,
    closing: q.closing,
    drivers: q.drivers.map((d) => ({ ...d })),
    sections: q.sections.map((s) => ({
      title: s.title,
      questions: s.questions.map(({ id: _id, ...rest }) => ({ ...rest })),
    })),
  };
}

export function setWeight(def: Definition, code: string, weight: number): Definition {
  return { ...def, drivers: def.drivers.map((d) => (d.code === code ? { ...d, weight } : d)) };
}

/** Each driver's share of the total weight, for showing next to the weights. */
export function weightShares(def: Definition): Record<string, number> {
  const sum = def.drivers.reduce((a, d) => a + (d.weight > 0 ? d.weight : 0), 0);
  return Object.fromEntries(def.drivers.map((d) => [d.code, sum ? Math.max(0, d.weight) / sum : 0]));
}

type QuestionPatch = Partial<Definition['sections'][number]['questions'][number]>;

function mapQuestion(
  def: Definition,
  si: number,
  qi: number,
  fn: (q: Definition['sections'][number]['questions'][number]) => QuestionPatch | null,
): Definition {
  return {
    ...def,
    sections: def.sections.map((s, i) =>
      i !== si
        ? s
        : {
            ...s,
            questions: s.questions.flatMap((q, j) => {
              if (j !== qi) return [q];
              const patch = fn(q);
              return patch === null ? [] : [{ ...q, ...patch }];
            }),
          },
    ),
  };
}

export const setQuestionText = (def: Definition, si: number, qi: number, text: string) =>
  mapQuestion(def, si, qi, () => ({ text }));

export const setQuestionScale = (def: Definition, si: number, qi: number, scale: SurveyScale) =>
  mapQuestion(def, si, qi, (q) => (q.kind === 'scale' ? { scale } : {}));

export const removeQuestion = (def: Definition, si: number, qi: number) =>
  mapQuestion(def, si, qi, () => null);

/** A key not used yet in the questionnaire: q1, q2 … */
export function nextKey(def: Definition): string {
  const used = new Set(def.sections.flatMap((s) => s.questions.map((q) => q.key)));
  let i = used.size + 1;
  while (used.has(`q${i}`)) i++;
  return `q${i}`;
}

/**
 * Adds a question at the end of a section: a closed one measures the driver its section's closed
 * questions measure (or the first driver) on the scale they use (or 5 points); an open one has neither.
 */
export function addQuestion(def: Definition, si: number, kind: 'scale' | 'open', text: string): Definition {
  const section = def.sections[si];
  const sibling = section.questions.find((q) => q.kind === 'scale');
  const question =
    kind === 'scale'
      ? {
          key: nextKey(def),
          kind,
          text,
          scale: sibling?.scale ?? (5 as SurveyScale),
          driver: sibling?.driver ?? def.drivers[0]?.code,
        }
      : { key: nextKey(def), kind, text };
  return {
    ...def,
    sections: def.sections.map((s, i) => (i === si ? { ...s, questions: [...s.questions, question] } : s)),
  };
}
