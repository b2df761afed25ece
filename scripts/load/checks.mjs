// What must hold after the load and the faults, read from the database the servers wrote and from what the
// clients were told. Each check is {name, ok, detail}; the run fails if any is not ok.

const STOPPED = ['handled', 'awaiting_visit', 'closed', 'cancelled', 'deferred'];
const iso = (d) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const sample = (xs, n = 5) =>
  xs
    .slice(0, n)
    .map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
    .join('; ');

/** Every acknowledged submission is exactly one row under its key; nothing exists that nobody sent. */
export async function submissionChecks(db, ctx) {
  const out = [];
  const prefix = `ld-${ctx.runId}-`;
  const [tickets] = await db.query(
    'SELECT id, number, createdById, idempotencyKey FROM tickets WHERE createdById IN (?)',
    [ctx.residentIds],
  );
  const [repeats] = await db.query(
    'SELECT originalTicketId, createdById, idempotencyKey FROM repeat_complaints WHERE createdById IN (?)',
    [ctx.residentIds],
  );
  const byKey = new Map();
  for (const t of tickets) {
    const k = `${t.createdById}|${t.idempotencyKey}`;
    byKey.set(k, [...(byKey.get(k) ?? []), { type: 'ticket', id: t.id, number: t.number }]);
  }
  for (const r of repeats) {
    const k = `${r.createdById}|${r.idempotencyKey}`;
    byKey.set(k, [...(byKey.get(k) ?? []), { type: 'repeat', id: r.originalTicketId }]);
  }
  const bad = [];
  for (const [key, a] of ctx.acks) {
    const rows = byKey.get(`${a.userId}|${key}`) ?? [];
    if (rows.length !== 1) bad.push(`${key}: ${rows.length} rows`);
    else if (rows[0].id !== a.ticketId) bad.push(`${key}: told ${a.ticketId}, stored ${rows[0].id}`);
    else if (
      a.reopened ? rows[0].type !== 'repeat' : rows[0].type !== 'ticket' || rows[0].number !== a.number
    )
      bad.push(
        `${key}: told ${a.number}${a.reopened ? ' (reopened)' : ''}, stored ${rows[0].type} ${rows[0].number ?? ''}`,
      );
  }
  const created = [...ctx.acks.values()].filter((a) => a.created).length;
  const reopened = [...ctx.acks.values()].filter((a) => a.reopened).length;
  out.push({
    name: 'every acknowledged submission exists exactly once (idempotency key → one ticket, same id and number)',
    ok: ctx.acks.size > 0 && bad.length === 0,
    detail: `${ctx.acks.size} acknowledged (${created} answered 201, ${ctx.acks.size - created} answered 200 after a retry/replay, ${reopened} reopened an earlier ticket)${bad.length ? `; WRONG: ${bad.length}: ${sample(bad)}` : ''}`,
  });

  const phantom = [];
  let committedUnacked = 0;
  for (const [k, rows] of byKey) {
    const key = k.slice(k.indexOf('|') + 1);
    const sent = ctx.sent.get(key);
    if (!sent || !key.startsWith(prefix)) phantom.push(`${key} (${rows.length} rows)`);
    else if (rows.length !== 1) phantom.push(`${key}: ${rows.length} rows`);
    else if (!sent.acked) committedUnacked++;
  }
  const unacked = [...ctx.sent.values()].filter((s) => !s.acked).length;
  out.push({
    name: 'no ticket without a submission behind it, none twice (hostile same-key/other-content made none)',
    ok: phantom.length === 0,
    detail: `${tickets.length} tickets + ${repeats.length} repeat links by load residents for ${ctx.sent.size} keys sent; ${unacked} submissions never acknowledged (client gave up), ${committedUnacked} of them committed anyway${phantom.length ? `; WRONG: ${sample(phantom)}` : ''}`,
  });

  out.push({
    name: 'a replayed submission (double tap) returns the same ticket with 200',
    ok: ctx.replayMismatch.length === 0,
    detail: `${ctx.stats.replays} replays${ctx.replayMismatch.length ? `; WRONG: ${sample(ctx.replayMismatch)}` : ''}`,
  });
  return out;
}

