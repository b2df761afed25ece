import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffInvitesSqlite1795389165424 implements MigrationInterface {
  name = 'StaffInvitesSqlite1795389165424';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "staff_invites" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(12) NOT NULL, "staffUserId" varchar(36) NOT NULL, "createdById" varchar(36) NOT NULL, "expiresAt" datetime(6) NOT NULL, "usedAt" datetime(6), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_0881579ba472ca5bfe12237793" ON "staff_invites" ("code") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_0881579ba472ca5bfe12237793"`);
    await q.query(`DROP TABLE "staff_invites"`);
  }
}
