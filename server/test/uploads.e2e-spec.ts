import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import sharp from 'sharp';
import { Upload } from '../src/storage/upload.entity';
import { UploadsService } from '../src/storage/uploads.service';
import { DRIVERS, PNG_1x1, startTestApp, TestApp } from './support/test-app';

/**
 * A TIFF/EXIF block by hand: Orientation 6 (the camera was turned: show it rotated 90° clockwise) and a GPS
 * IFD placing the shot at 31°14′N 121°28′E — what a phone writes into every photo.
 */
function exifApp1(): Buffer {
  const t = Buffer.alloc(152);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  const entry = (
    at: number,
    tag: number,
    type: number,
    count: number,
    value: (b: Buffer, o: number) => void,
  ) => {
    t.writeUInt16LE(tag, at);
    t.writeUInt16LE(type, at + 2);
    t.writeUInt32LE(count, at + 4);
    value(t, at + 8);
  };
  // IFD0 at 8: two entries, ends at 38.
  t.writeUInt16LE(2, 8);
  entry(10, 0x0112, 3, 1, (b, o) => b.writeUInt16LE(6, o)); // Orientation = 6
  entry(22, 0x8825, 4, 1, (b, o) => b.writeUInt32LE(38, o)); // GPSInfo → 38
  t.writeUInt32LE(0, 34);
  // GPS IFD at 38: five entries, ends at 104; latitude at 104, longitude at 128.
  t.writeUInt16LE(5, 38);
  entry(40, 0x0000, 1, 4, (b, o) => Buffer.from([2, 3, 0, 0]).copy(b, o));
  entry(52, 0x0001, 2, 2, (b, o) => b.write('N\0', o, 'latin1'));
  entry(64, 0x0002, 5, 3, (b, o) => b.writeUInt32LE(104, o));
  entry(76, 0x0003, 2, 2, (b, o) => b.write('E\0', o, 'latin1'));
  entry(88, 0x0004, 5, 3, (b, o) => b.writeUInt32LE(128, o));
  t.writeUInt32LE(0, 100);
  [31, 1, 14, 1, 0, 1].forEach((v, i) => t.writeUInt32LE(v, 104 + i * 4));
  [121, 1, 28, 1, 0, 1].forEach((v, i) => t.writeUInt32LE(v, 128 + i * 4));
  const header = Buffer.from('Exif\0\0', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt16BE(0xffe1, 0);
  len.writeUInt16BE(2 + header.length + t.length, 2);
  return Buffer.concat([len, header, t]);
}

/** A 40×20 JPEG, left half red and right half blue, carrying the EXIF block above. */
async function photoWithGps(): Promise<Buffer> {
  const half = (r: number, b: number) =>
    sharp({ create: { width: 20, height: 20, channels: 3, background: { r, g: 0, b } } })
      .png()
      .toBuffer();
  const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#000' } })
    .composite([
      { input: await half(255, 0), left: 0, top: 0 },
      { input: await half(0, 255), left: 20, top: 0 },
    ])
    .jpeg({ quality: 95 })
    .toBuffer();
  return Buffer.concat([jpeg.subarray(0, 2), exifApp1(), jpeg.subarray(2)]);
}

/** CRC-32 of a PNG chunk's type and data. */
function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A valid RGB PNG of width×height black pixels at `depth` bits a channel, built without holding its pixels: the
 * rows are all zeros, so one deflated block of 16 rows (flushed, so it stands alone) is repeated, and the zlib
 * checksum of n zero bytes is (n mod 65521) << 16 | 1. 10000×10000 at 16 bits is 600 MB of pixels in 0.6 MB.
 */
function blackPng(width: number, height: number, depth: 8 | 16): Buffer {
  const rowBytes = 1 + (width * 3 * depth) / 8;
  const rows = 16;
  const block = deflateRawSync(Buffer.alloc(rowBytes * rows), {
    level: 9,
    finishFlush: zlibConstants.Z_FULL_FLUSH,
  });
  const raw = rowBytes * height;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((raw % 65521) << 16) | 1) >>> 0);
  const idat = Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array.from({ length: height / rows }, () => block),
    deflateRawSync(Buffer.alloc(0)),
    adler,
  ]);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GPS_TAG_LE = Buffer.from([0x25, 0x88]);

