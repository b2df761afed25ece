import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('configuration', () => {
  it('defaults to the embedded SQLite file, dev login and demo seed', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/x' });
    expect(c.database).toEqual({ type: 'sqlite', file: '/tmp/x/wuyetong.sqlite' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, devLogin: true, seedDemo: true });
  });

  it('reads a MySQL or MariaDB URL', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://app:p%40ss@db.internal:3307/wuyetong' });
    expect(c.database).toMatchObject({
      type: 'mysql',
      host: 'db.internal',
      port: 3307,
      username: 'app',
      password: 'p@ss',
      database: 'wuyetong',
    });
    expect(c.seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1/test' }).database.type).toBe('mariadb');
  });

  it('reports every bad value at once, each with what is expected', () => {
    const p = problems({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x/y',
      JWT_SECRET: 'short',
      DEV_LOGIN: 'maybe',
    });
    expect(p).toEqual([
      expect.stringMatching(/DATABASE_URL must start with mysql:\/\/ or mariadb:\/\//),
      expect.stringMatching(/JWT_SECRET must be at least 32 characters/),
      expect.stringMatching(/DEV_LOGIN="maybe" must be true or false/),
      expect.stringMatching(/PORT="eighty" must be a whole number/),
    ]);
  });

  it('runs worker processes only on MySQL', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u@h/db', SERVER_WORKERS: '4' }).workers).toBe(4);
    expect(loadConfig({}).workers).toBe(1);
    expect(problems({ SERVER_WORKERS: '2' })).toEqual([
      expect.stringMatching(/SERVER_WORKERS > 1 needs MySQL/),
    ]);
    expect(problems({ DATABASE_URL: 'mysql://u@h/db', SERVER_WORKERS: '0' })).toEqual([
      expect.stringMatching(/SERVER_WORKERS="0" must be a whole number between 1 and 64/),
    ]);
  });

  it('makes the development login impossible in production', () => {
    const prod = {
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://u@h/db',
      JWT_SECRET: 'x'.repeat(32),
      WECHAT_APP_ID: 'wx1',
      WECHAT_APP_SECRET: 's',
    };
    expect(loadConfig(prod).devLogin).toBe(false);
    expect(problems({ ...prod, DEV_LOGIN: 'true' })).toEqual([
      expect.stringMatching(/DEV_LOGIN cannot be enabled when NODE_ENV=production/),
    ]);
  });

  it('requires a database, a shared JWT secret and WeChat in production', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/DATABASE_URL is required/),
      expect.stringMatching(/JWT_SECRET is required/),
      expect.stringMatching(/WECHAT_APP_ID and WECHAT_APP_SECRET are required/),
    ]);
  });
});

