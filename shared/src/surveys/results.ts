/**
 * Survey results 调查结果 (docs/domain-rules.md "Satisfaction surveys"; the satisfaction-management handbook
 * (7)(8)):
 * - invalid questionnaires 无效问卷 (too few closed questions answered) are excluded and counted;
 * - satisfaction score 满意度 = mean of each valid questionnaire's weighted score, 0–100, where a
 *   questionnaire's score is the driver-weighted mean of its drivers' scores (a driver's score is the
 *   mean of its answered questions, see normaliseScore);
 * - satisfaction rate 满意率 = share of valid questionnaires whose weighted score counts as satisfied
 *   (≥ 75: on one 5-point question that is 满意 or 很满意) — "注意满意率和满意度的区别";
 * - per driver and per building the same two numbers over the questionnaires that answered them;
 * - dissatisfaction drivers 不满意驱动因素: drivers ranked by (100 − score) × weight share, i.e. where
 *   the lost points weigh most; satisfaction drivers 满意驱动因素 by score × weight share;
 * - open answers 开放式意见 listed with their building only, never a name or a room.
 */
import { isSatisfiedPoint, isSatisfiedScore, normaliseScore, SurveyScale } from './scales';
import type { SurveyDriver } from './questionnaire';

export interface ResultQuestion {
  id: string;
  kind: 'scale' | 'open';
  text: string;
  scale?: SurveyScale;
  driver?: string;
}

export interface ResultAnswer {
  questionId: string;
  /** Closed questions: the chosen point; null/absent = not answered (不了解 / skipped). */
  point?: number | null;
  /** Open questions. */
  text?: string | null;
}

/** One submitted questionnaire (drafts never reach the results). */
export interface ResultResponse {
  building: string;
  answers: ResultAnswer[];
}

export interface ResultsInput {
  drivers: SurveyDriver[];
  questions: ResultQuestion[];
  /** Sampled households per building (the denominator of the response rate). */
  sampleByBuilding: { building: string; sampled: number }[];
  responses: ResultResponse[];
  /** A questionnaire is valid when answered closed questions / closed questions ≥ this (e.g. 0.8). */
  minAnsweredRatio: number;
}

export interface ScoreSummary {
  /** Valid questionnaires counted. */
  count: number;
  /** 0–100, null when nothing to count. */
  score: number | null;
  /** 0–1, null when nothing to count. */
  rate: number | null;
}

export interface DriverResult extends ScoreSummary {
  code: string;
  name: string;
  weight: number;
  /** weight / sum of weights. */
  weightShare: number;
  /** (100 − score) × weightShare: the points lost here, weighted. */
  dissatisfactionImpact: number | null;
}

export interface BuildingResult extends ScoreSummary {
  building: string;
  sampled: number;
  submitted: number;
  valid: number;
  invalid: number;
  responseRate: number | null;
}

export interface QuestionResult {
  id: string;
  text: string;
  driver: string;
  scale: SurveyScale;
  answered: number;
  /** Mean 0–100 score of the answers. */
  score: number | null;
  /** Share of answers at or above the satisfied point. */
  rate: number | null;
  /** Answers per point, index 0 = point 1. */
  distribution: number[];
}

export interface OpenAnswer {
  questionId: string;
  question: string;
  building: string;
  text: string;
}

