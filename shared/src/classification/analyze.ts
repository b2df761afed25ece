import { TICKET_KINDS, TICKET_KIND_LABELS, type TicketKind } from '../tickets';
import { departmentName, type CategoryName } from './categories';
import { classifyFeatures, type Classification, type ClassifyOptions } from './classifier';
import { EMERGENCY_LABELS, isEmergencyKind, type EmergencyKind } from './emergency';
import { extractFeatures, type TextFeatures } from './features';
import { flagsFrom, type ComplaintFlags } from './flags';
import { headProba } from './heads';
import type { ClassifierModel } from './model';

/** The kind the text reads as, when it differs from the kind it was filed as (a suggestion). */
export interface KindSuggestion {
  kind: TicketKind;
  label: string;
  confidence: number;
}

/** Everything the intake needs about one text: category, department, triage, flags, kind. */
export interface ComplaintAnalysis extends Classification {
  departmentName: string;
  flags: ComplaintFlags;
  /** The kind the text reads as (the kind head), or null when the model has no kind head. */
  kind: TicketKind | null;
  kindConfidence: number;
  /** Set when `filedAs` was given and the text reads as another kind with confidence ≥ 0.7. */
  kindSuggestion: KindSuggestion | null;
  /** One plain-Chinese sentence for staff: what in the text led to the category (never shown to residents). */
  explanation: string;
}

export interface AnalyzeOptions extends ClassifyOptions {
  /** The kind the resident or front desk filed the text as. */
  filedAs?: TicketKind;
}

/** Confidence the kind head needs before the product suggests another kind to the resident. */
export const KIND_SUGGESTION_CONFIDENCE = 0.7;

function emergencyFromHeads(
  model: ClassifierModel,
  f: TextFeatures,
): { p: number; kind: EmergencyKind | null } {
  const head = model.heads.emergency;
  if (!head) return { p: 0, kind: null };
  const probs = headProba(head, f);
  let p = 0;
  let best = -1;
  head.classes.forEach((c, i) => {
    if (c === 'none') return;
    p += probs[i];
    if (best < 0 || probs[i] > probs[best]) best = i;
  });
  const kind = best >= 0 && isEmergencyKind(head.classes[best]) ? head.classes[best] : null;
  return { p, kind: kind as EmergencyKind | null };
}

/**
 * The text's flags: cue patterns first (they name the words), then the trained heads for what the
 * patterns miss — recall first for emergencies (docs/classification-rules.md §3–4).
 */
export function combineFlags(model: ClassifierModel, f: TextFeatures, cues: ComplaintFlags): ComplaintFlags {
  const flags = { ...cues };
  const em = emergencyFromHeads(model, f);
  if (model.heads.emergency) {
    // A cue needs the head's weak support; without a cue the head must be sure on its own.
    const t = cues.emergency ? model.flagThresholds.emergencyWithCue : model.flagThresholds.emergency;
    if (em.p < t) {
      Object.assign(flags, {
        emergency: false,
        emergencyKind: null,
        emergencyMatched: [],
        emergencyWords: [],
      });
    } else if (!cues.emergency && em.kind && cues.compensationYuan === null) {
      // (Without a cue, a text claiming money for damage is about damage done: the head alone does not ring.)
      Object.assign(flags, {
        emergency: true,
        emergencyKind: em.kind,
        emergencyMatched: [EMERGENCY_LABELS[em.kind]],
      });
    }
  }
  const ag = model.heads.agitated;
  if (!flags.agitated && ag) {
    const p = headProba(ag, f)[ag.classes.indexOf('yes')];
    if (p >= model.flagThresholds.agitated) {
      flags.agitated = true;
      flags.agitatedMatched = [...flags.agitatedMatched, '语气激烈'];
    }
  }
  return flags;
}

const CONCEPT_WORD = /^C:/;

/**
 * A sentence for staff: the cause rule's own explanation when a rule decided, else the words of the
 * text that weighed most for the category ("电梯、困人 → 设备管理类"). Only whole words and concept
 * names, never feature codes or single characters.
 */
export function explain(model: ClassifierModel, f: TextFeatures, c: Classification): string {
  const rule = c.reasons.find((r) => r.type === 'rule');
  const K = model.classes.length;
  const k = model.classes.indexOf(c.category);
  const scored: [string, number][] = [];
  f.keys.forEach((key, i) => {
    const row = model.featureIndex.get(key);
    if (row === undefined) return;
    const w = model.weights[row * K + k] * f.values[i];
    if (w <= 0) return;
    if (key.startsWith('W:')) scored.push([key.slice(2), w]);
    else if (CONCEPT_WORD.test(key)) {
      const concept = f.concepts.find((x) => `C:${x.id}` === key);
      if (concept) scored.push([concept.label, w]);
    }
  });
  scored.sort((a, b) => b[1] - a[1]);
  const seen = new Set<string>();
  const words = scored
    .map(([w]) => w)
    .filter((w) => !seen.has(w) && seen.add(w))
    .slice(0, 3);
  if (rule && rule.type === 'rule') {
    const because = rule.text.includes(c.category) ? rule.text : `${rule.text}（${c.category}）`;
    return words.length ? `${words.join('、')} → ${because}` : because;
  }
  return words.length ? `${words.join('、')} → ${c.category}` : `按文本整体判断为${c.category}`;
}

function kindOf(model: ClassifierModel, f: TextFeatures): { kind: TicketKind | null; confidence: number } {
  const head = model.heads.kind;
  if (!head) return { kind: null, confidence: 0 };
  const p = headProba(head, f);
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  const kind = head.classes[best] as TicketKind;
  return (TICKET_KINDS as readonly string[]).includes(kind)
    ? { kind, confidence: Math.round(p[best] * 10000) / 10000 }
    : { kind: null, confidence: 0 };
}

/** classify + flags + kind in one call (what the server and the `pnpm classify` CLI use). */
export function analyzeComplaint(
  model: ClassifierModel,
  text: string,
  options: AnalyzeOptions = {},
): ComplaintAnalysis {
  const f = extractFeatures(text);
  const c = classifyFeatures(model, f, options);
  const flags = combineFlags(model, f, flagsFrom(text, f.normalized, f.cues));
  const k = kindOf(model, f);
  const kindSuggestion =
    options.filedAs && k.kind && k.kind !== options.filedAs && k.confidence >= KIND_SUGGESTION_CONFIDENCE
      ? { kind: k.kind, label: TICKET_KIND_LABELS[k.kind], confidence: k.confidence }
      : null;
  return {
    ...c,
    departmentName: departmentName(c.departmentCode),
    flags,
    kind: k.kind,
    kindConfidence: k.confidence,
    kindSuggestion,
    explanation: explain(model, f, c),
  };
}

export type { CategoryName };
