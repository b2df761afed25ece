// Shared file-reading helpers of the classify* CLIs (the library itself does no I/O).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const paths = {
  corpus: join(root, 'shared/corpus/complaints.jsonl'),
  split: join(root, 'shared/corpus/split.json'),
  handwritten: join(root, 'shared/corpus/handwritten.jsonl'),
  model: join(root, 'shared/model/classifier.json'),
};

/** The built library (shared/dist); run `pnpm --filter @wuye/shared build` first. */
export function lib() {
  const require = createRequire(import.meta.url);
  try {
    return require(join(root, 'shared/dist/classification/index.js'));
  } catch (e) {
    console.error('shared/dist is missing or stale: run `pnpm --filter @wuye/shared build` first.');
    throw e;
  }
}

export function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Corpus rows split into train and test by the fixed split file. */
export function corpusSplit() {
  const rows = readJsonl(paths.corpus);
  const test = new Set(JSON.parse(readFileSync(paths.split, 'utf8')).test);
  const toExample = (r) => ({ text: r.text, category: r.category, group: r.family ?? r.id });
  return {
    rows,
    train: rows.filter((r) => !test.has(r.id)).map(toExample),
    test: rows.filter((r) => test.has(r.id)).map(toExample),
    testRows: rows.filter((r) => test.has(r.id)),
  };
}
