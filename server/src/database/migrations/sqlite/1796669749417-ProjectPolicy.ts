import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * companies.policy and projects.policy. Added as columns: a table rebuild here would drop the columns the
 * statistics and privacy migrations before it added (companies.statisticalMonth, projects.dutyPhone).
 */
export class ProjectPolicySqlite1796669749417 implements MigrationInterface {
  name = 'ProjectPolicySqlite1796669749417';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "companies" ADD COLUMN "policy" text`);
    await q.query(`ALTER TABLE "projects" ADD COLUMN "policy" text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "projects" DROP COLUMN "policy"`);
    await q.query(`ALTER TABLE "companies" DROP COLUMN "policy"`);
  }
}
