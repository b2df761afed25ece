import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger as PinoInstance, LevelWithSilent } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';

/**
 * Structured logs: one JSON object a line (pino), the app's own messages and one line per HTTP request
 * (pino-http through nestjs-pino). Nothing secret or personal reaches a line:
 * - values under secret-looking keys anywhere in a logged object (authorization, cookie, token, password,
 *   secret/appsecret, session_key, the WeChat login code, payment keys, signatures …) become "[Redacted]";
 * - phone numbers under phone-like keys, and any 11-digit mainland mobile number anywhere in the finished
 *   line (messages and error stacks included), are masked as 138****1234;
 * - bearer tokens, JWTs and secret query parameters (…&secret=…, ?token=…, &sig=…) in free text are redacted;
 * - request lines carry the method, path (secret query values redacted), status, time and a request id,
 *   never headers or bodies.
 */

const REDACTED = '[Redacted]';

/** Lower-cased keys without - and _, as they were computed (`normKey`). */
const normKeys = new Map<string, string>();

/** Keys whose values never appear in a log line (compared lower-cased, without - and _). */
const SECRET_KEYS = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'token',
    'access_token',
    'accessToken',
    'refresh_token',
    'id_token',
    'password',
    'passwd',
    'secret',
    'appsecret',
    'app_secret',
    'jwtSecret',
    'session_key',
    'sessionKey',
    'js_code',
    'jscode',
    'apiV3Key',
    'apiv3_key',
    'privateKey',
    'privateKeyPem',
    'private_key',
    'paySign',
    'signature',
    'sig',
    'wechatpay-signature',
    'ciphertext',
    'associated_data',
    'nonce',
    'openid',
    'unionid',
  ].map((k) => normKey(k)),
);
/** Keys holding phone numbers: masked, not dropped, so support can still tell two numbers apart. */
const PHONE_KEYS = new Set(
  ['phone', 'mobile', 'contactPhone', 'phoneNumber', 'purePhoneNumber', 'tel'].map(normKey),
);

function normKey(k: string) {
  let n = normKeys.get(k);
  if (n === undefined) {
    n = k.toLowerCase().replace(/[-_]/g, '');
    // Keys come from code, not from input, but a bound keeps a stray one from growing the map.
    if (normKeys.size < 10_000) normKeys.set(k, n);
  }
  return n;
}

/**
 * 11-digit mainland mobile numbers (1[3-9]…), not inside a longer run of digits (groups 1 and 2: what stays),
 * or a UUID (request ids, record ids), whose hex groups may hold 11 digits in a row ("…-b13812345678") that are
 * not a phone number: a UUID is matched whole and left as it is, so only phones outside one are masked.
 */
const UUID_OR_MOBILE =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
/** name=value in URLs and free text, for names that carry secrets. */
const SECRET_PARAM =
  /\b(secret|appsecret|js_code|code|session_key|access_token|token|password|sig|signature|paySign)=([^&\s"'\\]+)/gi;
/** "key":"value" pairs inside a message that holds serialised JSON (quotes possibly escaped). */
const SECRET_JSON_PAIR =
  /(\\?"(?:authorization|cookie|token|access_token|password|secret|appsecret|app_secret|session_key|js_code|code|apiV3Key|privateKey|paySign|signature|sig|openid)\\?"\s*:\s*\\?")([^"\\]*)/gi;

/**
 * What each pattern above cannot match without (11 digits, "bearer", "eyJ", "=", a quoted secret key): a text with
 * none of them is returned as it is, unscanned, as almost every request line is.
 */
const MAYBE_SECRET =
  /\d{11}|bearer|eyJ|=|\\?"(?:authorization|cookie|token|access_token|password|secret|appsecret|app_secret|session_key|js_code|code|apiV3Key|privateKey|paySign|signature|sig|openid)\\?"/i;

/** Masks phone numbers and secrets in free text (messages, stacks, URLs, whole log lines). */
export function maskText(s: string): string {
  if (!MAYBE_SECRET.test(s)) return s;
  return s
    .replace(UUID_OR_MOBILE, (m, head?: string, tail?: string) => (head ? `${head}****${tail}` : m))
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(SECRET_PARAM, (m, name: string, value: string) =>
      // `code` stays when it is an error code (ER_DUP_ENTRY, ECONNRESET, 40029), not a WeChat login code.
      name.toLowerCase() === 'code' && isErrorCode(value) ? m : `${name}=${REDACTED}`,
    )
    .replace(SECRET_JSON_PAIR, (m, head: string, value: string) =>
      /"code\\?"/i.test(head) && isErrorCode(value) ? m : `${head}${REDACTED}`,
    );
}

function isErrorCode(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^(?:[A-Z][A-Z0-9_]*|\d{1,6})$/.test(v));
}

