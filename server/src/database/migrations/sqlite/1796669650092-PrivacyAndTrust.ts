import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrivacyAndTrustSqlite1796669650092 implements MigrationInterface {
  name = 'PrivacyAndTrustSqlite1796669650092';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "ticket_callbacks" ("ticketId" varchar(36) PRIMARY KEY NOT NULL, "phone" varchar(20) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE TABLE "privacy_access_logs" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "ticketId" varchar(36) NOT NULL, "viewerId" varchar(36) NOT NULL, "viewerName" varchar(50) NOT NULL, "viewerRole" varchar(20) NOT NULL, "what" varchar(32) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_fbec947bb674d65824ef58cbd8" ON "privacy_access_logs" ("companyId") `);
    await q.query(
      `CREATE INDEX "IDX_ebcde201e62b0482ff45c45d4e" ON "privacy_access_logs" ("ticketId", "createdAt") `,
    );
    await q.query(
      `CREATE TABLE "forbidden_phrases" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "phrase" varchar(40) NOT NULL, "better" varchar(200) NOT NULL, "sort" integer NOT NULL DEFAULT (0), "updatedById" varchar(36), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_32d8e050cecd769878798199cf" ON "forbidden_phrases" ("companyId", "sort") `,
    );
    await q.query(
      `CREATE TABLE "notice_publications" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "approvedById" varchar(36) NOT NULL, "approvedByName" varchar(50) NOT NULL, "approvedAt" datetime(6) NOT NULL, "content" text NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_804446288ce33253a769b952ed" ON "notice_publications" ("projectId", "month") `,
    );
    await q.query(`ALTER TABLE "projects" ADD COLUMN "dutyPhone" varchar(20)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "projects" DROP COLUMN "dutyPhone"`);
    await q.query(`DROP INDEX "IDX_804446288ce33253a769b952ed"`);
    await q.query(`DROP TABLE "notice_publications"`);
    await q.query(`DROP INDEX "IDX_32d8e050cecd769878798199cf"`);
    await q.query(`DROP TABLE "forbidden_phrases"`);
    await q.query(`DROP INDEX "IDX_ebcde201e62b0482ff45c45d4e"`);
    await q.query(`DROP INDEX "IDX_fbec947bb674d65824ef58cbd8"`);
    await q.query(`DROP TABLE "privacy_access_logs"`);
    await q.query(`DROP TABLE "ticket_callbacks"`);
  }
}
