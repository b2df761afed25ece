import { createPrivateKey, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

/** Which database the server talks to. */
export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | {
      type: 'mysql' | 'mariadb';
      url: string;
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
    };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Worker processes sharing the port (node:cluster); 1 = this process serves. MySQL only. */
  workers: number;
  dataDir: string;
  uploadDir: string;
  /** UPLOAD_DECODE_CONCURRENCY: photos decoded at once (each takes a core while it lasts); more wait their turn. */
  uploadDecodeConcurrency: number;
  /** Where photos, signatures and retrained models live: UPLOAD_DIR (local) or an S3-compatible bucket. */
  storage: StorageConfig;
  h5Dir: string | null;
  database: DatabaseConfig;
  jwtSecret: string | null; // null: generated and kept in dataDir (embedded default only)
  jwtTtlSeconds: number;
  wechat: { appId: string | null; appSecret: string | null; apiBase: string };
  devLogin: boolean;
  seedDemo: boolean;
  trustProxy: boolean;
  /** Redis for durable jobs (BullMQ) and the shared WeChat access token; null = in-process poller. */
  redisUrl: string | null;
  jobs: { pollMs: number; leaseMs: number; redisPrefix: string };
  /** Subscribe-message templates by scene (WECHAT_SUBSCRIBE_TEMPLATES, JSON). */
  subscribeTemplates: Record<string, SubscribeTemplate>;
  /** WeChat Pay for paid repairs 有偿维修; null = not set up (支付未开通: staff record offline payments). */
  pay: PayConfig | null;
  /** Requests allowed per person and per client IP in a window, by kind (shared through Redis when set). */
  rateLimits: Record<RateLimitBucket, { user: RateLimit; ip: RateLimit }>;
  /** LOG_LEVEL: JSON log lines at this level and above (silent: none). */
  logLevel: LogLevel;
  /** Text messages for what cannot wait (SMS_PROVIDER aliyun or tencent); null = no SMS. */
  sms: SmsConfig | null;
  /** METRICS_TOKEN: GET /metrics wants `Authorization: Bearer <token>`; null = open (keep it off the internet). */
  metricsToken: string | null;
}

export type StorageConfig = { kind: 'local' } | S3Config;
/** An S3-compatible bucket (Aliyun OSS, Tencent COS, MinIO, AWS S3): STORAGE=s3 and the S3_* variables. */
export interface S3Config {
  kind: 's3';
  /** null: the SDK's own (AWS) endpoint for the region. */
  endpoint: string | null;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** host/bucket/key instead of bucket.host/key (MinIO and most self-hosted stores need it). */
  forcePathStyle: boolean;
}

/** Aliyun SMS or Tencent Cloud SMS: keys, the approved sign name and templates, the per-person daily cap. */
export interface SmsConfig {
  provider: 'aliyun' | 'tencent';
  apiBase: string;
  /** Aliyun AccessKey id / Tencent SecretId, and its secret. */
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  region: string;
  /** Tencent's SmsSdkAppId (the SMS application); unused by Aliyun. */
  sdkAppId: string;
  /** Template codes (Aliyun SMS_…) or ids (Tencent) for an emergency at night and for an escalation. */
  templates: { emergency: string; escalation: string };
  /** At most this many messages per person and Beijing day; more are recorded as capped. */
  dailyCap: number;
  /** Night, Beijing time: from this hour to that one (20 → 8: 20:00 to 08:00). */
  night: { from: number; to: number };
}

export type RateLimitBucket = 'login' | 'intake' | 'upload' | 'binding';
/** At most `count` requests in a window of `seconds`. */
export interface RateLimit {
  count: number;
  seconds: number;
}

