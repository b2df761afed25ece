import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

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

  /** A registry without the audit endpoint, as this machine's: pnpm audit answers 405 and exits 1. */
  const unreachable = (allow: object[] = [], env: Record<string, string> = {}) => {
    const fake = join(dir, `pnpm-405-${n++}.sh`);
    writeFileSync(
      fake,
      '#!/bin/sh\necho \'{"error":{"code":"ERR_PNPM_AUDIT_BAD_RESPONSE","message":"The audit endpoint responded with 405"}}\'\nexit 1\n',
    );
    chmodSync(fake, 0o755);
    const allowFile = join(dir, `${n++}-allow.json`);
    writeFileSync(allowFile, JSON.stringify({ advisories: allow }));
    const r = spawnSync(
      process.execPath,
      [SCRIPT, '--audit-command', fake, '--allowlist', allowFile, '--today', TODAY],
      { encoding: 'utf8', env: { ...process.env, AUDIT_OFFLINE_OK: '', ...env } },
    );
    return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
  };

  it('says in its output what it could not check when the audit endpoint cannot be used', () => {
    const failed = unreachable();
    expect(failed.code).toBe(2);
    const skipped = unreachable([], { AUDIT_OFFLINE_OK: '1' });
    expect(skipped.code).toBe(0);
    for (const { out } of [failed, skipped]) {
      expect(out).toContain('nothing was checked for known vulnerabilities');
      expect(out).toContain('responded with 405');
      // How much went unreviewed: what the server loads, and everything.
      expect(out).toMatch(
        /NOT CHECKED against any advisory database:\n│ {3}- what the deployed server loads \(production dependencies of server, shared\): \d{2,} packages/,
      );
      expect(out).toMatch(
        /the whole workspace \(mini-program, build and test tooling included\): \d{3,} packages/,
      );
      expect(out).toContain('override uuid@<11.1.1 → 11.1.1');
      expect(out).toContain('audit-allowlist.json: entries valid');
    }
    // The allow-list is checked without the registry: an entry past its review date still fails the run.
    const expired = unreachable(
      [
        {
          id: 'GHSA-gggg-hhhh-jjjj',
          package: 'dev-server',
          reason: 'Only the local dev server used by `taro build --watch`; never deployed.',
          reviewBy: '2026-11-01',
        },
      ],
      { AUDIT_OFFLINE_OK: '1' },
    );
    expect(expired.code).toBe(1);
    expect(expired.out).toContain('review date 2026-11-01 has passed');
  });
});

describe('uuid under exceljs (GHSA-w5hq-g745-h8pq: uuid < 11.1.1)', () => {
  const exceljsDir = dirname(require.resolve('exceljs/package.json'));
  const uuidMain = require.resolve('uuid', { paths: [exceljsDir] });

  it('is a fixed release (pnpm override), and exceljs writes with it', async () => {
    const pkgFile = join(uuidMain.slice(0, uuidMain.lastIndexOf('/node_modules/uuid/') + 18), 'package.json');
    const version = JSON.parse(readFileSync(pkgFile, 'utf8')).version as string;
    const [major, minor, patch] = version.split('.').map(Number);
    expect({
      version,
      fixed: major > 11 || (major === 11 && (minor > 1 || (minor === 1 && patch >= 1))),
    }).toEqual({ version, fixed: true });
    // Conditional formatting with a data bar is where exceljs calls uuid's v4 (the x14 extension id).
    const ExcelJS = (await import('exceljs')).default;
    const JSZip = (await import('jszip')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('投诉统计');
    ws.addRow([3]);
    ws.addRow([8]);
    ws.addConditionalFormatting({
      ref: 'A1:A2',
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [{ type: 'min' }, { type: 'max' }],
          color: { argb: 'FF638EC6' },
        } as never,
      ],
    });
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(
      /<x14:id>\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}<\/x14:id>/,
    );
  });
});
