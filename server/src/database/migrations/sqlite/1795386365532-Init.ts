import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitSqlite1795386365532 implements MigrationInterface {
  name = 'InitSqlite1795386365532';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "companies" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE TABLE "projects" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL DEFAULT (''), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_87fa45e3f4517658b98e5c55b9" ON "projects" ("companyId") `);
    await q.query(
      `CREATE TABLE "buildings" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "name" varchar(50) NOT NULL, "sort" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(`CREATE INDEX "IDX_6bbc9fac951c0cbe7cc8819e12" ON "buildings" ("projectId") `);
    await q.query(
      `CREATE TABLE "units" ("id" varchar(36) PRIMARY KEY NOT NULL, "buildingId" varchar(36) NOT NULL, "name" varchar(50) NOT NULL, "sort" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(`CREATE INDEX "IDX_3f8b928bed788bea24f7461104" ON "units" ("buildingId") `);
    await q.query(
      `CREATE TABLE "households" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "unitId" varchar(36) NOT NULL, "room" varchar(20) NOT NULL, "label" varchar(100) NOT NULL, "moveInDate" date)`,
    );
    await q.query(`CREATE INDEX "IDX_2d013e361c35b4f290e9e220ed" ON "households" ("projectId") `);
    await q.query(`CREATE INDEX "IDX_760460b0af6f0caf2feeb13be2" ON "households" ("unitId") `);
    await q.query(
      `CREATE TABLE "departments" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "code" varchar(20) NOT NULL, "name" varchar(50) NOT NULL)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_0600ec0953c21c21336bc9d2ea" ON "departments" ("projectId", "code") `,
    );
    await q.query(
      `CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36), "projectId" varchar(36), "departmentId" varchar(36), "kind" varchar(10) NOT NULL, "role" varchar(20) NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "openid" varchar(64), "demoKey" varchar(40), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_6f9395c9037632a31107c8a9e5" ON "users" ("companyId") `);
    await q.query(`CREATE INDEX "IDX_67689993ed1578f83ebf1b9078" ON "users" ("projectId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_9c98f005249412c8333a3b2c59" ON "users" ("openid") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_7d07972c1fb25d8fb82ab29840" ON "users" ("demoKey") `);
    await q.query(
      `CREATE TABLE "household_bindings" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "householdId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "relation" varchar(10) NOT NULL, "status" varchar(10) NOT NULL, "name" varchar(50) NOT NULL, "phone" varchar(20), "decidedById" varchar(36), "decidedAt" datetime(6), "decisionNote" varchar(200), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_400a3f876a0adc9c5b7589129e" ON "household_bindings" ("householdId") `);
    await q.query(`CREATE INDEX "IDX_b96a28d249f7ca8b1bafcc88a6" ON "household_bindings" ("projectId") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_907e447e7e30556ab95909fcdd" ON "household_bindings" ("userId", "householdId") `,
    );
    await q.query(
      `CREATE TABLE "household_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(12) NOT NULL, "householdId" varchar(36) NOT NULL, "createdById" varchar(36) NOT NULL, "expiresAt" datetime(6) NOT NULL, "usedAt" datetime(6), "usedById" varchar(36), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_62984656e13a3c3338792212b4" ON "household_codes" ("code") `);
    await q.query(
      `CREATE TABLE "uploads" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36), "uploaderId" varchar(36) NOT NULL, "storageKey" varchar(200) NOT NULL, "mime" varchar(40) NOT NULL, "size" integer NOT NULL, "ticketId" varchar(36), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_569fe786a844a2e381f3280cdc" ON "uploads" ("uploaderId") `);
    await q.query(`CREATE INDEX "IDX_26b52eb7896fa66ca86483a8c2" ON "uploads" ("ticketId") `);
    await q.query(
      `CREATE TABLE "tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "number" varchar(24) NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(24) NOT NULL, "channel" varchar(16) NOT NULL, "content" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "householdId" varchar(36), "location" varchar(200), "residentId" varchar(36), "contactName" varchar(50), "contactPhone" varchar(20), "firstReceiverId" varchar(36), "createdById" varchar(36) NOT NULL, "idempotencyKey" varchar(64) NOT NULL, "requestHash" varchar(64) NOT NULL, "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
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
    await q.query(
      `CREATE TABLE "ticket_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "action" varchar(32) NOT NULL, "fromStatus" varchar(24), "toStatus" varchar(24) NOT NULL, "actorId" varchar(36), "actorName" varchar(50) NOT NULL, "actorRole" varchar(20) NOT NULL, "note" text, "internal" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_d15060c5976ce994c85c97f146" ON "ticket_events" ("ticketId", "createdAt") `,
    );
    await q.query(
      `CREATE TABLE "ticket_counters" ("companyId" varchar(36) NOT NULL, "prefix" varchar(4) NOT NULL, "day" varchar(8) NOT NULL, "seq" integer NOT NULL, PRIMARY KEY ("companyId", "prefix", "day"))`,
    );
    await q.query(
      `CREATE TABLE "ticket_photos" ("ticketId" varchar(36) NOT NULL, "uploadId" varchar(36) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("ticketId", "uploadId"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ticket_photos"`);
    await q.query(`DROP TABLE "ticket_counters"`);
    await q.query(`DROP INDEX "IDX_d15060c5976ce994c85c97f146"`);
    await q.query(`DROP TABLE "ticket_events"`);
    await q.query(`DROP INDEX "IDX_2430fc4e8868c87c79b2487f63"`);
    await q.query(`DROP INDEX "IDX_1d973cbd36d42c73d81f32ac79"`);
    await q.query(`DROP INDEX "IDX_07c26e2141bcea0ca039c59d84"`);
    await q.query(`DROP INDEX "IDX_28fbc57b1e8132fa43ce74ed6e"`);
    await q.query(`DROP INDEX "IDX_c3a8cdc0256b7228558991878d"`);
    await q.query(`DROP INDEX "IDX_0c464cc66e436d416a71b76738"`);
    await q.query(`DROP TABLE "tickets"`);
    await q.query(`DROP INDEX "IDX_26b52eb7896fa66ca86483a8c2"`);
    await q.query(`DROP INDEX "IDX_569fe786a844a2e381f3280cdc"`);
    await q.query(`DROP TABLE "uploads"`);
    await q.query(`DROP INDEX "IDX_62984656e13a3c3338792212b4"`);
    await q.query(`DROP TABLE "household_codes"`);
    await q.query(`DROP INDEX "IDX_907e447e7e30556ab95909fcdd"`);
    await q.query(`DROP INDEX "IDX_b96a28d249f7ca8b1bafcc88a6"`);
    await q.query(`DROP INDEX "IDX_400a3f876a0adc9c5b7589129e"`);
    await q.query(`DROP TABLE "household_bindings"`);
    await q.query(`DROP INDEX "IDX_7d07972c1fb25d8fb82ab29840"`);
    await q.query(`DROP INDEX "IDX_9c98f005249412c8333a3b2c59"`);
    await q.query(`DROP INDEX "IDX_67689993ed1578f83ebf1b9078"`);
    await q.query(`DROP INDEX "IDX_6f9395c9037632a31107c8a9e5"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP INDEX "IDX_0600ec0953c21c21336bc9d2ea"`);
    await q.query(`DROP TABLE "departments"`);
    await q.query(`DROP INDEX "IDX_760460b0af6f0caf2feeb13be2"`);
    await q.query(`DROP INDEX "IDX_2d013e361c35b4f290e9e220ed"`);
    await q.query(`DROP TABLE "households"`);
    await q.query(`DROP INDEX "IDX_3f8b928bed788bea24f7461104"`);
    await q.query(`DROP TABLE "units"`);
    await q.query(`DROP INDEX "IDX_6bbc9fac951c0cbe7cc8819e12"`);
    await q.query(`DROP TABLE "buildings"`);
    await q.query(`DROP INDEX "IDX_87fa45e3f4517658b98e5c55b9"`);
    await q.query(`DROP TABLE "projects"`);
    await q.query(`DROP TABLE "companies"`);
  }
}