/**
 * Ticket numbers: unique, and per (kind prefix, day) every number within the counter (1…counter): the counter
 * never fell behind a number already given out (which would hand it out again after a crash). Numbers are drawn
 * in a short transaction of their own, so a submission that failed after drawing (e.g. during the MariaDB
 * restart) leaves its number unused: those are counted and printed, not failed.
 */
export async function numberChecks(db) {
  const [dups] = await db.query(
    'SELECT companyId, number, COUNT(*) AS n FROM tickets GROUP BY companyId, number HAVING COUNT(*) > 1',
  );
  const [rows] = await db.query('SELECT companyId, number FROM tickets');
  const [counters] = await db.query('SELECT companyId, prefix, day, seq FROM ticket_counters');
  const groups = new Map();
  for (const r of rows) {
    const m = /^([A-Z]+)(\d{8})-(\d+)$/.exec(r.number);
    if (!m) continue;
    const g = `${r.companyId}|${m[1]}|${m[2]}`;
    groups.set(g, [...(groups.get(g) ?? []), Number(m[3])]);
  }
  const beyond = [];
  let unused = 0;
  for (const [g, seqs] of groups) {
    seqs.sort((a, b) => a - b);
    const [companyId, prefix, day] = g.split('|');
    const counter = counters.find(
      (c) => c.companyId === companyId && c.prefix === prefix && String(c.day) === day,
    );
    if (!counter || seqs[0] < 1 || seqs.at(-1) > Number(counter.seq))
      beyond.push(`${prefix}${day}: max ${seqs.at(-1)}, counter ${counter?.seq ?? 'none'}`);
    else unused += Number(counter.seq) - seqs.length;
  }
  return [
    {
      name: 'ticket numbers are unique',
      ok: dups.length === 0,
      detail: `${rows.length} tickets${dups.length ? `; DUPLICATES: ${sample(dups.map((d) => d.number))}` : ''}`,
    },
    {
      name: 'every ticket number lies within its counter (the counter never fell behind, also across the crash)',
      ok: beyond.length === 0,
      detail: `${groups.size} number series, ${unused} number(s) drawn by submissions that then failed${beyond.length ? `; WRONG: ${sample(beyond)}` : ''}`,
    },
  ];
}

/** Nothing half-written: each ticket's timeline matches its version, its receipt notice and clock jobs exist. */
export async function integrityChecks(db, ctx) {
  const [tickets] = await db.query(
    'SELECT id, version, status, residentId, replyDueAt, createdAt FROM tickets WHERE createdById IN (?)',
    [ctx.residentIds],
  );
  const [events] = await db.query(
    'SELECT ticketId, COUNT(*) AS n, MIN(ticketVersion) AS lo, MAX(ticketVersion) AS hi, ' +
      "SUM(action = 'create' AND ticketVersion = 1) AS creates FROM ticket_events GROUP BY ticketId",
  );
  const [received] = await db.query(
    "SELECT ticketId, userId FROM notifications WHERE dedupeKey LIKE 'ticket:%:received'",
  );
  const [clockJobs] = await db.query(
    "SELECT DISTINCT SUBSTRING_INDEX(SUBSTRING_INDEX(`key`, ':', 2), ':', -1) AS ticketId FROM jobs WHERE `key` LIKE 'dl:%:reply:%'",
  );
  const ev = new Map(events.map((e) => [e.ticketId, e]));
  const rec = new Set(received.map((n) => `${n.ticketId}|${n.userId}`));
  const armed = new Set(clockJobs.map((j) => j.ticketId));
  const bad = [];
  for (const t of tickets) {
    const e = ev.get(t.id);
    // Every move is one event at the version it produced; linking to an incident bumps the version without one.
    if (
      !e ||
      Number(e.creates) !== 1 ||
      Number(e.lo) !== 1 ||
      Number(e.hi) > t.version ||
      Number(e.n) > t.version
    )
      bad.push(
        `${t.id}: version ${t.version}, events ${e ? `${e.n} (${e.lo}…${e.hi}, create ${e.creates})` : 'none'}`,
      );
    if (t.residentId && !rec.has(`${t.id}|${t.residentId}`)) bad.push(`${t.id}: no receipt notification`);
    if (t.replyDueAt && !armed.has(t.id)) bad.push(`${t.id}: reply deadline without clock jobs`);
  }
  return [
    {
      name: 'no half-written ticket (creation event, timeline within its version, receipt notice and deadline jobs committed with it)',
      ok: tickets.length > 0 && bad.length === 0,
      detail: `${tickets.length} tickets checked${bad.length ? `; WRONG: ${bad.length}: ${sample(bad)}` : ''}`,
    },
  ];
}