/** Defaults for real residents: generous for a person, a brake on scripts; per IP higher (shared Wi-Fi, carrier NAT). */
export const RATE_LIMIT_DEFAULTS: Record<RateLimitBucket, { user: string; ip: string }> = {
  login: { user: '10/60', ip: '60/60' },
  intake: { user: '20/60', ip: '60/60' },
  upload: { user: '30/60', ip: '120/60' },
  // Binding a flat happens a few times in a resident's life; a binding code is 8 characters to guess.
  binding: { user: '10/600', ip: '100/600' },
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One WeChat subscribe-message template: its id, the page it opens, and each field's value pattern. */
export interface SubscribeTemplate {
  id: string;
  page?: string;
  /** WeChat field key → pattern with {placeholders}, e.g. { "character_string1": "{number}" }. */
  data: Record<string, string>;
}

/**
 * Merchant settings for WeChat Pay API v3. Keys come from files that are never committed (see .gitignore).
 * WeChat's own signatures are checked with its public key (微信支付公钥 mode, serial = the key id) or with
 * its platform certificates (平台证书 mode, serial = the certificate's serial number).
 */
export interface PayConfig {
  mchId: string;
  /** The mini-program's app id (WECHAT_APP_ID): orders are paid inside it. */
  appId: string;
  /** APIv3 key 32 bytes: decrypts notifications (AEAD_AES_256_GCM). */
  apiV3Key: string;
  /** Merchant private key (apiclient_key.pem) and its certificate serial: sign our requests. */
  privateKey: KeyObject;
  privateKeyPem: string;
  certSerial: string;
  /** WeChat's verification keys by serial (public-key id or platform certificate serial). */
  platformKeys: Map<string, KeyObject>;
  apiBase: string;
  notifyUrl: string;
  /** Unpaid orders are closed after this (WeChat's time_expire). */
  orderTimeoutMinutes: number;
  /** When set, each instance sweeps on this interval; otherwise the lead's scheduler calls sweep(). */
  sweepIntervalMs: number | null;
}
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const bool = (name: string, v: string | undefined, dflt: boolean, problems: string[]): boolean => {
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  problems.push(`${name}="${v}" must be true or false`);
  return dflt;
};

const int = (
  name: string,
  v: string | undefined,
  dflt: number,
  min: number,
  max: number,
  problems: string[],
) => {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}="${v}" must be a whole number between ${min} and ${max}`);
    return dflt;
  }
  return n;
};

/** Reads and validates the environment; every bad value is reported, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV || 'development') as AppConfig['env'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV="${env.NODE_ENV}" must be development, production or test`);
  }
  const production = nodeEnv === 'production';
  const dataDir = resolve(env.DATA_DIR || 'data');

  let database: DatabaseConfig = { type: 'sqlite', file: resolve(dataDir, 'wuyetong.sqlite') };
  if (env.DATABASE_URL) {
    try {
      const u = new URL(env.DATABASE_URL);
      const proto = u.protocol.replace(':', '');
      if (proto !== 'mysql' && proto !== 'mariadb') {
        problems.push(`DATABASE_URL must start with mysql:// or mariadb:// (got "${proto}://")`);
      } else if (!u.pathname || u.pathname === '/') {
        problems.push('DATABASE_URL must name a database, e.g. mysql://user:pass@host:3306/wuyetong');
      } else {
        database = {
          type: proto,
          url: env.DATABASE_URL,
          host: u.hostname,
          port: u.port ? Number(u.port) : 3306,
          username: decodeURIComponent(u.username || 'root'),
          password: decodeURIComponent(u.password || ''),
          database: decodeURIComponent(u.pathname.slice(1)),
        };
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL, e.g. mysql://user:pass@127.0.0.1:3306/wuyetong');
    }
  } else if (production) {
    problems.push(
      'DATABASE_URL is required when NODE_ENV=production (the embedded SQLite file is for trying the product)',
    );
  }

  const jwtSecret = env.JWT_SECRET || null;
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (production && !jwtSecret)
    problems.push('JWT_SECRET is required when NODE_ENV=production (shared by all instances)');

  const appId = env.WECHAT_APP_ID || null;
  const appSecret = env.WECHAT_APP_SECRET || null;
  if (appId && !appSecret) problems.push('WECHAT_APP_SECRET is required when WECHAT_APP_ID is set');
  if (production && !appId)
    problems.push('WECHAT_APP_ID and WECHAT_APP_SECRET are required when NODE_ENV=production');
  const apiBase = env.WECHAT_API_BASE || 'https://api.weixin.qq.com';
  if (!/^https?:\/\/[^/]+/.test(apiBase))
    problems.push(`WECHAT_API_BASE="${apiBase}" must be an http(s) URL`);

  // The development login lets anyone pick a demo account: never in production, never with real WeChat.
  const devLoginWanted = bool('DEV_LOGIN', env.DEV_LOGIN, !appId && !production, problems);
  if (devLoginWanted && production) problems.push('DEV_LOGIN cannot be enabled when NODE_ENV=production');

  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\/[^/]+/.test(redisUrl))
    problems.push(`REDIS_URL="${redisUrl}" must look like redis://host:6379`);
  const subscribeTemplates = parseTemplates(env.WECHAT_SUBSCRIBE_TEMPLATES, problems);
  const pay = loadPayConfig(env, appId, production, problems);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of ${LOG_LEVELS.join(', ')}`);

  const config: AppConfig = {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000, 0, 65535, problems),
    workers: int('SERVER_WORKERS', env.SERVER_WORKERS, 1, 1, 64, problems),
    dataDir,
    uploadDir: resolve(env.UPLOAD_DIR || resolve(dataDir, 'uploads')),
    // One core less than the machine has (at least one): the request loop keeps a core while photos decode.
    uploadDecodeConcurrency: int(
      'UPLOAD_DECODE_CONCURRENCY',
      env.UPLOAD_DECODE_CONCURRENCY,
      Math.max(1, availableParallelism() - 1),
      1,
      64,
      problems,
    ),
    storage: loadStorageConfig(env, production, problems),
    h5Dir: env.H5_DIR === '' ? null : resolve(env.H5_DIR || resolve(__dirname, '../../../miniapp/dist/h5')),
    database,
    jwtSecret,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', env.JWT_TTL_SECONDS, 7 * 24 * 3600, 60, 90 * 24 * 3600, problems),
    wechat: { appId, appSecret, apiBase: apiBase.replace(/\/$/, '') },
    devLogin: devLoginWanted && !production,
    seedDemo: bool('SEED_DEMO', env.SEED_DEMO, database.type === 'sqlite', problems),
    trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY, false, problems),
    redisUrl,
    jobs: {
      pollMs: int('JOBS_POLL_MS', env.JOBS_POLL_MS, 1000, 0, 3_600_000, problems),
      leaseMs: int('JOBS_LEASE_MS', env.JOBS_LEASE_MS, 5 * 60_000, 1000, 3_600_000, problems),
      redisPrefix: env.JOBS_REDIS_PREFIX || 'wuye',
    },
    subscribeTemplates,
    pay,
    rateLimits: loadRateLimits(env, problems),
    logLevel,
    metricsToken: env.METRICS_TOKEN || null,
    sms: loadSmsConfig(env, production, problems),
  };
  if (config.metricsToken && config.metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');
  if (config.workers > 1 && database.type === 'sqlite')
    problems.push('SERVER_WORKERS > 1 needs MySQL/MariaDB (DATABASE_URL): an SQLite file takes one writer');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** STORAGE=local (default) or s3 with S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and optional others. */
function loadStorageConfig(env: NodeJS.ProcessEnv, production: boolean, problems: string[]): StorageConfig {
  const kind = (env.STORAGE || 'local').toLowerCase();
  const stray = Object.keys(env).filter((k) => k.startsWith('S3_') && env[k]);
  if (kind === 'local') {
    if (stray.length) problems.push(`STORAGE=s3 is required when ${stray.join(', ')} is set`);
    return { kind: 'local' };
  }
  if (kind !== 's3') {
    problems.push(`STORAGE="${env.STORAGE}" must be local or s3`);
    return { kind: 'local' };
  }
  const endpoint = env.S3_ENDPOINT ? env.S3_ENDPOINT.replace(/\/$/, '') : null;
  if (endpoint && !/^https?:\/\/[^/]+$/.test(endpoint))
    problems.push(
      `S3_ENDPOINT="${endpoint}" must be an http(s) origin, e.g. https://oss-cn-hangzhou.aliyuncs.com`,
    );
  else if (endpoint && production && !endpoint.startsWith('https://'))
    problems.push('S3_ENDPOINT must be https when NODE_ENV=production');
  const bucket = env.S3_BUCKET || '';
  // S3's bucket naming rules (3–63 lower-case letters, digits, dots and hyphens), which OSS and COS share.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push(`S3_BUCKET="${bucket}" must be a bucket name (3–63 lower-case letters, digits, . and -)`);
  const accessKeyId = env.S3_ACCESS_KEY_ID || '';
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || '';
  if (!accessKeyId || !secretAccessKey)
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required when STORAGE=s3');
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId,
    secretAccessKey,
    forcePathStyle: bool('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE, false, problems),
  };
}

