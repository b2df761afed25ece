import { MigrationInterface, QueryRunner } from 'typeorm';

/** households.emergencyContacts 紧急联系人: one nullable column, added in place (no table rebuild). */
export class HouseholdEmergencyContactsSqlite1796671275762 implements MigrationInterface {
  name = 'HouseholdEmergencyContactsSqlite1796671275762';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "households" ADD COLUMN "emergencyContacts" varchar(500)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "households" DROP COLUMN "emergencyContacts"`);
  }
}
