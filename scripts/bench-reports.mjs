// `pnpm bench` step: reports on a company of BENCH_TICKETS tickets (default 1,000,000) in a MariaDB
// database of its own. Seeds it with LOAD DATA from generated files (rows in primary-key order, the
// tickets' secondary indexes dropped during the load and rebuilt after, exactly as the migrations made
// them), then times the report rollups and the reads the managers' pages make: the monthly
// classification table and the key figures (month + 12-month trend) for one project and for the company.
//
//   BENCH_SKIP_REPORTS=1   skip this step
//   BENCH_TICKETS=200000   another size
//   BENCH_RESEED=1         seed again even if the database already holds this size
//   BENCH_KEEP_DB=1        keep the database afterwards (it is reused by the next run)
//   BENCH_MARIADB_URL      server to use (default mariadb://root@127.0.0.1:3306)
//   BENCH_NO_BUILD=1       use server/dist as it is (otherwise the server is built first)
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';

const SEED_VERSION = 4;
const PROJECTS = 40;
const MONTHS = 24;
const DB = 'wuye_bench_reports';
const TARGET_MS = 2000;

/** A small deterministic generator, so two runs seed the same company. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(r, weighted) {
  let x = r() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted.at(-1)[0];
}

const sqlTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const cell = (v) =>
  v === null || v === undefined ? '\\N' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);

async function writeLines(path, gen) {
  const out = createWriteStream(path);
  for (const line of gen()) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function benchReports({ out, root, verdict }) {
  out('### Reports on a large company');
  if (process.env.BENCH_SKIP_REPORTS === '1') {
    out('skipped (BENCH_SKIP_REPORTS=1)');
    out('');
    return;
  }
  const N = Number(process.env.BENCH_TICKETS ?? 1_000_000);
  if (!Number.isInteger(N) || N < 1000) throw new Error('BENCH_TICKETS must be a whole number ≥ 1000');
  const base = (process.env.BENCH_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306').replace(/\/$/, '');
  const require = createRequire(join(root, 'server/package.json'));
  if (!process.env.BENCH_NO_BUILD || !existsSync(join(root, 'server/dist/reports/rollup.service.js'))) {
    console.log('building the server (BENCH_NO_BUILD=1 to use the built one) …');
    execFileSync('pnpm', ['--filter', '@wuye/server', 'build'], { cwd: root, stdio: 'inherit' });
  }
  require('reflect-metadata');
  const mysql = require('mysql2/promise');
  const dist = (p) => require(join(root, 'server/dist', p));
  const { loadConfig } = dist('config/config.js');
  const { openDatabase } = dist('database/data-source.js');
  const { Clock } = dist('common/clock.js');
  const { ReportRollupService } = dist('reports/rollup.service.js');
  const { ClassificationReportsService } = dist('reports/classification.service.js');
  const { KpiReportsService } = dist('reports/kpi.service.js');
  const { AnalysisReportService } = dist('reports/analysis.service.js');
  const { SpecialCasesService } = dist('reports/special-cases.service.js');
  const shared = require('@wuye/shared');

  const u = new URL(base);
  const admin = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    flags: ['+LOCAL_FILES'],
  });
  const now = new Date();
  const thisMonth = shared.monthOf(now);
  let reuse = false;
  if (!process.env.BENCH_RESEED) {
    const [meta] = await admin
      .query(`SELECT size, version, month FROM \`${DB}\`.bench_meta`)
      .catch(() => [[]]);
    reuse =
      meta[0] &&
      Number(meta[0].size) === N &&
      Number(meta[0].version) === SEED_VERSION &&
      meta[0].month === thisMonth;
  }
  let seedMs = null;
  if (!reuse) {
    const t0 = performance.now();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const ds0 = await openDatabase(loadConfig({ DATABASE_URL: `${base}/${DB}`, DATA_DIR: '/tmp' }));
    await ds0.destroy();
    await admin.changeUser({ database: DB });
    await seed(admin, { N, now, root, shared });
    await admin.query(`CREATE TABLE bench_meta (size int, version int, month varchar(7))`);
    await admin.query(`INSERT INTO bench_meta VALUES (?, ?, ?)`, [N, SEED_VERSION, thisMonth]);
    seedMs = performance.now() - t0;
  }
  await admin.changeUser({ database: DB });

  const ds = await openDatabase(loadConfig({ DATABASE_URL: `${base}/${DB}`, DATA_DIR: '/tmp' }));
  const clock = new Clock();
  clock.freeze(now);
  // The services and repositories as Nest would wire them: each constructor's parameter types, made once.
  const made = new Map([
    [ds.constructor, ds],
    [Clock, clock],
  ]);
  const make = (cls) => {
    if (!made.has(cls))
      made.set(cls, new cls(...(Reflect.getMetadata('design:paramtypes', cls) ?? []).map(make)));
    return made.get(cls);
  };
  const rollups = make(ReportRollupService);
  const counted = make(ClassificationReportsService);
  const kpis = make(KpiReportsService);
  const analyses = make(AnalysisReportService);
  const special = make(SpecialCasesService);
  const [company] = await ds.query(`SELECT id FROM companies LIMIT 1`);
  const [big] = await ds.query(`SELECT projectId, n FROM bench_project_sizes ORDER BY n DESC LIMIT 1`);
  const hq = {
    id: randomUUID(),
    kind: 'staff',
    role: 'hq',
    name: '总部',
    companyId: company.id,
    projectId: null,
    departmentId: null,
  };
  const pm = { ...hq, role: 'project_manager', projectId: big.projectId };
  const lastMonth = shared.addMonths(thisMonth, -1);

  const time = async (fn, runs = 3) => {
    const ms = [];
    let result;
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      result = await fn();
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    return { ms: ms[Math.floor(ms.length / 2)], first: ms[0], result };
  };
  const rows = [];
  const row = (label, ms, target = TARGET_MS) =>
    rows.push(
      `| ${label} | ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`} | ${target ? `< ${target / 1000} s (${verdict(ms < target)})` : ''} |`,
    );

  // Without the rollups: the monthly table straight from the tickets, for the company (why the rollups exist).
  await ds.query(`DELETE FROM report_rollup_builds`);
  const { start, end } = shared.monthRange(lastMonth);
  const straight = await time(
    () =>
      ds.query(
        `SELECT g.category, COUNT(*) AS items, SUM(g.times) AS times FROM (
           SELECT COALESCE(t.category, '') AS category, COUNT(*) AS times FROM tickets t
           WHERE t.companyId = ? AND t.createdAt >= ? AND t.createdAt < ? AND t.kind = 'complaint' AND t.status <> 'cancelled'
           GROUP BY COALESCE(t.category, ''), COALESCE(t.incidentId, t.id)) g GROUP BY g.category`,
        [company.id, start, end],
      ),
    1,
  );
  // Cold: the first read of a project's month builds its rollup.
  const cold = await time(() => counted.classification(pm, { month: lastMonth }), 1);
  // The scheduler's jobs: every 10 minutes the current month of every project; nightly the last 13 months.
  const recent = await time(() => rollups.refreshCurrent(now), 1);
  const nightly = await time(() => rollups.rebuildRecent(now, 13), 1);
  const projClass = await time(() => counted.classification(pm, { month: lastMonth }));
  const projKpis = await time(() => kpis.kpis(pm, { month: lastMonth }));
  const coClass = await time(() => counted.classification(hq, { month: lastMonth }));
  const coKpis = await time(() => kpis.kpis(hq, { month: lastMonth }));
  const coAnalysis = await time(() => analyses.analysis(hq, { month: lastMonth }));
  await ds.query(`DELETE FROM special_case_sync`);
  await ds.query(`DELETE FROM special_cases`);
  const owedFirst = await time(() => special.dueMajorHotReports(now), 1);
  const owedNext = await time(() => special.dueMajorHotReports(now), 1);

  const [{ n: total }] = await ds.query(`SELECT COUNT(*) AS n FROM tickets`);
  const [{ n: projTickets }] = await ds.query(
    `SELECT COUNT(*) AS n FROM tickets WHERE projectId = ? AND createdAt >= ? AND createdAt < ?`,
    [big.projectId, start, end],
  );
  const [{ n: coTickets }] = await ds.query(
    `SELECT SUM(tickets) AS n FROM report_kpi_rollups WHERE month = ?`,
    [lastMonth],
  );
  const [{ n: rollupRows }] = await ds.query(`SELECT COUNT(*) AS n FROM report_kpi_rollups`);
  out(
    `${Number(total).toLocaleString('en')} tickets over ${PROJECTS} projects and ${MONTHS} months (MariaDB \`${DB}\`${seedMs === null ? ', reused' : `, seeded in ${(seedMs / 1000).toFixed(0)} s`}); month measured: ${lastMonth} — the largest project ${Number(projTickets).toLocaleString('en')} tickets, the company ${Number(coTickets).toLocaleString('en')}; ${Number(rollupRows).toLocaleString('en')} key-figure rollup rows in all. Reads: median of 3.`,
  );
  out('');
  out('| figure | value | target |');
  out('|---|---|---|');
  row('company monthly table straight from tickets (no rollup, for comparison)', straight.ms, 0);
  row('one project’s month, first read (rollup built then)', cold.ms);
  row(`job (every 10 min): refresh the current month, all projects (${recent.result} builds)`, recent.ms, 0);
  row(`job (nightly): rebuild 13 months, all projects (${nightly.result} builds)`, nightly.ms, 0);
  row('one project: monthly classification table', projClass.ms);
  row('one project: key figures (month, by kind/category/department/staff, 12-month trend)', projKpis.ms);
  row('company: monthly classification table (with per-project totals)', coClass.ms);
  row('company: key figures (month, breakdowns, per project, 12-month trend)', coKpis.ms);
  row('company: monthly analysis report', coAnalysis.ms);
  row(
    `job: major/hot reports owed, first run (register filled: ${owedFirst.result.length} owed)`,
    owedFirst.ms,
    0,
  );
  row('job: major/hot reports owed, next run', owedNext.ms, TARGET_MS);
  for (const l of rows) out(l);
  out('');
  if (coClass.result.table.total.items <= 0)
    throw new Error('the company table is empty: the bench seeded nothing?');

  await ds.destroy();
  if (!process.env.BENCH_KEEP_DB) await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await admin.end();
}

/** Seeds one company: projects, departments, staff, households, N tickets, their events and incidents. */
async function seed(db, { N, now, root, shared }) {
  const tmp = join(root, 'bench/tmp');
  mkdirSync(tmp, { recursive: true });
  const r = rng(20261122);
  const companyId = randomUUID();
  await db.query(`INSERT INTO companies (id, name) VALUES (?, ?)`, [companyId, '基准测试物业集团']);
  const depts = shared.STANDARD_DEPARTMENTS;
  const projects = [];
  const hh = [];
  for (let p = 0; p < PROJECTS; p++) {
    const id = randomUUID();
    // Sizes vary like a real company's: a few large compounds, many small ones.
    const weight = 1 / (1 + p * 0.15);
    const households = Math.round(600 + 3000 * weight);
    const pr = {
      id,
      name: `项目${String(p + 1).padStart(2, '0')}`,
      weight,
      households,
      depts: [],
      staff: [],
      residents: [],
    };
    for (const d of depts) pr.depts.push({ id: randomUUID(), code: d.code, name: d.name });
    for (let s = 0; s < 12; s++) {
      const dept = pr.depts[s % pr.depts.length];
      pr.staff.push({ id: randomUUID(), dept: dept.id, code: dept.code, name: `员工${p}-${s}` });
    }
    for (let i = 0; i < Math.min(households, 1500); i++) pr.residents.push(randomUUID());
    projects.push(pr);
    for (let i = 0; i < households; i++)
      hh.push([randomUUID(), id, randomUUID(), String(100 + (i % 3000)), `${1 + (i % 30)}栋${i}`]);
  }
  await db.query(`INSERT INTO projects (id, companyId, name) VALUES ?`, [
    projects.map((p) => [p.id, companyId, p.name]),
  ]);
  await db.query(`INSERT INTO departments (id, projectId, code, name) VALUES ?`, [
    projects.flatMap((p) => p.depts.map((d) => [d.id, p.id, d.code, d.name])),
  ]);
  await db.query(`INSERT INTO users (id, companyId, projectId, departmentId, kind, role, name) VALUES ?`, [
    projects.flatMap((p) =>
      p.staff.map((s) => [s.id, companyId, p.id, s.dept, 'staff', 'dept_staff', s.name]),
    ),
  ]);
  for (let i = 0; i < hh.length; i += 5000)
    await db.query(`INSERT INTO households (id, projectId, unitId, room, label) VALUES ?`, [
      hh.slice(i, i + 5000),
    ]);

  // Tickets: ids sorted, so the file is in primary-key order; every other attribute random, so one
  // project's month is scattered over the table as random uuids scatter it in production.
  const ids = Array.from({ length: N }, () => randomUUID()).sort();
  const monthStart = shared.monthRange(shared.addMonths(shared.monthOf(now), -(MONTHS - 1))).start.getTime();
  const span = now.getTime() - monthStart;
  const pWeights = projects.map((p, i) => [i, p.weight]);
  const kinds = [
    ['complaint', 35],
    ['repair', 45],
    ['suggestion', 8],
    ['praise', 5],
    ['inquiry', 7],
  ];
  const categories = shared.CATEGORY_NAMES.map((c, i) => [c, [14, 24, 12, 18, 14, 8, 6, 4][i]]);
  const channels = [
    ['miniapp', 55],
    ['phone', 25],
    ['walk_in', 8],
    ['online', 4],
    ['letter', 2],
    ['email', 2],
    ['hq', 2],
    ['patrol', 2],
  ];
  const catDept = {
    房屋管理类: 'eng',
    设备管理类: 'eng',
    安全管理类: 'sec',
    环境管理类: 'env',
    综合服务类: 'cs',
    业户纠纷类: 'cs',
    开发商相关类: 'eng',
    其它类: 'cs',
  };
  const causes = Object.entries(shared.CAUSE_FACTORS).flatMap(([f, v]) =>
    Object.keys(v.subs).map((s) => [f, s]),
  );
  const CONTENT = [
    '电梯又坏了，停在半层',
    '楼道灯不亮了好几天',
    '门口垃圾没有清运',
    '楼上装修噪音太大',
    '停车位被外来车辆占用',
    '物业费发票开错了',
    '外墙渗水，墙皮脱落',
    '小区门禁刷卡失灵',
    '厨房下水道堵了',
    '水压太低洗不了澡',
    '绿化带里有积水蚊子多',
    '快递柜经常满了',
  ];
  const incidents = new Map(); // key project|month|category → open incident
  const incidentRows = [];
  const events = [];
  const ratings = [];
  const H = 3600_000;
  const ticketCols = [
    'id',
    'companyId',
    'projectId',
    'number',
    'kind',
    'status',
    'channel',
    'content',
    'anonymous',
    'householdId',
    'location',
    'residentId',
    'contactPhone',
    'createdById',
    'idempotencyKey',
    'requestHash',
    'departmentId',
    'assigneeId',
    'replyDueAt',
    'handleDueAt',
    'dueAt',
    'repliedAt',
    'handledAt',
    'closedAt',
    'causeFactor',
    'causeSub',
    'reopenCount',
    'category',
    'majorComplaint',
    'compensationYuan',
    'incidentId',
    'peopleCount',
    'version',
    'createdAt',
    'updatedAt',
  ];
  const sizes = new Map();
  await writeLines(join(tmp, 'tickets.tsv'), function* () {
    for (let i = 0; i < N; i++) {
      const id = ids[i];
      const p = projects[pick(r, pWeights)];
      // a gently rising volume, busier in summer
      let at;
      for (;;) {
        at = monthStart + r() * span;
        const m = new Date(at).getUTCMonth();
        if (r() < (0.7 + 0.3 * ((at - monthStart) / span)) * (m >= 5 && m <= 8 ? 1 : 0.85)) break;
      }
      const kind = pick(r, kinds);
      const category = kind === 'complaint' ? pick(r, categories) : null;
      const channel = pick(r, channels);
      const age = now.getTime() - at;
      const old = age > 20 * 24 * H;
      const x = r();
      let status;
      if (x < 0.03) status = 'cancelled';
      else if (old) status = x < 0.93 ? 'closed' : x < 0.96 ? 'awaiting_visit' : 'in_progress';
      else
        status = pick(r, [
          ['received', 8],
          ['assigned', 12],
          ['in_progress', 20],
          ['handled', 10],
          ['awaiting_visit', 10],
          ['closed', 40],
        ]);
      const deptCode = kind === 'repair' ? 'eng' : category ? catDept[category] : 'cs';
      const staff = p.staff.filter((s) => s.code === deptCode);
      const assignee =
        status === 'received' ? null : staff.length ? staff[Math.floor(r() * staff.length)] : null;
      const dept = status === 'received' ? null : p.depts.find((d) => d.code === deptCode);
      const replyDue = at + (2 + r() * 8) * H;
      const handleDue = at + (kind === 'repair' ? 24 * 3 : 24) * H;
      const capped = (ms) => (ms === null || ms > now.getTime() ? null : ms);
      const replied =
        status === 'received'
          ? null
          : capped(at + (r() < 0.1 ? replyDue - at + r() * 20 * H : r() * r() * 6 * H));
      const handledStatuses = ['handled', 'awaiting_visit', 'closed'];
      const handled = handledStatuses.includes(status)
        ? Math.min(now.getTime(), at + (r() < 0.85 ? r() * (handleDue - at) : (handleDue - at) * (1 + r())))
        : null;
      const closed = status === 'closed' || status === 'cancelled' ? (handled ?? at) + r() * 48 * H : null;
      const reopen = handled && r() < 0.04 ? 1 : 0;
      const anonymous = r() < 0.03;
      const resident = channel === 'miniapp' ? p.residents[Math.floor(r() * p.residents.length)] : null;
      const phone = resident ? null : `13${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
      const cause = kind === 'complaint' && handled ? causes[Math.floor(r() * causes.length)] : [null, null];
      const major = kind === 'complaint' && r() < 0.001;
      let incidentId = null;
      if (kind === 'complaint' && r() < 0.06) {
        const key = `${p.id}|${shared.monthOf(new Date(at))}|${category}`;
        let inc = incidents.get(key);
        if (!inc || inc.n >= inc.cap) {
          inc = {
            id: randomUUID(),
            projectId: p.id,
            category,
            n: 0,
            cap: 2 + Math.floor(r() * 5),
            first: at,
            last: at,
            people: 0,
          };
          incidents.set(key, inc);
          incidentRows.push(inc);
        }
        inc.n++;
        inc.people++;
        inc.first = Math.min(inc.first, at);
        inc.last = Math.max(inc.last, at);
        incidentId = inc.id;
      }
      // the events the key figures read: return visits (satisfied closes, unsatisfied reopens) and no-visit closes
      let v = 1;
      const ev = (action, from, to, when, role, data = null) =>
        events.push([
          randomUUID(),
          id,
          ++v,
          action,
          from,
          to,
          role === 'resident' ? null : (assignee?.id ?? null),
          '员工',
          role,
          data,
          sqlTime(when),
        ]);
      // the residents' scores on those visits (ratings, 1–5), which the mean satisfaction score reads
      const rate = (round, satisfied, when) => {
        const average = satisfied ? 3.5 + Math.round(r() * 3) / 2 : 1 + Math.round(r() * 4) / 2;
        ratings.push([
          randomUUID(),
          id,
          p.id,
          round,
          1,
          kind,
          'phone',
          assignee?.id ?? p.staff[0].id,
          '{}',
          average,
          satisfied ? 1 : 0,
          sqlTime(when),
        ]);
      };
      if (reopen) {
        ev('reopen', 'awaiting_visit', 'in_progress', handled + H, 'cs_lead');
        rate(0, false, handled + H);
      }
      if (status === 'closed') {
        const y = r();
        if (!handled) ev('resolve_on_spot', 'confirmed', 'closed', closed, 'front_desk');
        else if (y < 0.8) {
          ev('close', 'awaiting_visit', 'closed', closed, 'cs_lead', '{"satisfied":true}');
          rate(reopen ? 1 : 0, true, Math.min(closed, now.getTime()));
        } else
          ev(
            'auto_close',
            'handled',
            'closed',
            closed,
            'system',
            JSON.stringify({
              noVisitReason: pick(r, [
                ['declined', 2],
                ['anonymous', 1],
                ['unreachable', 2],
              ]),
            }),
          );
      }
      sizes.set(p.id, (sizes.get(p.id) ?? 0) + 1);
      const t = [
        id,
        companyId,
        p.id,
        `B${String(i).padStart(9, '0')}`,
        kind,
        status,
        channel,
        CONTENT[Math.floor(r() * CONTENT.length)],
        anonymous,
        resident ? null : null,
        resident ? null : '公共区域',
        resident,
        phone,
        assignee?.id ?? p.staff[0].id,
        `bench-${i}`,
        'bench',
        dept?.id ?? null,
        assignee?.id ?? null,
        sqlTime(replyDue),
        sqlTime(handleDue),
        null,
        replied === null ? null : sqlTime(replied),
        handled === null ? null : sqlTime(handled),
        closed === null ? null : sqlTime(Math.min(closed, now.getTime())),
        cause[0],
        cause[1],
        reopen,
        category,
        major,
        major ? 10000 + Math.floor(r() * 50000) : null,
        incidentId,
        r() < 0.01 ? 3 + Math.floor(r() * 5) : 1,
        v,
        sqlTime(at),
        sqlTime(at),
      ];
      yield t.map(cell).join('\t') + '\n';
    }
  });
  // Bulk load: drop the secondary indexes, load in key order, rebuild them (sorted, far faster than one by one).
  const [idx] = await db.query(`SHOW INDEX FROM tickets WHERE Key_name <> 'PRIMARY'`);
  const byName = new Map();
  for (const x of idx) {
    const e = byName.get(x.Key_name) ?? { unique: !x.Non_unique, cols: [] };
    e.cols[x.Seq_in_index - 1] = x.Column_name;
    byName.set(x.Key_name, e);
  }
  if (byName.size)
    await db.query(`ALTER TABLE tickets ${[...byName.keys()].map((k) => `DROP INDEX \`${k}\``).join(', ')}`);
  const load = (file, table, cols) =>
    db.query({
      sql: `LOAD DATA LOCAL INFILE '${file}' INTO TABLE ${table} CHARACTER SET utf8mb4 (${cols.map((c) => `\`${c}\``).join(', ')})`,
      infileStreamFactory: () => createReadStream(file),
    });
  await db.query('SET unique_checks = 0');
  await load(join(tmp, 'tickets.tsv'), 'tickets', ticketCols);
  await db.query(
    `ALTER TABLE tickets ${[...byName.entries()]
      .map(
        ([k, e]) =>
          `ADD ${e.unique ? 'UNIQUE ' : ''}INDEX \`${k}\` (${e.cols.map((c) => `\`${c}\``).join(', ')})`,
      )
      .join(', ')}`,
  );
  // events in key order too (ticket_events' own indexes are few)
  events.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  await writeLines(join(tmp, 'events.tsv'), function* () {
    for (const e of events) yield e.map(cell).join('\t') + '\n';
  });
  await load(join(tmp, 'events.tsv'), 'ticket_events', [
    'id',
    'ticketId',
    'ticketVersion',
    'action',
    'fromStatus',
    'toStatus',
    'actorId',
    'actorName',
    'actorRole',
    'data',
    'createdAt',
  ]);
  ratings.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  await writeLines(join(tmp, 'ratings.tsv'), function* () {
    for (const x of ratings) yield x.map(cell).join('\t') + '\n';
  });
  await load(join(tmp, 'ratings.tsv'), 'ratings', [
    'id',
    'ticketId',
    'projectId',
    'round',
    'seq',
    'kind',
    'source',
    'recordedById',
    'scores',
    'average',
    'satisfied',
    'createdAt',
  ]);
  for (let i = 0; i < incidentRows.length; i += 5000)
    await db.query(
      `INSERT INTO incidents (id, companyId, projectId, category, title, ticketCount, complainantCount, hot, firstAt, lastAt) VALUES ?`,
      [
        incidentRows
          .slice(i, i + 5000)
          .map((x) => [
            x.id,
            companyId,
            x.projectId,
            x.category,
            '同一事件',
            x.n,
            x.people,
            x.people >= 3,
            sqlTime(x.first),
            sqlTime(x.last),
          ]),
      ],
    );
  await db.query('SET unique_checks = 1');
  await db.query(`CREATE TABLE bench_project_sizes (projectId varchar(36), n int)`);
  await db.query(`INSERT INTO bench_project_sizes VALUES ?`, [[...sizes.entries()]]);
  await db.query('ANALYZE TABLE tickets, ticket_events, ratings, incidents');
  rmSync(tmp, { recursive: true, force: true });
}
