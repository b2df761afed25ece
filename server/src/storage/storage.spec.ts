import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinKey, LocalDiskStorage } from './storage';

describe('local disk storage stays inside its root', () => {
  const base = mkdtempSync(join(tmpdir(), 'wuye-storage-'));
  const root = join(base, 'uploads');
  const storage = new LocalDiskStorage(root);
  // A file right next to the root, which an escaping key would reach.
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const escaping = [
    '../secret.txt',
    'a/../../secret.txt',
    '2026/11/../../../secret.txt',
    '../uploads-next-door/x.jpg',
    outside,
    '/etc/passwd',
    '',
    '.',
    'a\0b.jpg',
  ];

  it.each(escaping)('refuses the key %j for every call', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/storage key/);
    await expect(storage.read(key)).rejects.toThrow(/storage key/);
    await expect(storage.exists(key)).rejects.toThrow(/storage key/);
    await expect(storage.remove(key)).rejects.toThrow(/storage key/);
    expect(readFileSync(outside, 'utf8')).toBe('secret');
  });

  it('stores, reads and removes a key inside the root', async () => {
    const key = joinKey('2026', '11', 'photo.jpg');
    expect(key).toBe('2026/11/photo.jpg');
    await storage.put(key, Buffer.from('pixels'));
    expect(readFileSync(join(root, '2026/11/photo.jpg'), 'utf8')).toBe('pixels');
    const chunks: Buffer[] = [];
    for await (const c of await storage.read(key)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('pixels');
    expect(await storage.exists(key)).toBe(true);
    await storage.remove(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('fails to read a missing file before any byte is sent', async () => {
    await expect(storage.read('2026/11/missing.jpg')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([['..'], ['.'], [''], ['a/b'], ['a\\b'], ['x\0']])('joinKey refuses the part %j', (part) => {
    expect(() => joinKey('2026', part, 'f.jpg')).toThrow(/invalid storage key part/);
  });
});