const SMS_API_BASES = { aliyun: 'https://dysmsapi.aliyuncs.com', tencent: 'https://sms.tencentcloudapi.com' };
const SMS_REGIONS = { aliyun: 'cn-hangzhou', tencent: 'ap-guangzhou' };

/** SMS_PROVIDER=aliyun|tencent and its settings; nothing set → null (no text messages). */
function loadSmsConfig(env: NodeJS.ProcessEnv, production: boolean, problems: string[]): SmsConfig | null {
  const provider = (env.SMS_PROVIDER || '').toLowerCase();
  const dailyCap = int('SMS_DAILY_CAP', env.SMS_DAILY_CAP, 20, 1, 1000, problems);
  if (!provider) {
    const stray = Object.keys(env).filter((k) => k.startsWith('SMS_') && env[k]);
    if (stray.length)
      problems.push(`SMS_PROVIDER (aliyun or tencent) is required when ${stray.join(', ')} is set`);
    return null;
  }
  if (provider !== 'aliyun' && provider !== 'tencent') {
    problems.push(`SMS_PROVIDER="${env.SMS_PROVIDER}" must be aliyun or tencent`);
    return null;
  }
  const apiBase = (env.SMS_API_BASE || SMS_API_BASES[provider]).replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(apiBase))
    problems.push(`SMS_API_BASE="${apiBase}" must be an http(s) origin`);
  else if (production && !apiBase.startsWith('https://'))
    problems.push('SMS_API_BASE must be https when NODE_ENV=production');
  const need = [
    'SMS_ACCESS_KEY_ID',
    'SMS_ACCESS_KEY_SECRET',
    'SMS_SIGN_NAME',
    'SMS_TEMPLATE_EMERGENCY',
    'SMS_TEMPLATE_ESCALATION',
  ];
  if (provider === 'tencent') need.push('SMS_SDK_APP_ID');
  const missing = need.filter((k) => !env[k]);
  if (missing.length) problems.push(`${missing.join(', ')} required when SMS_PROVIDER=${provider}`);
  const m = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(env.SMS_NIGHT_HOURS || '20-8');
  const night = m ? { from: Number(m[1]), to: Number(m[2]) } : null;
  if (!night || night.from > 23 || night.to > 23 || night.from === night.to)
    problems.push(
      `SMS_NIGHT_HOURS="${env.SMS_NIGHT_HOURS}" must be "from-to" hours in Beijing time, e.g. 20-8`,
    );
  return {
    provider,
    apiBase,
    accessKeyId: env.SMS_ACCESS_KEY_ID || '',
    accessKeySecret: env.SMS_ACCESS_KEY_SECRET || '',
    signName: env.SMS_SIGN_NAME || '',
    region: env.SMS_REGION || SMS_REGIONS[provider],
    sdkAppId: env.SMS_SDK_APP_ID || '',
    templates: { emergency: env.SMS_TEMPLATE_EMERGENCY || '', escalation: env.SMS_TEMPLATE_ESCALATION || '' },
    dailyCap,
    night: night ?? { from: 20, to: 8 },
  };
}

