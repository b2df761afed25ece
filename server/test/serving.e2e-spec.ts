import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHOTO_MAX_BYTES } from '@wuye/shared';
import { PNG_1x1, startTestApp, TestApp } from './support/test-app';

// Transport-level behaviour does not depend on the database: SQLite is enough here.
describe('serving', () => {
  let t: TestApp;
  const h5 = mkdtempSync(join(tmpdir(), 'wuye-h5-'));
  beforeAll(async () => {
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>物业通</title><div id="app"></div>');
    writeFileSync(join(h5, 'app.js'), 'console.log(1)');
    t = await startTestApp('sqlite', { H5_DIR: h5 });
  });
  afterAll(() => t?.close());

  it('serves the H5 build at / and its assets, next to the API', async () => {
    const page = await t.http.get('/').expect(200);
    expect(page.text).toContain('物业通');
    await t.http.get('/app.js').expect(200);
    await t.http.get('/api/health').expect(200);
  });

  it('never serves a file from outside the H5 folder, however the path is written', async () => {
    // A secret right beside the H5 folder, which an escaping path would reach.
    const name = `${h5.split('/').pop()}-secret.txt`;
    const secret = join(h5, '..', name);
    writeFileSync(secret, 'root:x:0:0 secret');
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const rawGet = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path, headers: { Accept: 'text/html' } },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    try {
      for (const path of [
        `/../${name}`,
        `/..%2f${name}`,
        `/%2e%2e/${name}`,
        `/%2e%2e%2f${name}`,
        `/..%5c${name}`,
        '/../../../../../../etc/passwd',
        '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
        '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      ]) {
        const res = await rawGet(path);
        expect({ path, leaked: res.body.includes('root:x:0:0') }).toEqual({ path, leaked: false });
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });

  it('sends security headers with the H5 page, without a policy that would stop its scripts', async () => {
    const page = await t.http.get('/').expect(200);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['content-security-policy']).toBeUndefined();
  });

  it('answers unknown API paths with a JSON 404, not the H5 page', async () => {
    const res = await t.http.get('/api/nope').set('Accept', 'text/html').expect(404);
    expect(res.body.statusCode).toBe(404);
  });

  it('refuses a photo over the size cap with 413 and a Chinese message', async () => {
    const token = await t.login('resident-1');
    const big = Buffer.concat([PNG_1x1, Buffer.alloc(PHOTO_MAX_BYTES + 1)]);
    const res = await t.http
      .post('/api/uploads')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', big, 'big.png');
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/10 MB/);
  });

  it('refuses a JSON body over 64 kB with 413', async () => {
    const token = await t.login('resident-1');
    const res = await t.http
      .post('/api/tickets')
      .set('Authorization', `Bearer ${token}`)
      .send({ kind: 'complaint', content: '长'.repeat(40000), location: '东门' });
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('请求内容过大');
  });
});
