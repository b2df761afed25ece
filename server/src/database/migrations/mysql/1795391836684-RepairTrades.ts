import { MigrationInterface, QueryRunner } from 'typeorm';

export class RepairTradesMysql1795391836684 implements MigrationInterface {
  name = 'RepairTradesMysql1795391836684';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`staff_trades\` (\`userId\` varchar(36) NOT NULL, \`trade\` varchar(20) NOT NULL, PRIMARY KEY (\`userId\`, \`trade\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(`ALTER TABLE \`tickets\` ADD \`trade\` varchar(20) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`trade\``);
    await q.query(`DROP TABLE \`staff_trades\``);
  }
}
