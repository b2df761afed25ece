import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { buildApp } from './app.factory';
import { AuthService } from './auth/auth.service';
import { maskText } from './common/logging';
import { AppConfig, ConfigError, loadConfig } from './config/config';
import { DemoAccountRow, demoAccountLines, demoAccountRows } from './startup-banner';

/** A worker tells the primary it is listening (after migrations and the demo seed, when it is the first). */
const READY = 'wuye:ready';

/**
 * How long a SIGTERM/SIGINT may take: the app closes (HTTP, jobs, Redis clients, database), then exits. Whatever
 * still hangs after this (a client waiting for a server that is gone) does not keep the process: it exits with 1.
 */
const SHUTDOWN_LIMIT_MS = 8_000;

/**
 * Nest's shutdown hooks close the app on the signal and then send it again to end the process. This listener
 * ends a shutdown that does not finish within SHUTDOWN_LIMIT_MS, and lets that second signal (or a second
 * Ctrl-C) end the process at once.
 */
function exitOnSignalWithin(limitMs: number) {
  let stopping = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.on(sig, () => {
      if (stopping) process.exit(0);
      stopping = true;
      setTimeout(() => {
        console.error(`shutdown did not finish within ${limitMs / 1000} s: exiting anyway`);
        process.exit(1);
      }, limitMs).unref();
    });
}

async function serve(config: AppConfig) {
  exitOnSignalWithin(SHUTDOWN_LIMIT_MS);
  const { app, demoAccounts } = await buildApp(config);
  await app.listen(config.port, config.host);
  if (cluster.isWorker) {
    process.send?.(READY);
    if (cluster.worker?.id !== 1) return;
  }
  const url = `http://${config.host}:${config.port}`;
  const log = new Logger('物业通');
  log.log(
    `listening on ${url}  (API ${url}/api, docs ${url}/api/docs, database ${config.database.type}` +
      `${config.workers > 1 ? `, ${config.workers} worker processes` : ''})`,
  );
  if (demoAccounts) log.log('seeded the demo compound 阳光花园 (幸福里物业) into the empty database');
  // Through the logger, a line a row: printed beside it (console.table), the accounts came out before the
  // logger's buffered lines, far above the line that announced them.
  let rows: DemoAccountRow[] = [];
  if (config.devLogin) {
    try {
      rows = demoAccountRows(await app.get(AuthService).devAccounts());
    } catch (e) {
      log.warn(`could not list the demo accounts: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!rows.length) log.log(`development login is on, but the database holds no demo accounts`);
  } else if (demoAccounts) {
    rows = demoAccounts.map((a) => ({ id: a.id, role: a.role, name: a.name, where: a.detail }));
  }
  for (const line of demoAccountLines(url, rows, config.devLogin)) log.log(line);
}

/**
 * SERVER_WORKERS > 1: this process only keeps that many workers (node:cluster, one shared port), each a full
 * instance as when several servers share MySQL and Redis. The first starts alone (it runs the migrations and
 * the demo seed); the others follow once it listens. A worker that dies is replaced; SIGTERM/SIGINT stop all.
 */
function supervise(config: AppConfig) {
  let stopping = false;
  const fork = () => {
    const w = cluster.fork();
    w.on('exit', (code, signal) => {
      if (stopping) {
        if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
        return;
      }
      console.error(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
      setTimeout(fork, 1000);
    });
    return w;
  };
  let started = false;
  cluster.on('message', (_w, m) => {
    if (m !== READY || started || stopping) return;
    started = true;
    for (let i = 1; i < config.workers; i++) fork();
  });
  fork();
  for (const sig of ['SIGTERM', 'SIGINT'] as const)
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      setTimeout(() => process.exit(0), 15_000).unref();
    });
}

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
  if (config.workers > 1 && cluster.isPrimary) return supervise(config);
  await serve(config);
}

main().catch((e) => {
  // Before (or instead of) the app's logger: still no secrets or phone numbers on the console.
  console.error(maskText(e instanceof Error ? (e.stack ?? e.message) : String(e)));
  process.exit(1);
});
