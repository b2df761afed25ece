import { loadConfig } from '../src/config/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.factory';
import { openDatabase, withStartupLock } from '../src/database/data-source';
import { seedDemo } from '../src/seed/demo-seed';
import { DataSource } from 'typeorm';
import { DRIVERS, mariadbAdmin } from './support/test-app';

const MARIADB_URL = process.env.TEST_MARIADB_URL || 'mariadb://root@127.0.0.1:3306';

(DRIVERS.includes('mariadb') ? describe : describe.skip)('migrations on MariaDB', () => {
  const db = `wuye_mig_${process.pid}`;
  const admin = mariadbAdmin;
  beforeAll(async () => {
    const a = await admin();
    await a.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await a.end();
  });
  afterAll(async () => {
    const a = await admin();
    await a.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await a.end();
  });

  it('run once when several instances start at the same moment, and the demo is seeded once', async () => {
    const config = loadConfig({ DATABASE_URL: `${MARIADB_URL}/${db}` });
    const instances = await Promise.all([openDatabase(config), openDatabase(config), openDatabase(config)]);
    const [{ n }] = await instances[0].query('SELECT COUNT(*) AS n FROM migrations');
    expect(Number(n)).toBe(instances[0].migrations.length);
    const tables = await instances[0].query(
      `SELECT TABLE_NAME AS t, TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> 'migrations'`,
      [db],
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const row of tables) expect(row.c).toBe('utf8mb4_unicode_ci');

    // …and seed the demo once: one instance seeds, the others find it seeded.
    const seeded = await Promise.all(instances.map((d) => seedDemo(d)));
    expect(seeded.filter((accounts) => accounts !== null)).toHaveLength(1);
    const [{ c }] = await instances[0].query('SELECT COUNT(*) AS c FROM companies');
    expect(Number(c)).toBe(1);
    await Promise.all(instances.map((d) => d.destroy()));
  });

  /** A new empty database on the server, dropped after the suite. */
  const extra: string[] = [];
  afterAll(async () => {
    const a = await admin();
    for (const d of extra) await a.query(`DROP DATABASE IF EXISTS \`${d}\``);
    await a.end();
  });
  const emptyDatabase = async (suffix: string) => {
    const name = `${db}_${suffix}`;
    extra.push(name);
    const a = await admin();
    await a.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await a.end();
    return `${MARIADB_URL}/${name}`;
  };

  it('two servers started at once on an empty database migrate and seed the demo once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuye-twostart-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: await emptyDatabase('two'),
      DATA_DIR: dataDir,
      H5_DIR: '',
      SEED_DEMO: 'true',
      JOBS_POLL_MS: '0',
      JWT_SECRET: 'two-starts-test-secret-0123456789abcdef',
    });
    // The whole start of a server (app.factory), twice at the same moment, as two containers would.
    const built = await Promise.all([
      buildApp(config, { logger: false }),
      buildApp(config, { logger: false }),
    ]);
    try {
      await Promise.all(built.map((b) => b.app.init()));
      expect(built.filter((b) => b.demoAccounts !== null)).toHaveLength(1);
      const ds = built[0].app.get(DataSource);
      const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM migrations');
      expect(Number(n)).toBe(ds.migrations.length);
      const counts = await ds.query(
        `SELECT (SELECT COUNT(*) FROM companies) AS companies, (SELECT COUNT(*) FROM projects) AS projects,
                (SELECT COUNT(*) FROM users WHERE demoKey = 'resident-1') AS residents`,
      );
      expect(counts[0]).toEqual({ companies: '1', projects: '1', residents: '1' });
    } finally {
      for (const b of built) {
        const ds = b.app.get(DataSource);
        await b.app.close();
        if (ds.isInitialized) await ds.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a server starting on one database does not wait for another database of the same server', async () => {
    const other = await openDatabase(loadConfig({ DATABASE_URL: await emptyDatabase('other') }));
    const config = loadConfig({ DATABASE_URL: await emptyDatabase('mine') });
    try {
      // The other database's instance is in the middle of its migrations (holding its lock) …
      const started = Date.now();
      const mine = await withStartupLock(other, 'migrations', async () => {
        // … and this one migrates and seeds meanwhile, without waiting for it.
        const ds = await openDatabase(config);
        await seedDemo(ds);
        return ds;
      });
      expect(Date.now() - started).toBeLessThan(60_000);
      const [{ c }] = await mine.query('SELECT COUNT(*) AS c FROM companies');
      expect(Number(c)).toBe(1);
      await mine.destroy();
    } finally {
      await other.destroy();
    }
  }, 150_000);
});
