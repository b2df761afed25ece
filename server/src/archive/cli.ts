import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source';
import { Project } from '../org/entities';
import { createStorage } from '../storage/create-storage';
import { ArchiveWriter, isRealDay } from './archive.writer';

/**
 * `pnpm archive:export --project <id|name> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.zip]`: the same
 * ZIP as GET /api/projects/:id/archive, written to a file from the server's configuration (DATABASE_URL or
 * the SQLite file, UPLOAD_DIR), without the HTTP server. Reads only; never migrates.
 */
export async function exportArchiveCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(project|from|to|out)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      console.error(`unknown argument ${argv[i]}`);
      return 2;
    }
    args[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  if (!args.project) {
    console.error(
      'usage: pnpm archive:export --project <id|name> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.zip]',
    );
    return 2;
  }
  for (const k of ['from', 'to'] as const)
    if (args[k] && !isRealDay(args[k])) {
      console.error(`--${k} must be a day YYYY-MM-DD, got "${args[k]}"`);
      return 2;
    }
  if (args.from && args.to && args.from > args.to) {
    console.error('--from is after --to');
    return 2;
  }
  const config = loadConfig(env);
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      console.error(
        'the database schema is older than this code: start the server once (it migrates), then export',
      );
      return 1;
    }
    const found = await ds
      .getRepository(Project)
      .find({ where: [{ id: args.project }, { name: args.project }] });
    if (found.length !== 1) {
      console.error(
        found.length
          ? `several projects are called "${args.project}"; give the id: ${found.map((p) => p.id).join(', ')}`
          : `no project with id or name "${args.project}"`,
      );
      return 2;
    }
    const project = found[0];
    const now = new Date();
    const range = args.from || args.to ? `-${args.from || '开始'}至${args.to || '今'}` : '';
    const out = resolve(
      args.out || `archives/${project.name}-工单档案${range}-${now.toISOString().slice(0, 10)}.zip`,
    );
    mkdirSync(dirname(out), { recursive: true });
    const part = `${out}.part`;
    const file = createWriteStream(part);
    try {
      const summary = await new ArchiveWriter(ds, createStorage(config)).write(
        { project, from: args.from || null, to: args.to || null, generatedBy: null },
        file,
        now,
      );
      file.end();
      await once(file, 'close');
      renameSync(part, out);
      console.log(`${project.name}: ${summary.tickets} tickets, ${summary.files.length} files → ${out}`);
      if (summary.missingAttachments.length)
        console.warn(
          `${summary.missingAttachments.length} attachment(s) missing from storage (listed in manifest.json)`,
        );
      return 0;
    } catch (e) {
      file.destroy();
      rmSync(part, { force: true });
      throw e;
    }
  } finally {
    await ds.destroy();
  }
}
