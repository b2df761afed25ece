import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactPersonalData } from './notice';

/**
 * The monthly public notice carries no personal data (docs/domain-rules.md "Records, statistics and reports"):
 * every variant in fixtures/personal-data.json — phones in every form, WeChat ids, names, rooms, plates, ID
 * numbers — is redacted, and what is not personal (amounts, dates, buildings) stays.
 */
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/personal-data.json'), 'utf8')) as {
  names: string[];
  cases: Array<{ text: string; gone?: string[]; kept?: string[] }>;
};

describe('redactPersonalData: the fixture list', () => {
  it('holds more than 50 variants', () => expect(fixture.cases.length).toBeGreaterThanOrEqual(50));

  it.each(fixture.cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const out = redactPersonalData(c.text, fixture.names);
    for (const g of c.gone ?? [])
      expect({ out, leaks: out.includes(g) ? g : null }).toEqual({ out, leaks: null });
    for (const k of c.kept ?? []) expect({ out, keeps: out.includes(k) }).toEqual({ out, keeps: true });
  });
});
