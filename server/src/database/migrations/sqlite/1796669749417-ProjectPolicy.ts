import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * companies.policy and projects.policy (JSON ProjectPolicyOverrides, docs/policy.md). Added as columns, not by
 * rebuilding the tables: a rebuild copies only the columns its generator knew, and other migrations of the same
 * days add columns to both tables (statisticalMonth, dutyPhone).
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
