import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The dependency-audit policy of scripts/audit.mjs (pnpm audit:check), on saved `pnpm audit --json` output: what fails,
 * what is only reported, and what the allow-list may excuse.
 */
const SCRIPT = resolve(__dirname, '../../scripts/audit.mjs');
const TODAY = '2026-11-23';

interface Adv {
  id: number;
  ghsa: string;
  pkg: string;
  severity: 'low' | 'moderate' | 'high' | 'critical';
  paths: string[];
}
const report = (advs: Adv[]) => ({
  advisories: Object.fromEntries(
    advs.map((a) => [
      String(a.id),
      {
        id: a.id,
        github_advisory_id: a.ghsa,
        module_name: a.pkg,
        severity: a.severity,
        title: `${a.pkg} is vulnerable`,
        patched_versions: '>=9.9.9',
        findings: [{ version: '1.0.0', paths: a.paths }],
      },
    ]),
  ),
  metadata: { vulnerabilities: {}, totalDependencies: 100 },
});

describe('pnpm audit:check policy', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuye-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  const run = (full: Adv[], prod: Adv[], allow: object[] = []) => {
    const f = (name: string, body: object) => {
      const p = join(dir, `${n++}-${name}.json`);
      writeFileSync(p, JSON.stringify(body));
      return p;
    };
    const r = spawnSync(
      process.execPath,
      [
        SCRIPT,
        '--input',
        f('full', report(full)),
        '--prod-input',
        f('prod', report(prod)),
        '--allowlist',
        f('allow', { advisories: allow }),
        '--today',
        TODAY,
      ],
      { encoding: 'utf8' },
    );
    return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
  };

  const serverModerate: Adv = {
    id: 1,
    ghsa: 'GHSA-aaaa-bbbb-cccc',
    pkg: 'some-parser',
    severity: 'moderate',
    paths: ['server>exceljs>some-parser'],
  };
  const toolingModerate: Adv = {
    id: 2,
    ghsa: 'GHSA-dddd-eeee-ffff',
    pkg: 'dev-server',
    severity: 'moderate',
    paths: ['miniapp>@tarojs/cli>dev-server'],
  };
  const toolingHigh: Adv = { ...toolingModerate, id: 3, ghsa: 'GHSA-gggg-hhhh-jjjj', severity: 'high' };

  it('passes a clean report', () => {
    const r = run([], []);
    expect(r.code).toBe(0);
    expect(r.out).toContain('audit:check passed');
  });

  it('fails a moderate advisory in what the deployed server loads, but only reports one in build tooling', () => {
    expect(run([serverModerate], [serverModerate]).code).toBe(1);
    const tooling = run([toolingModerate], []);
    expect(tooling.code).toBe(0);
    expect(tooling.out).toMatch(/reported\s+moderate\s+GHSA-dddd-eeee-ffff/);
  });

  it('fails a high advisory anywhere, even in dev tooling', () => {
    const r = run([toolingHigh], []);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL');
  });

  it('lets an allow-list entry with a reason excuse an advisory until its review date, not after', () => {
    const entry = {
      id: 'GHSA-gggg-hhhh-jjjj',
      package: 'dev-server',
      reason: 'Only the local dev server used by `taro build --watch`; never deployed or exposed.',
      reviewBy: '2027-01-31',
    };
    const ok = run([toolingHigh], [], [entry]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('allowed until 2027-01-31');
    const expired = run([toolingHigh], [], [{ ...entry, reviewBy: '2026-11-01' }]);
    expect(expired.code).toBe(1);
    expect(expired.out).toContain('review date 2026-11-01 has passed');
  });

  it('refuses an allow-list entry without a real reason, and notes one that matches nothing', () => {
    const vague = run(
      [toolingHigh],
      [],
      [{ id: 'GHSA-gggg-hhhh-jjjj', package: 'dev-server', reason: 'ok', reviewBy: '2027-01-31' }],
    );
    expect(vague.code).toBe(1);
    expect(vague.out).toContain('"reason" must say why');
    const stale = run(
      [],
      [],
      [
        {
          id: 'GHSA-zzzz-zzzz-zzzz',
          package: 'gone',
          reason: 'was needed for the old exporter only',
          reviewBy: '2027-01-31',
        },
      ],
    );
    expect(stale.code).toBe(0);
    expect(stale.out).toContain('matches no advisory now');
  });
});
