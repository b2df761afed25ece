import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsMonthMysql1796669542274 implements MigrationInterface {
  name = 'StatisticsMonthMysql1796669542274';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE \`companies\` ADD \`statisticalMonth\` varchar(12) NOT NULL DEFAULT 'calendar'`,
    );
    await q.query(`ALTER TABLE \`report_kpi_rollups\` ADD \`complaintTickets\` int NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE \`report_kpi_rollups\` ADD \`complaintsResolved\` int NOT NULL DEFAULT '0'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`report_kpi_rollups\` DROP COLUMN \`complaintsResolved\``);
    await q.query(`ALTER TABLE \`report_kpi_rollups\` DROP COLUMN \`complaintTickets\``);
    await q.query(`ALTER TABLE \`companies\` DROP COLUMN \`statisticalMonth\``);
  }
}
