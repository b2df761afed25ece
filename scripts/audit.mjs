#!/usr/bin/env node
/**
 * Dependency audit with a documented allow-list (pnpm audit:check).
 *
 * Runs `pnpm audit --json` over the whole workspace (production and development dependencies) and once more
 * with `--prod`, then decides per advisory:
 *   - critical or high, anywhere (server, shared, mini-program, tooling)      → FAIL
 *   - moderate in what the deployed server loads (production deps reached through server/ or shared/) → FAIL
 *   - anything else (moderate in build/dev tooling, low, info)               → reported, does not fail
 * unless the advisory is in audit-allowlist.json with a reason and a review-by date. An allow-list entry past
 * its review date fails the run (look again: upgrade, or renew the entry with a new reason); entries that
 * match nothing any more are reported as stale so they can be removed.
 *
 * If the registry's audit endpoint cannot be reached (network down, or a registry mirror that does not serve
 * /-/npm/v1/security/…), the run says what it could not check — how many packages went unreviewed, those the
 * deployed server loads counted apart, and the overrides in force — still checks the allow-list (reasons, review
 * dates), and fails with exit 2; AUDIT_OFFLINE_OK=1 turns that into a warning and exit 0 (use it only where the
 * audit is known not to be reachable).
 *
 * Options (mostly for testing the policy): --input FILE and --prod-input FILE read saved `pnpm audit --json`
 * output instead of asking the registry; --audit-command FILE runs FILE instead of pnpm for the audit itself;
 * --allowlist FILE; --today YYYY-MM-DD.
 * Exit codes: 0 fine, 1 advisories or allow-list problems, 2 audit not reachable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const allowlistFile = resolve(opt('--allowlist') ?? join(root, 'audit-allowlist.json'));
const today = opt('--today') ?? new Date().toISOString().slice(0, 10);
const RANK = { info: 0, low: 1, moderate: 2, high: 3, critical: 4 };
/** Workspace packages whose production dependencies the deployed server loads. */
const RUNTIME_IMPORTERS = ['server', 'shared'];

class Unreachable extends Error {}

/** `pnpm audit --json [--prod]`, or a saved copy of its output. */
function audit(prod) {
  const file = opt(prod ? '--prod-input' : '--input');
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  if (opt('--input') && prod) return null; // saved full output only: production reach unknown
  const command = opt('--audit-command') ?? 'pnpm';
  const run = spawnSync(command, ['audit', '--json', ...(prod ? ['--prod'] : [])], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  let parsed = null;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    // not JSON: an error from pnpm or the registry
  }
  if (parsed && typeof parsed === 'object' && parsed.advisories && parsed.metadata) return parsed;
  const why = `${run.stderr || ''}\n${run.stdout || ''}`.trim().split('\n').slice(0, 6).join('\n  ');
  throw new Unreachable(
    `the registry's audit endpoint could not be used (pnpm audit${prod ? ' --prod' : ''} exited ${run.status ?? run.signal}):\n  ${why || '(no output)'}`,
  );
}

function loadAllowlist() {
  const problems = [];
  if (!existsSync(allowlistFile)) return { entries: [], problems: [`${allowlistFile} is missing`] };
  let doc;
  try {
    doc = JSON.parse(readFileSync(allowlistFile, 'utf8'));
  } catch (e) {
    return { entries: [], problems: [`${allowlistFile} is not valid JSON: ${e.message}`] };
  }
  const entries = Array.isArray(doc?.advisories) ? doc.advisories : null;
  if (!entries) return { entries: [], problems: [`${allowlistFile} needs an "advisories" array`] };
  entries.forEach((e, i) => {
    const where = `allow-list entry ${i + 1} (${e?.id ?? 'no id'})`;
    if (!e || typeof e.id !== 'string' || !/^(GHSA(-[0-9a-z]{4}){3}|\d+)$/.test(e.id))
      problems.push(`${where}: "id" must be a GHSA id (GHSA-xxxx-xxxx-xxxx) or an npm advisory number`);
    if (typeof e?.package !== 'string' || !e.package) problems.push(`${where}: "package" is required`);
    if (typeof e?.reason !== 'string' || e.reason.trim().length < 20)
      problems.push(`${where}: "reason" must say why it is acceptable (at least 20 characters)`);
    if (typeof e?.reviewBy !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.reviewBy))
      problems.push(`${where}: "reviewBy" must be a date YYYY-MM-DD`);
    else if (e.reviewBy < today)
      problems.push(
        `${where}: review date ${e.reviewBy} has passed — upgrade, or renew it with a fresh reason`,
      );
  });
  return { entries, problems };
}

