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

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    this.calls.push({ path: url.pathname, query });
    const send = (body: object) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
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
}
