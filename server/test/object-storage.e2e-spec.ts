import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import request from 'supertest';
import { Ticket } from '../src/tickets/entities';
import { FakeS3, startFakeS3 } from './support/fake-s3';
import { Driver, DRIVERS, idemKey, mariadbAdmin, PNG_1x1, startTestApp, TestApp } from './support/test-app';

const SCRIPTS = join(__dirname, '../../scripts');
/** Runs `node scripts/<script> …args` as an operator would, with the server's environment. */
function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(SCRIPTS, script), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** supertest: the body as one Buffer, whatever the content type. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const get = (t: TestApp, url: string) => t.http.get(url).buffer(true).parse(binary);

/** As in production, every instance has the same secret (here it would otherwise be kept in each data folder). */
const SHARED = { JWT_SECRET: 'object-storage-test-secret-0123456789abcdef' };

/** A second instance on the same database, with a data folder (and so a local upload folder) of its own. */
const secondInstance = (first: TestApp, driver: Driver, env: Record<string, string>, dirs: string[]) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wuye-second-'));
  dirs.push(dataDir);
  return startTestApp(driver, { ...SHARED, ...env, DATA_DIR: dataDir }, { sameDatabaseAs: first });
};

/** Uploads a photo as a resident and files a repair with it; the upload's answer and the ticket's id. */
async function photoTicket(t: TestApp) {
  const auth = { Authorization: `Bearer ${await t.login('resident-1')}` };
  const up = (await t.http.post('/api/uploads').set(auth).attach('file', PNG_1x1, 'p.png').expect(201)).body;
  const [household] = await t.ds.query(`SELECT id FROM households WHERE label = ?`, ['1栋1单元101']);
  const ticket = (
    await t.http
      .post('/api/tickets')
      .set(auth)
      .set('Idempotency-Key', idemKey())
      .send({
        kind: 'repair',
        content: '卫生间水龙头一直滴水，关不紧',
        householdId: household.id,
        photoIds: [up.id],
      })
      .expect(201)
  ).body;
  return { upload: up as { id: string; url: string }, ticketId: ticket.id as string };
}