/** Jobs: everything that came due ran, none failed or hangs; lateness by period. */
export async function jobChecks(db, ctx) {
  const out = [];
  const [stuck] = await db.query(
    "SELECT id, type, `key`, status, runAt, attempts, lastError FROM jobs WHERE status IN ('pending','running','failed') " +
      "AND (runAt <= UTC_TIMESTAMP(6) - INTERVAL 2 SECOND OR lastError IS NOT NULL OR status <> 'pending')",
  );
  const [done] = await db.query(
    "SELECT id, type, `key`, runAt, doneAt, attempts, lastError, createdAt FROM jobs WHERE status = 'done'",
  );
  const [counts] = await db.query(
    'SELECT type, status, COUNT(*) AS n FROM jobs GROUP BY type, status ORDER BY type, status',
  );
  ctx.jobCounts = counts;
  const retried = done.filter((j) => j.attempts > 1);
  out.push({
    name: 'every job that came due ran to the end (none pending past due, running, or failed)',
    ok: stuck.length === 0 && done.length > 0,
    detail: `${done.length} done, ${retried.length} of them after more than one attempt${stuck.length ? `; NOT DONE: ${stuck.length}: ${sample(stuck.map((j) => `${j.type} ${j.key} ${j.status} due ${iso(j.runAt)} attempts ${j.attempts} ${j.lastError ?? ''}`))}` : ''}`,
  });

  const lateness = (from, to) =>
    done
      .filter(
        (j) =>
          j.runAt.getTime() >= from && j.runAt.getTime() <= to && j.createdAt.getTime() <= j.runAt.getTime(),
      )
      .map((j) => j.doneAt.getTime() - j.runAt.getTime())
      .sort((a, b) => a - b);
  ctx.lateness = [];
  for (const w of ctx.rec.windows) {
    const l = lateness(w.start, (w.recoveredAt ?? w.start) + w.graceMs);
    ctx.lateness.push({
      name: w.name,
      n: l.length,
      max: l.at(-1) ?? 0,
      p50: l[Math.floor(l.length / 2)] ?? 0,
    });
  }
  const all = lateness(ctx.loadStart, Date.now());
  ctx.lateness.push({
    name: 'whole run',
    n: all.length,
    max: all.at(-1) ?? 0,
    p50: all[Math.floor(all.length / 2)] ?? 0,
  });

  // The killed instance's claimed jobs: released when their lease ran out, then run by the survivor.
  if (ctx.orphans) {
    const [rows] = ctx.orphans.length
      ? await db.query('SELECT id, `key`, status, attempts, runAt, doneAt FROM jobs WHERE id IN (?)', [
          ctx.orphans,
        ])
      : [[]];
    const notDone = rows.filter((r) => r.status !== 'done' && r.status !== 'cancelled');
    out.push({
      name: 'jobs the killed instance had claimed were taken over after their lease ran out',
      ok: notDone.length === 0,
      detail:
        `${ctx.orphans.length} job(s) were running on it at the kill` +
        (ctx.orphans.length
          ? `; now: ${rows
              .map(
                (r) =>
                  `${r.status} (attempts ${r.attempts}${r.doneAt ? `, ${((r.doneAt - r.runAt) / 1000).toFixed(1)} s after due` : ''})`,
              )
              .join(', ')}`
          : ' (nothing to take over this time)'),
    });
  }

  const redis = ctx.rec.windows.find((w) => w.kind === 'redis');
  if (redis) {
    const from = redis.start;
    const to = (redis.recoveredAt ?? redis.start) + 30_000;
    const [rows] = await db.query(
      'SELECT status, COUNT(*) AS n FROM jobs WHERE runAt BETWEEN ? AND ? AND runAt <= UTC_TIMESTAMP(6) GROUP BY status',
      [new Date(from), new Date(to)],
    );
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    // Once Redis is back (empty), what it lost must be handed to it again at once, not when the overdue
    // fallback (30 s) or the re-hand timer (2 min) notices.
    const back = (redis.events.upAt ?? redis.start) + 2000;
    // Up to the next fault; a job the killed instance held waits for its lease (checked separately).
    const next = ctx.rec.windows.find((w) => w.start > redis.start);
    const until = Math.min(back + 30_000, next?.start ?? Infinity);
    const orphans = new Set(ctx.orphans ?? []);
    const after = done
      .filter((j) => j.runAt.getTime() >= back && j.runAt.getTime() <= until && !orphans.has(j.id))
      .map((j) => j.doneAt.getTime() - j.runAt.getTime())
      .sort((a, b) => a - b);
    out.push({
      name: 'jobs due after Redis came back empty (until the next fault, ≤ 30 s) ran on time (≤ 10 s late)',
      ok: after.length > 0 && after.at(-1) <= 10_000,
      detail: `${after.length} jobs, lateness p50 ${((after[Math.floor(after.length / 2)] ?? 0) / 1000).toFixed(1)} s, max ${((after.at(-1) ?? 0) / 1000).toFixed(1)} s`,
    });
    const pending = (by.pending ?? 0) + (by.running ?? 0) + (by.failed ?? 0);
    out.push({
      name: 'jobs due while Redis was down (and 30 s after) all ran after it came back empty',
      ok: pending === 0,
      detail: `${
        Object.entries(by)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ') || 'no job came due in that window'
      }`,
    });
  }
  return out;
}

