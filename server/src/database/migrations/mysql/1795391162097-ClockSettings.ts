import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClockSettingsMysql1795391162097 implements MigrationInterface {
  name = 'ClockSettingsMysql1795391162097';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`companies\` ADD \`calendarOverrides\` text NULL`);
    await q.query(`ALTER TABLE \`projects\` ADD \`clockSettings\` text NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`projects\` DROP COLUMN \`clockSettings\``);
    await q.query(`ALTER TABLE \`companies\` DROP COLUMN \`calendarOverrides\``);
  }
}
