import { TICKET_KINDS } from '../tickets';
import { EMERGENCY_KINDS } from './emergency';
import type { TextFeatures } from './features';
import { detectFlags } from './flags';
import { trainHead } from './heads';
import type { ClassifierModel, LabelledText, TrainOptions } from './model';

/** Folds (whole writers) whose out-of-fold answers choose the flag thresholds. */
export const FLAG_FOLDS = 6;

/** Head weights smaller than this are dropped from the artifact. */
export const HEAD_PRUNE_BELOW = 0.12;
/** Heads learn only from features seen in at least this many texts. */
export const HEAD_MIN_DOC_FREQ = 4;

/** Recall the agitation threshold aims for on held-out training texts (docs/classifier.md). */
// 0.85, the floor: an agitated flag raises the complaint's level, so precision matters too.
export const FLAG_RECALL_TARGET = { agitated: 0.85 };

/**
 * The highest threshold at which `cue || p ≥ t` still reaches `target` recall on the held-out
 * texts (fewest false alarms for that recall); 0.05 when none does.
 */
export function pickFlagThreshold(
  rows: { positive: boolean; cue: boolean; p: number }[],
  target: number,
): number {
  const pos = rows.filter((r) => r.positive);
  if (!pos.length) return 0.5;
  for (let t = 0.95; t >= 0.05 - 1e-9; t -= 0.01) {
    const caught = pos.filter((r) => r.cue || r.p >= t).length;
    if (caught / pos.length >= target) return Math.round(t * 100) / 100;
  }
  return 0.05;
}

/**
 * Recall first (docs/classifier.md): the emergency thresholds must catch this share of the emergencies in
 * the out-of-fold answers; among the pairs that do, the one with the fewest false alarms. A missed
 * trapped resident costs more than a duty person checking a false alarm.
 */
export const EMERGENCY_RECALL_TARGET = 0.97;
/** Where the recall target cannot be met, the most recall with false alarms on at most this share. */
export const EMERGENCY_FALSE_ALARM_CAP = 0.05;

/**
 * An alarm without any cue word wakes a duty person on the head's word alone: its threshold may not fall
 * below the point where more than this share of the cue-less non-emergencies (out of fold) would ring.
 * Without the floor the recall-first search once went down to 0.05 and flagged "有点事想说一下" as medical.
 */
export const CUELESS_FALSE_ALARM_CAP = 0.005;

/**
 * The lowest cue-less threshold (in hundredths, on the search's grid of odd hundredths) at which at most
 * `cap` of the cue-less negatives would raise an alarm; 101 (never) when even 0.99 rings too often.
 */
export function cuelessFloor(rows: { positive: boolean; cue: boolean; p: number }[], cap: number): number {
  const neg = rows.filter((r) => !r.positive && !r.cue).map((r) => r.p);
  let floor = 101; // above every probability: no alarm without a cue word
  for (let a = 99; a >= 3; a -= 2) {
    if (neg.filter((p) => p >= a / 100).length > cap * neg.length) break;
    floor = a;
  }
  return floor;
}

/**
 * The emergency pair `cue && p ≥ withCue || p ≥ alone`: the pair reaching `target` recall with the
 * fewest false alarms (then the most recall, then the higher thresholds); when none reaches it, the most recall within
 * `cap` false alarms. `alone` never goes below the cue-less floor (CUELESS_FALSE_ALARM_CAP).
 */
