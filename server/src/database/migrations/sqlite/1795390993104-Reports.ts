import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsSqlite1795390993104 implements MigrationInterface {
  name = 'ReportsSqlite1795390993104';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "report_category_rollups" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20) NOT NULL, "companyId" varchar(36) NOT NULL, "items" integer NOT NULL DEFAULT (0), "times" integer NOT NULL DEFAULT (0), "people" integer NOT NULL DEFAULT (0), "eventItems" integer NOT NULL DEFAULT (0), "onlineItems" integer NOT NULL DEFAULT (0), "onlineHeat" integer NOT NULL DEFAULT (0), "closedItems" integer NOT NULL DEFAULT (0), "majorItems" integer NOT NULL DEFAULT (0), "hotItems" integer NOT NULL DEFAULT (0), PRIMARY KEY ("projectId", "month", "category"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6cf3a36e45e546e50fd9a5e6f1" ON "report_category_rollups" ("companyId", "month") `,
    );
    await q.query(
      `CREATE TABLE "report_kpi_rollups" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "departmentId" varchar(36) NOT NULL, "assigneeId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "category" varchar(20) NOT NULL, "companyId" varchar(36) NOT NULL, "tickets" integer NOT NULL DEFAULT (0), "cancelled" integer NOT NULL DEFAULT (0), "replyJudged" integer NOT NULL DEFAULT (0), "repliedOnTime" integer NOT NULL DEFAULT (0), "replied" integer NOT NULL DEFAULT (0), "responseMinutes" double NOT NULL DEFAULT (0), "handleJudged" integer NOT NULL DEFAULT (0), "handledOnTime" integer NOT NULL DEFAULT (0), "handledEver" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "reopened" integer NOT NULL DEFAULT (0), "visitNeeded" integer NOT NULL DEFAULT (0), "visited" integer NOT NULL DEFAULT (0), "visits" integer NOT NULL DEFAULT (0), "satisfiedVisits" integer NOT NULL DEFAULT (0), "scoreSum" double NOT NULL DEFAULT (0), "scoreCount" integer NOT NULL DEFAULT (0), PRIMARY KEY ("projectId", "month", "departmentId", "assigneeId", "kind", "category"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_59d8a35bafc1efd9e23403d87d" ON "report_kpi_rollups" ("companyId", "month") `,
    );
    await q.query(
      `CREATE TABLE "report_cause_rollups" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20) NOT NULL, "causeFactor" varchar(20) NOT NULL, "causeSub" varchar(20) NOT NULL, "companyId" varchar(36) NOT NULL, "items" integer NOT NULL DEFAULT (0), PRIMARY KEY ("projectId", "month", "category", "causeFactor", "causeSub"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_d0affd81e519a06b481ee99bdd" ON "report_cause_rollups" ("companyId", "month") `,
    );
    await q.query(
      `CREATE TABLE "report_rollup_builds" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "companyId" varchar(36) NOT NULL, "builtAt" datetime(6) NOT NULL, PRIMARY KEY ("projectId", "month"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_9b625c2725c526733a765f62ba" ON "report_rollup_builds" ("companyId", "month") `,
    );
    await q.query(
      `CREATE TABLE "report_corrective_actions" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20), "causeFactor" varchar(20), "causeSub" varchar(20), "problem" text NOT NULL, "action" text NOT NULL, "owner" varchar(50), "dueDate" date, "status" varchar(12) NOT NULL DEFAULT ('planned'), "result" text, "createdById" varchar(36) NOT NULL, "createdByName" varchar(50) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_fd1f250b2af1c0f8826e8180fb" ON "report_corrective_actions" ("projectId", "month") `,
    );
    await q.query(
      `CREATE TABLE "report_representative_cases" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "ticketId" varchar(36) NOT NULL, "keyPoints" text, "cause" text, "handling" text, "lessons" text, "createdById" varchar(36) NOT NULL, "createdByName" varchar(50) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_af79012f6b9c1256b199c55345" ON "report_representative_cases" ("projectId", "month", "ticketId") `,
    );
    await q.query(
      `CREATE TABLE "report_submissions" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "period" varchar(7) NOT NULL, "submittedById" varchar(36) NOT NULL, "submittedByName" varchar(50) NOT NULL, "note" varchar(200), "submittedAt" datetime(6) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_3db02a368f2948a3b3fd432fb5" ON "report_submissions" ("projectId", "kind", "period") `,
    );
    await q.query(
      `CREATE TABLE "special_cases" ("id" varchar(36) PRIMARY KEY NOT NULL, "subjectKey" varchar(48) NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "ticketId" varchar(36), "incidentId" varchar(36), "title" varchar(120) NOT NULL, "compensationYuan" integer, "flaggedAt" datetime(6) NOT NULL, "reportDueAt" datetime(6) NOT NULL, "reportedAt" datetime(6), "reportedById" varchar(36), "reportedByName" varchar(50), "reportedTo" varchar(100), "report" text, "closedAt" datetime(6), "followUpDueAt" datetime(6), "followUpAt" datetime(6), "followUpById" varchar(36), "followUpByName" varchar(50), "followUp" text, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_a8a0b799f65fb4dea21348e10f" ON "special_cases" ("subjectKey") `);
    await q.query(
      `CREATE INDEX "IDX_7b67f9645f63e329a8d3ae7149" ON "special_cases" ("companyId", "followUpAt") `,
    );
    await q.query(
      `CREATE INDEX "IDX_88c3b28c16533eea3de1cf3498" ON "special_cases" ("projectId", "flaggedAt") `,
    );
    await q.query(
      `CREATE TABLE "special_case_archives" ("id" varchar(36) PRIMARY KEY NOT NULL, "specialCaseId" varchar(36) NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(8) NOT NULL, "title" varchar(120) NOT NULL, "archivedById" varchar(36) NOT NULL, "archivedByName" varchar(50) NOT NULL, "archivedAt" datetime(6) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_ac1617fea075bd8811382853ac" ON "special_case_archives" ("specialCaseId") `,
    );
    await q.query(`CREATE INDEX "IDX_40f0f7a42e151decd47221994f" ON "special_case_archives" ("companyId") `);
    await q.query(
      `CREATE TABLE "special_case_archive_entries" ("archiveId" varchar(36) NOT NULL, "position" integer NOT NULL, "entryType" varchar(12) NOT NULL, "payload" text NOT NULL, PRIMARY KEY ("archiveId", "position"))`,
    );
    await q.query(
      `CREATE TABLE "special_case_sync" ("projectId" varchar(36) PRIMARY KEY NOT NULL, "syncedUntil" datetime(6) NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "special_case_sync"`);
    await q.query(`DROP TABLE "special_case_archive_entries"`);
    await q.query(`DROP INDEX "IDX_40f0f7a42e151decd47221994f"`);
    await q.query(`DROP INDEX "IDX_ac1617fea075bd8811382853ac"`);
    await q.query(`DROP TABLE "special_case_archives"`);
    await q.query(`DROP INDEX "IDX_88c3b28c16533eea3de1cf3498"`);
    await q.query(`DROP INDEX "IDX_7b67f9645f63e329a8d3ae7149"`);
    await q.query(`DROP INDEX "IDX_a8a0b799f65fb4dea21348e10f"`);
    await q.query(`DROP TABLE "special_cases"`);
    await q.query(`DROP INDEX "IDX_3db02a368f2948a3b3fd432fb5"`);
    await q.query(`DROP TABLE "report_submissions"`);
    await q.query(`DROP INDEX "IDX_af79012f6b9c1256b199c55345"`);
    await q.query(`DROP TABLE "report_representative_cases"`);
    await q.query(`DROP INDEX "IDX_fd1f250b2af1c0f8826e8180fb"`);
    await q.query(`DROP TABLE "report_corrective_actions"`);
    await q.query(`DROP INDEX "IDX_9b625c2725c526733a765f62ba"`);
    await q.query(`DROP TABLE "report_rollup_builds"`);
    await q.query(`DROP INDEX "IDX_d0affd81e519a06b481ee99bdd"`);
    await q.query(`DROP TABLE "report_cause_rollups"`);
    await q.query(`DROP INDEX "IDX_59d8a35bafc1efd9e23403d87d"`);
    await q.query(`DROP TABLE "report_kpi_rollups"`);
    await q.query(`DROP INDEX "IDX_6cf3a36e45e546e50fd9a5e6f1"`);
    await q.query(`DROP TABLE "report_category_rollups"`);
  }
}
