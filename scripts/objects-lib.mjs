// The files a backup carries beside the database: photos, signatures and retrained models, which the server keeps
// in its object storage (UPLOAD_DIR on local disk, or the S3-compatible bucket of STORAGE=s3) under the keys its
// `uploads` and `classifier_models` rows name. Used by `pnpm backup` and `pnpm restore`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { bind, BetterSqlite3, connect, PROJECT_RULES, root, UsageError } from './backup-lib.mjs';

// The S3 client is the server's dependency; the scripts borrow it.
const serverRequire = createRequire(join(root, 'server/package.json'));

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** A key as the server writes them (2026/11/<id>.jpg, models/<company>/<id>.json): never an escape. */
export function checkKey(key) {
  if (typeof key !== 'string' || !key || isAbsolute(key) || /(^|[/\\])\.\.?([/\\]|$)|\0|\\/.test(key))
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  return key;
}

/** The server's object storage from its own variables (as server/src/config/config.ts reads them). */
export function objectStoreFromEnv(env = process.env) {
  const kind = (env.STORAGE || 'local').toLowerCase();
  if (kind === 's3') {
    for (const v of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
      if (!env[v]) throw new UsageError(`${v} is required when STORAGE=s3`);
    const s3 = serverRequire('@aws-sdk/client-s3');
    const client = new s3.S3Client({
      endpoint: env.S3_ENDPOINT ? env.S3_ENDPOINT.replace(/\/$/, '') : undefined,
      region: env.S3_REGION || 'us-east-1',
      forcePathStyle: /^(1|true|yes|on)$/i.test(env.S3_FORCE_PATH_STYLE || ''),
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const Bucket = env.S3_BUCKET;
    return {
      label: `s3 bucket ${Bucket}${env.S3_ENDPOINT ? ` at ${env.S3_ENDPOINT}` : ''}`,
      async get(key) {
        try {
          const out = await client.send(new s3.GetObjectCommand({ Bucket, Key: checkKey(key) }));
          return Buffer.from(await out.Body.transformToByteArray());
        } catch (e) {
          if (e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404) return null;
          throw e;
        }
      },
      async put(key, data) {
        await client.send(
          new s3.PutObjectCommand({ Bucket, Key: checkKey(key), Body: data, ContentLength: data.length }),
        );
      },
      close: () => client.destroy(),
    };
  }
  if (kind !== 'local') throw new UsageError(`STORAGE="${env.STORAGE}" must be local or s3`);
  const dir = resolve(env.UPLOAD_DIR || resolve(env.DATA_DIR || 'data', 'uploads'));
  const path = (key) => {
    const p = resolve(dir, checkKey(key));
    if (!p.startsWith(dir + sep)) throw new Error(`storage key escapes ${dir}: ${key}`);
    return p;
  };
  return {
    label: `folder ${dir}`,
    async get(key) {
      try {
        return readFileSync(path(key));
      } catch (e) {
        if (e.code === 'ENOENT') return null;
        throw e;
      }
    },
    async put(key, data) {
      const p = path(key);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(`${p}.restoring`, data);
      renameSync(`${p}.restoring`, p);
    },
    close: () => undefined,
  };
}

/** Every storage key the database (or one project's share of it) refers to, sorted and without repeats. */
export async function referencedKeys(source, project) {
  const tables = ['uploads', 'classifier_models'];
  let keys = [];
  if (source.driver === 'sqlite') {
    const Database = BetterSqlite3();
    const db = new Database(source.file, { readonly: true, fileMustExist: true });
    try {
      for (const t of tables)
        keys.push(
          ...db
            .prepare(`SELECT storageKey FROM ${t}`)
            .all()
            .map((r) => r.storageKey),
        );
    } finally {
      db.close();
    }
  } else {
    const conn = connect(source);
    try {
      for (const t of tables) {
        const where = project ? bind(PROJECT_RULES[t], { P: project.id, C: project.companyId }) : '1 = 1';
        const [rows] = await conn.promise().query(`SELECT storageKey FROM ${t} WHERE ${where}`);
        keys.push(...rows.map((r) => r.storageKey));
      }
    } finally {
      conn.end();
    }
  }
  return [...new Set(keys)].sort();
}

/** The folder beside a backup file that holds its objects: x.sql.gz → x.objects/. */
export const objectsDirOf = (file) => `${file.replace(/(\.sql|\.sqlite)?\.gz$/, '')}.objects`;

/**
 * Copies each key from the store into `dir` (as dir/<key>); returns the manifest's `objects` entry: each object's
 * bytes and sha256, and the keys the database names that the store does not have.
 */
export async function copyObjectsOut(store, keys, dir) {
  const items = [];
  const missing = [];
  let bytes = 0;
  for (const key of keys) {
    const data = await store.get(key);
    if (!data) {
      missing.push(key);
      continue;
    }
    const p = join(dir, checkKey(key));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, data);
    items.push({ key, bytes: data.length, sha256: sha256(data) });
    bytes += data.length;
  }
  return { from: store.label, count: items.length, bytes, items, missing };
}

/**
 * Checks each object in `dir` against the manifest and, unless verifyOnly, writes it into the store and reads it
 * back. Returns the problems found (empty: all there, byte for byte).
 */
export async function copyObjectsIn(objects, dir, store, { verifyOnly = false } = {}) {
  const problems = [];
  for (const item of objects.items) {
    let data;
    try {
      data = readFileSync(join(dir, checkKey(item.key)));
    } catch {
      problems.push(`${item.key}: not in ${dir}`);
      continue;
    }
    if (sha256(data) !== item.sha256) {
      problems.push(`${item.key}: damaged in the backup (sha256 differs)`);
      continue;
    }
    if (verifyOnly) {
      const there = await store.get(item.key);
      if (!there || sha256(there) !== item.sha256)
        problems.push(`${item.key}: missing or different in ${store.label}`);
      continue;
    }
    await store.put(item.key, data);
    const back = await store.get(item.key);
    if (!back || sha256(back) !== item.sha256)
      problems.push(`${item.key}: did not read back the same from ${store.label}`);
  }
  return problems;
}
