import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffInvitesMysql1795389165424 implements MigrationInterface {
  name = 'StaffInvitesMysql1795389165424';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`staff_invites\` (\`id\` varchar(36) NOT NULL, \`code\` varchar(12) NOT NULL, \`staffUserId\` varchar(36) NOT NULL, \`createdById\` varchar(36) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`usedAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_0881579ba472ca5bfe12237793\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_0881579ba472ca5bfe12237793\` ON \`staff_invites\``);
    await q.query(`DROP TABLE \`staff_invites\``);
  }
}
