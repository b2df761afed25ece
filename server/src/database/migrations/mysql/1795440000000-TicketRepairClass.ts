import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketRepairClassMysql1795440000000 implements MigrationInterface {
  name = 'TicketRepairClassMysql1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` ADD \`repairClass\` varchar(16) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`repairClass\``);
  }
}
