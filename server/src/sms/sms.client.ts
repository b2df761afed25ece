import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SmsConfig } from '../config/config';

/** One text message: a template of the provider's (approved with our sign name) and its values in order. */
export interface SmsMessage {
  phone: string;
  template: string;
  /** Values by name (Aliyun's ${name}); Tencent's {1}, {2} … take them in this order. */
  params: [string, string][];
}

export type SmsResult = { ok: true; id: string } | { ok: false; code: string; message: string };

/** The call did not get an answer (timeout, connection cut): the message may or may not have gone out. */
export class SmsUncertain extends Error {}
/** The provider could not be reached at all (nothing was sent): safe to try again later. */
export class SmsUnreachable extends Error {}

/** RFC 3986 percent-encoding, as Aliyun's signature wants it. */
export const aliyunEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Aliyun RPC signature (SignatureVersion 1.0, HMAC-SHA1) of a GET request's parameters. */
export function aliyunSignature(params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunEncode(k)}=${aliyunEncode(params[k])}`)
    .join('&');
  const toSign = `GET&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

const sha256hex = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/** Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) of a JSON POST to `/`. */
export function tencentAuthorization(o: {
  secretId: string;
  secretKey: string;
  host: string;
  timestamp: number;
  body: string;
  service?: string;
}): string {
  const service = o.service ?? 'sms';
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${o.host}\n`,
    'content-type;host',
    sha256hex(o.body),
  ].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${o.secretKey}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const TIMEOUT_MS = 8000;

/**
 * The one place that talks to the SMS provider: Aliyun SMS (dysmsapi SendSms) or Tencent Cloud SMS (SendSms
 * 2021-01-11), by SMS_PROVIDER, with signed requests to SMS_API_BASE (a local fake in tests).
 */
@Injectable()
export class SmsClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!this.config.sms;
  }

  get provider(): string {
    return this.config.sms?.provider ?? 'none';
  }

  async send(msg: SmsMessage, now = new Date()): Promise<SmsResult> {
    const c = this.config.sms;
    if (!c) throw new Error('SMS is not configured');
    return c.provider === 'aliyun' ? this.aliyun(c, msg, now) : this.tencent(c, msg, now);
  }

  private async call(url: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      // Refused or not resolved: the request never left. Anything else (timeout, reset): it may have.
      const code = (e as { cause?: { code?: string } }).cause?.code ?? '';
      if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/.test(code)) throw new SmsUnreachable(code);
      throw new SmsUncertain(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    }
    const text = await res.text().catch(() => '');
    try {
      return JSON.parse(text);
    } catch {
      if (res.status >= 500) throw new SmsUncertain(`HTTP ${res.status}`);
      return { Code: `HTTP${res.status}`, Message: text.slice(0, 200) };
    }
  }

  private async aliyun(c: SmsConfig, msg: SmsMessage, now: Date): Promise<SmsResult> {
    const params: Record<string, string> = {
      AccessKeyId: c.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: msg.phone,
      RegionId: c.region,
      SignName: c.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: msg.template,
      TemplateParam: JSON.stringify(Object.fromEntries(msg.params)),
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const query = Object.entries({ ...params, Signature: aliyunSignature(params, c.accessKeySecret) })
      .map(([k, v]) => `${aliyunEncode(k)}=${aliyunEncode(v)}`)
      .join('&');
    const body = (await this.call(`${c.apiBase}/?${query}`, { method: 'GET' })) as {
      Code?: string;
      Message?: string;
      BizId?: string;
    };
    if (body.Code === 'OK') return { ok: true, id: String(body.BizId ?? '') };
    return { ok: false, code: String(body.Code ?? 'unknown'), message: String(body.Message ?? '') };
  }

  private async tencent(c: SmsConfig, msg: SmsMessage, now: Date): Promise<SmsResult> {
    const body = JSON.stringify({
      PhoneNumberSet: [msg.phone.startsWith('+') ? msg.phone : `+86${msg.phone}`],
      SmsSdkAppId: c.sdkAppId,
      SignName: c.signName,
      TemplateId: msg.template,
      TemplateParamSet: msg.params.map(([, v]) => v),
    });
    const host = new URL(c.apiBase).host;
    const timestamp = Math.floor(now.getTime() / 1000);
    const answer = (await this.call(`${c.apiBase}/`, {
      method: 'POST',
      headers: {
        Authorization: tencentAuthorization({
          secretId: c.accessKeyId,
          secretKey: c.accessKeySecret,
          host,
          timestamp,
          body,
        }),
        'Content-Type': 'application/json; charset=utf-8',
        Host: host,
        'X-TC-Action': 'SendSms',
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Version': '2021-01-11',
        'X-TC-Region': c.region,
      },
      body,
    })) as {
      Response?: {
        Error?: { Code: string; Message: string };
        SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[];
      };
    };
    const r = answer.Response;
    if (r?.Error) return { ok: false, code: r.Error.Code, message: r.Error.Message };
    const status = r?.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { ok: true, id: String(status.SerialNo ?? '') };
    return { ok: false, code: status?.Code ?? 'unknown', message: status?.Message ?? '' };
  }
}
