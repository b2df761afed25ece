import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReturnVisitsSqlite1795391676139 implements MigrationInterface {
  name = 'ReturnVisitsSqlite1795391676139';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "visit_rules" ("projectId" varchar(36) PRIMARY KEY NOT NULL, "overrides" text NOT NULL, "updatedById" varchar(36) NOT NULL, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE TABLE "visit_preferences" ("id" varchar(36) PRIMARY KEY NOT NULL, "householdId" varchar(36), "userId" varchar(36), "noVisit" boolean NOT NULL DEFAULT (1), "note" varchar(200), "recordedById" varchar(36) NOT NULL, "recordedAt" datetime(6) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1342218ace48bff8509159a670" ON "visit_preferences" ("householdId") `,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_0e76cca5c2fd27843b9a477071" ON "visit_preferences" ("userId") `);
    await q.query(
      `CREATE TABLE "ticket_visit_settings" ("ticketId" varchar(36) PRIMARY KEY NOT NULL, "complaintLevel" integer, "sensitive" boolean NOT NULL DEFAULT (0), "repairType" varchar(20), "rainCaused" boolean, "note" varchar(200), "updatedById" varchar(36) NOT NULL, "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE TABLE "visit_tasks" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "round" integer NOT NULL, "seq" integer NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(12) NOT NULL, "trigger" varchar(12) NOT NULL, "form" varchar(8) NOT NULL, "visitorRole" varchar(20) NOT NULL, "complaintLevel" integer, "repairType" varchar(20), "basis" varchar(120) NOT NULL, "inviteDeadline" datetime(6), "dueAt" datetime(6), "outcome" varchar(16), "doneVia" varchar(8), "doneAt" datetime(6), "doneById" varchar(36), "cancelReason" varchar(40), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_8c3410f4e9e3a4c26e34e13b46" ON "visit_tasks" ("projectId", "status", "dueAt") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_577f0375f3e081ceccb43200f9" ON "visit_tasks" ("ticketId", "round", "seq") `,
    );
    await q.query(
      `CREATE TABLE "visit_attempts" ("id" varchar(36) PRIMARY KEY NOT NULL, "taskId" varchar(36) NOT NULL, "ticketId" varchar(36) NOT NULL, "method" varchar(8) NOT NULL, "result" varchar(16) NOT NULL, "visitorId" varchar(36) NOT NULL, "visitorName" varchar(50) NOT NULL, "note" text, "signatureUploadId" varchar(36), "createdAt" datetime(6) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_03507dc1cf8065a6deee64b4bc" ON "visit_attempts" ("taskId") `);
    await q.query(`CREATE INDEX "IDX_21a1b0a0bdec7217f25f1d4d0b" ON "visit_attempts" ("ticketId") `);
    await q.query(
      `CREATE TABLE "ratings" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "round" integer NOT NULL, "seq" integer NOT NULL, "taskId" varchar(36), "attemptId" varchar(36), "kind" varchar(16) NOT NULL, "source" varchar(8) NOT NULL, "recordedById" varchar(36) NOT NULL, "scores" text NOT NULL, "average" float, "satisfied" boolean NOT NULL, "chargeCorrect" boolean, "comment" text, "photoIds" text, "createdAt" datetime(6) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_bcbc72d958b4ecd1fa37845748" ON "ratings" ("projectId") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_edfcdff5a5de7e205f595b9300" ON "ratings" ("ticketId", "round", "seq") `,
    );
    await q.query(
      `CREATE TABLE "repeat_complaints" ("id" varchar(36) PRIMARY KEY NOT NULL, "originalTicketId" varchar(36) NOT NULL, "householdId" varchar(36) NOT NULL, "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "kind" varchar(16) NOT NULL, "content" text NOT NULL, "similarity" float NOT NULL, "createdAt" datetime(6) NOT NULL)`,
    );
    await q.query(
      `CREATE INDEX "IDX_3838d6cf25476d7d5ea38f9f27" ON "repeat_complaints" ("originalTicketId") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_daa8d58e6355fce0d2da21f574" ON "repeat_complaints" ("createdById", "idempotencyKey") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_daa8d58e6355fce0d2da21f574"`);
    await q.query(`DROP INDEX "IDX_3838d6cf25476d7d5ea38f9f27"`);
    await q.query(`DROP TABLE "repeat_complaints"`);
    await q.query(`DROP INDEX "IDX_edfcdff5a5de7e205f595b9300"`);
    await q.query(`DROP INDEX "IDX_bcbc72d958b4ecd1fa37845748"`);
    await q.query(`DROP TABLE "ratings"`);
    await q.query(`DROP INDEX "IDX_21a1b0a0bdec7217f25f1d4d0b"`);
    await q.query(`DROP INDEX "IDX_03507dc1cf8065a6deee64b4bc"`);
    await q.query(`DROP TABLE "visit_attempts"`);
    await q.query(`DROP INDEX "IDX_577f0375f3e081ceccb43200f9"`);
    await q.query(`DROP INDEX "IDX_8c3410f4e9e3a4c26e34e13b46"`);
    await q.query(`DROP TABLE "visit_tasks"`);
    await q.query(`DROP TABLE "ticket_visit_settings"`);
    await q.query(`DROP INDEX "IDX_0e76cca5c2fd27843b9a477071"`);
    await q.query(`DROP INDEX "IDX_1342218ace48bff8509159a670"`);
    await q.query(`DROP TABLE "visit_preferences"`);
    await q.query(`DROP TABLE "visit_rules"`);
  }
}
