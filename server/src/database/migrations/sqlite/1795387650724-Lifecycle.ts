import { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleSqlite1795387650724 implements MigrationInterface {
  name = 'LifecycleSqlite1795387650724';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_d15060c5976ce994c85c97f146"`);
    await q.query(`DROP INDEX "IDX_760460b0af6f0caf2feeb13be2"`);
    await q.query(`DROP INDEX "IDX_2d013e361c35b4f290e9e220ed"`);
    await q.query(
      `CREATE TABLE "temporary_households" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "room" varchar(20) NOT NULL, "label" varchar(100) NOT NULL, "moveInDate" date, "keyCustomerReasons" varchar(500), "specialNeeds" varchar(500))`,
    );
    await q.query(
      `INSERT INTO "temporary_households"("id", "projectId", "unitId", "room", "label", "moveInDate") SELECT "id", "projectId", "unitId", "room", "label", "moveInDate" FROM "households"`,
    );
    await q.query(`DROP TABLE "households"`);
    await q.query(`ALTER TABLE "temporary_households" RENAME TO "households"`);
    await q.query(`CREATE INDEX "IDX_760460b0af6f0caf2feeb13be2" ON "households" ("unitId") `);
    await q.query(`CREATE INDEX "IDX_2d013e361c35b4f290e9e220ed" ON "households" ("projectId") `);
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(
      `CREATE TABLE "temporary_tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "departmentId" varchar(36), "assigneeId" varchar(36), "escalationLevel" varchar(20), "replyDueAt" datetime(6), "handleDueAt" datetime(6), "handlingRecordDueAt" datetime(6), "dueAt" datetime(6), "repliedAt" datetime(6), "handlingRecordAt" datetime(6), "handledAt" datetime(6), "closedAt" datetime(6), "deferredUntil" datetime(6), "pausedAt" datetime(6), "causeFactor" varchar(20), "causeSub" varchar(20), "reopenCount" integer NOT NULL DEFAULT (0), "priority" integer NOT NULL DEFAULT (0), "priorityReason" varchar(200))`,
    );
    await q.query(
      `INSERT INTO "temporary_tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt" FROM "tickets"`,
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
    await q.query(
      `CREATE TABLE "temporary_ticket_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "action" varchar(32) NOT NULL, "fromStatus" varchar(24), "toStatus" varchar(24) NOT NULL, "actorId" varchar(36), "actorName" varchar(50) NOT NULL, "actorRole" varchar(20) NOT NULL, "note" text, "internal" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "ticketVersion" integer NOT NULL DEFAULT (1), "label" varchar(60) NOT NULL DEFAULT (''), "data" text)`,
    );
    await q.query(
      `INSERT INTO "temporary_ticket_events"("id", "ticketId", "action", "fromStatus", "toStatus", "actorId", "actorName", "actorRole", "note", "internal", "createdAt") SELECT "id", "ticketId", "action", "fromStatus", "toStatus", "actorId", "actorName", "actorRole", "note", "internal", "createdAt" FROM "ticket_events"`,
    );
    await q.query(`DROP TABLE "ticket_events"`);
    await q.query(`ALTER TABLE "temporary_ticket_events" RENAME TO "ticket_events"`);
    await q.query(`CREATE INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3" ON "tickets" ("dueAt") `);
    await q.query(`CREATE INDEX "IDX_fe004173c67459c83053c95a2a" ON "tickets" ("assigneeId", "status") `);
    await q.query(
      `CREATE INDEX "IDX_a7369346a1094575ec853b1390" ON "tickets" ("projectId", "departmentId", "status") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_b970cacd2be4d96bde0f584b7d" ON "ticket_events" ("ticketId", "ticketVersion") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_b970cacd2be4d96bde0f584b7d"`);
    await q.query(`DROP INDEX "IDX_a7369346a1094575ec853b1390"`);
    await q.query(`DROP INDEX "IDX_fe004173c67459c83053c95a2a"`);
    await q.query(`DROP INDEX "IDX_e2ad8a109a8cfd6a3402f5eaa3"`);
    await q.query(`ALTER TABLE "ticket_events" RENAME TO "temporary_ticket_events"`);
    await q.query(
      `CREATE TABLE "ticket_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "action" varchar(32) NOT NULL, "fromStatus" varchar(24), "toStatus" varchar(24) NOT NULL, "actorId" varchar(36), "actorName" varchar(50) NOT NULL, "actorRole" varchar(20) NOT NULL, "note" text, "internal" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `INSERT INTO "ticket_events"("id", "ticketId", "action", "fromStatus", "toStatus", "actorId", "actorName", "actorRole", "note", "internal", "createdAt") SELECT "id", "ticketId", "action", "fromStatus", "toStatus", "actorId", "actorName", "actorRole", "note", "internal", "createdAt" FROM "temporary_ticket_events"`,
    );
    await q.query(`DROP TABLE "temporary_ticket_events"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`ALTER TABLE "tickets" RENAME TO "temporary_tickets"`);
    await q.query(
      `CREATE TABLE "tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `INSERT INTO "tickets"("id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt") SELECT "id", "companyId", "projectId", "number", "kind", "status", "channel", "content", "anonymous", "householdId", "location", "residentId", "contactName", "contactPhone", "firstReceiverId", "createdById", "idempotencyKey", "requestHash", "version", "createdAt", "updatedAt" FROM "temporary_tickets"`,
    );
    await q.query(`DROP TABLE "temporary_tickets"`);
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
    await q.query(`DROP INDEX "IDX_2d013e361c35b4f290e9e220ed"`);
    await q.query(`DROP INDEX "IDX_760460b0af6f0caf2feeb13be2"`);
    await q.query(`ALTER TABLE "households" RENAME TO "temporary_households"`);
    await q.query(
      `CREATE TABLE "households" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "room" varchar(20) NOT NULL, "label" varchar(100) NOT NULL, "moveInDate" date)`,
    );
    await q.query(
      `INSERT INTO "households"("id", "projectId", "unitId", "room", "label", "moveInDate") SELECT "id", "projectId", "unitId", "room", "label", "moveInDate" FROM "temporary_households"`,
    );
    await q.query(`DROP TABLE "temporary_households"`);
    await q.query(`CREATE INDEX "IDX_2d013e361c35b4f290e9e220ed" ON "households" ("projectId") `);
    await q.query(`CREATE INDEX "IDX_760460b0af6f0caf2feeb13be2" ON "households" ("unitId") `);
    await q.query(
      `CREATE INDEX "IDX_d15060c5976ce994c85c97f146" ON "ticket_events" ("ticketId", "createdAt") `,
    );
  }
}