/**
 * Reminders and escalations. For each ticket nobody touched (only its creation and system moves on the
 * timeline) whose short reply deadline has passed: the 75% reminder ran and told the assignee (or the leads)
 * exactly once, the deadline step ran and recorded exactly one overdue event and told assignee + lead once.
 * For all tickets: no (ticket, deadline, level) overdue event twice, no notification twice.
 */
export async function reminderChecks(db, ctx) {
  const out = [];
  const cutoff = Date.now() - 3000;
  const [tickets] = await db.query(
    'SELECT t.id, t.projectId, t.assigneeId, t.status, t.replyDueAt, t.repliedAt, t.overdueLevel FROM tickets t ' +
      'WHERE t.createdById IN (?) AND t.replyDueAt IS NOT NULL AND t.replyDueAt <= ? AND t.repliedAt IS NULL ' +
      "AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticketId = t.id AND e.action <> 'create' AND e.actorRole <> 'system')",
    [ctx.residentIds, new Date(cutoff)],
  );
  const [leads] = await db.query("SELECT id, projectId FROM users WHERE kind = 'staff' AND role = 'cs_lead'");
  const [jobs] = await db.query(
    "SELECT `key`, status, attempts, doneAt FROM jobs WHERE type IN ('deadline.remind','deadline.step') AND `key` LIKE 'dl:%:reply:%'",
  );
  const [notes] = await db.query(
    "SELECT userId, dedupeKey FROM notifications WHERE dedupeKey LIKE 'remind:%' OR dedupeKey LIKE 'step:%'",
  );
  const [overdue] = await db.query("SELECT ticketId, data FROM ticket_events WHERE action = 'overdue'");
  const jobByKey = new Map(jobs.map((j) => [j.key, j]));
  const notesByKey = new Map();
  for (const n of notes) notesByKey.set(n.dedupeKey, [...(notesByKey.get(n.dedupeKey) ?? []), n.userId]);
  const overdueBy = new Map();
  for (const e of overdue) {
    const d = JSON.parse(e.data ?? '{}');
    const k = `${e.ticketId}|${d.kind}|${d.due}|${d.level}`;
    overdueBy.set(k, (overdueBy.get(k) ?? 0) + 1);
  }
  const bad = [];
  let reminded = 0;
  let latePassed = 0;
  let stepped = 0;
  const same = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  for (const t of tickets) {
    if (STOPPED.includes(t.status)) continue;
    const due = iso(t.replyDueAt);
    const base = `dl:${t.id}:reply:${due}`;
    const projectLeads = leads.filter((l) => l.projectId === t.projectId).map((l) => l.id);
    const remindJob = jobByKey.get(`${base}:remind`);
    if (!remindJob) bad.push(`${t.id} no reminder job`);
    else {
      const to = t.assigneeId ? [t.assigneeId] : projectLeads;
      const got = notesByKey.get(`remind:${t.id}:reply:${due}`) ?? [];
      if (remindJob.status !== 'done') bad.push(`${t.id} remind job ${remindJob.status}`);
      // A reminder that ran only after the deadline (its instance was down) is dropped by rule: the overdue step
      // tells instead (docs/domain-rules.md "Time limits").
      else if (!got.length && remindJob.doneAt && new Date(remindJob.doneAt) >= new Date(t.replyDueAt))
        latePassed++;
      else if (!same(got, to)) bad.push(`${t.id} reminder went to ${got.length} (expected ${to.length})`);
      else reminded++;
    }
    const stepJob = jobByKey.get(`${base}:L1`);
    if (!stepJob) bad.push(`${t.id} no L1 step job`);
    else {
      const to = [...new Set([...(t.assigneeId ? [t.assigneeId] : []), ...projectLeads])];
      const got = notesByKey.get(`step:${t.id}:reply:${due}:1`) ?? [];
      const events = overdueBy.get(`${t.id}|reply|${due}|1`) ?? 0;
      if (stepJob.status !== 'done') bad.push(`${t.id} L1 job ${stepJob.status}`);
      else if (events !== 1) bad.push(`${t.id} ${events} overdue events for L1`);
      else if (!same(got, to)) bad.push(`${t.id} escalation went to ${got.length} (expected ${to.length})`);
      else if (t.overdueLevel < 1) bad.push(`${t.id} overdueLevel ${t.overdueLevel}`);
      else stepped++;
    }
  }
  out.push({
    name: 'reminders and deadline escalations of untouched tickets ran and told the right people exactly once',
    ok: tickets.length > 0 && bad.length === 0,
    detail: `${tickets.length} untouched tickets past their reply deadline: ${reminded} reminders, ${latePassed} dropped as run after the deadline (the overdue step told instead), ${stepped} escalations verified${bad.length ? `; WRONG: ${bad.length}: ${sample(bad)}` : ''}`,
  });

  const twice = [...overdueBy].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const [dupNotes] = await db.query(
    'SELECT userId, dedupeKey, COUNT(*) AS n FROM notifications WHERE dedupeKey IS NOT NULL GROUP BY userId, dedupeKey HAVING COUNT(*) > 1',
  );
  const [dupJobs] = await db.query(
    'SELECT `key`, COUNT(*) AS n FROM jobs GROUP BY `key` HAVING COUNT(*) > 1',
  );
  const [[{ n: noteCount }]] = await db.query('SELECT COUNT(*) AS n FROM notifications');
  out.push({
    name: 'nothing sent or recorded twice (overdue events per deadline step, notifications per person, job keys)',
    ok: twice.length === 0 && dupNotes.length === 0 && dupJobs.length === 0,
    detail: `${overdue.length} overdue events, ${noteCount} notifications, ${jobs.length} deadline jobs${twice.length ? `; TWICE: ${sample(twice)}` : ''}${dupNotes.length ? `; DUP NOTIFICATIONS: ${dupNotes.length}` : ''}${dupJobs.length ? `; DUP JOB KEYS: ${dupJobs.length}` : ''}`,
  });
  return out;
}
