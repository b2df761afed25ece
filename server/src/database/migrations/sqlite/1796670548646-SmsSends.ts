import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsSendsSqlite1796670548646 implements MigrationInterface {
  name = 'SmsSendsSqlite1796670548646';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sms_sends" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "reason" varchar(16) NOT NULL, "phone" varchar(20), "provider" varchar(12) NOT NULL, "status" varchar(12) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "providerId" varchar(64), "error" varchar(300), "sentAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_7d843d49f133efdccd31a997fb" ON "sms_sends" ("notificationId") `);
    await q.query(`CREATE INDEX "IDX_e2d8a696d18c24a9e9bd50ea79" ON "sms_sends" ("userId", "createdAt") `);
    await q.query(
      `CREATE TABLE "sms_daily_counts" ("userId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "taken" integer NOT NULL DEFAULT (0), PRIMARY KEY ("userId", "day"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sms_daily_counts"`);
    await q.query(`DROP INDEX "IDX_e2d8a696d18c24a9e9bd50ea79"`);
    await q.query(`DROP INDEX "IDX_7d843d49f133efdccd31a997fb"`);
    await q.query(`DROP TABLE "sms_sends"`);
  }
}
