import type { TextFeatures } from './features';
import {
  DEFAULT_TRAIN_OPTIONS,
  fitLinear,
  fitTemperature,
  fnv1a,
  packInt16,
  softmax,
  unpackInt16,
  type TrainOptions,
} from './model';

/**
 * A second-opinion head 辅助判别头 beside the category model: the same sparse features, its own
 * softmax regression over its own labels. Used for the kind 类型 a text reads as, the emergency kind
 * (with "none"), and agitation.
 */
export interface LinearHead {
  classes: string[];
  featureIndex: Map<string, number>;
  weights: number[];
  bias: number[];
  temperature: number;
}

export interface HeadJson {
  classes: string[];
  temperature: number;
  bias: number[];
  features: string;
  /** Row-major weights in thousandths, little-endian int16 in base64. */
  weights: string;
}

export function headProba(head: LinearHead, f: Pick<TextFeatures, 'keys' | 'values'>): number[] {
  const K = head.classes.length;
  const z = head.bias.slice();
  for (let i = 0; i < f.keys.length; i++) {
    const row = head.featureIndex.get(f.keys[i]);
    if (row === undefined) continue;
    const base = row * K;
    for (let k = 0; k < K; k++) z[k] += head.weights[base + k] * f.values[i];
  }
  return softmax(z, head.temperature);
}

/**
 * Trains a head. `weightOf(label)` scales a label's loss. The temperature is fitted on a held-out part
 * (by `group`) — with `folds`, on out-of-fold answers for every text — and the head is then refit on all;
 * `validation` returns those held-out answers for choosing flag thresholds.
 */
export function trainHead(
  feats: readonly Pick<TextFeatures, 'keys' | 'values'>[],
  labels: readonly string[],
  groups: readonly string[],
  classes: readonly string[],
  options: TrainOptions & { pruneBelow?: number; folds?: number } = {},
  weightOf: (label: string) => number = () => 1,
): { head: LinearHead; validation: { index: number[]; probs: number[][] } } {
  const opts = { folds: 0, ...DEFAULT_TRAIN_OPTIONS, ...options };
  const y = labels.map((l) => {
    const k = classes.indexOf(l);
    if (k < 0) throw new Error(`unknown label ${l}`);
    return k;
  });
  const cw = classes.map(weightOf);
  let temperature = 1;
  const validation = { index: [] as number[], probs: [] as number[][] };
  if (opts.folds > 1) {
    // Out-of-fold answers for every text: each fold (whole groups, e.g. whole writers) is answered by a
    // head trained without it. The temperature and the flag thresholds are then chosen on all texts.
    const fold = groups.map((g) => fnv1a(`${opts.seed}:fold:${g}`) % opts.folds);
    const logits: number[][] = new Array(feats.length);
    for (let k = 0; k < opts.folds; k++) {
      const tr = feats.map((_, i) => i).filter((i) => fold[i] !== k);
      const te = feats.map((_, i) => i).filter((i) => fold[i] === k);
      if (!te.length || !tr.length) continue;
      const w = fitLinear(
        tr.map((i) => feats[i]),
        tr.map((i) => y[i]),
        classes.length,
        opts,
        cw,
      );
      const h: LinearHead = { classes: [...classes], ...w, temperature: 1 };
      for (const i of te) logits[i] = logitsOf(h, feats[i]);
    }
    const answered = feats.map((_, i) => i).filter((i) => logits[i]);
    temperature = fitTemperature(
      answered.map((i) => logits[i]),
      answered.map((i) => y[i]),
    );
    validation.index = answered;
    validation.probs = answered.map((i) => softmax(logits[i], temperature));
  } else {
    const isVal = groups.map((g) => (fnv1a(`${opts.seed}:head:${g}`) % 1000) / 1000 < opts.validationShare);
    if (isVal.filter(Boolean).length >= 20) {
      const tr = feats.map((_, i) => i).filter((i) => !isVal[i]);
      const inner = fitLinear(
        tr.map((i) => feats[i]),
        tr.map((i) => y[i]),
        classes.length,
        opts,
        cw,
      );
      const head: LinearHead = { classes: [...classes], ...inner, temperature: 1 };
      const val = feats.map((_, i) => i).filter((i) => isVal[i]);
      temperature = fitTemperature(
        val.map((i) => logitsOf(head, feats[i])),
        val.map((i) => y[i]),
      );
      head.temperature = temperature;
      validation.index = val;
      validation.probs = val.map((i) => headProba(head, feats[i]));
    }
  }
  const lw = fitLinear(feats, y, classes.length, opts, cw);
  const head: LinearHead = { classes: [...classes], ...lw, temperature };
  pruneHead(head, opts.pruneBelow);
  return { head, validation };
}