/** RATE_LIMIT_LOGIN=10/60 (per account), RATE_LIMIT_LOGIN_IP=60/60 (per client IP) … as "count/seconds". */
function loadRateLimits(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['rateLimits'] {
  const read = (raw: string): RateLimit | null => {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
    const count = m ? Number(m[1]) : NaN;
    const seconds = m ? Number(m[2]) : NaN;
    return count >= 1 && count <= 1_000_000 && seconds >= 1 && seconds <= 86_400 ? { count, seconds } : null;
  };
  const parse = (name: string, dflt: string): RateLimit => {
    const limit = read(env[name] || dflt);
    if (limit) return limit;
    problems.push(
      `${name}="${env[name]}" must be "count/seconds" (count 1–1000000, seconds 1–86400), e.g. ${dflt}`,
    );
    return read(dflt)!;
  };
  const out = {} as AppConfig['rateLimits'];
  for (const [bucket, d] of Object.entries(RATE_LIMIT_DEFAULTS) as [
    RateLimitBucket,
    { user: string; ip: string },
  ][]) {
    const name = `RATE_LIMIT_${bucket.toUpperCase()}`;
    out[bucket] = { user: parse(name, d.user), ip: parse(`${name}_IP`, d.ip) };
  }
  return out;
}

/** WECHAT_SUBSCRIBE_TEMPLATES: {"scene": {"id": "templateId", "page": "…", "data": {"thing1": "{title}"}}}. */
function parseTemplates(raw: string | undefined, problems: string[]): Record<string, SubscribeTemplate> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push('WECHAT_SUBSCRIBE_TEMPLATES is not valid JSON');
    return {};
  }
  const out: Record<string, SubscribeTemplate> = {};
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push('WECHAT_SUBSCRIBE_TEMPLATES must be an object keyed by scene');
    return {};
  }
  for (const [scene, t] of Object.entries(parsed as Record<string, unknown>)) {
    const tpl = t as Partial<SubscribeTemplate>;
    if (!tpl || typeof tpl.id !== 'string' || !tpl.id || typeof tpl.data !== 'object' || !tpl.data) {
      problems.push(
        `WECHAT_SUBSCRIBE_TEMPLATES.${scene} needs "id" (template id) and "data" (field → pattern)`,
      );
      continue;
    }
    out[scene] = { id: tpl.id, page: typeof tpl.page === 'string' ? tpl.page : undefined, data: tpl.data };
  }
  return out;
}

