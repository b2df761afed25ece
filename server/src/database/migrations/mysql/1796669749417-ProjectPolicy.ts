import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectPolicyMysql1796669749417 implements MigrationInterface {
  name = 'ProjectPolicyMysql1796669749417';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`companies\` ADD \`policy\` text NULL`);
    await q.query(`ALTER TABLE \`projects\` ADD \`policy\` text NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`projects\` DROP COLUMN \`policy\``);
    await q.query(`ALTER TABLE \`companies\` DROP COLUMN \`policy\``);
  }
}
