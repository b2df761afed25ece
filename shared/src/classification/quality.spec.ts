import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, loadClassifier } from './classifier';
import type { CategoryName } from './categories';

// Quality gate on the fixed test split (scenario families never seen in training) with the
// committed artifact. Retrain with `pnpm classify:train` after changing the corpus or the features.
const root = join(__dirname, '../..');
const rows: { id: string; text: string; category: CategoryName }[] = readFileSync(
  join(root, 'corpus/complaints.jsonl'),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const testIds = new Set<string>(JSON.parse(readFileSync(join(root, 'corpus/split.json'), 'utf8')).test);
const test = rows.filter((r) => testIds.has(r.id));
const model = loadClassifier(readFileSync(join(root, 'model/classifier.json'), 'utf8'));

describe('classifier quality on the fixed test split', () => {
  const ev = evaluate(model, test);

  it('uses a test split of about a fifth of the corpus', () => {
    expect(test.length / rows.length).toBeGreaterThan(0.15);
    expect(test.length / rows.length).toBeLessThan(0.25);
  });

  it('reaches accuracy ≥ 90% and macro-F1 ≥ 0.88', () => {
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.macroF1).toBeGreaterThanOrEqual(0.88);
  });

  it('routes ≥ 80% automatically at the default threshold, ≥ 97% of them correctly', () => {
    expect(ev.autoShare).toBeGreaterThanOrEqual(0.8);
    expect(ev.autoAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});
