import { createDecipheriv, createHash, randomBytes, verify as rsaVerify } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { parseTradeBill, type BillRow } from '@wuye/shared';
import Pay from 'wechatpay-node-v3';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import { APP_CONFIG, AppConfig, PayConfig } from '../config/config';

/** The host wechatpay-node-v3 2.2.1 hard-codes in every URL; we send to config.apiBase instead. */
const LIBRARY_HOST = 'https://api.mch.weixin.qq.com';
/** WeChat signs with its clock; a signature older (or newer) than this is refused as a replay. */
const SIGNATURE_WINDOW_S = 5 * 60;

/** A WeChat Pay API call that failed: HTTP status (0 = no answer) and WeChat's error code. */
export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
  }
}

/** A signature that did not verify, with the reason (logged, never shown to the caller). */
export class PaySignatureError extends Error {}

export interface SignedHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
}

/** The fields wx.requestPayment needs (appId is for logs; the mini-program passes the other five). */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  /** SUCCESS, REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR. */
  trade_state: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string };
}

export interface WechatRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id?: string;
  /** SUCCESS, PROCESSING, CLOSED, ABNORMAL (query/create); refund_status in notifications. */
  status?: string;
  refund_status?: string;
  success_time?: string;
  mchid?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number };
}

/** wechatpay-node-v3 with its `sign` (protected) reachable for re-signing an existing prepay id. */
class Merchant extends Pay {
  paySign(message: string): string {
    return this.sign(message);
  }
}

/**
 * The one place that talks to WeChat Pay API v3 (style.md: one small client per external system).
 *
 * wechatpay-node-v3 builds and signs the requests (Authorization: WECHATPAY2-SHA256-RSA2048 …) and the
 * JSAPI pay parameters. What it does not do, this class does with node:crypto:
 * - send to a configurable host (the library hard-codes api.mch.weixin.qq.com; `createHttp` lets us route
 *   its calls, and since it signs only the path, the signature stays valid);
 * - verify WeChat's signature on every answer (the library never does);
 * - verify notifications with our platform keys (its verifySign fetches certificates lazily and has
 *   no public-key mode) and decrypt them with the GCM tag checked (its decipher_gcm never calls final()).
 */
@Injectable()
export class WechatPayClient {
  private readonly merchant: Merchant | null;
  readonly config: PayConfig | null;

  constructor(@Inject(APP_CONFIG) appConfig: AppConfig) {
    this.config = appConfig.pay;
    const c = this.config;
    if (!c) {
      this.merchant = null;
      return;
    }
    this.merchant = new Merchant({
      appid: c.appId,
      mchid: c.mchId,
      serial_no: c.certSerial,
      // Only read to work out a serial number when none is given; we always give one.
      publicKey: Buffer.alloc(0),
      privateKey: Buffer.from(c.privateKeyPem),
      key: c.apiV3Key,
    });
    this.merchant.createHttp(new VerifyingHttp(c.apiBase, (h, body) => this.verifySignature(h, body)));
  }

  get enabled(): boolean {
    return this.merchant !== null;
  }

  private get m(): Merchant {
    if (!this.merchant) throw new WechatPayError(0, 'NOT_CONFIGURED', 'WeChat Pay is not configured');
    return this.merchant;
  }

