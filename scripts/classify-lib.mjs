// Shared file-reading helpers of the classify* CLIs (the library itself does no I/O).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stale } from './build-freshness.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const paths = {
  corpus: join(root, 'shared/corpus/complaints.jsonl'),
  split: join(root, 'shared/corpus/split.json'),
  handwritten: join(root, 'shared/corpus/handwritten.jsonl'),
  written: join(root, 'shared/corpus/written'),
  eval: join(root, 'shared/corpus/eval'),
  local: join(root, 'shared/corpus/local'),
  model: join(root, 'shared/model/classifier.json'),
};

/**
 * The built library (shared/dist), built first when it is missing or older than shared/src, so every
 * classify command works right after `pnpm install` on a fresh clone.
 */
export function lib() {
  const out = join(root, 'shared/dist/classification/index.js');
  if (stale([join(root, 'shared/src')], out)) {
    console.error('building shared/ (its dist is missing or older than its sources) …');
    execFileSync('pnpm', ['--filter', '@wuye/shared', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const require = createRequire(import.meta.url);
  return require(out);
}

export function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Every *.jsonl under a folder (sorted, recursively), as rows. */
export function readFolder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...readFolder(p));
    else if (e.name.endsWith('.jsonl')) out.push(...readJsonl(p));
  }
  return out;
}

/** A labelled row as the library's LabelledText (every label it carries). */
export const toExample = (r) => lib().toLabelled(r);

/** The generated (template) corpus split into train and test by the fixed split file. */
export function corpusSplit() {
  const rows = readJsonl(paths.corpus);
  const test = new Set(JSON.parse(readFileSync(paths.split, 'utf8')).test);
  return {
    rows,
    train: rows.filter((r) => !test.has(r.id)).map(toExample),
    test: rows.filter((r) => test.has(r.id)).map(toExample),
    testRows: rows.filter((r) => test.has(r.id)),
  };
}

/**
 * The training set: every hand-written message, plus template texts from the old corpus's train part up to
 * 20% of that (shared composeTrainingSet). Never the evaluation or local sets: a written text identical to an
 * evaluation text (independent writers both wrote "电梯又坏了") is left out of training, so the evaluation
 * figures stay clean.
 */
export function trainingSet() {
  const held = new Set(readFolder(paths.eval).map((r) => r.text.trim()));
  const all = readFolder(paths.written);
  const written = all.filter((r) => !held.has(r.text.trim()));
  const rows = readJsonl(paths.corpus);
  const test = new Set(JSON.parse(readFileSync(paths.split, 'utf8')).test);
  return {
    written,
    decontaminated: all.length - written.length,
    examples: lib().composeTrainingSet(
      written,
      rows.filter((r) => !test.has(r.id) && !held.has(r.text.trim())),
    ),
  };
}