export interface SurveyResults extends ScoreSummary {
  sampled: number;
  submitted: number;
  valid: number;
  invalid: number;
  /** submitted / sampled. */
  responseRate: number | null;
  closedQuestions: number;
  /** Closed questions a questionnaire must answer to be valid. */
  minAnswered: number;
  drivers: DriverResult[];
  /** Driver codes, most lost weighted points first (only drivers with answers). */
  dissatisfactionDrivers: string[];
  /** Driver codes, most weighted satisfaction first (only drivers with answers). */
  satisfactionDrivers: string[];
  buildings: BuildingResult[];
  questions: QuestionResult[];
  openAnswers: OpenAnswer[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);

/** Closed questions a questionnaire must answer: ⌈ratio × closed⌉ (80% of 16 → 13). */
export function minAnsweredFor(closedCount: number, ratio: number): number {
  return Math.ceil(Math.round(ratio * closedCount * 1e6) / 1e6);
}

interface Scored {
  building: string;
  /** Driver code → the questionnaire's driver score. */
  driverScores: Map<string, number>;
  score: number;
}

function summarise(scores: number[]): ScoreSummary {
  return {
    count: scores.length,
    score: mean(scores),
    rate: scores.length ? scores.filter(isSatisfiedScore).length / scores.length : null,
  };
}

export function computeResults(input: ResultsInput): SurveyResults {
  const closed = input.questions.filter(
    (q): q is ResultQuestion & { scale: SurveyScale; driver: string } =>
      q.kind === 'scale' && !!q.scale && !!q.driver,
  );
  const closedById = new Map(closed.map((q) => [q.id, q]));
  const openById = new Map(input.questions.filter((q) => q.kind === 'open').map((q) => [q.id, q]));
  const minAnswered = minAnsweredFor(closed.length, input.minAnsweredRatio);
  const weightSum = input.drivers.reduce((a, d) => a + d.weight, 0);

  const valid: { response: ResultResponse; scored: Scored }[] = [];
  const invalidByBuilding = new Map<string, number>();
  const submittedByBuilding = new Map<string, number>();
  for (const r of input.responses) {
    submittedByBuilding.set(r.building, (submittedByBuilding.get(r.building) ?? 0) + 1);
    const points = new Map<string, number>();
    for (const a of r.answers) {
      const q = closedById.get(a.questionId);
      if (q && typeof a.point === 'number' && Number.isInteger(a.point) && a.point >= 1 && a.point <= q.scale)
        points.set(q.id, a.point);
    }
    if (points.size < minAnswered || points.size === 0) {
      invalidByBuilding.set(r.building, (invalidByBuilding.get(r.building) ?? 0) + 1);
      continue;
    }
    const perDriver = new Map<string, number[]>();
    for (const [qid, point] of points) {
      const q = closedById.get(qid)!;
      if (!perDriver.has(q.driver)) perDriver.set(q.driver, []);
      perDriver.get(q.driver)!.push(normaliseScore(point, q.scale));
    }
    const driverScores = new Map([...perDriver].map(([d, xs]) => [d, mean(xs)!]));
    let num = 0;
    let den = 0;
    for (const d of input.drivers) {
      const s = driverScores.get(d.code);
      if (s === undefined) continue;
      num += d.weight * s;
      den += d.weight;
    }
    valid.push({ response: r, scored: { building: r.building, driverScores, score: num / den } });
  }

  const drivers: DriverResult[] = input.drivers.map((d) => {
    const s = summarise(
      valid.map((v) => v.scored.driverScores.get(d.code)).filter((x): x is number => x !== undefined),
    );
    const weightShare = weightSum ? d.weight / weightSum : 0;
    return {
      code: d.code,
      name: d.name,
      weight: d.weight,
      weightShare,
      ...s,
      dissatisfactionImpact: s.score === null ? null : (100 - s.score) * weightShare,
    };
  });
  const answered = drivers.filter((d) => d.score !== null);
  const order = (f: (d: DriverResult) => number) =>
    [...answered].sort((a, b) => f(b) - f(a) || a.code.localeCompare(b.code)).map((d) => d.code);

  const buildingNames = [
    ...input.sampleByBuilding.map((b) => b.building),
    ...[...submittedByBuilding.keys()].filter((b) => !input.sampleByBuilding.some((s) => s.building === b)),
  ];
  const buildings: BuildingResult[] = buildingNames.map((building) => {
    const sampled = input.sampleByBuilding.find((b) => b.building === building)?.sampled ?? 0;
    const submitted = submittedByBuilding.get(building) ?? 0;
    const invalid = invalidByBuilding.get(building) ?? 0;
    return {
      building,
      sampled,
      submitted,
      valid: submitted - invalid,
      invalid,
      responseRate: sampled ? submitted / sampled : null,
      ...summarise(valid.filter((v) => v.scored.building === building).map((v) => v.scored.score)),
    };
  });

  const questions: QuestionResult[] = closed.map((q) => {
    const points = valid
      .map((v) => v.response.answers.find((a) => a.questionId === q.id)?.point)
      .filter((p): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= q.scale);
    const distribution = new Array<number>(q.scale).fill(0);
    points.forEach((p) => distribution[p - 1]++);
    return {
      id: q.id,
      text: q.text,
      driver: q.driver,
      scale: q.scale,
      answered: points.length,
      score: mean(points.map((p) => normaliseScore(p, q.scale))),
      rate: points.length ? points.filter((p) => isSatisfiedPoint(p, q.scale)).length / points.length : null,
      distribution,
    };
  });

  const openAnswers: OpenAnswer[] = [];
  for (const v of valid)
    for (const a of v.response.answers) {
      const q = openById.get(a.questionId);
      const text = a.text?.trim();
      if (q && text)
        openAnswers.push({ questionId: q.id, question: q.text, building: v.response.building, text });
    }

  const sampled = input.sampleByBuilding.reduce((a, b) => a + b.sampled, 0);
  const submitted = input.responses.length;
  return {
    sampled,
    submitted,
    valid: valid.length,
    invalid: submitted - valid.length,
    responseRate: sampled ? submitted / sampled : null,
    closedQuestions: closed.length,
    minAnswered,
    ...summarise(valid.map((v) => v.scored.score)),
    drivers,
    dissatisfactionDrivers: order((d) => d.dissatisfactionImpact ?? 0),
    satisfactionDrivers: order((d) => (d.score ?? 0) * d.weightShare),
    buildings,
    questions,
    openAnswers,
  };
}