  /** JSAPI (mini-program) order → prepay id and the parameters for wx.requestPayment. */
  async createJsapiOrder(o: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    openid: string;
    expiresAt: Date;
  }): Promise<{ prepayId: string; params: JsapiPayParams }> {
    const res = await this.m.transactions_jsapi({
      description: o.description,
      out_trade_no: o.outTradeNo,
      time_expire: rfc3339Shanghai(o.expiresAt),
      notify_url: this.config!.notifyUrl,
      amount: { total: o.amountFen, currency: 'CNY' },
      payer: { openid: o.openid },
    });
    const params = ok(res) as JsapiPayParams;
    const prepayId = /^prepay_id=(.+)$/.exec(params.package ?? '')?.[1];
    if (!prepayId) throw new WechatPayError(res.status, 'NO_PREPAY_ID', 'no prepay_id in the answer');
    return { prepayId, params };
  }

  /** Fresh pay parameters for an order already created (a prepay id is valid for two hours). */
  payParams(prepayId: string): JsapiPayParams {
    const p = {
      appId: this.config!.appId,
      timeStamp: String(Math.floor(Date.now() / 1000)),
      nonceStr: randomBytes(16).toString('hex'),
      package: `prepay_id=${prepayId}`,
      signType: 'RSA' as const,
    };
    return { ...p, paySign: this.m.paySign(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`) };
  }

  /** The order as WeChat has it; null when WeChat has no such order (ORDER_NOT_EXIST). */
  async queryOrder(outTradeNo: string): Promise<WechatTransaction | null> {
    const res = await this.m.query({ out_trade_no: outTradeNo });
    if (res.status === 404 && errorCode(res) === 'ORDER_NOT_EXIST') return null;
    return ok(res) as WechatTransaction;
  }

  /** Closes an unpaid order (204). Throws when WeChat refuses, e.g. because it has just been paid. */
  async closeOrder(outTradeNo: string): Promise<void> {
    ok(await this.m.close(outTradeNo));
  }

  async refund(r: {
    outTradeNo: string;
    outRefundNo: string;
    amountFen: number;
    totalFen: number;
    reason: string;
  }): Promise<WechatRefund> {
    return ok(
      await this.m.refunds({
        out_trade_no: r.outTradeNo,
        out_refund_no: r.outRefundNo,
        reason: r.reason,
        notify_url: this.config!.notifyUrl,
        amount: { refund: r.amountFen, total: r.totalFen, currency: 'CNY' },
      }),
    ) as WechatRefund;
  }

  async queryRefund(outRefundNo: string): Promise<WechatRefund | null> {
    const res = await this.m.find_refunds(outRefundNo);
    if (res.status === 404) return null;
    return ok(res) as WechatRefund;
  }

  /**
   * The day's trade bill (all payments and refunds of the merchant), or null when WeChat has none
   * (no trade that day, or not generated yet: bills for day D appear after about 10:00 on D+1).
   */
  async tradeBill(day: string): Promise<BillRow[] | null> {
    const res = await this.m.tradebill({ bill_date: day, bill_type: 'ALL' });
    if (res.status === 400 && errorCode(res) === 'NO_STATEMENT_EXIST') return null;
    const meta = ok(res) as { hash_type: string; hash_value: string; download_url: string };
    const file = ok(await this.m.downloadBill(meta.download_url)) as string;
    // The file itself is not signed: its SHA1 comes in the signed answer above.
    const sha1 = createHash('sha1').update(file, 'utf8').digest('hex');
    if (meta.hash_type !== 'SHA1' || sha1.toLowerCase() !== String(meta.hash_value).toLowerCase())
      throw new WechatPayError(200, 'BILL_HASH_MISMATCH', 'the bill file does not match its hash');
    return parseTradeBill(file);
  }

  /**
   * WeChat's signature over `timestamp\nnonce\nbody\n` (RSA-SHA256) with the key its serial names,
   * the timestamp within five minutes of the wall clock (replay window: WeChat's time, not business time).
   */
  verifySignature(h: SignedHeaders, body: string): void {
    const c = this.config;
    if (!c) throw new PaySignatureError('WeChat Pay is not configured');
    if (!h.timestamp || !h.nonce || !h.signature || !h.serial)
      throw new PaySignatureError('missing Wechatpay-* headers');
    const key = c.platformKeys.get(h.serial.toUpperCase()) ?? c.platformKeys.get(h.serial);
    if (!key) throw new PaySignatureError(`unknown Wechatpay-Serial ${h.serial}`);
    const ts = Number(h.timestamp);
    if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(Date.now() / 1000 - ts) > SIGNATURE_WINDOW_S)
      throw new PaySignatureError(`timestamp ${h.timestamp} outside the ${SIGNATURE_WINDOW_S}s window`);
    const good = rsaVerify(
      'RSA-SHA256',
      Buffer.from(`${h.timestamp}\n${h.nonce}\n${body}\n`, 'utf8'),
      key,
      Buffer.from(h.signature, 'base64'),
    );
    if (!good) throw new PaySignatureError('signature does not verify');
  }

  /** AEAD_AES_256_GCM with the APIv3 key; a wrong tag, nonce or associated data throws. */
  decryptResource(r: {
    algorithm?: string;
    ciphertext?: string;
    associated_data?: string;
    nonce?: string;
  }): string {
    if (r.algorithm !== 'AEAD_AES_256_GCM' || !r.ciphertext || !r.nonce)
      throw new PaySignatureError('resource is not AEAD_AES_256_GCM');
    const data = Buffer.from(r.ciphertext, 'base64');
    if (data.length <= 16) throw new PaySignatureError('ciphertext too short');
    const d = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(this.config!.apiV3Key, 'utf8'),
      Buffer.from(r.nonce, 'utf8'),
    );
    d.setAuthTag(data.subarray(data.length - 16));
    d.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
    try {
      return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
    } catch {
      throw new PaySignatureError('GCM authentication failed');
    }
  }
}

/** 2026-11-23T10:30:00+08:00: WeChat wants RFC 3339 with an offset. */
export function rfc3339Shanghai(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function errorCode(res: Output): string {
  try {
    return (JSON.parse(String(res.error ?? '{}')) as { code?: string }).code ?? '';
  } catch {
    return '';
  }
}

function ok(res: Output): unknown {
  if (res.status >= 200 && res.status < 300) return res.data;
  let message = String(res.error ?? '');
  try {
    message = (JSON.parse(message) as { message?: string }).message ?? message;
  } catch {
    /* not JSON */
  }
  throw new WechatPayError(res.status, errorCode(res) || 'HTTP_ERROR', message.slice(0, 300));
}

/**
 * The transport wechatpay-node-v3 calls (via createHttp): sends to our configured host, and checks
 * WeChat's signature on every successful answer before the library (or we) read a byte of it.
 * Answers in the library's shape {status, data | error}; no answer at all throws.
 */
class VerifyingHttp implements IPayRequest {
  constructor(
    private readonly base: string,
    private readonly verify: (h: SignedHeaders, body: string) => void,
  ) {}

  post(url: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Output> {
    return this.send('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, string>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  upload(): Promise<Output> {
    throw new Error('not used');
  }

  private async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Output> {
    const target = url.startsWith(LIBRARY_HOST) ? this.base + url.slice(LIBRARY_HOST.length) : url;
    let res: Response;
    try {
      res = await fetch(target, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new WechatPayError(0, 'NETWORK', (e as Error).message);
    }
    const text = await res.text();
    if (!res.ok) return { status: res.status, error: text };
    // Bill files are not signed (their hash is, in the answer that gave the download URL).
    if (!new URL(target).pathname.startsWith('/v3/billdownload/')) {
      try {
        this.verify(
          {
            timestamp: res.headers.get('wechatpay-timestamp') ?? undefined,
            nonce: res.headers.get('wechatpay-nonce') ?? undefined,
            signature: res.headers.get('wechatpay-signature') ?? undefined,
            serial: res.headers.get('wechatpay-serial') ?? undefined,
          },
          text,
        );
      } catch (e) {
        throw new WechatPayError(res.status, 'RESPONSE_SIGNATURE', (e as Error).message);
      }
    }
    if (!text) return { status: res.status, data: null };
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, data: json ? JSON.parse(text) : text };
  }
}