describe.each(DRIVERS)('uploads on %s', (driver) => {
  let t: TestApp;
  let token: string;
  let base: string;

  beforeAll(async () => {
    // One photo decoding at a time, so the test sees the others wait.
    t = await startTestApp(driver, { UPLOAD_DECODE_CONCURRENCY: '1' });
    token = await t.login('resident-1');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t?.close());

  const upload = (buf: Buffer, name = 'photo.jpg') =>
    t.http.post('/api/uploads').set('Authorization', `Bearer ${token}`).attach('file', buf, name);
  const fetchBytes = async (url: string) => {
    const res = await t.http
      .get(url)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    return res;
  };
  /** The path exactly as written (no URL normalisation by the client), over a real socket. */
  const rawGet = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${base}/`,
        { path, method: 'GET', headers: { Accept: 'text/html' } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('strips EXIF (GPS location) by re-encoding, after turning the photo upright', async () => {
    const original = await photoWithGps();
    const before = await sharp(original).metadata();
    expect(before).toMatchObject({ width: 40, height: 20, orientation: 6 });
    expect(before.exif!.includes(GPS_TAG_LE)).toBe(true);

    const res = await upload(original).expect(201);
    const img = await fetchBytes(res.body.url);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    const bytes = img.body as Buffer;
    expect(Number(img.headers['content-length'])).toBe(bytes.length);

    const after = await sharp(bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    // Upright: 20 wide, 40 high; the stored left (red) edge is now the top.
    expect([after.width, after.height]).toEqual([20, 40]);
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    const [topR, , topB] = px(10, 5);
    const [botR, , botB] = px(10, 34);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(botB).toBeGreaterThan(200);
    expect(botR).toBeLessThan(60);

    // And what lies on disk is the same clean file, its record sized to it.
    const row = await t.ds.getRepository(Upload).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ mime: 'image/jpeg', size: bytes.length });
    expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    expect(readFileSync(join(t.config.uploadDir, row.storageKey)).equals(bytes)).toBe(true);
  });

  it('caps the longest side at 2560 and keeps a PNG a PNG', async () => {
    const wide = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: '#0a0' } })
      .png()
      .toBuffer();
    const res = await upload(wide, 'wide.png').expect(201);
    const img = await fetchBytes(res.body.url);
    expect(img.headers['content-type']).toBe('image/png');
    const meta = await sharp(img.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 2560, height: 853 });
  });

  it('stores GIF and WebP as JPEG', async () => {
    for (const [fmt, buf] of [
      [
        'gif',
        await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
          .gif()
          .toBuffer(),
      ],
      [
        'webp',
        await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00f8' } })
          .webp()
          .toBuffer(),
      ],
    ] as const) {
      const res = await upload(buf, `x.${fmt}`).expect(201);
      const img = await fetchBytes(res.body.url);
      expect(img.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(img.body as Buffer).metadata()).format).toBe('jpeg');
    }
  });

  it('refuses a 0.7 MB PNG of 10000×10000 16-bit pixels by its header (413), without decoding it', async () => {
    const bomb = blackPng(10_000, 10_000, 16);
    expect(bomb.length).toBeLessThan(800_000);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 10_000, height: 10_000, depth: 'ushort' });
    const rows = await t.ds.getRepository(Upload).count();
    const cpu = process.cpuUsage();
    const res = await upload(bomb, 'bomb.png');
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('图片尺寸过大（10000×10000，16 位色深），请换一张 5000 万像素以内的照片');
    // Decoding it costs seconds of CPU (libvips' threads count in this process); reading a header does not.
    expect(cpuMs).toBeLessThan(700);
    expect(await t.ds.getRepository(Upload).count()).toBe(rows);
    // The same canvas at 8 bits, and a JPEG claiming 20000×20000, are refused the same way.
    expect((await upload(blackPng(10_000, 10_000, 8), 'big.png')).status).toBe(413);
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(20_000, sof + 5);
    jpeg.writeUInt16BE(20_000, sof + 7);
    const claimed = await upload(jpeg, 'claim.jpg');
    expect(claimed.status).toBe(413);
    expect(claimed.body.message).toMatch(/^图片尺寸过大（20000×20000）/);
  });

  it('decodes one photo at a time (UPLOAD_DECODE_CONCURRENCY=1) while /api/health keeps answering at once', async () => {
    const gate = t.app.get(UploadsService).decodeGate;
    gate.peak = 0;
    // 36 megapixels each: allowed, and a real decode (about half a second of CPU).
    const big = blackPng(6000, 6000, 8);
    let done = false;
    const latencies: number[] = [];
    const probe = (async () => {
      while (!done) {
        const started = Date.now();
        await t.http.get('/api/health').expect(200);
        latencies.push(Date.now() - started);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const results = await Promise.all([1, 2, 3].map((i) => upload(big, `big-${i}.png`)));
    done = true;
    await probe;
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(gate.peak).toBe(1);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });

  it('refuses a file that claims to be an image but does not decode (400), storing nothing', async () => {
    const files = () => {
      const out: string[] = [];
      const walk = (d: string) => {
        for (const f of readdirSync(d)) statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : out.push(f);
      };
      walk(t.config.uploadDir);
      return out.length;
    };
    const rows = await t.ds.getRepository(Upload).count();
    const onDisk = files();
    for (const fake of [
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg '.repeat(50))]),
      Buffer.concat([PNG_1x1.subarray(0, 16), Buffer.alloc(200, 7)]),
      Buffer.from('GIF89a<script>alert(1)</script>'),
    ]) {
      const res = await upload(fake, 'fake.jpg');
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('图片已损坏或无法识别，请重新拍摄或换一张图片');
    }
    expect(await t.ds.getRepository(Upload).count()).toBe(rows);
    expect(files()).toBe(onDisk);
  });

  it('answers 4xx for file ids that try to leave the upload folder, plain or encoded', async () => {
    for (const path of [
      '/api/files/../../etc/passwd',
      '/api/files/..%2F..%2F..%2Fetc%2Fpasswd',
      '/api/files/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api/files/..%252F..%252Fetc%252Fpasswd',
      '/api/files/%2e%2e',
      '/api/files/..%5C..%5Cetc%5Cpasswd',
      '/api/files/%00',
    ]) {
      const res = await rawGet(path);
      expect({ path, status: res.status >= 400 && res.status < 500 }).toEqual({ path, status: true });
      expect(res.body).not.toContain('root:');
    }
  });

  it('never serves a file outside the folder even when a record points there (404, not the file)', async () => {
    const res = await upload(PNG_1x1, 'a.png').expect(201);
    await t.ds
      .getRepository(Upload)
      .update({ id: res.body.id }, { storageKey: '../../../../../../etc/passwd' });
    const url = t.app.get(UploadsService).signedUrl(res.body.id);
    const got = await t.http.get(url);
    expect(got.status).toBe(404);
    expect(got.text).not.toContain('root:');
  });
});