function logitsOf(head: LinearHead, f: Pick<TextFeatures, 'keys' | 'values'>): number[] {
  const K = head.classes.length;
  const z = head.bias.slice();
  for (let i = 0; i < f.keys.length; i++) {
    const row = head.featureIndex.get(f.keys[i]);
    if (row === undefined) continue;
    for (let k = 0; k < K; k++) z[k] += head.weights[row * K + k] * f.values[i];
  }
  return z;
}

function pruneHead(head: LinearHead, below: number): void {
  const K = head.classes.length;
  const keep: [string, number[]][] = [];
  for (const [key, row] of head.featureIndex) {
    const ws = head.weights.slice(row * K, row * K + K).map((x) => Math.round(x * 1000) / 1000);
    if (ws.some((x) => Math.abs(x) >= below)) keep.push([key, ws]);
  }
  keep.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  head.featureIndex = new Map();
  head.weights = [];
  for (const [key, ws] of keep) {
    head.featureIndex.set(key, head.featureIndex.size);
    for (const w of ws) head.weights.push(w);
  }
  head.bias = head.bias.map((x) => Math.round(x * 1000) / 1000);
}

export function headToJson(head: LinearHead): HeadJson {
  return {
    classes: [...head.classes],
    temperature: head.temperature,
    bias: head.bias.map((x) => Math.round(x * 1000) / 1000),
    features: [...head.featureIndex.keys()].join('\n'),
    weights: packInt16(head.weights.map((x) => Math.round(x * 1000))),
  };
}

export function headFromJson(j: HeadJson): LinearHead {
  const K = j.classes.length;
  const features = j.features ? j.features.split('\n') : [];
  const weights = unpackInt16(j.weights);
  if (weights.length !== features.length * K) throw new Error('corrupt artifact: head weight count');
  const featureIndex = new Map<string, number>();
  features.forEach((k, i) => featureIndex.set(k, i));
  return {
    classes: [...j.classes],
    featureIndex,
    weights: Array.from(weights, (x) => x / 1000),
    bias: j.bias.slice(),
    temperature: j.temperature,
  };
}

/**
 * Multinomial naive Bayes 朴素贝叶斯 over the same features, written as a linear head: the weight of a
 * feature for a class is its smoothed log-likelihood, centred across classes (softmax does not see a
 * constant added to every class, and centring lets the artifact keep small numbers). `temperature`
 * flattens its over-confident probabilities before they are averaged with the regression's.
 * Rule indicators are left out (the regression weighs them); features in fewer than `minDocFreq`
 * texts, and features spread evenly over the classes, are left out to keep the artifact small.
 */
export function trainNaiveBayes(
  feats: readonly Pick<TextFeatures, 'keys'>[],
  labels: readonly number[],
  classes: readonly string[],
  opts: { alpha: number; temperature: number; minDocFreq: number; pruneBelow: number },
): LinearHead {
  const K = classes.length;
  const counts = new Map<string, Float64Array>();
  const total = new Float64Array(K);
  const prior = new Float64Array(K);
  feats.forEach((f, i) => {
    const k = labels[i];
    prior[k]++;
    for (const key of f.keys) {
      if (key.startsWith('R:')) continue;
      let row = counts.get(key);
      if (!row) counts.set(key, (row = new Float64Array(K)));
      row[k] += 1;
      total[k] += 1;
    }
  });
  const V = counts.size;
  const keys = [...counts.keys()]
    .filter((k) => counts.get(k)!.reduce((a, b) => a + b, 0) >= opts.minDocFreq)
    .sort();
  const featureIndex = new Map<string, number>();
  const weights: number[] = [];
  for (const key of keys) {
    const row = counts.get(key)!;
    const w = Array.from(row, (n, k) => Math.log((n + opts.alpha) / (total[k] + opts.alpha * V)));
    const mean = w.reduce((a, b) => a + b, 0) / K;
    // A feature spread evenly over the classes tells nothing: left out.
    if (Math.max(...w.map((x) => Math.abs(x - mean))) < opts.pruneBelow) continue;
    featureIndex.set(key, featureIndex.size);
    for (const x of w) weights.push(Math.round((x - mean) * 1000) / 1000);
  }
  const bias = Array.from(prior, (p) => Math.log(Math.max(p, 1) / feats.length));
  const mb = bias.reduce((a, b) => a + b, 0) / K;
  return {
    classes: [...classes],
    featureIndex,
    weights,
    bias: bias.map((b) => Math.round((b - mb) * 1000) / 1000),
    temperature: opts.temperature,
  };
}
