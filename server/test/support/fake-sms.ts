import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakeSmsMessage {
  provider: 'aliyun' | 'tencent';
  phone: string;
  signName: string;
  template: string;
  /** Aliyun: by name; Tencent: {1}, {2} … as "1", "2". */
  params: Record<string, string>;
}

/**
 * A local stand-in for Aliyun SMS (dysmsapi SendSms, RPC signature HMAC-SHA1) and Tencent Cloud SMS (SendSms,
 * TC3-HMAC-SHA256). It checks what the real ones check — the key id, the signature over the request as received,
 * the timestamp window, Aliyun's one-time nonce — computed here on its own, and answers as they do.
 */
export class FakeSms {
  readonly messages: FakeSmsMessage[] = [];
  /** When each of `messages` was received (Date.now(), same index). */
  readonly receivedAt: number[] = [];
  /** Requests refused, with the provider's error code. */
  readonly refused: string[] = [];
  /** Cut the connection of the next N sends after reading them (the message counts as sent: it was received). */
  dropNext = 0;
  private readonly nonces = new Set<string>();
  private server: Server;
  private serial = 0;
  constructor(
    readonly provider: 'aliyun' | 'tencent',
    readonly keyId: string,
    public secret: string,
  ) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = this.provider === 'aliyun' ? this.aliyun(req) : this.tencent(req, body);
        if (answer.sent && this.dropNext > 0) {
          this.dropNext--;
          req.socket.destroy();
          return;
        }
        this.reply(res, answer.body);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private reply(res: ServerResponse, body: unknown) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private refuse(code: string, body: unknown) {
    this.refused.push(code);
    return { sent: false, body };
  }

  private aliyun(req: IncomingMessage) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const q = Object.fromEntries(url.searchParams);
    const fail = (Code: string, Message: string) => this.refuse(Code, { Code, Message, RequestId: 'fake' });
    if (req.method !== 'GET' || url.pathname !== '/' || q.Action !== 'SendSms' || q.Version !== '2017-05-25')
      return fail('InvalidAction.NotFound', 'Specified api is not found');
    if (q.AccessKeyId !== this.keyId)
      return fail('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (q.SignatureMethod !== 'HMAC-SHA1' || q.SignatureVersion !== '1.0')
      return fail('InvalidSignatureMethod', 'bad signature method');
    const at = Date.parse(q.Timestamp ?? '');
    if (
      !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(q.Timestamp ?? '') ||
      Math.abs(Date.now() - at) > 15 * 60_000
    )
      return fail('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    if (!q.SignatureNonce || this.nonces.has(q.SignatureNonce))
      return fail('SignatureNonceUsed', 'Specified signature nonce was used already.');
    // Percent-encoding per RFC 3986 (Aliyun's POP rules): space %20, * %2A, ~ kept.
    const enc = (s: string) =>
      encodeURIComponent(s)
        .replace(/\+/g, '%20')
        .replace(/\*/g, '%2A')
        .replace(/%7E/g, '~')
        .replace(/[!'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    const { Signature, ...rest } = q;
    const canonical = Object.keys(rest)
      .sort()
      .map((k) => `${enc(k)}=${enc(rest[k])}`)
      .join('&');
    const expected = createHmac('sha1', `${this.secret}&`)
      .update(`GET&%2F&${enc(canonical)}`)
      .digest('base64');
    if (Signature !== expected)
      return fail('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    this.nonces.add(q.SignatureNonce);
    let params: Record<string, string>;
    try {
      params = JSON.parse(q.TemplateParam ?? '{}');
    } catch {
      return fail('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
    }
    if (!/^1\d{10}$/.test(q.PhoneNumbers ?? '')) return fail('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    this.receivedAt.push(Date.now());
    this.messages.push({
      provider: 'aliyun',
      phone: q.PhoneNumbers,
      signName: q.SignName,
      template: q.TemplateCode,
      params,
    });
    return {
      sent: true,
      body: { Code: 'OK', Message: 'OK', BizId: `biz-${++this.serial}`, RequestId: 'fake' },
    };
  }

  private tencent(req: IncomingMessage, body: string) {
    const fail = (Code: string, Message: string) =>
      this.refuse(Code, { Response: { Error: { Code, Message }, RequestId: 'fake' } });
    const h = req.headers;
    if (req.method !== 'POST' || h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11')
      return fail('InvalidAction', 'bad action');
    const timestamp = Number(h['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300)
      return fail('AuthFailure.SignatureExpire', 'Signature expired');
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        String(h.authorization ?? ''),
      );
    if (!m) return fail('AuthFailure.InvalidAuthorization', 'Authorization invalid');
    const [, secretId, date, signedHeaders, signature] = m;
    if (secretId !== this.keyId) return fail('AuthFailure.SecretIdNotFound', 'SecretId not found');
    if (date !== new Date(timestamp * 1000).toISOString().slice(0, 10))
      return fail('AuthFailure.InvalidAuthorization', 'credential date');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const names = signedHeaders.split(';');
    const canonicalHeaders = names
      .map(
        (n) =>
          `${n}:${String(h[n] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('');
    const canonical = ['POST', '/', '', canonicalHeaders, signedHeaders, sha(body)].join('\n');
    const toSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/sms/tc3_request`, sha(canonical)].join(
      '\n',
    );
    const k = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();
    const expected = createHmac('sha256', k(k(k(`TC3${this.secret}`, date), 'sms'), 'tc3_request'))
      .update(toSign)
      .digest('hex');
    if (!names.includes('host') || signature !== expected)
      return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    const p = JSON.parse(body) as {
      PhoneNumberSet: string[];
      SmsSdkAppId: string;
      SignName: string;
      TemplateId: string;
      TemplateParamSet: string[];
    };
    const phone = p.PhoneNumberSet?.[0] ?? '';
    if (!/^\+861\d{10}$/.test(phone))
      return {
        sent: false,
        body: {
          Response: {
            SendStatusSet: [{ Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'bad phone' }],
          },
        },
      };
    this.receivedAt.push(Date.now());
    this.messages.push({
      provider: 'tencent',
      phone: phone.slice(3),
      signName: p.SignName,
      template: p.TemplateId,
      params: Object.fromEntries((p.TemplateParamSet ?? []).map((v, i) => [String(i + 1), v])),
    });
    return {
      sent: true,
      body: {
        Response: {
          SendStatusSet: [
            {
              SerialNo: `serial-${++this.serial}`,
              PhoneNumber: phone,
              Fee: 1,
              Code: 'Ok',
              Message: 'send success',
            },
          ],
          RequestId: 'fake',
        },
      },
    };
  }
}
