import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Clock } from '../src/common/clock';
import { Household, Project, User } from '../src/org/entities';
import { Upload } from '../src/storage/upload.entity';
import { Ticket, TicketEvent } from '../src/tickets/entities';
import { Driver, idemKey, mariadbAdmin, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const SCRIPTS = join(__dirname, '../../scripts');
const BJ = (s: string) => new Date(`${s}+08:00`);

/** The dump binary the backup script would use; the MariaDB part cannot run without it. */
const DUMP = spawnSync('sh', ['-c', 'command -v mariadb-dump || command -v mysqldump'], {
  encoding: 'utf8',
}).stdout.trim();
const WITH_MARIADB = process.env.SKIP_MARIADB !== '1';

interface Run {
  code: number | null;
  out: string;
  err: string;
}
/** Runs `node scripts/<script> …args` as an operator would, with its own environment. */
function run(script: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(SCRIPTS, script), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
const ok = (r: Run) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.out}\n${r.err}`);
  return r;
};

interface Manifest {
  kind: 'full' | 'project';
  driver: string;
  file: string;
  sha256: string;
  project?: { id: string; name: string };
  tables: Record<string, { rows: number; checksum: string }>;
}
const backupIn = (dir: string) => {
  // The backups with their manifest beside them (a stray .gz of another series has none).
  const gz = readdirSync(dir).filter(
    (f) => f.endsWith('.gz') && existsSync(join(dir, f.replace(/(\.sql|\.sqlite)\.gz$/, '.manifest.json'))),
  );
  if (gz.length !== 1) throw new Error(`expected one backup in ${dir}, found ${gz.join(', ')}`);
  const file = join(dir, gz[0]);
  const manifest = JSON.parse(
    readFileSync(file.replace(/(\.sql|\.sqlite)\.gz$/, '.manifest.json'), 'utf8'),
  ) as Manifest;
  return { file, manifest };
};

/**
 * A realistic project: tickets filed by residents and staff, one with a photo taken through to a paid
 * repair and the resident's rating, one handled complaint; and a second compound with its own ticket that a
 * per-project backup must leave out.
 */
async function seed(t: TestApp) {
  const clock = t.app.get(Clock);
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const k of ['resident-1', 'resident-2', 'front-desk', 'cs-lead', 'pm', 'eng-1']) {
    tok[k] = await t.login(k);
    ids[k] = (await t.ds.getRepository(User).findOneByOrFail({ demoKey: k })).id;
  }
  const auth = (k: string) => ({ Authorization: `Bearer ${tok[k]}` });
  const act = async (id: string, who: string, body: Record<string, unknown>) => {
    const { version } = await t.ds.getRepository(Ticket).findOneByOrFail({ id });
    const res = await t.http
      .post(`/api/tickets/${id}/actions`)
      .set(auth(who))
      .send({ version, ...body });
    if (res.status !== 200)
      throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const file = async (who: string, body: Record<string, unknown>) =>
    (
      await t.http
        .post('/api/tickets')
        .set(auth(who))
        .set('Idempotency-Key', idemKey())
        .send(body)
        .expect(201)
    ).body.id as string;
  const home = async (label: string) => (await t.ds.getRepository(Household).findOneByOrFail({ label })).id;
  await t.settings('UPDATE projects SET autoRoute = ?', [false]);
  const projectA = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });

  clock.freeze(BJ('2026-10-12T09:00:00'));
  const photo = (
    await t.http.post('/api/uploads').set(auth('resident-1')).attach('file', PNG_1x1, 'p.png').expect(201)
  ).body.id as string;
  const repair = await file('resident-1', {
    kind: 'repair',
    content: '卫生间水龙头一直滴水，关不紧 😣 “引号” \\ 反斜杠',
    householdId: await home('1栋1单元101'),
    photoIds: [photo],
  });
  await act(repair, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
  const item = (
    await t.http
      .post('/api/pay/price-items')
      .set(auth('pm'))
      .send({ kind: 'labour', name: '更换水龙头', priceFen: 5000 })
      .expect(201)
  ).body.id as string;
  const quote = (
    await t.http
      .post(`/api/tickets/${repair}/quotes`)
      .set(auth('eng-1'))
      .set('Idempotency-Key', idemKey())
      .send({ items: [{ priceItemId: item, quantity: 1 }] })
      .expect(201)
  ).body.quotes[0].id as string;
  await t.http
    .post(`/api/tickets/${repair}/quotes/${quote}/offline-payment`)
    .set(auth('eng-1'))
    .send({ method: 'cash', note: '收据 No.0042' })
    .expect(200);
  await act(repair, 'eng-1', { action: 'start' });
  await act(repair, 'eng-1', { action: 'internal_note', note: '需带备用阀芯' });
  await act(repair, 'eng-1', { action: 'mark_handled', note: '已更换水龙头，不再滴水' });
  clock.freeze(BJ('2026-10-12T18:00:00'));
  await t.http
    .post(`/api/tickets/${repair}/rating`)
    .set(auth('resident-1'))
    .send({
      scores: { timeliness: 5, process: 5, attitude: 5, result: 4 },
      satisfied: true,
      chargeCorrect: true,
    })
    .expect(201);

  clock.freeze(BJ('2026-10-13T10:00:00'));
  const complaint = await file('resident-2', {
    kind: 'complaint',
    content: '楼下餐馆油烟太大，窗户都不敢开',
    householdId: await home('2栋2单元602'),
  });
  await act(complaint, 'cs-lead', { action: 'assign', departmentCode: 'eng', assigneeId: ids['eng-1'] });
  await act(complaint, 'eng-1', { action: 'start' });
  await act(complaint, 'eng-1', {
    action: 'mark_handled',
    note: '已联系餐馆加装油烟净化器',
    cause: { factor: 'environment', sub: 'external' },
  });
  await file('front-desk', {
    kind: 'inquiry',
    channel: 'phone',
    content: '请问停车月卡怎么办理？',
    location: '前台',
    contactName: '钱先生',
    contactPhone: '13700000002',
  });

  // A second compound of the company, with a household, a resident and a ticket of its own.
  const projectB = await t.ds.getRepository(Project).save({ companyId: projectA.companyId, name: '碧水湾' });
  const bResident = await t.ds.getRepository(User).save({
    companyId: null,
    projectId: null,
    departmentId: null,
    kind: 'resident',
    role: 'resident',
    name: '碧水湾住户',
    phone: '13900009999',
    openid: null,
    demoKey: 'resident-b',
  });
  const bHousehold = await t.ds.getRepository(Household).save({
    projectId: projectB.id,
    unitId: '00000000-0000-4000-8000-000000000001',
    room: '101',
    label: '碧水湾1栋101',
  });
  const bTicket = await t.ds.getRepository(Ticket).save({
    companyId: projectB.companyId,
    projectId: projectB.id,
    number: 'TS20261013-9001',
    kind: 'complaint',
    status: 'received',
    channel: 'miniapp',
    content: '碧水湾的投诉',
    householdId: bHousehold.id,
    residentId: bResident.id,
    createdById: bResident.id,
    idempotencyKey: idemKey(),
    requestHash: 'x',
    createdAt: BJ('2026-10-13T12:00:00'),
  });
  await t.ds.getRepository(TicketEvent).insert({
    ticketId: bTicket.id,
    ticketVersion: 1,
    action: 'create',
    fromStatus: null,
    toStatus: 'received',
    actorId: bResident.id,
    actorName: '碧水湾住户',
    actorRole: 'resident',
    label: '已受理',
    createdAt: BJ('2026-10-13T12:00:00'),
  });
  await t.ds.getRepository(Upload).insert({
    companyId: projectB.companyId,
    uploaderId: bResident.id,
    storageKey: '2026/10/b-photo.png',
    mime: 'image/png',
    size: PNG_1x1.length,
    ticketId: bTicket.id,
  });
  clock.freeze(BJ('2026-10-14T09:00:00'));
  return { projectA, projectB, repair, complaint, now: clock.now() };
}

/** A ticket as an API reader sees it, minus the signed photo links (they carry their own expiry time). */
async function ticketView(t: TestApp, id: string, who: string) {
  const token = await t.login(who);
  const body = (await t.http.get(`/api/tickets/${id}`).set('Authorization', `Bearer ${token}`).expect(200))
    .body;
  return JSON.parse(JSON.stringify(body).replace(/\/api\/files\/[^"]*/g, '<signed>'));
}

// Runs with MariaDB like every suite (SKIP_MARIADB=1 skips it with the rest); a missing dump binary is a
// failure with the fix in its message, never a silent skip.
(WITH_MARIADB ? describe : describe.skip)('backup and restore on mariadb', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seed>>;
  let dir = '';
  const created: string[] = [];
  let base = '';
  /** A fresh, not yet existing database on the same server. */
  const newDb = (suffix: string) => {
    const name = `${base}_${suffix}`;
    created.push(name);
    return { name, url: `${t.databaseUrl!.replace(/\/[^/]+$/, '')}/${name}` };
  };
  const query = async (db: string, sql: string, params: unknown[] = []) => {
    const admin = await mariadbAdmin();
    try {
      await admin.query(`USE \`${db}\``);
      const [rows] = await admin.query(sql, params);
      return rows as Record<string, unknown>[];
    } finally {
      await admin.end();
    }
  };
  const tablesOf = async (db: string) =>
    (
      await query(
        db,
        `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
        [db],
      )
    )
      .map((r) => String(r.name))
      .sort();
  const count = async (db: string, sql: string, params: unknown[] = []) =>
    Number((await query(db, `SELECT COUNT(*) AS n FROM ${sql}`, params))[0].n);

  beforeAll(async () => {
    if (!DUMP)
      throw new Error(
        'mariadb-dump or mysqldump is required for the backup tests (apt-get install mariadb-client)',
      );
    dir = mkdtempSync(join(tmpdir(), 'wuye-backup-test-'));
    t = await startTestApp('mariadb');
    base = new URL(t.databaseUrl!).pathname.slice(1);
    s = await seed(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    const admin = await mariadbAdmin();
    for (const db of created) await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up the whole database with mariadb-dump and restores it into an empty one, table for table', async () => {
    const out = join(dir, 'full');
    // Retention: last year's backup of this database goes, another project's series stays.
    mkdirSync(out);
    const old = join(out, `wuyetong-${base}-20250101T023000Z.sql.gz`);
    const otherSeries = join(out, `wuyetong-${base}-project-0000aaaa-20250101T023000Z.sql.gz`);
    for (const f of [old, old.replace('.sql.gz', '.manifest.json'), otherSeries]) writeFileSync(f, '');
    const b = ok(
      await run('backup.mjs', ['--out', out, '--keep-days', '30'], { DATABASE_URL: t.databaseUrl! }),
    );
    expect(b.out).toContain('whole database');
    expect(b.out).toContain(`removed (older than 30 days): wuyetong-${base}-20250101T023000Z.sql.gz`);
    expect(readdirSync(out)).toContain(basename(otherSeries));
    expect(readdirSync(out)).not.toContain(basename(old.replace('.sql.gz', '.manifest.json')));
    const { file, manifest } = backupIn(out);
    expect(manifest).toMatchObject({ kind: 'full', driver: 'mariadb' });
    const tables = await tablesOf(base);
    expect(Object.keys(manifest.tables).sort()).toEqual(tables);
    // The manifest's counts are the source's, counted here independently.
    for (const table of tables)
      expect([table, manifest.tables[table].rows]).toEqual([table, await count(base, `\`${table}\``)]);
    expect(manifest.tables.tickets.rows).toBe(4);
    expect(manifest.tables.ratings.rows).toBe(1);

    const target = newDb('full');
    const r = ok(await run('restore.mjs', [file, '--into', target.url], {}));
    expect(r.out).toContain('restore verified: 67 tables match the manifest');
    expect(r.out).toMatch(/tickets\s+4\s+4\s+[0-9a-f]{16}\s+✓/);

    // MariaDB's own CHECKSUM TABLE agrees, table by table (a check that does not use our code at all).
    const list = tables.map((x) => `\`${x}\``).join(', ');
    const sums = async (db: string) =>
      Object.fromEntries(
        (await query(db, `CHECKSUM TABLE ${list}`)).map((row) => [
          String(row.Table).split('.')[1],
          String(row.Checksum),
        ]),
      );
    expect(await sums(target.name)).toEqual(await sums(base));

    // Our row checksums of the restored database equal the manifest's, and those of the live source.
    const live = JSON.parse(
      ok(await run('backup.mjs', ['--checksums'], { DATABASE_URL: t.databaseUrl! })).out,
    );
    const restored = JSON.parse(
      ok(await run('backup.mjs', ['--checksums'], { DATABASE_URL: target.url })).out,
    );
    expect(live.tables).toEqual(manifest.tables);
    expect(restored.tables).toEqual(manifest.tables);

    // An app on the restored database reads the tickets as the source does.
    const app = await startTestApp(
      'mariadb',
      {},
      {
        sameDatabaseAs: {
          dataDir: mkdtempSync(join(tmpdir(), 'wuye-restored-')),
          databaseUrl: target.url,
        } as TestApp,
      },
    );
    try {
      app.app.get(Clock).freeze(s.now);
      expect(await ticketView(app, s.repair, 'pm')).toEqual(await ticketView(t, s.repair, 'pm'));
      expect(await ticketView(app, s.complaint, 'resident-2')).toEqual(
        await ticketView(t, s.complaint, 'resident-2'),
      );
    } finally {
      await app.close({ keep: true });
      rmSync(app.dataDir, { recursive: true, force: true });
    }

    // It refuses a database that is not empty, and a damaged file.
    const again = await run('restore.mjs', [file, '--into', target.url], {});
    expect(again.code).toBe(2);
    expect(again.err).toContain(`database ${target.name} is not empty`);
    const damaged = join(dir, 'damaged.sql.gz');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(damaged, bytes);
    copyFileSync(file.replace('.sql.gz', '.manifest.json'), damaged.replace('.sql.gz', '.manifest.json'));
    const bad = await run('restore.mjs', [damaged, '--into', newDb('damaged').url], {});
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('the backup file is damaged');

    // A change after the restore shows as a mismatch (the verification can fail).
    await query(target.name, `UPDATE tickets SET content = CONCAT(content, '!') WHERE id = ?`, [s.complaint]);
    const verify = await run('restore.mjs', [file, '--into', target.url, '--verify-only'], {});
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/tickets\s+4\s+4\s+[0-9a-f]{16}\s+✗ checksum differs/);
    expect(verify.out).toMatch(/users\s+\d+\s+\d+\s+[0-9a-f]{16}\s+✓/);
  }, 120_000);

  it("backs up one project's tenant and restores it alone into an empty database", async () => {
    const out = join(dir, 'project');
    ok(await run('backup.mjs', ['--project', '阳光花园', '--out', out], { DATABASE_URL: t.databaseUrl! }));
    const { file, manifest } = backupIn(out);
    expect(manifest).toMatchObject({ kind: 'project', project: { id: s.projectA.id, name: '阳光花园' } });
    expect(Object.keys(manifest.tables).sort()).toEqual(await tablesOf(base));

    // Counted independently on the source, filtered to the project.
    const A = s.projectA.id;
    const expectRows = async (table: string, where: string, params: unknown[]) =>
      expect([table, manifest.tables[table].rows]).toEqual([
        table,
        await count(base, `${table} WHERE ${where}`, params),
      ]);
    await expectRows('tickets', 'projectId = ?', [A]);
    await expectRows('ticket_events', 'ticketId IN (SELECT id FROM tickets WHERE projectId = ?)', [A]);
    await expectRows('households', 'projectId = ?', [A]);
    await expectRows('uploads', 'ticketId IN (SELECT id FROM tickets WHERE projectId = ?)', [A]);
    await expectRows('quote_items', 'quoteId IN (SELECT id FROM quotes WHERE projectId = ?)', [A]);
    expect(manifest.tables.tickets.rows).toBe(3);
    expect(manifest.tables.companies.rows).toBe(1);
    expect(manifest.tables.projects.rows).toBe(1);
    expect(manifest.tables.migrations.rows).toBe(await count(base, 'migrations'));
    expect(manifest.tables.ratings.rows).toBe(1);
    expect(manifest.tables.pay_orders.rows).toBe(1);

    // The same rules computed with SELECTs on the live source give the manifest's checksums.
    const live = JSON.parse(
      ok(await run('backup.mjs', ['--checksums', '--project', A], { DATABASE_URL: t.databaseUrl! })).out,
    );
    expect(live.tables).toEqual(manifest.tables);

    const target = newDb('project');
    const r = ok(await run('restore.mjs', [file, '--into', target.url], {}));
    expect(r.out).toContain('restore verified');
    const restored = JSON.parse(
      ok(await run('backup.mjs', ['--checksums'], { DATABASE_URL: target.url })).out,
    );
    expect(restored.tables).toEqual(manifest.tables);

    // Nothing of the other compound came along, everything of this one did.
    const B = s.projectB.id;
    expect(await count(target.name, 'tickets WHERE projectId = ?', [B])).toBe(0);
    expect(await count(target.name, 'households WHERE projectId = ?', [B])).toBe(0);
    expect(await count(target.name, "ticket_events WHERE actorName = '碧水湾住户'")).toBe(0);
    expect(await count(target.name, "uploads WHERE storageKey = '2026/10/b-photo.png'")).toBe(0);
    expect(await count(target.name, 'projects')).toBe(1);
    expect(await count(target.name, "users WHERE demoKey = 'resident-b'")).toBe(0);
    expect(await count(target.name, 'users WHERE projectId = ?', [A])).toBe(
      await count(base, 'users WHERE projectId = ?', [A]),
    );
    expect(await count(target.name, "users WHERE demoKey IN ('resident-1', 'resident-2', 'hq')")).toBe(3);

    // A server starts on it (no migration to run, no demo seeded over it) and serves the project.
    const app = await startTestApp(
      'mariadb',
      {},
      {
        sameDatabaseAs: {
          dataDir: mkdtempSync(join(tmpdir(), 'wuye-restored-')),
          databaseUrl: target.url,
        } as TestApp,
      },
    );
    try {
      app.app.get(Clock).freeze(s.now);
      expect(await ticketView(app, s.repair, 'pm')).toEqual(await ticketView(t, s.repair, 'pm'));
      expect(await ticketView(app, s.repair, 'resident-1')).toEqual(
        await ticketView(t, s.repair, 'resident-1'),
      );
      const list = (
        await app.http
          .get('/api/tickets')
          .set('Authorization', `Bearer ${await app.login('resident-1')}`)
          .expect(200)
      ).body;
      expect(list.items.map((i: { id: string }) => i.id)).toEqual([s.repair]);
      // The restored company keeps numbering where the source left off.
      expect(await count(target.name, 'ticket_counters')).toBe(await count(base, 'ticket_counters'));
    } finally {
      await app.close({ keep: true });
      rmSync(app.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('backup and restore on sqlite (online backup API)', () => {
  let t: TestApp;
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wuye-backup-sqlite-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies the live file, restores it into a new one and a server reads it', async () => {
    t = await startTestApp('sqlite' as Driver);
    const s = await seed(t);
    const out = join(dir, 'out');
    // The server keeps running (WAL, open connection) while the backup is taken.
    const b = ok(await run('backup.mjs', ['--out', out], { DATA_DIR: t.dataDir }));
    expect(b.out).toContain('whole database');
    const { file, manifest } = backupIn(out);
    expect(manifest).toMatchObject({ kind: 'full', driver: 'sqlite' });
    expect(manifest.tables.tickets.rows).toBe(4);
    const live = JSON.parse(ok(await run('backup.mjs', ['--checksums'], { DATA_DIR: t.dataDir })).out);
    expect(live.tables).toEqual(manifest.tables);

    const restoredDir = join(dir, 'restored');
    const r = ok(await run('restore.mjs', [file, '--into', join(restoredDir, 'wuyetong.sqlite')], {}));
    expect(r.out).toMatch(/restore verified: \d+ tables match the manifest/);
    const again = await run('restore.mjs', [file, '--into', join(restoredDir, 'wuyetong.sqlite')], {});
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists');
    const project = await run('backup.mjs', ['--project', '阳光花园'], { DATA_DIR: t.dataDir });
    expect(project.code).toBe(2);

    const app = await startTestApp('sqlite', { DATA_DIR: restoredDir });
    try {
      app.app.get(Clock).freeze(s.now);
      expect(await ticketView(app, s.repair, 'pm')).toEqual(await ticketView(t, s.repair, 'pm'));
    } finally {
      await app.close({ keep: true });
      rmSync(app.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