// Photos on two instances: each instance's own disk cannot serve the other's uploads; a shared bucket can.
(DRIVERS.includes('mariadb') ? describe : describe.skip)('photos shared by two instances on mariadb', () => {
  let s3: FakeS3;
  const dirs: string[] = [];
  beforeAll(async () => {
    s3 = await startFakeS3(['wuye-photos', 'wuye-restored']);
  });
  afterAll(async () => {
    await s3?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('on local disk (the embedded default) a photo uploaded through one instance is missing on the other', async () => {
    const a = await startTestApp('mariadb', SHARED);
    const b = await secondInstance(a, 'mariadb', {}, dirs);
    try {
      const { upload } = await photoTicket(a);
      await get(a, upload.url).expect(200);
      await get(b, upload.url).expect(404);
    } finally {
      await b.close({ keep: true });
      await a.close();
    }
  });

  it('with STORAGE=s3 a photo uploaded through one instance is read through the other, and in its archive', async () => {
    const env = s3.env('wuye-photos');
    const a = await startTestApp('mariadb', { ...SHARED, ...env });
    const b = await secondInstance(a, 'mariadb', env, dirs);
    try {
      const { upload, ticketId } = await photoTicket(a);
      const [row] = await a.ds.query(`SELECT storageKey, size FROM uploads WHERE id = ?`, [upload.id]);
      // The object is in the bucket under the row's key (and nothing is written to the instance's disk).
      expect(await s3.keys('wuye-photos')).toContain(row.storageKey);
      const viaA = await get(a, upload.url).expect(200);
      const viaB = await get(b, upload.url).expect(200);
      expect(viaB.headers['content-type']).toBe('image/png');
      expect(Number(viaB.headers['content-length'])).toBe(row.size);
      expect(Buffer.compare(viaA.body, viaB.body)).toBe(0);
      expect(viaB.body.subarray(1, 4).toString()).toBe('PNG');

      // Still our signed, expiring link: a forged signature or a missing object is refused by us.
      await get(b, upload.url.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).expect(403);
      await b.ds.query(`UPDATE uploads SET storageKey = ? WHERE id = ?`, ['2000/01/missing.png', upload.id]);
      await get(b, upload.url).expect(404);
      await b.ds.query(`UPDATE uploads SET storageKey = ? WHERE id = ?`, [row.storageKey, upload.id]);

      // The ticket read through the other instance links the photo, and its project archive holds the bytes.
      const staff = { Authorization: `Bearer ${await b.login('pm')}` };
      const detail = (await b.http.get(`/api/tickets/${ticketId}`).set(staff).expect(200)).body;
      const photoUrl = JSON.stringify(detail).match(/\/api\/files\/[^"]+/)?.[0];
      expect(photoUrl).toBeDefined();
      expect(Buffer.compare((await get(a, photoUrl!).expect(200)).body, viaA.body)).toBe(0);
      const { projectId } = await b.ds.getRepository(Ticket).findOneByOrFail({ id: ticketId });
      const zip = await JSZip.loadAsync(
        (await get(b, `/api/projects/${projectId}/archive`).set(staff).expect(200)).body,
      );
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
      expect(manifest.missingAttachments ?? []).toEqual([]);
      const attachment = Object.keys(zip.files).find((f) => f.startsWith('attachments/'))!;
      expect(attachment).toContain(upload.id);
      expect(Buffer.compare(await zip.file(attachment)!.async('nodebuffer'), viaA.body)).toBe(0);
    } finally {
      await b.close({ keep: true });
      await a.close();
    }
  });

  it("backs the bucket's objects up with the database and restores both into a new database and bucket", async () => {
    const env = s3.env('wuye-photos');
    const a = await startTestApp('mariadb', { ...SHARED, ...env });
    const out = mkdtempSync(join(tmpdir(), 'wuye-s3-backup-'));
    dirs.push(out);
    const restoredDb = `${new URL(a.databaseUrl!).pathname.slice(1)}_restored`;
    const restoredUrl = a.databaseUrl!.replace(/\/[^/]+$/, `/${restoredDb}`);
    let c: TestApp | null = null;
    try {
      const { upload } = await photoTicket(a);
      const original = (await get(a, upload.url).expect(200)).body as Buffer;
      const [row] = await a.ds.query(`SELECT storageKey FROM uploads WHERE id = ?`, [upload.id]);

      const b = await run('backup.mjs', ['--out', out], { DATABASE_URL: a.databaseUrl!, ...env });
      if (b.code !== 0) throw new Error(b.out);
      expect(b.out).toMatch(/objects: {2}1 from s3 bucket wuye-photos/);
      const manifestFile = readdirSync(out).find((f) => f.endsWith('.manifest.json'))!;
      const manifest = JSON.parse(readFileSync(join(out, manifestFile), 'utf8'));
      expect(manifest.objects).toMatchObject({ count: 1, missing: [], items: [{ key: row.storageKey }] });
      expect(existsSync(join(out, manifest.objects.dir, row.storageKey))).toBe(true);

      // Restored with the new server's settings: another database, another (empty) bucket.
      const restoreEnv = s3.env('wuye-restored');
      expect(await s3.keys('wuye-restored')).toEqual([]);
      const gz = join(out, manifestFile.replace('.manifest.json', '.sql.gz'));
      const r = await run('restore.mjs', [gz, '--into', restoredUrl], restoreEnv);
      expect(r.out).toContain('objects: 1 of 1 restored in s3 bucket wuye-restored');
      if (r.code !== 0) throw new Error(r.out);
      expect(await s3.keys('wuye-restored')).toEqual([row.storageKey]);

      // A server on the restored database and bucket serves the photo byte for byte.
      const dataDir = mkdtempSync(join(tmpdir(), 'wuye-restored-'));
      dirs.push(dataDir);
      c = await startTestApp(
        'mariadb',
        { ...SHARED, ...restoreEnv },
        { sameDatabaseAs: { dataDir, databaseUrl: restoredUrl } as TestApp },
      );
      expect(Buffer.compare((await get(c, upload.url).expect(200)).body, original)).toBe(0);
    } finally {
      await c?.close();
      await a.close();
      const admin = await mariadbAdmin();
      await admin.query(`DROP DATABASE IF EXISTS \`${restoredDb}\``);
      await admin.end();
    }
  }, 120_000);
});
