import { Inject, Injectable } from '@nestjs/common';
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
@Injectable()
export class WechatClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
}
