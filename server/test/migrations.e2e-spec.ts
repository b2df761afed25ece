import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/database/data-source';
import { seedDemo } from '../src/seed/demo-seed';
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
});
