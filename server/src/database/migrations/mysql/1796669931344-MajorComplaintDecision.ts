import { MigrationInterface, QueryRunner } from 'typeorm';

export class MajorComplaintDecisionMysql1796669931344 implements MigrationInterface {
  name = 'MajorComplaintDecisionMysql1796669931344';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`special_cases\` ADD \`decision\` varchar(12) NULL`);
    await q.query(`ALTER TABLE \`special_cases\` ADD \`decidedAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`special_cases\` ADD \`decidedByName\` varchar(50) NULL`);
    await q.query(`ALTER TABLE \`special_cases\` ADD \`decisionReason\` varchar(200) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`special_cases\` DROP COLUMN \`decisionReason\``);
    await q.query(`ALTER TABLE \`special_cases\` DROP COLUMN \`decidedByName\``);
    await q.query(`ALTER TABLE \`special_cases\` DROP COLUMN \`decidedAt\``);
    await q.query(`ALTER TABLE \`special_cases\` DROP COLUMN \`decision\``);
  }
}
