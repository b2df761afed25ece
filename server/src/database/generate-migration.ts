/**
 * Writes a migration for each dialect from the difference between the entities and what the
 * existing migrations build. Usage (after `pnpm --filter @wuye/server build`):
 *   node server/dist/database/generate-migration.js AddSomething [mariadb://root@127.0.0.1:3306/scratch]
 * The MySQL URL must name a scratch database that may be dropped and re-created.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';

async function diff(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  await ds.initialize();
  await ds.runMigrations();
  const log = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
}

function render(name: string, stamp: number, dialect: string, up: string[], down: string[]): string {
  const q = (s: string) => '    await q.query(`' + s.replace(/`/g, '\\`') + '`);';
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${dialect}${stamp} implements MigrationInterface {
  name = '${name}${dialect}${stamp}';

  public async up(q: QueryRunner): Promise<void> {
${up.map(q).join('\n')}
  }

  public async down(q: QueryRunner): Promise<void> {
${down.map(q).join('\n')}
  }
}
`;
}

async function main() {
  const [name, mysqlUrl = 'mariadb://root@127.0.0.1:3306/wuyetong_migration_scratch'] = process.argv.slice(2);
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('usage: generate-migration <PascalCaseName> [mysqlUrl]');
  const stamp = Date.now();
  const srcDir = resolve(__dirname, '../../src/database/migrations');

  const sqlite = await diff(
    new DataSource({ ...dataSourceOptions(loadConfig({ DATA_DIR: '/tmp' })), database: ':memory:' } as never),
  );
  const u = new URL(mysqlUrl);
  const admin = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: u.username || 'root',
    password: u.password,
  });
  const dbName = u.pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const mysql = await diff(new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: mysqlUrl }))));
  await admin.query(`DROP DATABASE \`${dbName}\``);
  await admin.end();

  // Generated MySQL DDL names no charset: without it emoji and rare characters (𠮷) are lost.
  const withCharset = mysql.up.map((s) =>
    /^CREATE TABLE/i.test(s) ? `${s} DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci` : s,
  );
  for (const [dialect, d, up] of [
    ['Sqlite', sqlite, sqlite.up],
    ['Mysql', mysql, withCharset],
  ] as const) {
    if (!up.length) {
      console.log(`${dialect}: no changes`);
      continue;
    }
    const file = join(srcDir, dialect.toLowerCase(), `${stamp}-${name}.ts`);
    writeFileSync(file, render(name, stamp, dialect, up, d.down));
    console.log(`wrote ${file} (${up.length} statements)`);
    writeIndex(join(srcDir, dialect.toLowerCase()), dialect.toUpperCase());
  }
}

/** Rewrites migrations/<dialect>/index.ts to list every migration file in timestamp order. */
function writeIndex(dir: string, constName: string) {
  const files = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => /export class (\w+)/.exec(readFileSync(join(dir, f), 'utf8'))![1]);
  const imports = files.map((f, i) => `import { ${classes[i]} } from './${f.replace(/\.ts$/, '')}';`);
  writeFileSync(
    join(dir, 'index.ts'),
    `${imports.join('\n')}\n\n/** Applied in this order; the generator rewrites this file. */\n` +
      `export const ${constName}_MIGRATIONS: Function[] = [${classes.join(', ')}];\n`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
