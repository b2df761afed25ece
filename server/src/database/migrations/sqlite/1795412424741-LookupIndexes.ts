import { MigrationInterface, QueryRunner } from 'typeorm';

export class LookupIndexesSqlite1795412424741 implements MigrationInterface {
  name = 'LookupIndexesSqlite1795412424741';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_076d2c4ed3eba9aa2277adc402" ON "users" ("departmentId", "kind") `);
    await q.query(`CREATE INDEX "IDX_82f3f256e44dbce8e1bd6bdd01" ON "users" ("companyId", "kind", "role") `);
    await q.query(`CREATE INDEX "IDX_d6d85f611989deec13d1f239fb" ON "users" ("projectId", "kind", "role") `);
    await q.query(
      `CREATE INDEX "IDX_a2046f878cd1b04d6009f2e55c" ON "tickets" ("projectId", "kind", "category", "createdAt") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_a2046f878cd1b04d6009f2e55c"`);
    await q.query(`DROP INDEX "IDX_d6d85f611989deec13d1f239fb"`);
    await q.query(`DROP INDEX "IDX_82f3f256e44dbce8e1bd6bdd01"`);
    await q.query(`DROP INDEX "IDX_076d2c4ed3eba9aa2277adc402"`);
  }
}
