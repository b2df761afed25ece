import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsMonthSqlite1796669542274 implements MigrationInterface {
  name = 'StatisticsMonthSqlite1796669542274';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "temporary_companies" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "calendarOverrides" text, "statisticalMonth" varchar(12) NOT NULL DEFAULT ('calendar'))`,
    );
    await q.query(
      `INSERT INTO "temporary_companies"("id", "name", "createdAt", "calendarOverrides") SELECT "id", "name", "createdAt", "calendarOverrides" FROM "companies"`,
    );
    await q.query(`DROP TABLE "companies"`);
    await q.query(`ALTER TABLE "temporary_companies" RENAME TO "companies"`);
    await q.query(`DROP INDEX "IDX_59d8a35bafc1efd9e23403d87d"`);
    await q.query(
      `CREATE TABLE "temporary_report_kpi_rollups" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "departmentId" varchar(36) NOT NULL, "assigneeId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "category" varchar(20) NOT NULL, "companyId" varchar(36) NOT NULL, "tickets" integer NOT NULL DEFAULT (0), "cancelled" integer NOT NULL DEFAULT (0), "replyJudged" integer NOT NULL DEFAULT (0), "repliedOnTime" integer NOT NULL DEFAULT (0), "replied" integer NOT NULL DEFAULT (0), "responseMinutes" double NOT NULL DEFAULT (0), "handleJudged" integer NOT NULL DEFAULT (0), "handledOnTime" integer NOT NULL DEFAULT (0), "handledEver" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "reopened" integer NOT NULL DEFAULT (0), "visitNeeded" integer NOT NULL DEFAULT (0), "visited" integer NOT NULL DEFAULT (0), "visits" integer NOT NULL DEFAULT (0), "satisfiedVisits" integer NOT NULL DEFAULT (0), "scoreSum" double NOT NULL DEFAULT (0), "scoreCount" integer NOT NULL DEFAULT (0), "complaintTickets" integer NOT NULL DEFAULT (0), "complaintsResolved" integer NOT NULL DEFAULT (0), PRIMARY KEY ("projectId", "month", "departmentId", "assigneeId", "kind", "category"))`,
    );
    await q.query(
      `INSERT INTO "temporary_report_kpi_rollups"("projectId", "month", "departmentId", "assigneeId", "kind", "category", "companyId", "tickets", "cancelled", "replyJudged", "repliedOnTime", "replied", "responseMinutes", "handleJudged", "handledOnTime", "handledEver", "closed", "reopened", "visitNeeded", "visited", "visits", "satisfiedVisits", "scoreSum", "scoreCount") SELECT "projectId", "month", "departmentId", "assigneeId", "kind", "category", "companyId", "tickets", "cancelled", "replyJudged", "repliedOnTime", "replied", "responseMinutes", "handleJudged", "handledOnTime", "handledEver", "closed", "reopened", "visitNeeded", "visited", "visits", "satisfiedVisits", "scoreSum", "scoreCount" FROM "report_kpi_rollups"`,
    );
    await q.query(`DROP TABLE "report_kpi_rollups"`);
    await q.query(`ALTER TABLE "temporary_report_kpi_rollups" RENAME TO "report_kpi_rollups"`);
    await q.query(
      `CREATE INDEX "IDX_59d8a35bafc1efd9e23403d87d" ON "report_kpi_rollups" ("companyId", "month") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_59d8a35bafc1efd9e23403d87d"`);
    await q.query(`ALTER TABLE "report_kpi_rollups" RENAME TO "temporary_report_kpi_rollups"`);
    await q.query(
      `CREATE TABLE "report_kpi_rollups" ("projectId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "departmentId" varchar(36) NOT NULL, "assigneeId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "category" varchar(20) NOT NULL, "companyId" varchar(36) NOT NULL, "tickets" integer NOT NULL DEFAULT (0), "cancelled" integer NOT NULL DEFAULT (0), "replyJudged" integer NOT NULL DEFAULT (0), "repliedOnTime" integer NOT NULL DEFAULT (0), "replied" integer NOT NULL DEFAULT (0), "responseMinutes" double NOT NULL DEFAULT (0), "handleJudged" integer NOT NULL DEFAULT (0), "handledOnTime" integer NOT NULL DEFAULT (0), "handledEver" integer NOT NULL DEFAULT (0), "closed" integer NOT NULL DEFAULT (0), "reopened" integer NOT NULL DEFAULT (0), "visitNeeded" integer NOT NULL DEFAULT (0), "visited" integer NOT NULL DEFAULT (0), "visits" integer NOT NULL DEFAULT (0), "satisfiedVisits" integer NOT NULL DEFAULT (0), "scoreSum" double NOT NULL DEFAULT (0), "scoreCount" integer NOT NULL DEFAULT (0), PRIMARY KEY ("projectId", "month", "departmentId", "assigneeId", "kind", "category"))`,
    );
    await q.query(
      `INSERT INTO "report_kpi_rollups"("projectId", "month", "departmentId", "assigneeId", "kind", "category", "companyId", "tickets", "cancelled", "replyJudged", "repliedOnTime", "replied", "responseMinutes", "handleJudged", "handledOnTime", "handledEver", "closed", "reopened", "visitNeeded", "visited", "visits", "satisfiedVisits", "scoreSum", "scoreCount") SELECT "projectId", "month", "departmentId", "assigneeId", "kind", "category", "companyId", "tickets", "cancelled", "replyJudged", "repliedOnTime", "replied", "responseMinutes", "handleJudged", "handledOnTime", "handledEver", "closed", "reopened", "visitNeeded", "visited", "visits", "satisfiedVisits", "scoreSum", "scoreCount" FROM "temporary_report_kpi_rollups"`,
    );
    await q.query(`DROP TABLE "temporary_report_kpi_rollups"`);
    await q.query(
      `CREATE INDEX "IDX_59d8a35bafc1efd9e23403d87d" ON "report_kpi_rollups" ("companyId", "month") `,
    );
    await q.query(`ALTER TABLE "companies" RENAME TO "temporary_companies"`);
    await q.query(
      `CREATE TABLE "companies" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "calendarOverrides" text)`,
    );
    await q.query(
      `INSERT INTO "companies"("id", "name", "createdAt", "calendarOverrides") SELECT "id", "name", "createdAt", "calendarOverrides" FROM "temporary_companies"`,
    );
    await q.query(`DROP TABLE "temporary_companies"`);
  }
}
