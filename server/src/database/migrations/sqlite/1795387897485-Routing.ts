import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingSqlite1795387897485 implements MigrationInterface {
  name = 'RoutingSqlite1795387897485';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "routing_rules" ("projectId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "departmentCode" varchar(20) NOT NULL, PRIMARY KEY ("projectId", "category"))`,
    );
    await q.query(
      `CREATE TABLE "classification_corrections" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "ticketId" varchar(36), "text" text NOT NULL, "fromCategory" varchar(20), "toCategory" varchar(20) NOT NULL, "correctedById" varchar(36) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_d7763ca04e2660f4367211f93b" ON "classification_corrections" ("companyId", "createdAt") `,
    );
    await q.query(`DROP INDEX "IDX_87fa45e3f4517658b98e5c55b9"`);
    await q.query(
      `CREATE TABLE "temporary_projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "autoRoute" boolean NOT NULL DEFAULT (1), "autoRouteThreshold" float)`,
    );
    await q.query(
      `INSERT INTO "temporary_projects"("id", "companyId", "name", "address", "createdAt") SELECT "id", "companyId", "name", "address", "createdAt" FROM "projects"`,
    );
    await q.query(`DROP TABLE "projects"`);
    await q.query(`ALTER TABLE "temporary_projects" RENAME TO "projects"`);
    await q.query(`CREATE INDEX "IDX_87fa45e3f4517658b98e5c55b9" ON "projects" ("companyId") `);
    await q.query(`DROP INDEX "IDX_0600ec0953c21c21336bc9d2ea"`);
    await q.query(
      `CREATE TABLE "temporary_departments" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "code" varchar(20) NOT NULL, "name" varchar(50) NOT NULL, "assignStrategy" varchar(20) NOT NULL DEFAULT ('fewest_open'), "maxOpenPerPerson" integer NOT NULL DEFAULT (20), "lastAssignedUserId" varchar(36))`,
    );
    await q.query(
      `INSERT INTO "temporary_departments"("id", "projectId", "code", "name") SELECT "id", "projectId", "code", "name" FROM "departments"`,
    );
    await q.query(`DROP TABLE "departments"`);
    await q.query(`ALTER TABLE "temporary_departments" RENAME TO "departments"`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0600ec0953c21c21336bc9d2ea" ON "departments" ("projectId", "code") `,
    );
    await q.query(`DROP INDEX "IDX_7d07972c1fb25d8fb82ab29840"`);
    await q.query(`DROP INDEX "IDX_9c98f005249412c8333a3b2c59"`);
    await q.query(`DROP INDEX "IDX_67689993ed1578f83ebf1b9078"`);
    await q.query(`DROP INDEX "IDX_6f9395c9037632a31107c8a9e5"`);
    await q.query(
      `CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36), "projectId" varchar(36), "departmentId" varchar(36), "kind" varchar(10) NOT NULL, "role" varchar(20) NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "openid" varchar(64), "demoKey" varchar(40), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "onDuty" boolean NOT NULL DEFAULT (1))`,
    );
    await q.query(
      `INSERT INTO "temporary_users"("id", "companyId", "projectId", "departmentId", "kind", "role", "name", "phone", "openid", "demoKey", "createdAt") SELECT "id", "companyId", "projectId", "departmentId", "kind", "role", "name", "phone", "openid", "demoKey", "createdAt" FROM "users"`,
    );
    await q.query(`DROP TABLE "users"`);
    await q.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_7d07972c1fb25d8fb82ab29840" ON "users" ("demoKey") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_9c98f005249412c8333a3b2c59" ON "users" ("openid") `);
    await q.query(`CREATE INDEX "IDX_67689993ed1578f83ebf1b9078" ON "users" ("projectId") `);
    await q.query(`CREATE INDEX "IDX_6f9395c9037632a31107c8a9e5" ON "users" ("companyId") `);
    await q.query(`DROP INDEX "IDX_a7369346a1094575ec853b1390"`);
    await q.query(`DROP INDEX "IDX_fe004173c67459c83053c95a2a"`);
    await q.query(`DROP INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(
      `CREATE TABLE "temporary_tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "departmentId" varchar(36), "assigneeId" varchar(36), "escalationLevel" varchar(20), "replyDueAt" datetime(6), "handleDueAt" datetime(6), "handlingRecordDueAt" datetime(6), "dueAt" datetime(6), "repliedAt" datetime(6), "handlingRecordAt" datetime(6), "handledAt" datetime(6), "closedAt" datetime(6), "deferredUntil" datetime(6), "pausedAt" datetime(6), "causeFactor" varchar(20), "causeSub" varchar(20), "reopenCount" integer NOT NULL DEFAULT (0), "priority" integer NOT NULL DEFAULT (0), "priorityReason" varchar(200), "category" varchar(20), "categoryConfidence" float, "classification" text, "triage" boolean NOT NULL DEFAULT (0), "emergency" boolean NOT NULL DEFAULT (0), "agitated" boolean NOT NULL DEFAULT (0), "compensationYuan" integer, "majorComplaint" boolean NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `INSERT INTO "temporary_tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason" FROM "tickets"`,
    );
    await q.query(`DROP TABLE "tickets"`);
    await q.query(`ALTER TABLE "temporary_tickets" RENAME TO "tickets"`);
    await q.query(
      `CREATE INDEX "IDX_a7369346a1094575ec853b1390" ON "tickets" ("projectId", "departmentId", "status") `,
    );
    await q.query(`CREATE INDEX "IDX_fe004173c67459c83053c95a2a" ON "tickets" ("assigneeId", "status") `);
    await q.query(`CREATE INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3" ON "tickets" ("dueAt") `);
    await q.query(`CREATE INDEX "IDX_0c464cc66e436d416a71b76738" ON "tickets" ("householdId") `);
    await q.query(`CREATE INDEX "IDX_c3a8cdc0256b7228558991878d" ON "tickets" ("residentId") `);
    await q.query(`CREATE INDEX "IDX_28fbc57b1e8132fa43ce74ed6e" ON "tickets" ("projectId", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_07c26e2141bcea0ca039c59d84" ON "tickets" ("projectId", "status") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1d973cbd36d42c73d81f32ac79" ON "tickets" ("createdById", "idempotencyKey") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_2430fc4e8868c87c79b2487f63" ON "tickets" ("companyId", "number") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3"`);
    await q.query(`DROP INDEX "IDX_fe004173c67459c83053c95a2a"`);
    await q.query(`DROP INDEX "IDX_a7369346a1094575ec853b1390"`);
    await q.query(`ALTER TABLE "tickets" RENAME TO "temporary_tickets"`);
    await q.query(
      `CREATE TABLE "tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "departmentId" varchar(36), "assigneeId" varchar(36), "escalationLevel" varchar(20), "replyDueAt" datetime(6), "handleDueAt" datetime(6), "handlingRecordDueAt" datetime(6), "dueAt" datetime(6), "repliedAt" datetime(6), "handlingRecordAt" datetime(6), "handledAt" datetime(6), "closedAt" datetime(6), "deferredUntil" datetime(6), "pausedAt" datetime(6), "causeFactor" varchar(20), "causeSub" varchar(20), "reopenCount" integer NOT NULL DEFAULT (0), "priority" integer NOT NULL DEFAULT (0), "priorityReason" varchar(200))`,
    );
    await q.query(
      `INSERT INTO "tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason" FROM "temporary_tickets"`,
    );
    await q.query(`DROP TABLE "temporary_tickets"`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_2430fc4e8868c87c79b2487f63" ON "tickets" ("companyId", "number") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1d973cbd36d42c73d81f32ac79" ON "tickets" ("createdById", "idempotencyKey") `,
    );
    await q.query(`CREATE INDEX "IDX_07c26e2141bcea0ca039c59d84" ON "tickets" ("projectId", "status") `);
    await q.query(`CREATE INDEX "IDX_28fbc57b1e8132fa43ce74ed6e" ON "tickets" ("projectId", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_c3a8cdc0256b7228558991878d" ON "tickets" ("residentId") `);
    await q.query(`CREATE INDEX "IDX_0c464cc66e436d416a71b76738" ON "tickets" ("householdId") `);
    await q.query(`CREATE INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3" ON "tickets" ("dueAt") `);
    await q.query(`CREATE INDEX "IDX_fe004173c67459c83053c95a2a" ON "tickets" ("assigneeId", "status") `);
    await q.query(
      `CREATE INDEX "IDX_a7369346a1094575ec853b1390" ON "tickets" ("projectId", "departmentId", "status") `,
    );
    await q.query(`DROP INDEX "IDX_6f9395c9037632a31107c8a9e5"`);
    await q.query(`DROP INDEX "IDX_67689993ed1578f83ebf1b9078"`);
    await q.query(`DROP INDEX "IDX_9c98f005249412c8333a3b2c59"`);
    await q.query(`DROP INDEX "IDX_7d07972c1fb25d8fb82ab29840"`);
    await q.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await q.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36), "projectId" varchar(36), "departmentId" varchar(36), "kind" varchar(10) NOT NULL, "role" varchar(20) NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "openid" varchar(64), "demoKey" varchar(40), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `INSERT INTO "users"("id", "companyId", "projectId", "departmentId", "kind", "role", "name", "phone", "openid", "demoKey", "createdAt") SELECT "id", "companyId", "projectId", "departmentId", "kind", "role", "name", "phone", "openid", "demoKey", "createdAt" FROM "temporary_users"`,
    );
    await q.query(`DROP TABLE "temporary_users"`);
    await q.query(`CREATE INDEX "IDX_6f9395c9037632a31107c8a9e5" ON "users" ("companyId") `);
    await q.query(`CREATE INDEX "IDX_67689993ed1578f83ebf1b9078" ON "users" ("projectId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_9c98f005249412c8333a3b2c59" ON "users" ("openid") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_7d07972c1fb25d8fb82ab29840" ON "users" ("demoKey") `);
    await q.query(`DROP INDEX "IDX_0600ec0953c21c21336bc9d2ea"`);
    await q.query(`ALTER TABLE "departments" RENAME TO "temporary_departments"`);
    await q.query(
      `CREATE TABLE "departments" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "code" varchar(20) NOT NULL, "name" varchar(50) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "departments"("id", "projectId", "code", "name") SELECT "id", "projectId", "code", "name" FROM "temporary_departments"`,
    );
    await q.query(`DROP TABLE "temporary_departments"`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0600ec0953c21c21336bc9d2ea" ON "departments" ("projectId", "code") `,
    );
    await q.query(`DROP INDEX "IDX_87fa45e3f4517658b98e5c55b9"`);
    await q.query(`ALTER TABLE "projects" RENAME TO "temporary_projects"`);
    await q.query(
      `CREATE TABLE "projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `INSERT INTO "projects"("id", "companyId", "name", "address", "createdAt") SELECT "id", "companyId", "name", "address", "createdAt" FROM "temporary_projects"`,
    );
    await q.query(`DROP TABLE "temporary_projects"`);
    await q.query(`CREATE INDEX "IDX_87fa45e3f4517658b98e5c55b9" ON "projects" ("companyId") `);
    await q.query(`DROP INDEX "IDX_d7763ca04e2660f4367211f93b"`);
    await q.query(`DROP TABLE "classification_corrections"`);
    await q.query(`DROP TABLE "routing_rules"`);
  }
}
