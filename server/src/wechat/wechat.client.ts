import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MemoryTokenStore, RedisTokenStore, TokenStore } from './access-token';
import { APP_CONFIG, AppConfig } from '../config/config';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export class WechatError extends Error {
  constructor(
    public readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
  }
}

/** The one place that talks to api.weixin.qq.com (base URL configurable so tests use a local fake). */
/** errcodes meaning the access token is no longer valid: fetch a new one and try once more. */
const TOKEN_INVALID = [40001, 40014, 42001];
/** Refresh this long before WeChat's stated expiry, so no call goes out with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

@Injectable()
export class WechatClient implements OnApplicationShutdown {
  private readonly tokens: TokenStore;
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.tokens = config.redisUrl
      ? new RedisTokenStore(config.redisUrl, config.jobs.redisPrefix)
      : new MemoryTokenStore();
  }

  async onApplicationShutdown() {
    await this.tokens.close();
  }

  get configured(): boolean {
    return !!this.config.wechat.appId;
  }

  /** wx.login code → openid via jscode2session. */
  async codeToSession(code: string): Promise<WechatSession> {
    const { appId, appSecret, apiBase } = this.config.wechat;
    if (!appId || !appSecret) throw new WechatError(-1, 'WeChat app id/secret not configured');
    const url = new URL(`${apiBase}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: appId,
      secret: appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new WechatError(-1, `HTTP ${res.status}`);
    const body = (await res.json()) as {
      openid?: string;
      session_key?: string;
      unionid?: string;
      errcode?: number;
      errmsg?: string;
    };
    if (body.errcode || !body.openid) throw new WechatError(body.errcode ?? -1, body.errmsg ?? 'no openid');
    return { openid: body.openid, sessionKey: body.session_key ?? '', unionid: body.unionid };
  }

  /** The app's access token: cached (shared through Redis when there is one), refreshed before it expires. */
  async accessToken(): Promise<string> {
    const cached = await this.tokens.get();
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return cached.token;
    return this.tokens.withLock(async () => {
      const again = await this.tokens.get(); // another instance may have refreshed while we waited
      if (again && again.expiresAt - REFRESH_MARGIN_MS > Date.now()) return again.token;
      return this.fetchToken(false);
    });
  }

  private async fetchToken(forceRefresh: boolean): Promise<string> {
    const { appId, appSecret, apiBase } = this.config.wechat;
    if (!appId || !appSecret) throw new WechatError(-1, 'WeChat app id/secret not configured');
    const res = await fetch(`${apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: appId,
        secret: appSecret,
        force_refresh: forceRefresh,
      }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new WechatError(-1, `HTTP ${res.status}`);
    const body = (await res.json()) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (body.errcode || !body.access_token)
      throw new WechatError(body.errcode ?? -1, body.errmsg ?? 'no access_token');
    await this.tokens.set(body.access_token, Date.now() + (body.expires_in ?? 7200) * 1000);
    return body.access_token;
  }

  /** Calls a cgi-bin API with the access token; a token WeChat calls invalid is replaced once. */
  private async withToken<T extends { errcode?: number; errmsg?: string }>(
    path: string,
    payload: object,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await fetch(
        `${this.config.wechat.apiBase}${path}?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(5000),
        },
      );
      if (!res.ok) throw new WechatError(-1, `HTTP ${res.status}`);
      const body = (await res.json()) as T;
      if (body.errcode && TOKEN_INVALID.includes(body.errcode) && attempt === 0) {
        await this.tokens.invalidate(token);
        await this.tokens.withLock(async () => {
          const cur = await this.tokens.get();
          if (!cur || cur.token === token) await this.fetchToken(true);
        });
        continue;
      }
      return body;
    }
  }

  /** One subscribe message (订阅消息). Resolves with WeChat's errcode (0 = sent). */
  async sendSubscribe(msg: {
    openid: string;
    templateId: string;
    page?: string;
    data: Record<string, string>;
  }): Promise<{ errcode: number; errmsg: string }> {
    const body = await this.withToken<{ errcode?: number; errmsg?: string }>(
      '/cgi-bin/message/subscribe/send',
      {
        touser: msg.openid,
        template_id: msg.templateId,
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([k, value]) => [k, { value }])),
        miniprogram_state: this.config.env === 'production' ? 'formal' : 'developer',
        lang: 'zh_CN',
      },
    );
    return { errcode: body.errcode ?? 0, errmsg: body.errmsg ?? 'ok' };
  }
}
