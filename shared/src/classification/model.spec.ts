import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, learn, loadClassifier, saveClassifier, train } from './classifier';
import { modelFingerprint, predictProba, type LabelledText } from './model';
import { extractFeatures } from './features';
import type { CategoryName } from './categories';

const corpusDir = join(__dirname, '../../corpus');
const rows: { id: string; text: string; category: CategoryName; family: string }[] = readFileSync(
  join(corpusDir, 'complaints.jsonl'),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

/** A small, fixed training set (every 12th corpus text) and short training, to keep the suite fast. */
const small: LabelledText[] = rows
  .filter((_, i) => i % 12 === 0)
  .map((r) => ({ text: r.text, category: r.category, group: r.family }));

const quick = { epochs: 6 };

describe('training 全量训练', () => {
  it('is deterministic: the same examples give the same model hash, in any order', () => {
    const a = train(small, quick);
    const b = train(small, quick);
    const c = train([...small].reverse(), quick);
    expect(modelFingerprint(a)).toBe(modelFingerprint(b));
    expect(modelFingerprint(a)).toBe(modelFingerprint(c));
  });

  it('survives a JSON round trip unchanged', () => {
    const m = train(small, quick);
    const again = loadClassifier(JSON.stringify(saveClassifier(m)));
    expect(modelFingerprint(again)).toBe(modelFingerprint(m));
    expect(classify(again, '3栋电梯又坏了').category).toBe(classify(m, '3栋电梯又坏了').category);
  });

  it('rejects unknown categories', () => {
    expect(() => train([{ text: 'x', category: '没有这类' as CategoryName }])).toThrow();
  });
});

describe('staff corrections 人工更正 (learn)', () => {
  const model = () => loadClassifier(readFileSync(join(__dirname, '../../model/classifier.json'), 'utf8'));

  it('makes a near-identical text follow the correction at once', () => {
    const m = model();
    const text = '小区东门岗亭旁边的那棵大树歪了，刮风就晃，感觉随时会倒';
    const before = classify(m, text).category;
    const corrected: CategoryName = before === '环境管理类' ? '安全管理类' : '环境管理类';
    learn(m, text, corrected);
    const after = classify(m, '小区东门岗亭旁边那棵大树歪了，一刮风就晃，感觉随时会倒！！');
    expect(after.category).toBe(corrected);
    expect(after.needsTriage).toBe(false);
  });

  it('updates the weights too, not only the memory of corrections', () => {
    const m = model();
    const text = '会所门口的石狮子被人推倒了';
    const first = classify(m, text).category;
    const corrected: CategoryName = first === '安全管理类' ? '房屋管理类' : '安全管理类';
    learn(m, text, corrected);
    m.corrections = [];
    const p = predictProba(m, extractFeatures(text));
    expect(m.classes[p.indexOf(Math.max(...p))]).toBe(corrected);
  });

  it('is kept in the artifact', () => {
    const m = model();
    learn(m, '快递柜旁边的自动售货机吞钱', '综合服务类');
    const again = loadClassifier(saveClassifier(m));
    expect(classify(again, '快递柜旁边的自动售货机吞钱了').category).toBe('综合服务类');
  });
});

describe('the hybrid decision', () => {
  const m = loadClassifier(readFileSync(join(__dirname, '../../model/classifier.json'), 'utf8'));

  it('routes a clear case automatically, with reasons and a department', () => {
    const r = classify(m, '3栋电梯又坏了！');
    expect(r.category).toBe('设备管理类');
    expect(r.departmentCode).toBe('eng');
    expect(r.needsTriage).toBe(false);
    expect(r.reasons.some((x) => x.type === 'rule' && x.id === 'elevator-fault')).toBe(true);
    expect(r.reasons.some((x) => x.type === 'feature')).toBe(true);
  });

  it('classifies by the final cause: a leak from the neighbour’s renovation is a resident dispute', () => {
    const r = classify(m, '楼上装修把防水弄坏了，我家天花板一直渗水');
    expect(r.category).toBe('业户纠纷类');
    expect(r.departmentCode).toBe('cs');
  });

  it('sends a vague text to triage when confidence is below the threshold', () => {
    const r = classify(m, '你好，在吗', { threshold: 0.99 });
    expect(r.needsTriage).toBe(true);
    expect(r.triageReason).toBe('low-confidence');
  });

  it('applies per-project routing', () => {
    expect(classify(m, '3栋电梯又坏了！', { routing: { 设备管理类: 'qa' } }).departmentCode).toBe('qa');
  });
});
