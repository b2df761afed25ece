import type { DepartmentCode } from '../roles';
import { CATEGORY_NAMES, departmentFor, type CategoryName } from './categories';
import { extractFeatures, type TextFeatures } from './features';
import { normalizeText } from './normalize';
import { trainHeads } from './train-heads';
import { matchRules } from './rules';
import {
  findCorrection,
  fromJson,
  learnOne,
  ensembleProba,
  predictProba,
  toJson,
  trainModel,
  type ClassifierModel,
  type LabelledText,
  type ModelJson,
  type TrainOptions,
} from './model';

/** Why a category was chosen: a cause rule that fired, or a model feature that weighed in. */
export type ClassificationReason =
  { type: 'rule'; id: string; text: string } | { type: 'feature'; feature: string; weight: number };

/** Why a complaint goes to a person 人工分派 instead of being routed automatically. */
export type TriageReason = 'low-confidence' | 'rule-model-disagreement' | 'conflicting-rules';
export const TRIAGE_REASON_LABELS: Record<TriageReason, string> = {
  'low-confidence': '置信度低于自动分派阈值',
  'rule-model-disagreement': '归因规则与模型判断不一致',
  'conflicting-rules': '多条归因规则指向不同类别',
};

export interface Classification {
  category: CategoryName;
  /** Calibrated probability that the category is right (0–1). */
  confidence: number;
  departmentCode: DepartmentCode;
  reasons: ClassificationReason[];
  needsTriage: boolean;
  triageReason?: TriageReason;
  /** Model probability per category (calibrated). */
  probabilities: Record<CategoryName, number>;
}

export interface ClassifyOptions {
  /** Auto-routing threshold; defaults to the one stored in the model. */
  threshold?: number;
  /** Per-project routing overrides (category → department). */
  routing?: Partial<Record<CategoryName, DepartmentCode>>;
  /** How many model features to list as reasons. */
  maxFeatureReasons?: number;
}

/** Laplace-smoothed precision of a rule on the training data; unseen rules get a modest prior. */
function rulePrecision(model: ClassifierModel, id: string): number {
  const s = model.ruleStats[id];
  if (!s) return 0.85;
  return (s[1] + 1) / (s[0] + 2);
}

interface Decision {
  category: CategoryName;
  confidence: number;
  /** Triage regardless of the threshold (disagreement). */
  forced: TriageReason | null;
  reasons: ClassificationReason[];
  probs: number[];
}

/**
 * The decision: a staff correction the text nearly duplicates wins; otherwise the ensemble (regression
 * + naive Bayes) decides, the cause rules being features it has learnt to weigh — measured on written
 * messages, letting a rule override the model cost three points of accuracy. A model without naive
 * Bayes (an artifact from before) keeps the old hybrid: the highest-tier rule decides and the model
 * confirms it (disagreement → triage).
 */
function decideFeatures(model: ClassifierModel, f: TextFeatures): Decision {
  const probs = ensembleProba(model, f);
  let top = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[top]) top = k;
  const modelCategory = model.classes[top];

  const corr = findCorrection(model, f.folded);
  if (corr) {
    const k = model.classes.indexOf(corr.correction.category);
    return {
      category: corr.correction.category,
      confidence: Math.max(probs[k], Math.min(0.99, corr.similarity)),
      forced: null,
      reasons: [
        { type: 'rule', id: 'staff-correction', text: '与员工更正过的投诉几乎相同，沿用更正后的类别' },
      ],
      probs,
    };
  }
  if (model.heads.nb) {
    // The rules that agree with the decision explain it in the company's words.
    const reasons: ClassificationReason[] = f.rules
      .filter((r) => r.category === modelCategory)
      .slice(0, 2)
      .map((r) => ({ type: 'rule' as const, id: r.id, text: r.explanation }));
    return { category: modelCategory, confidence: probs[top], forced: null, reasons, probs };
  }
  if (f.rules.length) {
    const lead = f.rules[0];
    const reasons: ClassificationReason[] = f.rules
      .slice(0, 3)
      .map((r) => ({ type: 'rule' as const, id: r.id, text: r.explanation }));
    const k = model.classes.indexOf(lead.category);
    const conflicting = f.rules.some((r) => r.tier === lead.tier && r.category !== lead.category);
    const agrees = modelCategory === lead.category;
    const confidence = agrees ? Math.max(probs[k], rulePrecision(model, lead.id)) : probs[k];
    return {
      category: lead.category,
      confidence,
      forced: conflicting ? 'conflicting-rules' : agrees ? null : 'rule-model-disagreement',
      reasons,
      probs,
    };
  }
  return { category: modelCategory, confidence: probs[top], forced: null, reasons: [], probs };
}

/**
 * The words that pushed the text towards `category` most (weight × value, strongest first): jieba
 * words and concept names only, so staff read "电梯", never a code like "C:elevator" or a fragment.
 */
function featureReasons(
  model: ClassifierModel,
  f: TextFeatures,
  category: CategoryName,
  n: number,
): ClassificationReason[] {
  if (n <= 0) return [];
  const K = model.classes.length;
  const k = model.classes.indexOf(category);
  const best = new Map<string, number>();
  f.keys.forEach((key, i) => {
    let word: string | undefined;
    if (key.startsWith('W:')) word = key.slice(2);
    else if (key.startsWith('C:')) word = f.concepts.find((c) => `C:${c.id}` === key)?.label;
    if (!word) return;
    const row = model.featureIndex.get(key);
    if (row === undefined) return;
    const contrib = model.weights[row * K + k] * f.values[i];
    if (contrib > (best.get(word) ?? 0)) best.set(word, contrib);
  });
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([feature, w]) => ({ type: 'feature', feature, weight: Math.round(w * 1000) / 1000 }));
}

