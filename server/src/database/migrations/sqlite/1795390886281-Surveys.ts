import { MigrationInterface, QueryRunner } from 'typeorm';

export class SurveysSqlite1795390886281 implements MigrationInterface {
  name = 'SurveysSqlite1795390886281';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "survey_questionnaires" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "familyId" varchar(36) NOT NULL, "version" integer NOT NULL, "title" varchar(100) NOT NULL, "intro" text NOT NULL, "closing" text NOT NULL, "frozenAt" datetime(6), "createdById" varchar(36) NOT NULL, "createdAt" datetime(6) NOT NULL, "updatedAt" datetime(6) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_1084eab6610487238e0007c6a4" ON "survey_questionnaires" ("companyId") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_49aab2fd1809b6bc762c572cdd" ON "survey_questionnaires" ("familyId", "version") `,
    );
    await q.query(
      `CREATE TABLE "survey_drivers" ("id" varchar(36) PRIMARY KEY NOT NULL, "questionnaireId" varchar(36) NOT NULL, "code" varchar(30) NOT NULL, "name" varchar(50) NOT NULL, "weight" integer NOT NULL, "sort" integer NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_327d5cef1cc9cea745e74642c4" ON "survey_drivers" ("questionnaireId") `);
    await q.query(
      `CREATE TABLE "survey_sections" ("id" varchar(36) PRIMARY KEY NOT NULL, "questionnaireId" varchar(36) NOT NULL, "title" varchar(100) NOT NULL, "sort" integer NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_06e92aa62d75f56f159ba23418" ON "survey_sections" ("questionnaireId") `);
    await q.query(
      `CREATE TABLE "survey_questions" ("id" varchar(36) PRIMARY KEY NOT NULL, "questionnaireId" varchar(36) NOT NULL, "sectionId" varchar(36) NOT NULL, "key" varchar(40) NOT NULL, "kind" varchar(10) NOT NULL, "text" varchar(200) NOT NULL, "scale" integer, "driverCode" varchar(30), "sort" integer NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_1c5e357f71e291c0c048538e7b" ON "survey_questions" ("questionnaireId") `);
    await q.query(
      `CREATE TABLE "survey_campaigns" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "questionnaireId" varchar(36) NOT NULL, "title" varchar(100) NOT NULL, "status" varchar(10) NOT NULL, "samplePercent" integer NOT NULL, "minSample" integer NOT NULL, "minAnsweredPercent" integer NOT NULL, "seed" varchar(64), "populationSize" integer, "sampleSize" integer, "createdById" varchar(36) NOT NULL, "createdAt" datetime(6) NOT NULL, "startedById" varchar(36), "startedAt" datetime(6), "closedById" varchar(36), "closedAt" datetime(6))`,
    );
    await q.query(`CREATE INDEX "IDX_dda1324555bf79266da1e93669" ON "survey_campaigns" ("companyId") `);
    await q.query(`CREATE INDEX "IDX_5bd15bc197dadfa618f195fde6" ON "survey_campaigns" ("projectId") `);
    await q.query(
      `CREATE TABLE "survey_campaign_households" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "householdId" varchar(36) NOT NULL, "buildingId" varchar(36) NOT NULL, "buildingName" varchar(50) NOT NULL, "householdLabel" varchar(100) NOT NULL, "customerType" varchar(20) NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX "IDX_7dd71f21c3865c4e0bea9b5420" ON "survey_campaign_households" ("householdId") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_df6f8212b9be258e56e9cc5835" ON "survey_campaign_households" ("campaignId", "householdId") `,
    );
    await q.query(
      `CREATE TABLE "survey_responses" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "householdId" varchar(36) NOT NULL, "respondentId" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "idempotencyKey" varchar(64), "requestHash" varchar(64), "answeredClosed" integer NOT NULL DEFAULT (0), "valid" boolean, "createdAt" datetime(6) NOT NULL, "updatedAt" datetime(6) NOT NULL, "submittedAt" datetime(6))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_d715d4ae0b3341ab98dd5a28e8" ON "survey_responses" ("campaignId", "householdId") `,
    );
    await q.query(
      `CREATE TABLE "survey_answers" ("id" varchar(36) PRIMARY KEY NOT NULL, "responseId" varchar(36) NOT NULL, "questionId" varchar(36) NOT NULL, "point" integer, "text" text)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_f285a9276cdf8e9d182fb454ef" ON "survey_answers" ("responseId", "questionId") `,
    );
    await q.query(
      `CREATE TABLE "survey_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "action" varchar(20) NOT NULL, "actorId" varchar(36) NOT NULL, "at" datetime(6) NOT NULL, "detail" text)`,
    );
    await q.query(`CREATE INDEX "IDX_1d30c9c8bc8a22873096db0dcc" ON "survey_events" ("campaignId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_1d30c9c8bc8a22873096db0dcc"`);
    await q.query(`DROP TABLE "survey_events"`);
    await q.query(`DROP INDEX "IDX_f285a9276cdf8e9d182fb454ef"`);
    await q.query(`DROP TABLE "survey_answers"`);
    await q.query(`DROP INDEX "IDX_d715d4ae0b3341ab98dd5a28e8"`);
    await q.query(`DROP TABLE "survey_responses"`);
    await q.query(`DROP INDEX "IDX_df6f8212b9be258e56e9cc5835"`);
    await q.query(`DROP INDEX "IDX_7dd71f21c3865c4e0bea9b5420"`);
    await q.query(`DROP TABLE "survey_campaign_households"`);
    await q.query(`DROP INDEX "IDX_5bd15bc197dadfa618f195fde6"`);
    await q.query(`DROP INDEX "IDX_dda1324555bf79266da1e93669"`);
    await q.query(`DROP TABLE "survey_campaigns"`);
    await q.query(`DROP INDEX "IDX_1c5e357f71e291c0c048538e7b"`);
    await q.query(`DROP TABLE "survey_questions"`);
    await q.query(`DROP INDEX "IDX_06e92aa62d75f56f159ba23418"`);
    await q.query(`DROP TABLE "survey_sections"`);
    await q.query(`DROP INDEX "IDX_327d5cef1cc9cea745e74642c4"`);
    await q.query(`DROP TABLE "survey_drivers"`);
    await q.query(`DROP INDEX "IDX_49aab2fd1809b6bc762c572cdd"`);
    await q.query(`DROP INDEX "IDX_1084eab6610487238e0007c6a4"`);
    await q.query(`DROP TABLE "survey_questionnaires"`);
  }
}
