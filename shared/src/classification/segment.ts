/**
 * Word segmentation 分词 for the classifier's word features, with @node-rs/jieba (its dictionary ships
 * inside the package: nothing is downloaded). Loaded lazily on first use, so code that never
 * classifies (the mini-program imports other parts of shared/) never loads the native module.
 */
type Cutter = (text: string) => string[];
/** CommonJS `require` (shared/ is built as CommonJS without Node's types). */
declare const require: (id: string) => unknown;

let cutter: Cutter | null | undefined;

function load(): Cutter | null {
  try {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    const jieba = Jieba.withDict(dict);
    return (text) => jieba.cut(text, false);
  } catch {
    return null;
  }
}

/** True when the segmenter can be loaded here (a model trained with word features needs it). */
export function segmenterAvailable(): boolean {
  if (cutter === undefined) cutter = load();
  return cutter !== null;
}

/**
 * The words of a model-form text (see `modelText`): jieba's words of two or more characters inside
 * each "|"-separated segment, numbers folded. Empty when the segmenter is not available.
 */
export function words(folded: string): string[] {
  if (cutter === undefined) cutter = load();
  if (!cutter) return [];
  const out: string[] = [];
  for (const seg of folded.split('|')) {
    if (!seg) continue;
    for (const w of cutter(seg)) {
      const t = w.trim();
      if (Array.from(t).length >= 2 && !/^[0\s]+$/.test(t)) out.push(t);
    }
  }
  return out;
}
