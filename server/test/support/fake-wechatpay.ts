import {
  createCipheriv,
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign as rsaSign,
  verify as rsaVerify,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTradeBill, type BillRow } from '@wuye/shared';

const OUT_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

export interface FakeOrder {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  time_expire?: string;
  amount: { total: number; currency: string };
  payer: { openid: string };
  trade_state: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'USERPAYING';
  transaction_id?: string;
  success_time?: string;
  prepay_id: string;
}
export interface FakeRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  notify_url?: string;
  reason?: string;
  status: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
  create_time: string;
  success_time?: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number; currency: string };
}

/**
 * A local WeChat Pay API v3 for contract tests. It holds a merchant key pair (the server signs with the
 * private half) and a platform key pair (微信支付公钥 mode: the server verifies with the public half and the
 * key id as Wechatpay-Serial), all generated here. Like the real one it checks the Authorization signature
 * of every call and the parameters (appid, mchid, amounts, out_trade_no format, notify_url), signs every
 * answer, and makes notifications the way WeChat does (signed body, AEAD_AES_256_GCM resource).
 */
export class FakeWechatPay {
  readonly mchId = '1900000109';
  readonly appId = 'wxpayfake0000001';
  readonly apiV3Key = randomBytes(16).toString('hex'); // 32 characters
  readonly merchantSerial = randomBytes(20).toString('hex').toUpperCase();
  readonly publicKeyId = `PUB_KEY_ID_${randomBytes(12).toString('hex').toUpperCase()}`;
  readonly notifyUrl = 'https://wuye.example.com/api/pay/wechat/notify';
  private readonly merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly orders = new Map<string, FakeOrder>();
  readonly refunds = new Map<string, FakeRefund>();
  /** Every call with whether its Authorization verified. */
  readonly calls: { method: string; path: string; authorized: boolean; status: number }[] = [];
  /** Test switches. */
  billsAvailable = true;
  /** How long a JSAPI order takes to be answered (a slow WeChat: the window for a double tap). */
  jsapiDelayMs = 0;
  extraBillRows: BillRow[] = [];
  private server: Server;
  private dir = mkdtempSync(join(tmpdir(), 'fake-wxpay-'));
  private seq = 0;
  private bills = new Map<string, string>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server's environment for this merchant (key files written to a temp folder). */
  env(): Record<string, string> {
    const key = join(this.dir, 'apiclient_key.pem');
    const pub = join(this.dir, 'pub_key.pem');
    writeFileSync(key, this.merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pub, this.platform.publicKey.export({ type: 'spki', format: 'pem' }));
    return {
      WECHAT_APP_ID: this.appId,
      WECHAT_APP_SECRET: 'fake-app-secret',
      WECHAT_PAY_MCHID: this.mchId,
      WECHAT_PAY_APIV3_KEY: this.apiV3Key,
      WECHAT_PAY_PRIVATE_KEY_FILE: key,
      WECHAT_PAY_CERT_SERIAL: this.merchantSerial,
      WECHAT_PAY_PUBLIC_KEY_FILE: pub,
      WECHAT_PAY_PUBLIC_KEY_ID: this.publicKeyId,
      WECHAT_PAY_API_BASE: this.url,
      WECHAT_PAY_NOTIFY_URL: this.notifyUrl,
    };
  }

  // ————— what a person does in WeChat —————

  /** The resident pays the order in WeChat (no notification sent: see notifyPaid). */
  pay(outTradeNo: string, at = new Date()): FakeOrder {
    const o = this.orders.get(outTradeNo);
    if (!o) throw new Error(`no order ${outTradeNo}`);
    if (o.trade_state !== 'NOTPAY') throw new Error(`order ${outTradeNo} is ${o.trade_state}`);
    o.trade_state = 'SUCCESS';
    o.transaction_id = `42000${Date.now()}${++this.seq}`.slice(0, 28);
    o.success_time = rfc3339(at);
    return o;
  }

