import IORedis from 'ioredis';

/** Where the access token lives: this process, or Redis so every instance shares one token. */
export interface TokenStore {
  get(): Promise<{ token: string; expiresAt: number } | null>;
  set(token: string, expiresAt: number): Promise<void>;
  /** Forgets the token only if it is still this one (another instance may have refreshed already). */
  invalidate(token: string): Promise<void>;
  /** Runs fn while holding a short lock, so only one instance asks WeChat for a new token. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  private value: { token: string; expiresAt: number } | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  async get() {
    return this.value;
  }
  async set(token: string, expiresAt: number) {
    this.value = { token, expiresAt };
  }
  async invalidate(token: string) {
    if (this.value?.token === token) this.value = null;
  }
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }
  async close() {}
}

const KEY = 'wechat:access_token';
const LOCK = 'wechat:access_token:lock';

export class RedisTokenStore implements TokenStore {
  private readonly redis: IORedis;
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new IORedis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }
  async get() {
    const raw = await this.redis.get(`${this.prefix}:${KEY}`);
    return raw ? (JSON.parse(raw) as { token: string; expiresAt: number }) : null;
  }
  async set(token: string, expiresAt: number) {
    const ttl = Math.max(1, Math.floor((expiresAt - Date.now()) / 1000));
    await this.redis.set(`${this.prefix}:${KEY}`, JSON.stringify({ token, expiresAt }), 'EX', ttl);
  }
  async invalidate(token: string) {
    const cur = await this.get();
    if (cur?.token === token) await this.redis.del(`${this.prefix}:${KEY}`);
  }
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const id = Math.random().toString(36).slice(2);
    const lockKey = `${this.prefix}:${LOCK}`;
    for (let i = 0; i < 50; i++) {
      if (await this.redis.set(lockKey, id, 'PX', 10_000, 'NX')) {
        try {
          return await fn();
        } finally {
          if ((await this.redis.get(lockKey)) === id) await this.redis.del(lockKey);
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return fn(); // the holder is stuck: fetch anyway rather than stall every send
  }
  async close() {
    this.redis.disconnect();
  }
}
