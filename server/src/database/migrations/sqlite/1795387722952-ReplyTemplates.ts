import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplyTemplatesSqlite1795387722952 implements MigrationInterface {
  name = 'ReplyTemplatesSqlite1795387722952';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "reply_templates" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "title" varchar(60) NOT NULL, "text" text NOT NULL, "sort" integer NOT NULL DEFAULT (0), "updatedById" varchar(36), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_c5941daa6fe8831494d885a1cc" ON "reply_templates" ("projectId", "category") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_c5941daa6fe8831494d885a1cc"`);
    await q.query(`DROP TABLE "reply_templates"`);
  }
}
