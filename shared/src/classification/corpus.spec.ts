import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const corpus = join(__dirname, '../../corpus');
const jsonl = (dir: string) =>
  readdirSync(join(corpus, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
const rows = (dir: string) =>
  jsonl(dir).flatMap((f) =>
    readFileSync(join(corpus, dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string }),
  );

/** SHA-256 of the evaluation files as committed before training (docs/classifier.md): the set is frozen. */
const EVAL_SHA256 = '5e7c071eeb1ad0a286793135f5256f5c7c1bb46cbd42f1251538661d6618a805';

describe('the independent evaluation set', () => {
  it('is frozen: its files are byte for byte those committed before training', () => {
    const h = createHash('sha256');
    for (const f of jsonl('eval')) h.update(readFileSync(join(corpus, 'eval', f)));
    expect(h.digest('hex')).toBe(EVAL_SHA256);
  });

  it('shares with the other sets only a few short everyday phrases, which training leaves out', () => {
    const held = new Set(rows('eval').map((r) => r.text.trim()));
    expect(held.size).toBeGreaterThanOrEqual(800);
    const same = [...rows('written'), ...rows('local')].filter((r) => held.has(r.text.trim()));
    // Independent writers both wrote "电梯又坏了": natural collisions, never a copied message.
    expect(same.length).toBeLessThan(30);
    for (const r of same) expect(Array.from(r.text.trim()).length).toBeLessThanOrEqual(12);
  });
});
