import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeComplaint } from './analyze';
import { evaluate, loadClassifier } from './classifier';
import type { CategoryName } from './categories';

// Regression floors for the committed artifact on the independent evaluation set (written apart, frozen
// before training; docs/classifier.md). The targets and the current figures are printed by
// `pnpm bench`; this test only stops a change that makes the shipped model clearly worse.
const root = join(__dirname, '../..');
const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
interface EvalRow {
  text: string;
  category: CategoryName;
  emergency: string | null;
  agitated: boolean;
  compensationYuan: number | null;
}
const evalRows: EvalRow[] = readdirSync(join(root, 'corpus/eval'))
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readJsonl(join(root, 'corpus/eval', f)));
const model = loadClassifier(readFileSync(join(root, 'model/classifier.json'), 'utf8'));

describe('the shipped classifier on the independent evaluation set (regression floors)', () => {
  const ev = evaluate(model, evalRows);
  const answers = evalRows.map((r) => ({ r, a: analyzeComplaint(model, r.text) }));

  it('classifies by final cause: accuracy ≥ 90%, macro-F1 ≥ 0.90', () => {
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.macroF1).toBeGreaterThanOrEqual(0.9);
  });

  it('routes ≥ 80% automatically, ≥ 95% of them right', () => {
    expect(ev.autoShare).toBeGreaterThanOrEqual(0.8);
    expect(ev.autoAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('catches ≥ 93% of emergencies (recall first) with false alarms on ≤ 3% of the rest', () => {
    const pos = answers.filter(({ r }) => r.emergency);
    const neg = answers.filter(({ r }) => !r.emergency);
    expect(pos.filter(({ a }) => a.flags.emergency).length / pos.length).toBeGreaterThanOrEqual(0.93);
    expect(neg.filter(({ a }) => a.flags.emergency).length / neg.length).toBeLessThanOrEqual(0.03);
  });

  it('reads ≥ 92% of compensation amounts exactly and flags ≥ 85% of agitated residents', () => {
    const claims = answers.filter(({ r }) => r.compensationYuan);
    const exact = claims.filter(({ r, a }) => a.flags.compensationYuan === r.compensationYuan).length;
    expect(exact / claims.length).toBeGreaterThanOrEqual(0.92);
    const agitated = answers.filter(({ r }) => r.agitated);
    expect(agitated.filter(({ a }) => a.flags.agitated).length / agitated.length).toBeGreaterThanOrEqual(
      0.85,
    );
  });
});
