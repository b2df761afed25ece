import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, RateLimit as Limit, RateLimitBucket } from '../config/config';
import { AuthUser } from './auth-user';

/** One counter's state after a hit: how many requests in the window so far, and when the window ends. */
interface Hit {
  count: number;
  resetInMs: number;
}

/** Fixed-window counters: a window opens at a key's first hit and lasts `windowMs`. */
export interface RateLimitStore {
  ready?(ms: number): Promise<void>;
  /** Whether counting works right now (Redis connected); a store in memory always counts. */
  readonly counting: boolean;
  hit(key: string, windowMs: number): Promise<Hit>;
  /** Gives back one hit (a request that turned out not to count), if its window is still open. */
  refund(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Counters in this process: right for one instance (the embedded default). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly counting = true;
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private hitsSinceSweep = 0;

  async hit(key: string, windowMs: number): Promise<Hit> {
    const now = Date.now();
    if (++this.hitsSinceSweep >= 1000) this.sweep(now);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetInMs: w.resetAt - now };
  }

  async refund(key: string): Promise<void> {
    const w = this.windows.get(key);
    if (w && w.resetAt > Date.now() && w.count > 0) w.count--;
  }

  /** Forgets closed windows so the map holds only people and addresses active right now. */
  private sweep(now: number) {
    this.hitsSinceSweep = 0;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }

  async close() {
    this.windows.clear();
  }
}

// INCR and set the window on the first hit, atomically (a key left without expiry gets one too).
const HIT_LUA = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;
// DECR only while the window lives: never create a key without expiry.
const REFUND_LUA = `
if redis.call('PTTL', KEYS[1]) > 0 and tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

/** Counters in Redis: every instance sees the same count (REDIS_URL set). */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: IORedis;
  constructor(url: string, prefix: string) {
    // A limiter must not stall requests: while Redis is away commands fail at once (no offline queue), and
    // one it does not answer in time fails too; either way the request is let through.
    this.redis = new IORedis(url, {
      keyPrefix: `${prefix}:rl:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
    });
    this.redis.on('error', () => undefined);
  }

  get counting(): boolean {
    return this.redis.status === 'ready';
  }

  /** Waits (briefly) for the first connection, so the first requests after start are counted too. */
  ready(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((done) => {
      const finish = () => {
        clearTimeout(timer);
        this.redis.off('ready', finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      this.redis.once('ready', finish);
    });
  }

  async hit(key: string, windowMs: number): Promise<Hit> {
    const [count, ttl] = (await this.redis.eval(HIT_LUA, 1, key, String(windowMs))) as [number, number];
    return { count, resetInMs: ttl };
  }

  async refund(key: string): Promise<void> {
    await this.redis.eval(REFUND_LUA, 1, key);
  }

  async close() {
    this.redis.disconnect();
  }
}

/** What the guard leaves on the request, so a handler can give the hits back (see RateLimiter.refund). */
interface Counted {
  keys: string[];
}
type CountedRequest = Request & { user?: AuthUser; rateLimitCounted?: Counted };

export class TooManyRequestsException extends HttpException {
  constructor(public readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: `操作太频繁，请 ${waitText(retryAfterSeconds)}后再试`,
        error: 'Too Many Requests',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

const waitText = (s: number) => (s >= 120 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`);

/**
 * Requests per person and per client IP for login, ticket intake and uploads. Both counters must be under
 * their limit; over either one the answer is 429 with Retry-After (seconds until the fuller window ends).
 * Counters live in Redis when REDIS_URL is set (shared by all instances), in memory otherwise.
 * When Redis cannot be reached the request is let through: residents must still be able to file.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('RateLimit');
  private readonly store: RateLimitStore;
  private lastWarn = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.store = config.redisUrl
      ? new RedisRateLimitStore(config.redisUrl, config.jobs.redisPrefix)
      : new MemoryRateLimitStore();
  }

  /**
   * Counts one request of `bucket` for the person (if known) and the IP. Returns the keys counted, or
   * throws 429 when either is over its limit.
   */
  async consume(bucket: RateLimitBucket, subject: string | null, ip: string): Promise<Counted> {
    const limits = this.config.rateLimits[bucket];
    const checks: { key: string; limit: Limit }[] = [{ key: `${bucket}:ip:${ip}`, limit: limits.ip }];
    if (subject) checks.push({ key: `${bucket}:user:${subject}`, limit: limits.user });
    let hits: Hit[];
    try {
      hits = await Promise.all(checks.map((c) => this.store.hit(c.key, c.limit.seconds * 1000)));
    } catch (e) {
      if (Date.now() - this.lastWarn > 60_000) {
        this.lastWarn = Date.now();
        this.log.warn(`rate limit store unavailable, letting requests through: ${(e as Error).message}`);
      }
      return { keys: [] };
    }
    let waitMs = 0;
    hits.forEach((h, i) => {
      if (h.count > checks[i].limit.count) waitMs = Math.max(waitMs, h.resetInMs);
    });
    const keys = checks.map((c) => c.key);
    if (waitMs > 0) {
      // A refused request does not count: being over one limit must not use up the other.
      await Promise.all(keys.map((k) => this.store.refund(k))).catch(() => undefined);
      throw new TooManyRequestsException(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    return { keys };
  }

  /**
   * The request turned out not to count (an idempotent retry of a submission already accepted): give its
   * hits back, so retries after a lost answer never use up a resident's allowance.
   */
  async refund(req: Request): Promise<void> {
    const counted = (req as CountedRequest).rateLimitCounted;
    if (!counted) return;
    (req as CountedRequest).rateLimitCounted = undefined;
    await Promise.all(counted.keys.map((k) => this.store.refund(k))).catch(() => undefined);
  }

  /** For /api/health: where the counters live and whether they count now (false: every request is let through). */
  state(): { store: 'redis' | 'memory'; ok: boolean } {
    return { store: this.config.redisUrl ? 'redis' : 'memory', ok: this.store.counting };
  }

  async onModuleInit() {
    await this.store.ready?.(2000);
  }

  async onApplicationShutdown() {
    await this.store.close();
  }
}

const RATE_LIMIT_META = 'rateLimit';
interface RateLimitMeta {
  bucket: RateLimitBucket;
  /** Whom the request counts against when no one is signed in (e.g. the account a login names). */
  subject?: (req: Request) => string | null | undefined;
}

/** Route guard (runs after the global AuthGuard, so the signed-in person is known, and before uploads are read). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const meta = this.reflector.get<RateLimitMeta | undefined>(RATE_LIMIT_META, ctx.getHandler());
    if (!meta) return true;
    const req = ctx.switchToHttp().getRequest<CountedRequest>();
    const subject = req.user?.id ?? meta.subject?.(req) ?? null;
    try {
      req.rateLimitCounted = await this.limiter.consume(
        meta.bucket,
        subject ? String(subject).slice(0, 128) : null,
        req.ip ?? 'unknown',
      );
    } catch (e) {
      if (e instanceof TooManyRequestsException)
        ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    return true;
  }
}

/** Limits this route per person and per client IP (RATE_LIMIT_<BUCKET> and RATE_LIMIT_<BUCKET>_IP). */
export const RateLimited = (bucket: RateLimitBucket, subject?: RateLimitMeta['subject']) =>
  applyDecorators(SetMetadata(RATE_LIMIT_META, { bucket, subject }), UseGuards(RateLimitGuard));