describe('WeChat Pay merchant configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paycfg-'));
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'apiclient_key.pem'), merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'pub_key.pem'), platform.publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(join(dir, 'apiv3.key'), 'k'.repeat(32) + '\n');
  writeFileSync(join(dir, 'not-a-key.pem'), 'hello');
  const good = {
    WECHAT_APP_ID: 'wx1234567890',
    WECHAT_APP_SECRET: 's',
    WECHAT_PAY_MCHID: '1900000109',
    WECHAT_PAY_APIV3_KEY_FILE: join(dir, 'apiv3.key'),
    WECHAT_PAY_PRIVATE_KEY_FILE: join(dir, 'apiclient_key.pem'),
    WECHAT_PAY_CERT_SERIAL: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    WECHAT_PAY_PUBLIC_KEY_FILE: join(dir, 'pub_key.pem'),
    WECHAT_PAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
    WECHAT_PAY_NOTIFY_URL: 'https://wuye.example.com/api/pay/wechat/notify',
  };

  it('is off (支付未开通) when no merchant is set', () => {
    expect(loadConfig({}).pay).toBeNull();
  });

  it('reads the merchant, its key files and WeChat public key', () => {
    const pay = loadConfig(good).pay!;
    expect(pay).toMatchObject({
      mchId: '1900000109',
      appId: 'wx1234567890',
      apiV3Key: 'k'.repeat(32),
      certSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      apiBase: 'https://api.mch.weixin.qq.com',
      orderTimeoutMinutes: 30,
      sweepIntervalMs: null,
    });
    expect([...pay.platformKeys.keys()]).toEqual(['PUB_KEY_ID_0114232134912410000000000000']);
  });

  it('names every missing or broken merchant setting', () => {
    expect(problems({ WECHAT_PAY_MCHID: '12' })).toEqual([
      expect.stringMatching(/WECHAT_PAY_MCHID="12" must be the 8–12 digit merchant id/),
      expect.stringMatching(/WECHAT_APP_ID is required for WeChat Pay/),
      expect.stringMatching(/WECHAT_PAY_APIV3_KEY .* must be the 32-character APIv3 key/),
      expect.stringMatching(/WECHAT_PAY_PRIVATE_KEY_FILE .* is required/),
      expect.stringMatching(/WECHAT_PAY_CERT_SERIAL or WECHAT_PAY_CERT_FILE .* is required/),
      expect.stringMatching(/WECHAT_PAY_PUBLIC_KEY_FILE .* or WECHAT_PAY_PLATFORM_CERT_DIR is required/),
      expect.stringMatching(/WECHAT_PAY_NOTIFY_URL must be the public URL/),
    ]);
    expect(problems({ ...good, WECHAT_PAY_PRIVATE_KEY_FILE: join(dir, 'not-a-key.pem') })).toEqual([
      expect.stringMatching(/WECHAT_PAY_PRIVATE_KEY_FILE is not a PEM private key/),
    ]);
    expect(problems({ ...good, WECHAT_PAY_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/cannot be read \(ENOENT\)/),
    ]);
    expect(problems({ ...good, PAY_ORDER_TIMEOUT_MINUTES: '1' })).toEqual([
      expect.stringMatching(/PAY_ORDER_TIMEOUT_MINUTES="1" must be a whole number between 5 and 120/),
    ]);
  });

  it('refuses half a merchant and plain http in production', () => {
    expect(problems({ WECHAT_PAY_APIV3_KEY: 'x' })).toEqual([
      expect.stringMatching(/WECHAT_PAY_MCHID is required when WECHAT_PAY_APIV3_KEY is set/),
    ]);
    const prod = {
      ...good,
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://u@h/db',
      JWT_SECRET: 'x'.repeat(32),
    };
    expect(
      problems({ ...prod, WECHAT_PAY_NOTIFY_URL: 'http://wuye.example.com/api/pay/wechat/notify' }),
    ).toEqual([expect.stringMatching(/WECHAT_PAY_NOTIFY_URL must be https/)]);
  });

  it('reads rate limits as count/seconds per person and per IP, with defaults for real residents', () => {
    const c = loadConfig({ RATE_LIMIT_INTAKE: '5/30', RATE_LIMIT_UPLOAD_IP: ' 200 / 120 ' });
    expect(c.rateLimits).toEqual({
      login: { user: { count: 10, seconds: 60 }, ip: { count: 60, seconds: 60 } },
      intake: { user: { count: 5, seconds: 30 }, ip: { count: 60, seconds: 60 } },
      upload: { user: { count: 30, seconds: 60 }, ip: { count: 200, seconds: 120 } },
      binding: { user: { count: 10, seconds: 600 }, ip: { count: 100, seconds: 600 } },
    });
    expect(
      problems({ RATE_LIMIT_LOGIN: 'ten', RATE_LIMIT_INTAKE_IP: '0/60', RATE_LIMIT_UPLOAD: '5/0' }),
    ).toEqual([
      expect.stringMatching(/^RATE_LIMIT_LOGIN="ten" must be "count\/seconds"/),
      expect.stringMatching(/^RATE_LIMIT_INTAKE_IP="0\/60" must be/),
      expect.stringMatching(/^RATE_LIMIT_UPLOAD="5\/0" must be/),
    ]);
  });

  it('keeps photos on local disk by default and reads an S3-compatible bucket with STORAGE=s3', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'local' });
    const s3 = {
      STORAGE: 's3',
      S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com/',
      S3_BUCKET: 'wuye-photos',
      S3_REGION: 'oss-cn-hangzhou',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(s3).storage).toEqual({
      kind: 's3',
      endpoint: 'https://oss-cn-hangzhou.aliyuncs.com',
      bucket: 'wuye-photos',
      region: 'oss-cn-hangzhou',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
    expect(loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'true', S3_REGION: '' }).storage).toMatchObject({
      region: 'us-east-1',
      forcePathStyle: true,
    });
    expect(problems({ STORAGE: 'nfs' })).toEqual([
      expect.stringMatching(/^STORAGE="nfs" must be local or s3/),
    ]);
    expect(problems({ S3_BUCKET: 'wuye-photos' })).toEqual([
      expect.stringMatching(/STORAGE=s3 is required when S3_BUCKET is set/),
    ]);
    expect(problems({ STORAGE: 's3', S3_BUCKET: 'Bad_Bucket', S3_ENDPOINT: 'oss.example.com' })).toEqual([
      expect.stringMatching(/^S3_ENDPOINT="oss.example.com" must be an http\(s\) origin/),
      expect.stringMatching(/^S3_BUCKET="Bad_Bucket" must be a bucket name/),
      expect.stringMatching(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required/),
    ]);
  });

  it('sends no SMS unless a provider is chosen, and then wants its keys, sign name and templates', () => {
    expect(loadConfig({}).sms).toBeNull();
    const aliyun = {
      SMS_PROVIDER: 'aliyun',
      SMS_ACCESS_KEY_ID: 'LTAI5t',
      SMS_ACCESS_KEY_SECRET: 'secret',
      SMS_SIGN_NAME: '幸福里物业',
      SMS_TEMPLATE_EMERGENCY: 'SMS_1',
      SMS_TEMPLATE_ESCALATION: 'SMS_2',
    };
    expect(loadConfig(aliyun).sms).toMatchObject({
      provider: 'aliyun',
      apiBase: 'https://dysmsapi.aliyuncs.com',
      region: 'cn-hangzhou',
      dailyCap: 20,
      night: { from: 20, to: 8 },
      templates: { emergency: 'SMS_1', escalation: 'SMS_2' },
    });
    expect(problems({ ...aliyun, SMS_PROVIDER: 'tencent' })).toEqual([
      expect.stringMatching(/^SMS_SDK_APP_ID required when SMS_PROVIDER=tencent/),
    ]);
    expect(problems({ SMS_DAILY_CAP: '5' })).toEqual([
      expect.stringMatching(/SMS_PROVIDER \(aliyun or tencent\) is required/),
    ]);
    expect(problems({ ...aliyun, SMS_NIGHT_HOURS: '8', SMS_API_BASE: 'sms.local' })).toEqual([
      expect.stringMatching(/^SMS_API_BASE="sms.local" must be an http\(s\) origin/),
      expect.stringMatching(/^SMS_NIGHT_HOURS="8" must be "from-to"/),
    ]);
    expect(problems({ METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/METRICS_TOKEN must be at least 16/),
    ]);
  });
});
