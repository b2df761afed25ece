import { MigrationInterface, QueryRunner } from 'typeorm';

export class RepairTradesSqlite1795391836684 implements MigrationInterface {
  name = 'RepairTradesSqlite1795391836684';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "staff_trades" ("userId" varchar(36) NOT NULL, "trade" varchar(20) NOT NULL, PRIMARY KEY ("userId", "trade"))`,
    );
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3"`);
    await q.query(`DROP INDEX "IDX_fe004173c67459c83053c95a2a"`);
    await q.query(`DROP INDEX "IDX_a7369346a1094575ec853b1390"`);
    await q.query(`DROP INDEX "IDX_45fc3673c624f6c68559984dcc"`);
    await q.query(
      `CREATE TABLE "temporary_tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "departmentId" varchar(36), "assigneeId" varchar(36), "escalationLevel" varchar(20), "replyDueAt" datetime(6), "handleDueAt" datetime(6), "handlingRecordDueAt" datetime(6), "dueAt" datetime(6), "repliedAt" datetime(6), "handlingRecordAt" datetime(6), "handledAt" datetime(6), "closedAt" datetime(6), "deferredUntil" datetime(6), "pausedAt" datetime(6), "causeFactor" varchar(20), "causeSub" varchar(20), "reopenCount" integer NOT NULL DEFAULT (0), "priority" integer NOT NULL DEFAULT (0), "priorityReason" varchar(200), "category" varchar(20), "categoryConfidence" float, "classification" text, "triage" boolean NOT NULL DEFAULT (0), "emergency" boolean NOT NULL DEFAULT (0), "agitated" boolean NOT NULL DEFAULT (0), "compensationYuan" integer, "majorComplaint" boolean NOT NULL DEFAULT (0), "incidentId" varchar(36), "peopleCount" integer NOT NULL DEFAULT (1), "replyLate" boolean NOT NULL DEFAULT (0), "handleLate" boolean NOT NULL DEFAULT (0), "overdueLevel" integer NOT NULL DEFAULT (0), "trade" varchar(20))`,
    );
    await q.query(
      `INSERT INTO "temporary_tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason", "category", "categoryConfidence", "classification", "triage", "emergency", "agitated", "compensationYuan", "majorComplaint", "incidentId", "peopleCount", "replyLate", "handleLate", "overdueLevel") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason", "category", "categoryConfidence", "classification", "triage", "emergency", "agitated", "compensationYuan", "majorComplaint", "incidentId", "peopleCount", "replyLate", "handleLate", "overdueLevel" FROM "tickets"`,
    );
    await q.query(`DROP TABLE "tickets"`);
    await q.query(`ALTER TABLE "temporary_tickets" RENAME TO "tickets"`);
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
    await q.query(`CREATE INDEX "IDX_45fc3673c624f6c68559984dcc" ON "tickets" ("incidentId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_45fc3673c624f6c68559984dcc"`);
    await q.query(`DROP INDEX "IDX_a7369346a1094575ec853b1390"`);
    await q.query(`DROP INDEX "IDX_fe004173c67459c83053c95a2a"`);
    await q.query(`DROP INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`ALTER TABLE "tickets" RENAME TO "temporary_tickets"`);
    await q.query(
      `CREATE TABLE "tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "departmentId" varchar(36), "assigneeId" varchar(36), "escalationLevel" varchar(20), "replyDueAt" datetime(6), "handleDueAt" datetime(6), "handlingRecordDueAt" datetime(6), "dueAt" datetime(6), "repliedAt" datetime(6), "handlingRecordAt" datetime(6), "handledAt" datetime(6), "closedAt" datetime(6), "deferredUntil" datetime(6), "pausedAt" datetime(6), "causeFactor" varchar(20), "causeSub" varchar(20), "reopenCount" integer NOT NULL DEFAULT (0), "priority" integer NOT NULL DEFAULT (0), "priorityReason" varchar(200), "category" varchar(20), "categoryConfidence" float, "classification" text, "triage" boolean NOT NULL DEFAULT (0), "emergency" boolean NOT NULL DEFAULT (0), "agitated" boolean NOT NULL DEFAULT (0), "compensationYuan" integer, "majorComplaint" boolean NOT NULL DEFAULT (0), "incidentId" varchar(36), "peopleCount" integer NOT NULL DEFAULT (1), "replyLate" boolean NOT NULL DEFAULT (0), "handleLate" boolean NOT NULL DEFAULT (0), "overdueLevel" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `INSERT INTO "tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason", "category", "categoryConfidence", "classification", "triage", "emergency", "agitated", "compensationYuan", "majorComplaint", "incidentId", "peopleCount", "replyLate", "handleLate", "overdueLevel") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt", "departmentId", "assigneeId", "escalationLevel", "replyDueAt", "handleDueAt", "handlingRecordDueAt", "dueAt", "repliedAt", "handlingRecordAt", "handledAt", "closedAt", "deferredUntil", "pausedAt", "causeFactor", "causeSub", "reopenCount", "priority", "priorityReason", "category", "categoryConfidence", "classification", "triage", "emergency", "agitated", "compensationYuan", "majorComplaint", "incidentId", "peopleCount", "replyLate", "handleLate", "overdueLevel" FROM "temporary_tickets"`,
    );
    await q.query(`DROP TABLE "temporary_tickets"`);
    await q.query(`CREATE INDEX "IDX_45fc3673c624f6c68559984dcc" ON "tickets" ("incidentId") `);
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
    await q.query(`DROP TABLE "staff_trades"`);
  }
}