const ghsaOf = (a) => a.github_advisory_id || String(a.url || '').match(/GHSA(-\w{4}){3}/)?.[0] || null;
const pathsOf = (a) => (a.findings || []).flatMap((f) => f.paths || []);
/** The workspace package a dependency path starts from: "server>exceljs>…" or "server > exceljs > …" → server. */
const importerOf = (path) =>
  String(path)
    .split('>')[0]
    .trim()
    .replace(/^\.\/?/, '') || '.';

/**
 * The installed packages (name@version, each once) that `pnpm list` finds from these workspace packages, or null
 * when pnpm cannot list them. Offline: it reads node_modules and the lockfile, not the registry.
 */
function installed(filters, prodOnly) {
  const run = spawnSync(
    'pnpm',
    [
      'list',
      '-r',
      '--depth',
      'Infinity',
      '--json',
      ...(prodOnly ? ['--prod'] : []),
      ...filters.flatMap((f) => ['--filter', f]),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 },
  );
  let roots;
  try {
    roots = JSON.parse(run.stdout);
  } catch {
    return null;
  }
  const seen = new Set();
  const walk = (deps) => {
    for (const [name, d] of Object.entries(deps || {})) {
      const key = `${name}@${d.version}`;
      if (seen.has(key) || String(d.version).startsWith('link:')) continue;
      seen.add(key);
      walk(d.dependencies);
    }
  };
  for (const r of roots) {
    walk(r.dependencies);
    walk(r.devDependencies);
    walk(r.optionalDependencies);
  }
  return seen;
}

/** The `overrides:` of pnpm-workspace.yaml (or package.json's pnpm.overrides), as "from → to" lines. */
function overridesInForce() {
  const out = [];
  const ws = join(root, 'pnpm-workspace.yaml');
  if (existsSync(ws)) {
    const lines = readFileSync(ws, 'utf8').split('\n');
    const at = lines.findIndex((l) => /^overrides:\s*$/.test(l));
    if (at >= 0)
      for (const l of lines.slice(at + 1)) {
        const m = /^\s+['"]?([^'":]+(?:@[^'":]*)?)['"]?:\s*['"]?([^'"#\s]+)/.exec(l);
        if (!m) break;
        out.push(`${m[1]} → ${m[2]}`);
      }
  }
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const [k, v] of Object.entries(pkg.pnpm?.overrides ?? {})) out.push(`${k} → ${v}`);
  } catch {
    // no package.json overrides
  }
  return out;
}

/**
 * What a run that could not reach the audit endpoint leaves unreviewed, said so that CI's log shows it: the
 * packages no advisory was looked up for (those the deployed server loads apart), what is still known, and what
 * to do about it.
 */
function notChecked(reason, allowProblems) {
  const runtime = installed(
    RUNTIME_IMPORTERS.map((i) => `./${i}`),
    true,
  );
  const all = installed(['./*', '.'], false) ?? installed([], false);
  const count = (set) => (set ? `${set.size} packages` : 'unknown (pnpm list failed)');
  const overrides = overridesInForce();
  return [
    '┌─ DEPENDENCY AUDIT NOT DONE ─────────────────────────────────────────────',
    `│ ${reason.split('\n').join('\n│ ')}`,
    '│ NOT CHECKED against any advisory database:',
    `│   - what the deployed server loads (production dependencies of ${RUNTIME_IMPORTERS.join(', ')}): ${count(runtime)}`,
    `│   - the whole workspace (mini-program, build and test tooling included): ${count(all)}`,
    '│   so no critical, high or moderate advisory published for them is known to this run.',
    '│ Still in force:',
    ...(overrides.length ? overrides.map((o) => `│   - override ${o}`) : ['│   - no pnpm overrides']),
    `│   - audit-allowlist.json: ${allowProblems.length ? `${allowProblems.length} problem(s), below` : 'entries valid (reasons, review dates)'}`,
    '│ To check: run `pnpm audit:check` where the registry answers its audit endpoint (the address is above).',
    '└──────────────────────────────────────────────────────────────────────────',
  ].join('\n');
}

