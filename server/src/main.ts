import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { buildApp } from './app.factory';
import { maskText } from './common/logging';
import { ConfigError, loadConfig } from './config/config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const { app, demoAccounts } = await buildApp(config);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  const log = new Logger('物业通');
  log.log(`listening on ${url}  (API ${url}/api, docs ${url}/api/docs, database ${config.database.type})`);
  if (demoAccounts) {
    log.log(
      'seeded the demo compound 阳光花园. Open the app and pick one of these accounts (development login):',
    );
    console.table(demoAccounts.map((a) => ({ 姓名: a.name, 角色: a.role, 部门或房屋: a.detail })));
  } else if (config.devLogin) {
    log.log(`development login is on: open ${url} and pick a demo account`);
  }
}

main().catch((e) => {
  // Before (or instead of) the app's logger: still no secrets or phone numbers on the console.
  console.error(maskText(e instanceof Error ? (e.stack ?? e.message) : String(e)));
  process.exit(1);
});
