import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com that checks what the real one checks:
 * the app id and secret, grant_type, and the one-time login code (errcode 40029 otherwise).
 */
export class FakeWechat {
  readonly calls: { path: string; query: Record<string, string> }[] = [];
  private server: Server;
  /** js_code → openid; a code works once, like WeChat's. */
  readonly codes = new Map<string, string>();
  /** Access tokens handed out and still valid; `expireTokens()` voids them like a refresh elsewhere would. */
  private tokens = new Set<string>();
  private tokenSeq = 0;
  tokenCalls = 0;
  /** Subscriptions the user granted in WeChat: `${openid}|${templateId}` → messages still allowed. */
  readonly grants = new Map<string, number>();
  /** Template ids the app owns (others: errcode 40037). */
  readonly templates = new Set<string>();
  readonly sent: {
    touser: string;
    template_id: string;
    page?: string;
    data: Record<string, { value: string }>;
  }[] = [];
  /** When each of `sent` was received (Date.now(), same index). */
  readonly receivedAt: number[] = [];
  /** Answer the next send calls with this HTTP status (simulating an outage). */
  failNextSends = 0;
  constructor(
    readonly appId: string,
    readonly appSecret: string,
  ) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  expireTokens() {
    this.tokens.clear();
  }

  grant(openid: string, templateId: string, n = 1) {
    const k = `${openid}|${templateId}`;
    this.grants.set(k, (this.grants.get(k) ?? 0) + n);
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.route(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private route(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    this.calls.push({ path: url.pathname, query });
    const send = (body: object) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/cgi-bin/stable_token') return this.stableToken(req, raw, send);
    if (url.pathname === '/cgi-bin/message/subscribe/send')
      return this.subscribeSend(req, res, query, raw, send);
    if (url.pathname !== '/sns/jscode2session') return res.writeHead(404).end();
    if (query.appid !== this.appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== this.appSecret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (query.grant_type !== 'authorization_code')
      return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    const openid = this.codes.get(query.js_code);
    if (!openid) return send({ errcode: 40029, errmsg: 'invalid code' });
    this.codes.delete(query.js_code);
    send({ openid, session_key: 'c2Vzc2lvbmtleQ==' });
  }

  private stableToken(req: IncomingMessage, raw: string, send: (b: object) => void) {
    if (req.method !== 'POST') return send({ errcode: 43002, errmsg: 'require POST method' });
    let body: { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
    try {
      body = JSON.parse(raw);
    } catch {
      return send({ errcode: 47001, errmsg: 'data format error' });
    }
    if (body.grant_type !== 'client_credential')
      return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (body.appid !== this.appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
    if (body.secret !== this.appSecret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    this.tokenCalls++;
    const token = `token-${++this.tokenSeq}`;
    this.tokens.add(token);
    send({ access_token: token, expires_in: 7200 });
  }

  private subscribeSend(
    req: IncomingMessage,
    res: ServerResponse,
    query: Record<string, string>,
    raw: string,
    send: (b: object) => void,
  ) {
    if (this.failNextSends > 0) {
      this.failNextSends--;
      return res.writeHead(502).end('bad gateway');
    }
    if (req.method !== 'POST') return send({ errcode: 43002, errmsg: 'require POST method' });
    if (!query.access_token || !this.tokens.has(query.access_token))
      return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
    let body: {
      touser?: string;
      template_id?: string;
      page?: string;
      data?: Record<string, { value?: unknown }>;
    };
    try {
      body = JSON.parse(raw);
    } catch {
      return send({ errcode: 47001, errmsg: 'data format error' });
    }
    if (!body.touser) return send({ errcode: 40003, errmsg: 'invalid openid' });
    if (!body.template_id || !this.templates.has(body.template_id))
      return send({ errcode: 40037, errmsg: 'invalid template_id' });
    if (body.page !== undefined && (typeof body.page !== 'string' || body.page.startsWith('/')))
      return send({ errcode: 41030, errmsg: 'invalid page' });
    const limits: Record<string, number> = { thing: 20, character_string: 32, phrase: 5, time: 30, name: 10 };
    for (const [key, v] of Object.entries(body.data ?? {})) {
      const value = v?.value;
      const type = key.replace(/\d+$/, '');
      if (typeof value !== 'string' || !value || [...value].length > (limits[type] ?? 20))
        return send({ errcode: 47003, errmsg: `argument invalid! data.${key}.value` });
      if (type === 'character_string' && /[^\x21-\x7e]/.test(value))
        return send({ errcode: 47003, errmsg: `argument invalid! data.${key}.value` });
    }
    const grant = `${body.touser}|${body.template_id}`;
    const left = this.grants.get(grant) ?? 0;
    if (left <= 0) return send({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    this.grants.set(grant, left - 1);
    this.receivedAt.push(Date.now());
    this.sent.push(body as never);
    send({ errcode: 0, errmsg: 'ok' });
  }
}
