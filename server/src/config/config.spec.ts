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
