// HTTP for the simulated people: one keep-alive agent per server instance, every attempt recorded
// (endpoint, instance, start/end, status or network error, Retry-After) for the summary and the checks.
import { Agent, request as httpRequest } from 'node:http';

export const now = () => Date.now();

/** Every request attempt and every injected fault window, with the arithmetic the summary needs. */
export class Recorder {
  constructor() {
    this.records = [];
    this.windows = [];
    this.notes = [];
  }

  add(r) {
    this.records.push(r);
  }

  /** A fault window runs from the injection until recovery was observed, plus `graceMs` for stragglers. */
  openWindow(name, graceMs) {
    const w = { name, start: now(), recoveredAt: null, graceMs, events: {} };
    this.windows.push(w);
    return w;
  }

  windowOf(r) {
    for (const w of this.windows) {
      const end = (w.recoveredAt ?? Infinity) + w.graceMs;
      if (r.end >= w.start && r.start <= end) return w;
    }
    return null;
  }
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * The servers as a load balancer in front of them would present them: a caller names the instance it would
 * like; an instance that refused a connection is avoided for a moment and the other one is used.
 */
export class Api {
  constructor(instances, recorder, { timeoutMs = 15_000 } = {}) {
    this.instances = instances.map((inst) => ({
      inst,
      agent: new Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 1000 }),
      downUntil: 0,
    }));
    this.rec = recorder;
    this.timeoutMs = timeoutMs;
  }

  /** The instance to use: the preferred one unless it was found down just now. */
  pick(prefer) {
    const n = this.instances.length;
    for (let k = 0; k < n; k++) {
      const slot = this.instances[(prefer + k) % n];
      if (slot.downUntil <= now()) return slot;
    }
    return this.instances[prefer % n];
  }

  /**
   * One attempt. Resolves {status, body, headers, retryAfter, net, instance}; status 0 with `net` set when
   * no HTTP answer came (refused, reset, timeout). Never throws.
   */
  call({
    method = 'GET',
    path,
    body,
    raw,
    token,
    headers = {},
    label,
    prefer = 0,
    actor = 'resident',
    expect,
  }) {
    const slot = this.pick(prefer);
    const payload = raw !== undefined ? raw : body !== undefined ? JSON.stringify(body) : undefined;
    const h = { Accept: 'application/json', ...headers };
    if (payload !== undefined) {
      h['Content-Type'] ??= 'application/json';
      h['Content-Length'] = Buffer.byteLength(payload);
    }
    if (token) h.Authorization = `Bearer ${token}`;
    const start = now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (status, text, resHeaders, net) => {
        if (settled) return;
        settled = true;
        const end = now();
        let parsed = null;
        if (text) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
        }
        const ra = resHeaders?.['retry-after'];
        const retryAfter = ra !== undefined && /^\d+$/.test(String(ra)) ? Number(ra) : null;
        if (net) slot.downUntil = now() + 3000;
        this.rec.add({
          label,
          actor,
          instance: slot.inst.name,
          start,
          end,
          ms: end - start,
          status,
          net: net ?? null,
          retryAfter,
          hasRetryAfter: ra !== undefined,
          expect: expect ?? null,
          message: status >= 400 && parsed && typeof parsed === 'object' ? parsed.message : undefined,
        });
        resolve({
          status,
          body: parsed,
          headers: resHeaders ?? {},
          retryAfter,
          net,
          instance: slot.inst.name,
        });
      };
      const req = httpRequest(
        `${slot.inst.base}${path}`,
        { method, headers: h, agent: slot.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            finish(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), res.headers),
          );
          res.on('error', (e) => finish(0, '', null, e.code || e.message));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e) => finish(0, '', null, e.code || e.message));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close() {
    for (const s of this.instances) s.agent.destroy();
  }
}
