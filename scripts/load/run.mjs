#!/usr/bin/env node
// `pnpm test:load [--short] [--duration=SECONDS] [--residents=N] [--keep]`
//
// Two server instances on a private MariaDB and Redis, 200 residents who log in with WeChat (a local stand-in
// for its API), bind their flat and file, read and rate tickets, a few staff working their queues, a hostile
// client — and, in sequence, MariaDB killed and restarted, Redis killed and restarted empty, one instance
// SIGKILLed. Afterwards the database is checked against what the clients were told. See README.md here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Hostile, Resident, Staff, persist } from './actors.mjs';
import { integrityChecks, jobChecks, numberChecks, reminderChecks, submissionChecks } from './checks.mjs';
import { Api, Recorder, now, percentile } from './client.mjs';
import {
  FakeWechat,
  MariaDb,
  Redis,
  ServerInstance,
  buildIfNeeded,
  findPrograms,
  freePort,
  getStatus,
  sleep,
  stopAllChildren,
} from './infra.mjs';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const opt = (name, dflt) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : dflt;
};
const SHORT = flag('short');
const DURATION_S = opt('duration', SHORT ? 30 : 60);
const RESIDENTS = opt('residents', 200);
const KEEP = flag('keep');
/** The reply deadline the project manager sets for the run, so that reminders and escalations fall due in it. */
const REPLY_LIMIT_S = SHORT ? 12 : 20;
const FAULT_HOLD_MS = SHORT ? 3000 : 6000;
/** After a fault is over, requests that started in it may still answer 503 for this long. */
const GRACE_MS = 8000;
const LEASE_MS = 15_000;

