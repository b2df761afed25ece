import { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketRepairClassSqlite1795440000000 implements MigrationInterface {
  name = 'TicketRepairClassSqlite1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD COLUMN "repairClass" varchar(16)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "repairClass"`);
  }
}
