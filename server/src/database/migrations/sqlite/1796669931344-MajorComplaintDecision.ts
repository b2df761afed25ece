import { MigrationInterface, QueryRunner } from 'typeorm';

export class MajorComplaintDecisionSqlite1796669931344 implements MigrationInterface {
  name = 'MajorComplaintDecisionSqlite1796669931344';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_88c3b28c16533eea3de1cf3498"`);
    await q.query(`DROP INDEX "IDX_7b67f9645f63e329a8d3ae7149"`);
    await q.query(`DROP INDEX "IDX_a8a0b799f65fb4dea21348e10f"`);
    await q.query(
      `CREATE TABLE "temporary_special_cases" ("id" varchar(36) PRIMARY KEY NOT NULL, "subjectKey" varchar(48) NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "ticketId" varchar(36), "incidentId" varchar(36), "title" varchar(120) NOT NULL, "compensationYuan" integer, "flaggedAt" datetime(6) NOT NULL, "reportDueAt" datetime(6) NOT NULL, "reportedAt" datetime(6), "reportedById" varchar(36), "reportedByName" varchar(50), "reportedTo" varchar(100), "report" text, "closedAt" datetime(6), "followUpDueAt" datetime(6), "followUpAt" datetime(6), "followUpById" varchar(36), "followUpByName" varchar(50), "followUp" text, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "decision" varchar(12), "decidedAt" datetime(6), "decidedByName" varchar(50), "decisionReason" varchar(200))`,
    );
    await q.query(
      `INSERT INTO "temporary_special_cases"("id", "subjectKey", "companyId", "projectId", "kind", "ticketId", "incidentId", "title", "compensationYuan", "flaggedAt", "reportDueAt", "reportedAt", "reportedById", "reportedByName", "reportedTo", "report", "closedAt", "followUpDueAt", "followUpAt", "followUpById", "followUpByName", "followUp", "version", "createdAt") SELECT "id", "subjectKey", "companyId", "projectId", "kind", "ticketId", "incidentId", "title", "compensationYuan", "flaggedAt", "reportDueAt", "reportedAt", "reportedById", "reportedByName", "reportedTo", "report", "closedAt", "followUpDueAt", "followUpAt", "followUpById", "followUpByName", "followUp", "version", "createdAt" FROM "special_cases"`,
    );
    await q.query(`DROP TABLE "special_cases"`);
    await q.query(`ALTER TABLE "temporary_special_cases" RENAME TO "special_cases"`);
    await q.query(
      `CREATE INDEX "IDX_88c3b28c16533eea3de1cf3498" ON "special_cases" ("projectId", "flaggedAt") `,
    );
    await q.query(
      `CREATE INDEX "IDX_7b67f9645f63e329a8d3ae7149" ON "special_cases" ("companyId", "followUpAt") `,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_a8a0b799f65fb4dea21348e10f" ON "special_cases" ("subjectKey") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_a8a0b799f65fb4dea21348e10f"`);
    await q.query(`DROP INDEX "IDX_7b67f9645f63e329a8d3ae7149"`);
    await q.query(`DROP INDEX "IDX_88c3b28c16533eea3de1cf3498"`);
    await q.query(`ALTER TABLE "special_cases" RENAME TO "temporary_special_cases"`);
    await q.query(
      `CREATE TABLE "special_cases" ("id" varchar(36) PRIMARY KEY NOT NULL, "subjectKey" varchar(48) NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "ticketId" varchar(36), "incidentId" varchar(36), "title" varchar(120) NOT NULL, "compensationYuan" integer, "flaggedAt" datetime(6) NOT NULL, "reportDueAt" datetime(6) NOT NULL, "reportedAt" datetime(6), "reportedById" varchar(36), "reportedByName" varchar(50), "reportedTo" varchar(100), "report" text, "closedAt" datetime(6), "followUpDueAt" datetime(6), "followUpAt" datetime(6), "followUpById" varchar(36), "followUpByName" varchar(50), "followUp" text, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `INSERT INTO "special_cases"("id", "subjectKey", "companyId", "projectId", "kind", "ticketId", "incidentId", "title", "compensationYuan", "flaggedAt", "reportDueAt", "reportedAt", "reportedById", "reportedByName", "reportedTo", "report", "closedAt", "followUpDueAt", "followUpAt", "followUpById", "followUpByName", "followUp", "version", "createdAt") SELECT "id", "subjectKey", "companyId", "projectId", "kind", "ticketId", "incidentId", "title", "compensationYuan", "flaggedAt", "reportDueAt", "reportedAt", "reportedById", "reportedByName", "reportedTo", "report", "closedAt", "followUpDueAt", "followUpAt", "followUpById", "followUpByName", "followUp", "version", "createdAt" FROM "temporary_special_cases"`,
    );
    await q.query(`DROP TABLE "temporary_special_cases"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_a8a0b799f65fb4dea21348e10f" ON "special_cases" ("subjectKey") `);
    await q.query(
      `CREATE INDEX "IDX_7b67f9645f63e329a8d3ae7149" ON "special_cases" ("companyId", "followUpAt") `,
    );
    await q.query(
      `CREATE INDEX "IDX_88c3b28c16533eea3de1cf3498" ON "special_cases" ("projectId", "flaggedAt") `,
    );
  }
}