const t0 = now();
const log = (msg) => console.log(`[${((now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const dir = mkdtempSync(join(tmpdir(), 'wuye-load-'));
let failedHard = false;

async function main() {
  console.log(
    `load test: ${RESIDENTS} residents, ${DURATION_S} s of load${SHORT ? ' (short form)' : ''}, working dir ${dir}`,
  );
  const programs = findPrograms();
  buildIfNeeded(root, log);

  const ports = new Set();
  const db = new MariaDb(dir, await freePort(3317, ports), programs);
  const redis = new Redis(dir, await freePort(6390, ports), programs);
  db.install();
  await db.start();
  await redis.start();
  log(`MariaDB on ${db.port}, Redis on ${redis.port} (private, temporary)`);

  const appId = 'wxload00000000001';
  const appSecret = randomBytes(16).toString('hex');
  const fake = new FakeWechat(appId, appSecret);
  const wechatBase = await fake.start();

  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    JOBS_REDIS_PREFIX: 'wuye-load',
    JOBS_POLL_MS: '1000',
    JOBS_LEASE_MS: String(LEASE_MS),
    SEED_DEMO: 'true',
    DEV_LOGIN: 'true',
    JWT_SECRET: randomBytes(32).toString('hex'),
    WECHAT_APP_ID: appId,
    WECHAT_APP_SECRET: appSecret,
    WECHAT_API_BASE: wechatBase,
    H5_DIR: '',
    UPLOAD_DIR: join(dir, 'uploads'),
    // Every simulated person comes from 127.0.0.1: per-IP limits would count them as one. Per-person limits
    // stay at their defaults. Any RATE_LIMIT_* in our own environment wins.
    RATE_LIMIT_LOGIN_IP: '1000000/60',
    RATE_LIMIT_INTAKE_IP: '1000000/60',
    RATE_LIMIT_UPLOAD_IP: '1000000/60',
    RATE_LIMIT_BINDING_IP: '1000000/60',
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('RATE_LIMIT_'))),
  };
  const A = new ServerInstance('A', dir, await freePort(3417, ports), env);
  const B = new ServerInstance('B', dir, await freePort(3418, ports), env);
  // One after the other: the first runs the migrations and seeds the demo, the second finds them done.
  await A.start();
  log(`server A up on ${A.port} (migrated, demo seeded)`);
  await B.start();
  log(`server B up on ${B.port}`);
  const servers = [A, B];

  const rec = new Recorder();
  const api = new Api(servers, rec);
  const ctx = {
    runId: randomBytes(3).toString('hex'),
    api,
    rec,
    fake,
    stopAt: Infinity,
    staff: {},
    acks: new Map(),
    sent: new Map(),
    replayMismatch: [],
    unexpected: [],
    residentIds: [],
    stats: {
      retries: 0,
      rateLimited: 0,
      conflicts: 0,
      gaveUp: 0,
      ratings: 0,
      handled: 0,
      replays: 0,
      hostile: 0,
      ackedAfterRetry: 0,
    },
  };

  // ── setup: staff sign in (development login), the project's clock is set short, residents arrive ──
  const accounts = (await persist(ctx, { path: '/api/auth/dev-accounts', label: 'GET /auth/dev-accounts' })).r
    .body;
  const byName = (name) => {
    const a = accounts.find((x) => x.name === name);
    if (!a) throw new Error(`demo account ${name} missing`);
    return a;
  };
  const login = async (name) => {
    const { r } = await persist(ctx, {
      method: 'POST',
      path: '/api/auth/dev-login',
      body: { accountId: byName(name).id },
      label: 'POST /auth/dev-login',
      actor: 'staff',
    });
    if (r.status !== 200) throw new Error(`dev login ${name}: ${r.status}`);
    return { token: r.body.token, id: r.body.user.id, name, projectId: r.body.user.projectId };
  };
  ctx.staff.frontDesk = await login('李晓梅');
  const pm = await login('陈志强');
  const hq = await login('吴总');
  const workers = [
    await login('张师傅'),
    await login('刘师傅'),
    await login('赵队长'),
    await login('孙阿姨'),
  ];
  const projectId = pm.projectId;

  // Working time round the clock on every day of the run, and a short reply deadline, so that the 75%
  // reminder and the deadline escalation come due while we watch — through the manager's real API.
  const shanghaiDay = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const days = [0, 1, 2].map((d) => shanghaiDay(Date.now() + d * 86_400_000));
  const cal = await persist(ctx, {
    method: 'PUT',
    path: '/api/company/calendar',
    body: { extraWorkdays: days },
    token: hq.token,
    label: 'PUT /company/calendar',
    actor: 'staff',
  });
  if (cal.r.status !== 200) throw new Error(`company calendar: ${cal.r.status} ${cal.r.body?.message}`);
  const limit = { type: 'minutes', minutes: REPLY_LIMIT_S / 60 };
  const clock = {
    deadlineRules: {
      replyByChannel: { miniapp: limit },
      repairByClass: { small: { reply: limit }, general: { reply: limit }, major: { reply: limit } },
    },
    workingHours: { start: '00:00', end: '23:59', weekdays: [0, 1, 2, 3, 4, 5, 6] },
  };
  for (let i = 0; i < servers.length; i++) {
    // Once per instance: each forgets its cached copy of the project's clock when it takes the change.
    const r = await persist(ctx, {
      method: 'PUT',
      path: `/api/projects/${projectId}/clock-settings`,
      body: clock,
      token: pm.token,
      label: 'PUT /projects/:id/clock-settings',
      actor: 'staff',
      prefer: i,
    });
    if (r.r.status !== 200) throw new Error(`clock settings: ${r.r.status} ${r.r.body?.message}`);
  }
  const tree = (
    await persist(ctx, {
      path: `/api/org/projects/${projectId}/tree`,
      token: pm.token,
      label: 'GET /org/projects/:id/tree',
      actor: 'staff',
    })
  ).r.body;
  const households = tree.buildings.flatMap((b) => b.units.flatMap((u) => u.households));
  const residents = Array.from(
    { length: RESIDENTS },
    (_, i) => new Resident(i, ctx, households[i % households.length]),
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < residents.length) await residents[next++].setup();
    }),
  );
  ctx.residentIds = residents.map((r) => r.userId);
  log(
    `${residents.length} residents logged in with WeChat and bound to ${Math.min(households.length, RESIDENTS)} flats (${fake.logins} WeChat logins); reply deadline ${REPLY_LIMIT_S} s`,
  );
  const setupRecords = rec.records.length;

  // ── load, with faults in sequence ──
  const loadStart = now();
  ctx.loadStart = loadStart;
  ctx.stopAt = loadStart + DURATION_S * 1000;
  const staffers = workers.map((w, i) => new Staff(i, ctx, w));
  const hostile = new Hostile(ctx, residents);
  log(`load: ${DURATION_S} s`);
  const progress = setInterval(() => {
    const recent = rec.records.filter((r) => r.end > now() - 5000);
    const bad = recent.filter((r) => r.status >= 500 || r.net).length;
    log(
      `  ${(recent.length / 5).toFixed(0)} req/s, ${bad} errors in the last 5 s, ${ctx.acks.size} tickets acknowledged`,
    );
  }, 5000);

  const healthy = async (instances, timeoutMs) => {
    const until = now() + timeoutMs;
    for (;;) {
      const st = await Promise.all(instances.map((s) => getStatus(`${s.base}/api/health`)));
      if (st.every((s) => s === 200)) return true;
      if (now() > until) return false;
      await sleep(200);
    }
  };
  const at = (frac) => sleep(Math.max(0, loadStart + frac * DURATION_S * 1000 - now()));

  const faults = async () => {
    await at(0.3);
    let w = rec.openWindow('MariaDB killed and restarted', GRACE_MS);
    w.kind = 'db';
    log('FAULT: MariaDB SIGKILL');
    await db.kill();
    w.events.downAt = now();
    await sleep(FAULT_HOLD_MS);
    await db.start();
    w.events.upAt = now();
    log(
      `MariaDB restarted on the same datadir (down ${((w.events.upAt - w.events.downAt) / 1000).toFixed(1)} s)`,
    );
    w.events.healthy = await healthy(servers, 60_000);
    w.recoveredAt = now();
    log(
      `both instances answer /api/health ${w.events.healthy ? 'again' : 'STILL NOT'} (${((w.recoveredAt - w.events.upAt) / 1000).toFixed(1)} s after restart)`,
    );

    await at(0.45);
    w = rec.openWindow('Redis killed and restarted empty', GRACE_MS);
    w.kind = 'redis';
    log('FAULT: Redis SIGKILL (no persistence: queued jobs are lost with it)');
    await redis.kill();
    w.events.downAt = now();
    await sleep(FAULT_HOLD_MS);
    await redis.start();
    w.events.upAt = now();
    w.recoveredAt = now();
    log('Redis restarted, empty');

    await at(0.7);
    // Killed while it holds a job if we can catch it at one (polling for a claim of B's, until 80% of the run):
    // that job must be released when its lease runs out and run by A, once.
    const pid = B.pid;
    const c = await db.connect();
    try {
      const mine = [`%:${pid}:%`];
      const until = loadStart + 0.8 * DURATION_S * 1000;
      const seen = { A: 0, B: 0 };
      while (now() < until) {
        const [rows] = await c.query("SELECT lockedBy FROM jobs WHERE status = 'running'");
        for (const r of rows) seen[r.lockedBy?.includes(`:${pid}:`) ? 'B' : 'A']++;
        if (rows.some((r) => r.lockedBy?.includes(`:${pid}:`))) break;
        await sleep(5);
      }
      log(`  (running jobs seen while waiting: on A ${seen.A}, on B ${seen.B})`);
      w = rec.openWindow('server B SIGKILLed', GRACE_MS);
      w.kind = 'kill';
      log(`FAULT: server B (pid ${pid}) SIGKILL`);
      await B.kill();
      w.recoveredAt = now();
      // A claim B sent just before it died can still commit on the server after the kill: look a moment later.
      await sleep(500);
      const [rows] = await c.query("SELECT id FROM jobs WHERE status = 'running' AND lockedBy LIKE ?", mine);
      ctx.orphans = rows.map((r) => r.id);
    } finally {
      await c.end();
    }
    log(`${ctx.orphans.length} job(s) were running on B; A carries on alone`);
  };

  await Promise.all([
    ...residents.map((r) => r.run()),
    ...staffers.map((s) => s.run()),
    hostile.run(),
    faults(),
  ]);
  clearInterval(progress);
  const loadEnd = now();
  log(`load over (${((loadEnd - loadStart) / 1000).toFixed(1)} s including the last retries)`);

  // ── let every reminder and escalation of the run's tickets come due and run ──
  const c = await db.connect();
  const lastAck = Math.max(...[...ctx.acks.values()].map((a) => a.at), loadStart);
  const cut = lastAck + REPLY_LIMIT_S * 1000 + 2000;
  const drainUntil = cut + 120_000;
  for (;;) {
    const [[{ n }]] = await c.query(
      "SELECT COUNT(*) AS n FROM jobs WHERE status IN ('pending','running') AND (runAt <= UTC_TIMESTAMP(6) OR lastError IS NOT NULL)",
    );
    if (now() >= cut && Number(n) === 0) break;
    if (now() > drainUntil) {
      log(`jobs still outstanding after waiting: ${n}`);
      break;
    }
    await sleep(1000);
  }
  log('jobs drained; checking');

  // ── checks ──
  const checks = [];
  const legit = rec.records.slice(setupRecords).filter((r) => r.actor !== 'hostile');
  const all = rec.records;
  const fiveXX = all.filter((r) => r.status >= 500);
  const outside = fiveXX.filter((r) => !rec.windowOf(r));
  checks.push({
    name: 'no 5xx outside the injected fault windows',
    ok: outside.length === 0,
    detail: `${fiveXX.length} 5xx in all, ${fiveXX.length - outside.length} inside fault windows${
      outside.length
        ? `; OUTSIDE: ${outside
            .slice(0, 5)
            .map(
              (r) =>
                `${r.status} ${r.label} on ${r.instance} at +${((r.start - loadStart) / 1000).toFixed(1)}s ${r.message ?? ''}`,
            )
            .join('; ')}`
        : ''
    }`,
  });
  const no503RetryAfter = all.filter((r) => r.status === 503 && !r.hasRetryAfter);
  checks.push({
    name: 'every 503 carries Retry-After',
    ok: no503RetryAfter.length === 0,
    detail: `${all.filter((r) => r.status === 503).length} answers 503${no503RetryAfter.length ? `; WITHOUT Retry-After: ${no503RetryAfter.length} (${[...new Set(no503RetryAfter.map((r) => r.label))].join(', ')})` : ''}`,
  });
  checks.push({
    name: 'valid requests never got an unexpected 4xx',
    ok: ctx.unexpected.length === 0,
    detail: ctx.unexpected.length
      ? ctx.unexpected
          .slice(0, 5)
          .map((u) => `${u.what} → ${u.status} ${u.message ?? ''}`)
          .join('; ')
      : 'none',
  });
  const hostileRecs = all.filter((r) => r.actor === 'hostile');
  // No answer (the killed instance) says nothing about refusal: the client tried the other instance.
  const hostileBad = hostileRecs.filter(
    (r) =>
      !(r.net || r.expect.includes(r.status) || r.status === 429 || (r.status >= 500 && rec.windowOf(r))),
  );
  checks.push({
    name: 'hostile requests refused with the right 4xx',
    ok: hostileRecs.length > 0 && hostileBad.length === 0,
    detail: `${hostileRecs.length} sent${
      hostileBad.length
        ? `; WRONG: ${hostileBad
            .slice(0, 5)
            .map((r) => `${r.label} → ${r.status || r.net} (expected ${r.expect.join('/')})`)
            .join('; ')}`
        : ''
    }`,
  });

  const dbw = rec.windows.find((w) => w.kind === 'db');
  if (dbw) {
    const in503 = all.filter((r) => r.status === 503 && rec.windowOf(r) === dbw).length;
    const after = (inst) =>
      legit.filter(
        (r) =>
          r.instance === inst &&
          r.start > dbw.recoveredAt &&
          r.status >= 200 &&
          r.status < 300 &&
          r.label === 'POST /tickets',
      ).length;
    const liveAfter = servers.map((s) => `${s.name}: ${after(s.name)}`);
    checks.push({
      name: 'MariaDB down: clients got 503 + Retry-After, and both instances recovered by themselves',
      ok: in503 > 0 && dbw.events.healthy && servers.every((s) => after(s.name) > 0),
      detail: `${in503} × 503 during the outage; /api/health ok on both ${((dbw.recoveredAt - dbw.events.upAt) / 1000).toFixed(1)} s after MariaDB was back; tickets filed afterwards per instance ${liveAfter.join(', ')}`,
    });
  }
  const kw = rec.windows.find((w) => w.kind === 'kill');
  if (kw) {
    const afterKill = legit.filter((r) => r.start > kw.recoveredAt);
    const okA = afterKill.filter((r) => r.instance === 'A' && r.status >= 200 && r.status < 300).length;
    const onB = afterKill.filter((r) => r.instance === 'B' && !r.net).length;
    checks.push({
      name: 'after server B was killed, A carried the load and clients switched to it',
      ok: okA > 0 && onB === 0 && A.alive,
      detail: `${okA} successful requests on A after the kill, ${onB} answers from B, ${afterKill.filter((r) => r.net).length} refused connections retried elsewhere`,
    });
  }
  checks.push({
    name: 'no server instance died except the one killed on purpose',
    ok: A.alive && (await getStatus(`${A.base}/api/health`)) === 200,
    detail: `A ${A.alive ? 'running' : `exited ${A.proc.exitCode}`}, B ${B.killedOnPurpose ? 'killed on purpose' : B.alive ? 'running' : 'DIED'}`,
  });

  try {
    checks.push(...(await submissionChecks(c, ctx)));
    checks.push(...(await numberChecks(c)));
    checks.push(...(await integrityChecks(c, ctx)));
    checks.push(...(await jobChecks(c, ctx)));
    checks.push(...(await reminderChecks(c, ctx)));
  } finally {
    await c.end();
  }

  // ── summary ──
  const loadRecs = rec.records.slice(setupRecords);
  const loadSecs = (loadEnd - loadStart) / 1000;
  console.log('\n── traffic during the load ──');
  console.log(
    `${loadRecs.length} requests in ${loadSecs.toFixed(1)} s = ${(loadRecs.length / loadSecs).toFixed(1)} req/s; ` +
      `${ctx.acks.size} tickets acknowledged (${ctx.stats.ackedAfterRetry} only after retrying the same key), ` +
      `${ctx.stats.handled} marked handled by staff, ${ctx.stats.ratings} rated by residents`,
  );
  console.log(
    `retries (network error / 5xx, same key): ${ctx.stats.retries}; 429 waited out: ${ctx.stats.rateLimited}; ` +
      `409 version conflicts: ${ctx.stats.conflicts}; submissions given up: ${ctx.stats.gaveUp}; hostile: ${ctx.stats.hostile}`,
  );
  const labels = [...new Set(loadRecs.map((r) => r.label))].sort();
  const rows = labels.map((label) => {
    const rs = loadRecs.filter((r) => r.label === label);
    const answered = rs
      .filter((r) => !r.net)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const count = (f) => rs.filter(f).length;
    return {
      endpoint: label,
      n: rs.length,
      '2xx': count((r) => r.status >= 200 && r.status < 300),
      '4xx': count((r) => r.status >= 400 && r.status < 500 && r.status !== 429),
      '429s': count((r) => r.status === 429),
      '5xx in fault': count((r) => r.status >= 500 && rec.windowOf(r)),
      '5xx outside': count((r) => r.status >= 500 && !rec.windowOf(r)),
      'no answer': count((r) => r.net),
      'p50 ms': percentile(answered, 50),
      'p99 ms': percentile(answered, 99),
    };
  });
  console.table(rows);
  console.log('── fault windows ──');
  for (const w of rec.windows) {
    const inW = loadRecs.filter((r) => rec.windowOf(r) === w);
    console.log(
      `${w.name}: +${((w.start - loadStart) / 1000).toFixed(1)}s … +${(((w.recoveredAt ?? w.start) - loadStart) / 1000).toFixed(1)}s (+${GRACE_MS / 1000}s grace): ` +
        `${inW.length} requests, ${inW.filter((r) => r.status >= 500).length} 5xx, ${inW.filter((r) => r.net).length} without answer`,
    );
  }
  console.log('── jobs ──');
  for (const l of ctx.lateness ?? [])
    console.log(
      `due in ${l.name}: ${l.n} ran, lateness p50 ${(l.p50 / 1000).toFixed(1)} s, max ${(l.max / 1000).toFixed(1)} s`,
    );
  console.log((ctx.jobCounts ?? []).map((j) => `${j.type} ${j.status} ${j.n}`).join(' · '));

  console.log('\n── checks ──');
  let passed = 0;
  let failed = 0;
  for (const ch of checks) {
    if (ch.ok) passed++;
    else failed++;
    console.log(`${ch.ok ? '✓' : '✗'} ${ch.name}\n    ${ch.detail}`);
  }
  failedHard = failed > 0;

  await Promise.all([A.stop(), B.stop()]);
  await redis.stop();
  await db.stop();
  await fake.stop();
  api.close();
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed;
}

const cleanup = () => {
  stopAllChildren();
  if (!KEEP && !failedHard) rmSync(dir, { recursive: true, force: true });
  else console.log(`logs and data kept in ${dir}`);
};
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    failedHard = true;
    cleanup();
    process.exit(130);
  });

main()
  .then((failed) => {
    cleanup();
    process.exit(failed ? 1 : 0);
  })
  .catch((e) => {
    console.error(`\nload test could not run: ${e.stack ?? e}`);
    for (const f of ['server-A.log', 'server-B.log', 'mariadb.log']) {
      try {
        const tail = readFileSync(join(dir, f), 'utf8').split('\n').slice(-15).join('\n');
        console.error(`\n── last lines of ${f} ──\n${tail}`);
      } catch {
        // not written yet
      }
    }
    failedHard = true;
    cleanup();
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  });
