import { resolve } from 'node:path';

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
  dataDir: string;
  uploadDir: string;
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
}

/** One WeChat subscribe-message template: its id, the page it opens, and each field's value pattern. */
export interface SubscribeTemplate {
  id: string;
  page?: string;
  /** WeChat field key → pattern with {placeholders}, e.g. { "character_string1": "{number}" }. */
  data: Record<string, string>;
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

  const config: AppConfig = {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 3000, 0, 65535, problems),
    dataDir,
    uploadDir: resolve(env.UPLOAD_DIR || resolve(dataDir, 'uploads')),
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
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
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

export const APP_CONFIG = Symbol('APP_CONFIG');
