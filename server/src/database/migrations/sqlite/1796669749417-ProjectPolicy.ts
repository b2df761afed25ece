import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectPolicySqlite1796669749417 implements MigrationInterface {
  name = 'ProjectPolicySqlite1796669749417';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "temporary_companies" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "calendarOverrides" text, "policy" text)`,
    );
    await q.query(
      `INSERT INTO "temporary_companies"("id", "name", "createdAt", "calendarOverrides") SELECT "id", "name", "createdAt", "calendarOverrides" FROM "companies"`,
    );
    await q.query(`DROP TABLE "companies"`);
    await q.query(`ALTER TABLE "temporary_companies" RENAME TO "companies"`);
    await q.query(`DROP INDEX "IDX_87fa45e3f4517658b98e5c55b9"`);
    await q.query(
      `CREATE TABLE "temporary_projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "autoRoute" boolean NOT NULL DEFAULT (1), "autoRouteThreshold" float, "clockSettings" text, "policy" text)`,
    );
    await q.query(
      `INSERT INTO "temporary_projects"("id", "companyId", "name", "address", "createdAt", "autoRoute", "autoRouteThreshold", "clockSettings") SELECT "id", "companyId", "name", "address", "createdAt", "autoRoute", "autoRouteThreshold", "clockSettings" FROM "projects"`,
    );
    await q.query(`DROP TABLE "projects"`);
    await q.query(`ALTER TABLE "temporary_projects" RENAME TO "projects"`);
    await q.query(`CREATE INDEX "IDX_87fa45e3f4517658b98e5c55b9" ON "projects" ("companyId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_87fa45e3f4517658b98e5c55b9"`);
    await q.query(`ALTER TABLE "projects" RENAME TO "temporary_projects"`);
    await q.query(
      `CREATE TABLE "projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "autoRoute" boolean NOT NULL DEFAULT (1), "autoRouteThreshold" float, "clockSettings" text)`,
    );
    await q.query(
      `INSERT INTO "projects"("id", "companyId", "name", "address", "createdAt", "autoRoute", "autoRouteThreshold", "clockSettings") SELECT "id", "companyId", "name", "address", "createdAt", "autoRoute", "autoRouteThreshold", "clockSettings" FROM "temporary_projects"`,
    );
    await q.query(`DROP TABLE "temporary_projects"`);
    await q.query(`CREATE INDEX "IDX_87fa45e3f4517658b98e5c55b9" ON "projects" ("companyId") `);
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