/** A file's content, or a problem noted under the variable's name. */
function readSecretFile(name: string, file: string, problems: string[]): string | null {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (e) {
    problems.push(`${name}="${file}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

/**
 * WeChat Pay is on when WECHAT_PAY_MCHID is set; then every other merchant setting must be there and valid.
 * Nothing set → null: paid repairs show 支付未开通 and staff record offline payments.
 */
function loadPayConfig(
  env: NodeJS.ProcessEnv,
  appId: string | null,
  production: boolean,
  problems: string[],
): PayConfig | null {
  const mchId = env.WECHAT_PAY_MCHID || '';
  const orderTimeoutMinutes = int(
    'PAY_ORDER_TIMEOUT_MINUTES',
    env.PAY_ORDER_TIMEOUT_MINUTES,
    30,
    5,
    120,
    problems,
  );
  const sweepIntervalMs = env.PAY_SWEEP_INTERVAL_MS
    ? int('PAY_SWEEP_INTERVAL_MS', env.PAY_SWEEP_INTERVAL_MS, 60_000, 1000, 3_600_000, problems)
    : null;
  if (!mchId) {
    const stray = Object.keys(env).filter((k) => k.startsWith('WECHAT_PAY_') && env[k]);
    if (stray.length) problems.push(`WECHAT_PAY_MCHID is required when ${stray.join(', ')} is set`);
    return null;
  }
  const before = problems.length;
  if (!/^\d{8,12}$/.test(mchId))
    problems.push(`WECHAT_PAY_MCHID="${mchId}" must be the 8–12 digit merchant id`);
  if (!appId) problems.push('WECHAT_APP_ID is required for WeChat Pay (orders are paid in the mini-program)');

  let apiV3Key = env.WECHAT_PAY_APIV3_KEY || '';
  if (!apiV3Key && env.WECHAT_PAY_APIV3_KEY_FILE)
    apiV3Key = (
      readSecretFile('WECHAT_PAY_APIV3_KEY_FILE', env.WECHAT_PAY_APIV3_KEY_FILE, problems) ?? ''
    ).trim();
  if (Buffer.byteLength(apiV3Key) !== 32)
    problems.push('WECHAT_PAY_APIV3_KEY (or WECHAT_PAY_APIV3_KEY_FILE) must be the 32-character APIv3 key');

  let privateKey: KeyObject | null = null;
  let privateKeyPem = '';
  if (!env.WECHAT_PAY_PRIVATE_KEY_FILE)
    problems.push('WECHAT_PAY_PRIVATE_KEY_FILE (apiclient_key.pem) is required');
  else {
    privateKeyPem =
      readSecretFile('WECHAT_PAY_PRIVATE_KEY_FILE', env.WECHAT_PAY_PRIVATE_KEY_FILE, problems) ?? '';
    try {
      if (privateKeyPem) privateKey = createPrivateKey(privateKeyPem);
    } catch {
      problems.push('WECHAT_PAY_PRIVATE_KEY_FILE is not a PEM private key');
    }
  }

  let certSerial = (env.WECHAT_PAY_CERT_SERIAL || '').toUpperCase();
  if (!certSerial && env.WECHAT_PAY_CERT_FILE) {
    const pem = readSecretFile('WECHAT_PAY_CERT_FILE', env.WECHAT_PAY_CERT_FILE, problems);
    try {
      if (pem) certSerial = new X509Certificate(pem).serialNumber.toUpperCase();
    } catch {
      problems.push('WECHAT_PAY_CERT_FILE is not a PEM certificate (apiclient_cert.pem)');
    }
  }
  if (!certSerial && !env.WECHAT_PAY_CERT_FILE)
    problems.push('WECHAT_PAY_CERT_SERIAL or WECHAT_PAY_CERT_FILE (apiclient_cert.pem) is required');
  else if (certSerial && !/^[0-9A-F]{8,64}$/.test(certSerial))
    problems.push(
      `WECHAT_PAY_CERT_SERIAL="${certSerial}" must be the certificate's hexadecimal serial number`,
    );

  // WeChat's side: its public key with the key id as serial, and/or a folder of platform certificates.
  const platformKeys = new Map<string, KeyObject>();
  if (env.WECHAT_PAY_PUBLIC_KEY_FILE) {
    const id = env.WECHAT_PAY_PUBLIC_KEY_ID || '';
    if (!/^PUB_KEY_ID_\w+$/.test(id))
      problems.push('WECHAT_PAY_PUBLIC_KEY_ID (PUB_KEY_ID_…) is required with WECHAT_PAY_PUBLIC_KEY_FILE');
    const pem = readSecretFile('WECHAT_PAY_PUBLIC_KEY_FILE', env.WECHAT_PAY_PUBLIC_KEY_FILE, problems);
    try {
      if (pem && id) platformKeys.set(id, createPublicKey(pem));
    } catch {
      problems.push('WECHAT_PAY_PUBLIC_KEY_FILE is not a PEM public key (pub_key.pem)');
    }
  }
  if (env.WECHAT_PAY_PLATFORM_CERT_DIR) {
    const dir = resolve(env.WECHAT_PAY_PLATFORM_CERT_DIR);
    if (!existsSync(dir)) problems.push(`WECHAT_PAY_PLATFORM_CERT_DIR="${dir}" does not exist`);
    else
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.pem'))) {
        try {
          const cert = new X509Certificate(readFileSync(join(dir, f)));
          platformKeys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
        } catch {
          problems.push(`${join(dir, f)} is not a PEM certificate`);
        }
      }
  }
  if (!env.WECHAT_PAY_PUBLIC_KEY_FILE && !env.WECHAT_PAY_PLATFORM_CERT_DIR)
    problems.push(
      'WECHAT_PAY_PUBLIC_KEY_FILE with WECHAT_PAY_PUBLIC_KEY_ID (微信支付公钥) or WECHAT_PAY_PLATFORM_CERT_DIR is required',
    );
  else if (env.WECHAT_PAY_PLATFORM_CERT_DIR && !env.WECHAT_PAY_PUBLIC_KEY_FILE && !platformKeys.size)
    problems.push('WECHAT_PAY_PLATFORM_CERT_DIR holds no platform certificate (*.pem)');

  const apiBase = (env.WECHAT_PAY_API_BASE || 'https://api.mch.weixin.qq.com').replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(apiBase))
    problems.push(`WECHAT_PAY_API_BASE="${apiBase}" must be an http(s) origin`);
  else if (production && !apiBase.startsWith('https://'))
    problems.push('WECHAT_PAY_API_BASE must be https when NODE_ENV=production');
  const notifyUrl = env.WECHAT_PAY_NOTIFY_URL || '';
  if (!/^https?:\/\/[^/]+\/\S*$/.test(notifyUrl) || notifyUrl.includes('?'))
    problems.push('WECHAT_PAY_NOTIFY_URL must be the public URL of /api/pay/wechat/notify, without a query');
  else if (production && !notifyUrl.startsWith('https://'))
    problems.push('WECHAT_PAY_NOTIFY_URL must be https when NODE_ENV=production (WeChat requires it)');

  if (problems.length > before || !privateKey) return null;
  return {
    mchId,
    appId: appId!,
    apiV3Key,
    privateKey,
    privateKeyPem,
    certSerial,
    platformKeys,
    apiBase,
    notifyUrl,
    orderTimeoutMinutes,
    sweepIntervalMs,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
