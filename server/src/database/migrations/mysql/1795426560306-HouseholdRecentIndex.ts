import { MigrationInterface, QueryRunner } from 'typeorm';

export class HouseholdRecentIndexMysql1795426560306 implements MigrationInterface {
  name = 'HouseholdRecentIndexMysql1795426560306';

  public async up(q: QueryRunner): Promise<void> {
    // The new index first: lookups by household keep an index while the old one goes.
    await q.query(
      `CREATE INDEX \`IDX_3616db946ad660677f5097f0c9\` ON \`tickets\` (\`householdId\`, \`status\`, \`handledAt\`)`,
    );
    await q.query(`DROP INDEX \`IDX_0c464cc66e436d416a71b76738\` ON \`tickets\``);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_3616db946ad660677f5097f0c9\` ON \`tickets\``);
    await q.query(`CREATE INDEX \`IDX_0c464cc66e436d416a71b76738\` ON \`tickets\` (\`householdId\`)`);
  }
}