/** Classifies one complaint text. Pure and fast (well under a millisecond). */
export function classify(
  model: ClassifierModel,
  text: string,
  options: ClassifyOptions = {},
): Classification {
  return classifyFeatures(model, extractFeatures(text), options);
}

/** `classify` on features already extracted (analyzeComplaint extracts once for every head). */
export function classifyFeatures(
  model: ClassifierModel,
  f: TextFeatures,
  options: ClassifyOptions = {},
): Classification {
  const d = decideFeatures(model, f);
  const threshold = options.threshold ?? model.threshold;
  const triage: TriageReason | undefined =
    d.forced ?? (d.confidence < threshold ? 'low-confidence' : undefined);
  const probabilities = {} as Record<CategoryName, number>;
  model.classes.forEach((c, i) => (probabilities[c] = Math.round(d.probs[i] * 10000) / 10000));
  return {
    category: d.category,
    confidence: Math.round(d.confidence * 10000) / 10000,
    departmentCode: departmentFor(d.category, options.routing),
    reasons: [...d.reasons, ...featureReasons(model, f, d.category, options.maxFeatureReasons ?? 5)],
    needsTriage: triage !== undefined,
    ...(triage ? { triageReason: triage } : {}),
    probabilities,
  };
}

/** Loads the JSON artifact (object or string) into a ready-to-use model. */
export function loadClassifier(json: ModelJson | string): ClassifierModel {
  return fromJson(json);
}

/** Serialises a model to its JSON artifact. */
export function saveClassifier(model: ClassifierModel): ModelJson {
  return toJson(model);
}

/**
 * Full retrain from labelled examples (deterministic). `heads: false` trains the categories only (a
 * company's retrain on the server keeps the shipped heads: staff correct categories, not flags).
 */
export function train(
  examples: readonly LabelledText[],
  options: TrainOptions & { heads?: boolean } = {},
): ClassifierModel {
  for (const e of examples)
    if (!CATEGORY_NAMES.includes(e.category)) throw new Error(`unknown category ${e.category}`);
  const model = trainModel(examples, options, (m, f) => {
    const d = decideFeatures(m, f);
    return { category: d.category, confidence: d.confidence, forced: d.forced !== null };
  });
  const labelsHeads = examples.some(
    (e) => e.kind !== undefined || e.emergency !== undefined || e.agitated !== undefined,
  );
  if (options.heads !== false && labelsHeads) {
    // Canonical order, as for the category model: the heads do not depend on how examples were ordered.
    const sorted = [...examples].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    trainHeads(
      model,
      sorted,
      sorted.map((e) => extractFeatures(e.text)),
      options,
    );
  }
  return model;
}

/**
 * Applies one staff correction 人工更正 immediately: the same or a near-identical text then gets
 * `category`. Mutates and returns the model (persist it with saveClassifier).
 */
export function learn(model: ClassifierModel, text: string, category: CategoryName): ClassifierModel {
  return learnOne(model, text, category, model.threshold);
}

export interface CategoryMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  macroF1: number;
  perCategory: Record<CategoryName, CategoryMetrics>;
  /** confusion[true][predicted] = count. */
  confusion: Record<CategoryName, Record<CategoryName, number>>;
  threshold: number;
  /** Share of texts routed automatically (not sent to triage). */
  autoShare: number;
  /** Accuracy among the automatically routed texts. */
  autoAccuracy: number;
  /** Rule id → [fired, correct] on these examples. */
  rules: Record<string, [number, number]>;
}

/** Accuracy, macro-F1, confusion matrix and the auto-routing figures at a threshold. */
export function evaluate(
  model: ClassifierModel,
  examples: readonly LabelledText[],
  options: { threshold?: number } = {},
): Evaluation {
  const threshold = options.threshold ?? model.threshold;
  const cats = model.classes;
  const confusion = {} as Record<CategoryName, Record<CategoryName, number>>;
  for (const a of cats) {
    confusion[a] = {} as Record<CategoryName, number>;
    for (const b of cats) confusion[a][b] = 0;
  }
  let correct = 0;
  let auto = 0;
  let autoCorrect = 0;
  const rules: Record<string, [number, number]> = {};
  for (const e of examples) {
    const r = classify(model, e.text, { threshold, maxFeatureReasons: 0 });
    confusion[e.category][r.category]++;
    const ok = r.category === e.category;
    if (ok) correct++;
    if (!r.needsTriage) {
      auto++;
      if (ok) autoCorrect++;
    }
    for (const rule of matchRules(normalizeText(e.text))) {
      const s = (rules[rule.id] ??= [0, 0]);
      s[0]++;
      if (rule.category === e.category) s[1]++;
    }
  }
  const perCategory = {} as Record<CategoryName, CategoryMetrics>;
  let f1sum = 0;
  for (const c of cats) {
    const tp = confusion[c][c];
    const support = cats.reduce((s, p) => s + confusion[c][p], 0);
    const predicted = cats.reduce((s, t) => s + confusion[t][c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perCategory[c] = { precision, recall, f1, support };
    f1sum += f1;
  }
  const n = examples.length || 1;
  return {
    total: examples.length,
    accuracy: correct / n,
    macroF1: f1sum / cats.length,
    perCategory,
    confusion,
    threshold,
    autoShare: auto / n,
    autoAccuracy: auto ? autoCorrect / auto : 0,
    rules,
  };
}

/** Gives `model` the kind, emergency and agitation heads (and flag thresholds) of `from`. */
export function copyHeads(model: ClassifierModel, from: ClassifierModel): ClassifierModel {
  const { nb } = model.heads;
  model.heads = { ...from.heads, ...(nb ? { nb } : {}) };
  if (!nb) delete model.heads.nb;
  model.flagThresholds = { ...from.flagThresholds };
  return model;
}