function maskPhone(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  const s = String(v);
  return s.length >= 7 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '****';
}

/** A copy of a logged value with secret keys redacted and phone keys masked, at any depth. */
export function sanitize(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (!value || typeof value !== 'object') return value;
  // The request and response pino-http logs: their serializers (requestLogOptions) keep only safe fields, after
  // this; walking the live objects (socket, parser, server …) would cost more than the request itself.
  if (value instanceof IncomingMessage || value instanceof ServerResponse) return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) return serializeError(value);
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, seen));
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const nk = normKey(k);
    if (nk === 'code' && typeof v === 'string' && !isErrorCode(v)) out[k] = REDACTED;
    else if (SECRET_KEYS.has(nk)) out[k] = v === null || v === undefined ? v : REDACTED;
    else if (PHONE_KEYS.has(nk)) out[k] = maskPhone(v);
    else out[k] = sanitize(v, depth + 1, seen);
  }
  return out;
}

function serializeError(e: Error): Record<string, unknown> {
  const extra = e as Error & { code?: unknown; status?: unknown; errno?: unknown };
  return {
    type: e.constructor?.name ?? 'Error',
    message: maskText(String(e.message)),
    ...(extra.code !== undefined ? { code: isErrorCode(extra.code) ? extra.code : REDACTED } : {}),
    ...(typeof extra.status === 'number' ? { status: extra.status } : {}),
    stack: e.stack ? maskText(e.stack) : undefined,
  };
}

/** The path and query of a request, secret query values redacted. */
function safeUrl(url: string | undefined): string {
  return maskText(url ?? '');
}

export interface LoggingOptions {
  level: LevelWithSilent;
  /** Where lines go (default: stdout). Tests pass a capturing stream. */
  stream?: DestinationStream;
  /** Lines for a person at a terminal (pino-pretty) instead of JSON; ignored with `stream`. */
  pretty?: boolean;
}

/**
 * Pretty lines when a person reads them: not in production, and only when stdout is a terminal. Anything
 * piped, redirected or collected (systemd, docker, CI, `| tee`) keeps one JSON object a line.
 */
export function prettyLogsWanted(env: string, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return env !== 'production' && stdout.isTTY === true;
}

/**
 * pino-pretty as a stream in this thread (no worker), writing synchronously so its lines keep their order
 * with anything else printed. It is a devDependency: where it is not installed, null (JSON lines as ever).
 * It formats the finished line, after the redaction and masking above.
 */
function prettyStream(): DestinationStream | null {
  let build: typeof import('pino-pretty').PinoPretty;
  try {
    build = (require('pino-pretty') as typeof import('pino-pretty')).PinoPretty;
  } catch {
    return null;
  }
  return build({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // The request's method, path, status and time are in its message already; the context leads the message.
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/** The one pino logger of the app: Nest's Logger and the request logs both write through it. */
export function createAppLogger(opts: LoggingOptions): PinoInstance {
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => sanitize(obj) as Record<string, unknown>,
      },
      serializers: {
        err: (e: unknown) => (e instanceof Error ? serializeError(e) : sanitize(e)),
      },
      hooks: {
        // Last line of defence: whatever reached the finished line (messages, bindings, stacks) is masked.
        streamWrite: (line: string) => maskText(line),
      },
    },
    opts.stream ?? (opts.pretty ? prettyStream() : null) ?? pino.destination(1),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** pino-http options: one line per request, with an id the caller may pass as X-Request-Id. */
export function requestLogOptions(logger: PinoInstance): PinoHttpOptions {
  return {
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${safeUrl(req.url)} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req, res, err) =>
      `${req.method} ${safeUrl(req.url)} ${res.statusCode} ${maskText(err?.message ?? '')}`,
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: safeUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      // The wrapped response says statusCode null until headers are sent; the raw one knows it.
      res: (res: { statusCode?: number | null; raw?: { statusCode?: number } }) => ({
        statusCode: res.raw?.statusCode ?? res.statusCode,
      }),
      err: (e: unknown) => (e instanceof Error ? serializeError(e) : sanitize(e)),
    },
  };
}