export function pickEmergencyThresholds(
  rows: { positive: boolean; cue: boolean; p: number }[],
  target = EMERGENCY_RECALL_TARGET,
  cap = EMERGENCY_FALSE_ALARM_CAP,
  cuelessCap = CUELESS_FALSE_ALARM_CAP,
): { withCue: number; alone: number; recall: number; falseAlarms: number } {
  const neg = rows.filter((r) => !r.positive).length;
  const pos = rows.length - neg;
  const floor = cuelessFloor(rows, cuelessCap);
  let best = { withCue: 0.5, alone: 0.95, caught: -1, fa: Infinity, meets: false };
  for (let a = 101; a >= floor; a -= 2)
    for (let c = a; c >= 1; c -= 2) {
      const t = { withCue: c / 100, alone: a / 100 };
      let caught = 0;
      let fa = 0;
      for (const r of rows) {
        const on = r.p >= (r.cue ? t.withCue : t.alone);
        if (on && r.positive) caught++;
        if (on && !r.positive) fa++;
      }
      const meets = caught >= target * pos;
      const better = meets
        ? !best.meets || fa < best.fa || (fa === best.fa && caught > best.caught)
        : !best.meets &&
          fa <= cap * neg &&
          (caught > best.caught || (caught === best.caught && fa < best.fa));
      if (better) best = { ...t, caught, fa, meets };
    }
  return {
    withCue: best.withCue,
    alone: best.alone,
    recall: Math.round((best.caught / Math.max(1, pos)) * 1000) / 1000,
    falseAlarms: Math.round((best.fa / Math.max(1, neg)) * 1000) / 1000,
  };
}

/**
 * Trains the kind, emergency and agitation heads on the examples that carry those labels, and
 * picks the flag thresholds on their held-out fifth. Mutates the model.
 */
export function trainHeads(
  model: ClassifierModel,
  examples: readonly LabelledText[],
  feats: readonly TextFeatures[],
  options: TrainOptions = {},
): void {
  const idx = (pred: (e: LabelledText) => boolean) =>
    examples.map((_, i) => i).filter((i) => pred(examples[i]));
  const groups = examples.map((e) => e.group ?? e.text);
  // Heads keep only the features that weigh (the artifact and the server's memory stay small).
  const opts = {
    epochs: 15,
    ...options,
    minDocFreq: Math.max(options.minDocFreq ?? 0, HEAD_MIN_DOC_FREQ),
    pruneBelow: Math.max(options.pruneBelow ?? 0, HEAD_PRUNE_BELOW),
  };

  const kindIdx = idx((e) => typeof e.kind === 'string');
  if (kindIdx.length >= 50) {
    model.heads.kind = trainHead(
      kindIdx.map((i) => feats[i]),
      kindIdx.map((i) => examples[i].kind!),
      kindIdx.map((i) => groups[i]),
      TICKET_KINDS,
      opts,
    ).head;
  }

  const emIdx = idx((e) => e.emergency !== undefined);
  if (emIdx.length >= 50) {
    const labels = emIdx.map((i) => examples[i].emergency ?? 'none');
    const { head, validation } = trainHead(
      emIdx.map((i) => feats[i]),
      labels,
      emIdx.map((i) => groups[i]),
      ['none', ...EMERGENCY_KINDS],
      { ...opts, folds: FLAG_FOLDS },
    );
    model.heads.emergency = head;
    const none = head.classes.indexOf('none');
    const t = pickEmergencyThresholds(
      validation.index.map((j, v) => ({
        positive: labels[j] !== 'none',
        cue: detectFlags(examples[emIdx[j]].text).emergency,
        p: 1 - validation.probs[v][none],
      })),
    );
    model.flagThresholds.emergency = t.alone;
    model.flagThresholds.emergencyWithCue = t.withCue;
    model.meta.emergencyOutOfFoldRecall = t.recall;
    model.meta.emergencyOutOfFoldFalseAlarms = t.falseAlarms;
  }

  const agIdx = idx((e) => typeof e.agitated === 'boolean');
  if (agIdx.length >= 50) {
    const labels = agIdx.map((i) => (examples[i].agitated ? 'yes' : 'no'));
    const { head, validation } = trainHead(
      agIdx.map((i) => feats[i]),
      labels,
      agIdx.map((i) => groups[i]),
      ['no', 'yes'],
      { ...opts, folds: FLAG_FOLDS },
      (l) => (l === 'yes' ? 2 : 1),
    );
    model.heads.agitated = head;
    model.flagThresholds.agitated = pickFlagThreshold(
      validation.index.map((j, v) => ({
        positive: labels[j] === 'yes',
        cue: detectFlags(examples[agIdx[j]].text).agitated,
        p: validation.probs[v][1],
      })),
      FLAG_RECALL_TARGET.agitated,
    );
  }
}