function main() {
  let full;
  let prod;
  try {
    full = audit(false);
    prod = audit(true);
  } catch (e) {
    if (!(e instanceof Unreachable)) throw e;
    // The allow-list needs no registry: its reasons and review dates are checked all the same.
    const { problems: allowProblems } = loadAllowlist();
    const report = notChecked(e.message, allowProblems);
    for (const p of allowProblems) console.error(`allow-list: ${p}`);
    if (process.env.AUDIT_OFFLINE_OK === '1') {
      console.warn(
        `audit:check SKIPPED — nothing was checked for known vulnerabilities.\n${report}\n` +
          '(AUDIT_OFFLINE_OK=1: not failing for the unreachable endpoint)',
      );
      process.exit(allowProblems.length ? 1 : 0);
    }
    console.error(
      `audit:check FAILED — nothing was checked for known vulnerabilities.\n${report}\n` +
        'Make the registry audit endpoint reachable, or set AUDIT_OFFLINE_OK=1 to skip knowingly.',
    );
    process.exit(2);
  }

  const prodIds = new Set(Object.values(prod?.advisories ?? {}).map((a) => String(a.id)));
  const { entries, problems } = loadAllowlist();
  const used = new Set();
  const rows = [];
  for (const a of Object.values(full.advisories)) {
    const ghsa = ghsaOf(a);
    const severity = String(a.severity || 'info').toLowerCase();
    const paths = pathsOf(a);
    const importers = [...new Set(paths.map(importerOf))];
    const inProd = prod ? prodIds.has(String(a.id)) : true;
    const runtime = inProd && importers.some((i) => RUNTIME_IMPORTERS.includes(i));
    const failing = RANK[severity] >= RANK.high || (RANK[severity] >= RANK.moderate && runtime);
    const entry = entries.find(
      (e) => (e.id === ghsa || e.id === String(a.id)) && e.package === a.module_name,
    );
    if (entry) used.add(entry);
    // An entry past its review date no longer covers anything (and is a problem of its own).
    const allowed = entry && !(entry.reviewBy < today) ? entry : null;
    rows.push({
      id: ghsa ?? String(a.id),
      package: `${a.module_name} ${[...new Set((a.findings || []).map((f) => f.version))].join(',')}`,
      severity,
      where: runtime
        ? 'server runtime'
        : inProd
          ? `prod (${importers.join(',')})`
          : `dev (${importers.join(',')})`,
      verdict: allowed
        ? `allowed until ${allowed.reviewBy}`
        : `${failing ? 'FAIL' : 'reported'}${entry ? ` (allow-list expired ${entry.reviewBy})` : ''}`,
      fix: a.patched_versions || '',
      title: a.title || '',
      failing: failing && !allowed,
    });
  }
  rows.sort((x, y) => Number(y.failing) - Number(x.failing) || RANK[y.severity] - RANK[x.severity]);

  const v = full.metadata?.vulnerabilities ?? {};
  console.log(
    `pnpm audit: ${full.metadata?.totalDependencies ?? '?'} dependencies; ` +
      `${v.critical ?? 0} critical, ${v.high ?? 0} high, ${v.moderate ?? 0} moderate, ${v.low ?? 0} low` +
      (prod ? '' : ' (production reach unknown: no --prod output)'),
  );
  if (rows.length) {
    const cols = ['verdict', 'severity', 'id', 'package', 'where', 'fix', 'title'];
    const width = Object.fromEntries(
      cols.map((c) => [c, Math.min(60, Math.max(c.length, ...rows.map((r) => String(r[c]).length)))]),
    );
    const line = (r) => cols.map((c) => String(r[c]).slice(0, 60).padEnd(width[c])).join('  ');
    console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
    for (const r of rows) console.log(line(r));
  }
  for (const e of entries)
    if (!used.has(e))
      console.log(`note: allow-list entry ${e.id} (${e.package}) matches no advisory now — remove it`);
  for (const p of problems) console.error(`allow-list: ${p}`);

  const failing = rows.filter((r) => r.failing);
  if (failing.length || problems.length) {
    console.error(
      `audit:check FAILED — ${failing.length} advisory(ies) need an upgrade (pnpm.overrides for transitive ones) ` +
        `or an allow-list entry with a reason${problems.length ? `; ${problems.length} allow-list problem(s)` : ''}.`,
    );
    process.exit(1);
  }
  console.log('audit:check passed.');
}

main();
