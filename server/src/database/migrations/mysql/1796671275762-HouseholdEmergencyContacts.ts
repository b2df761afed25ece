import { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdEmergencyContactsMysql1796671275762 implements MigrationInterface {
  name = 'HouseholdEmergencyContactsMysql1796671275762';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`households\` ADD \`emergencyContacts\` varchar(500) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`households\` DROP COLUMN \`emergencyContacts\``);
  }
}