  /** WeChat finishes a refund (SUCCESS, CLOSED or ABNORMAL). */
  finishRefund(outRefundNo: string, status: 'SUCCESS' | 'CLOSED' | 'ABNORMAL' = 'SUCCESS'): FakeRefund {
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`no refund ${outRefundNo}`);
    r.status = status;
    if (status === 'SUCCESS') r.success_time = rfc3339(new Date());
    return r;
  }

  /** Whether wx.requestPayment would accept these parameters (paySign by the merchant key over the four fields). */
  paySignValid(p: {
    appId: string;
    timeStamp: string;
    nonceStr: string;
    package: string;
    paySign: string;
  }): boolean {
    const message = `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
    return rsaVerify(
      'RSA-SHA256',
      Buffer.from(message),
      this.merchant.publicKey,
      Buffer.from(p.paySign, 'base64'),
    );
  }

  orderByPrepay(packageField: string): FakeOrder {
    const prepay = packageField.replace(/^prepay_id=/, '');
    const o = [...this.orders.values()].find((x) => x.prepay_id === prepay);
    if (!o) throw new Error(`no order with ${packageField}`);
    return o;
  }

  // ————— notifications, as WeChat builds them —————

  transactionResource(o: FakeOrder, over: Record<string, unknown> = {}) {
    return {
      appid: o.appid,
      mchid: o.mchid,
      out_trade_no: o.out_trade_no,
      transaction_id: o.transaction_id,
      trade_type: 'JSAPI',
      trade_state: o.trade_state,
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: '',
      success_time: o.success_time,
      payer: { openid: o.payer.openid },
      amount: { total: o.amount.total, payer_total: o.amount.total, currency: 'CNY', payer_currency: 'CNY' },
      ...over,
    };
  }

  refundResource(r: FakeRefund, over: Record<string, unknown> = {}) {
    return {
      mchid: this.mchId,
      out_trade_no: r.out_trade_no,
      transaction_id: r.transaction_id,
      out_refund_no: r.out_refund_no,
      refund_id: r.refund_id,
      refund_status: r.status,
      success_time: r.success_time,
      user_received_account: '支付用户零钱',
      amount: {
        total: r.amount.total,
        refund: r.amount.refund,
        payer_total: r.amount.total,
        payer_refund: r.amount.refund,
      },
      ...over,
    };
  }

  /**
   * A notification: {headers, body}. `tamper`: 'body' changes a byte after signing; 'tag' flips a bit of
   * the GCM tag before signing (a correctly signed message whose ciphertext does not authenticate).
   */
  notification(eventType: string, resource: object, opts: { tamper?: 'body' | 'tag'; id?: string } = {}) {
    const associated = eventType.startsWith('REFUND') ? 'refund' : 'transaction';
    const nonce = randomBytes(6).toString('hex');
    const c = createCipheriv('aes-256-gcm', Buffer.from(this.apiV3Key), Buffer.from(nonce));
    c.setAAD(Buffer.from(associated));
    const enc = Buffer.concat([c.update(JSON.stringify(resource), 'utf8'), c.final(), c.getAuthTag()]);
    if (opts.tamper === 'tag') enc[enc.length - 1] ^= 0x01;
    let body = JSON.stringify({
      id: opts.id ?? `EV-${randomBytes(8).toString('hex')}`,
      create_time: rfc3339(new Date()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
      resource: {
        original_type: associated,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: enc.toString('base64'),
        associated_data: associated,
        nonce,
      },
    });
    const headers = this.signedHeaders(body);
    if (opts.tamper === 'body') body = body.replace('"event_type"', '"event_type" ');
    return { headers, body };
  }

  private signedHeaders(body: string): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': this.publicKeyId,
      'Wechatpay-Signature': rsaSign(
        'RSA-SHA256',
        Buffer.from(`${timestamp}\n${nonce}\n${body}\n`),
        this.platform.privateKey,
      ).toString('base64'),
    };
  }

  // ————— the API —————

  private handle(req: IncomingMessage, raw: string, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const reply = (status: number, body?: object | string) => {
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      this.calls.push({ method, path: url.pathname, authorized: status !== 401, status });
      res.writeHead(status, {
        'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
        ...this.signedHeaders(text),
      });
      res.end(text);
    };
    const error = (status: number, code: string, message: string) => reply(status, { code, message });

    const auth = this.checkAuthorization(
      method,
      `${url.pathname}${url.search}`,
      raw,
      req.headers.authorization,
    );
    if (auth) return error(401, 'SIGN_ERROR', auth);
    let body: Record<string, any> = {};
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return error(400, 'PARAM_ERROR', 'body is not JSON');
      }
    }
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      if (this.jsapiDelayMs > 0) {
        setTimeout(() => this.jsapi(body, reply, error), this.jsapiDelayMs);
        return;
      }
      return this.jsapi(body, reply, error);
    }
    if (method === 'GET' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) {
      if (url.searchParams.get('mchid') !== this.mchId) return error(400, 'PARAM_ERROR', 'mchid');
      const o = this.orders.get(decodeURIComponent(m[1]));
      if (!o) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      const { prepay_id: _p, notify_url: _n, description: _d, time_expire: _t, ...visible } = o;
      return reply(200, { ...visible, trade_state_desc: o.trade_state, payer: o.payer });
    }
    if (method === 'POST' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) {
      if (body.mchid !== this.mchId) return error(400, 'PARAM_ERROR', 'mchid');
      const o = this.orders.get(decodeURIComponent(m[1]));
      if (!o) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (o.trade_state === 'SUCCESS' || o.trade_state === 'REFUND')
        return error(400, 'ORDER_PAID', '订单已支付');
      o.trade_state = 'CLOSED';
      return reply(204);
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return this.refund(body, reply, error);
    if (method === 'GET' && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) {
      const r = this.refunds.get(decodeURIComponent(m[1]));
      if (!r) return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      const { notify_url: _n, ...visible } = r;
      return reply(200, { ...visible, channel: 'ORIGINAL', user_received_account: '支付用户零钱' });
    }
    if (method === 'GET' && path === '/v3/bill/tradebill') {
      const day = url.searchParams.get('bill_date') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || url.searchParams.get('bill_type') !== 'ALL')
        return error(400, 'PARAM_ERROR', 'bill_date/bill_type');
      if (!this.billsAvailable) return error(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
      const file = this.billFor(day);
      const token = randomBytes(8).toString('hex');
      this.bills.set(token, file);
      return reply(200, {
        hash_type: 'SHA1',
        hash_value: createHash('sha1').update(file, 'utf8').digest('hex'),
        // Like WeChat: an absolute URL on its own host (the client maps it to the configured base).
        download_url: `https://api.mch.weixin.qq.com/v3/billdownload/file?token=${token}`,
      });
    }
    if (method === 'GET' && path === '/v3/billdownload/file') {
      const file = this.bills.get(url.searchParams.get('token') ?? '');
      return file === undefined ? error(404, 'RESOURCE_NOT_EXISTS', 'no such bill') : reply(200, file);
    }
    return error(404, 'NOT_FOUND', `${method} ${path}`);
  }

  private jsapi(
    b: Record<string, any>,
    reply: (s: number, b?: object) => void,
    error: (s: number, c: string, m: string) => void,
  ) {
    if (b.appid !== this.appId) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid');
    if (b.mchid !== this.mchId) return error(400, 'MCH_NOT_EXISTS', 'mchid');
    if (typeof b.description !== 'string' || !b.description || b.description.length > 127)
      return error(400, 'PARAM_ERROR', 'description');
    if (!OUT_NO.test(b.out_trade_no ?? '')) return error(400, 'PARAM_ERROR', 'out_trade_no');
    if (b.notify_url !== this.notifyUrl) return error(400, 'PARAM_ERROR', 'notify_url');
    if (b.time_expire !== undefined && !RFC3339.test(b.time_expire))
      return error(400, 'PARAM_ERROR', 'time_expire');
    if (!Number.isInteger(b.amount?.total) || b.amount.total <= 0)
      return error(400, 'PARAM_ERROR', 'amount.total');
    if ((b.amount.currency ?? 'CNY') !== 'CNY') return error(400, 'PARAM_ERROR', 'amount.currency');
    if (typeof b.payer?.openid !== 'string' || !b.payer.openid)
      return error(400, 'PARAM_ERROR', 'payer.openid');
    const existing = this.orders.get(b.out_trade_no);
    if (existing) {
      // The same order again gets the same prepay id; different content under the same number is refused.
      if (existing.amount.total !== b.amount.total || existing.payer.openid !== b.payer.openid)
        return error(400, 'INVALID_REQUEST', '订单号重复');
      return reply(200, { prepay_id: existing.prepay_id });
    }
    const prepay_id = `wx${randomBytes(14).toString('hex')}`;
    this.orders.set(b.out_trade_no, {
      appid: b.appid,
      mchid: b.mchid,
      description: b.description,
      out_trade_no: b.out_trade_no,
      notify_url: b.notify_url,
      time_expire: b.time_expire,
      amount: { total: b.amount.total, currency: 'CNY' },
      payer: { openid: b.payer.openid },
      trade_state: 'NOTPAY',
      prepay_id,
    });
    reply(200, { prepay_id });
  }

  private refund(
    b: Record<string, any>,
    reply: (s: number, b?: object) => void,
    error: (s: number, c: string, m: string) => void,
  ) {
    if (!OUT_NO.test(b.out_refund_no ?? '')) return error(400, 'PARAM_ERROR', 'out_refund_no');
    if (b.notify_url !== undefined && b.notify_url !== this.notifyUrl)
      return error(400, 'PARAM_ERROR', 'notify_url');
    const o = this.orders.get(b.out_trade_no);
    if (!o) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (o.trade_state !== 'SUCCESS' && o.trade_state !== 'REFUND')
      return error(400, 'INVALID_REQUEST', '订单未支付');
    if (b.amount?.total !== o.amount.total) return error(400, 'PARAM_ERROR', 'amount.total');
    const existing = this.refunds.get(b.out_refund_no);
    if (existing) return reply(200, existing); // same out_refund_no: the same refund
    const already = [...this.refunds.values()]
      .filter((r) => r.out_trade_no === o.out_trade_no)
      .reduce((s, r) => s + r.amount.refund, 0);
    if (
      !Number.isInteger(b.amount?.refund) ||
      b.amount.refund <= 0 ||
      b.amount.refund + already > o.amount.total
    )
      return error(400, 'PARAM_ERROR', 'amount.refund');
    const r: FakeRefund = {
      refund_id: `50000${Date.now()}${++this.seq}`.slice(0, 28),
      out_refund_no: b.out_refund_no,
      out_trade_no: o.out_trade_no,
      transaction_id: o.transaction_id!,
      notify_url: b.notify_url,
      reason: b.reason,
      status: 'PROCESSING',
      create_time: rfc3339(new Date()),
      amount: {
        total: o.amount.total,
        refund: b.amount.refund,
        payer_total: o.amount.total,
        payer_refund: b.amount.refund,
        currency: 'CNY',
      },
    };
    this.refunds.set(r.out_refund_no, r);
    o.trade_state = 'REFUND';
    reply(200, r);
  }

  /** The day's bill: payments by their success day, refunds by their creation day (Asia/Shanghai). */
  private billFor(day: string): string {
    const dayOf = (iso?: string) =>
      iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '';
    const rows: BillRow[] = [];
    for (const o of this.orders.values()) {
      if (!o.transaction_id || dayOf(o.success_time) !== day) continue;
      rows.push({
        tradeTime: o.success_time!.slice(0, 19).replace('T', ' '),
        appId: o.appid,
        mchId: o.mchid,
        transactionId: o.transaction_id,
        outTradeNo: o.out_trade_no,
        tradeState: 'SUCCESS',
        totalFen: o.amount.total,
        refundId: '',
        outRefundNo: '',
        refundFen: 0,
        refundStatus: '',
      });
    }
    for (const r of this.refunds.values()) {
      if (dayOf(r.create_time) !== day) continue;
      rows.push({
        tradeTime: r.create_time.slice(0, 19).replace('T', ' '),
        appId: this.appId,
        mchId: this.mchId,
        transactionId: r.transaction_id,
        outTradeNo: r.out_trade_no,
        tradeState: 'REFUND',
        totalFen: r.amount.total,
        refundId: r.refund_id,
        outRefundNo: r.out_refund_no,
        refundFen: r.amount.refund,
        refundStatus: r.status,
      });
    }
    return formatTradeBill([...rows, ...this.extraBillRows]);
  }

  /** WECHATPAY2-SHA256-RSA2048 mchid,nonce_str,signature,timestamp,serial_no over method, URL, time, nonce, body. */
  private checkAuthorization(
    method: string,
    pathAndQuery: string,
    body: string,
    header?: string,
  ): string | null {
    if (!header?.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return 'missing or wrong Authorization scheme';
    const fields = Object.fromEntries(
      [...header.slice('WECHATPAY2-SHA256-RSA2048 '.length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    if (fields.mchid !== this.mchId) return 'mchid';
    if (fields.serial_no !== this.merchantSerial) return 'serial_no';
    if (!/^\d+$/.test(fields.timestamp ?? '') || Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300)
      return 'timestamp';
    if (!fields.nonce_str || !fields.signature) return 'nonce_str/signature';
    const message = `${method}\n${pathAndQuery}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
    const ok = rsaVerify(
      'RSA-SHA256',
      Buffer.from(message),
      this.merchant.publicKey as KeyObject,
      Buffer.from(fields.signature, 'base64'),
    );
    return ok ? null : 'signature';
  }
}

function rfc3339(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
