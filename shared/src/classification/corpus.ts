import type { CategoryName } from './categories';
import type { LabelledText } from './model';

/** A labelled corpus row as stored in shared/corpus (JSON lines). */
export interface CorpusRow {
  id: string;
  text: string;
  category: CategoryName;
  family?: string;
  kind?: string;
  emergency?: string | null;
  agitated?: boolean;
}

/** Share of template texts allowed on top of the hand-written ones (docs/classifier.md). */
export const TEMPLATE_SHARE = 0.2;

/** A corpus row as a training example, with every label it carries. */
export function toLabelled(r: CorpusRow): LabelledText {
  return {
    text: r.text,
    category: r.category,
    group: r.family ?? r.id,
    ...(r.kind !== undefined ? { kind: r.kind } : {}),
    ...(r.emergency !== undefined ? { emergency: r.emergency } : {}),
    ...(r.agitated !== undefined ? { agitated: r.agitated } : {}),
  };
}

/**
 * The training set: every hand-written row, plus template rows up to TEMPLATE_SHARE of them (evenly
 * spaced, deterministic). The evaluation and local sets are never passed here.
 */
export function composeTrainingSet(
  written: readonly CorpusRow[],
  templates: readonly CorpusRow[],
): LabelledText[] {
  if (!written.length) throw new Error('the written training corpus (shared/corpus/written) is missing');
  // A written text's group is its writer (w1-0042 → w1): the held-out fold that fits the temperature and
  // the thresholds is then whole writers, whose style the model did not see — as a real project's will be.
  const out: LabelledText[] = written.map((r) => ({ ...toLabelled(r), group: r.id.split('-')[0] }));
  const n = Math.min(templates.length, Math.floor(written.length * TEMPLATE_SHARE));
  const step = templates.length / Math.max(1, n);
  for (let i = 0; i < n; i++) out.push(toLabelled(templates[Math.floor(i * step)]));
  return out;
}
