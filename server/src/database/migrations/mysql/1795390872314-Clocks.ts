import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClocksMysql1795390872314 implements MigrationInterface {
  name = 'ClocksMysql1795390872314';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`inventory_snapshots\` (\`projectId\` varchar(36) NOT NULL, \`day\` varchar(10) NOT NULL, \`open\` int NOT NULL, \`overdue\` int NOT NULL, \`withoutHandlingRecord\` int NOT NULL, \`detail\` text NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`projectId\`, \`day\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`jobs\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(48) NOT NULL, \`key\` varchar(191) NOT NULL, \`runAt\` datetime(6) NOT NULL, \`payload\` text NULL, \`status\` varchar(12) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`lockedBy\` varchar(64) NULL, \`lockedUntil\` datetime(6) NULL, \`queuedAt\` datetime(6) NULL, \`lastError\` text NULL, \`doneAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_1c71c10b84560f3e0cdc5946eb\` (\`key\`), INDEX \`IDX_f0517eec3f63f617ee5138edeb\` (\`status\`, \`runAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`notifications\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`kind\` varchar(32) NOT NULL, \`title\` varchar(60) NOT NULL, \`body\` varchar(500) NOT NULL, \`ticketId\` varchar(36) NULL, \`page\` varchar(200) NULL, \`dedupeKey\` varchar(191) NULL, \`readAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_c62de5d9997d20f505ce779812\` (\`userId\`, \`dedupeKey\`), INDEX \`IDX_21e65af2f4f242d4c85a92aff4\` (\`userId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`subscribe_quotas\` (\`userId\` varchar(36) NOT NULL, \`scene\` varchar(32) NOT NULL, \`templateId\` varchar(64) NOT NULL, \`remaining\` int NOT NULL DEFAULT '0', \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`userId\`, \`scene\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`wechat_sends\` (\`id\` varchar(36) NOT NULL, \`notificationId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`scene\` varchar(32) NOT NULL, \`templateId\` varchar(64) NOT NULL, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`errcode\` int NULL, \`error\` varchar(300) NULL, \`sentAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_92141381a0274f24ee32197326\` (\`notificationId\`), INDEX \`IDX_0a0ca6597449d95b4c7005870a\` (\`userId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(`ALTER TABLE \`tickets\` ADD \`replyLate\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`handleLate\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`overdueLevel\` int NOT NULL DEFAULT '0'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`overdueLevel\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`handleLate\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`replyLate\``);
    await q.query(`DROP INDEX \`IDX_0a0ca6597449d95b4c7005870a\` ON \`wechat_sends\``);
    await q.query(`DROP INDEX \`IDX_92141381a0274f24ee32197326\` ON \`wechat_sends\``);
    await q.query(`DROP TABLE \`wechat_sends\``);
    await q.query(`DROP TABLE \`subscribe_quotas\``);
    await q.query(`DROP INDEX \`IDX_21e65af2f4f242d4c85a92aff4\` ON \`notifications\``);
    await q.query(`DROP INDEX \`IDX_c62de5d9997d20f505ce779812\` ON \`notifications\``);
    await q.query(`DROP TABLE \`notifications\``);
    await q.query(`DROP INDEX \`IDX_f0517eec3f63f617ee5138edeb\` ON \`jobs\``);
    await q.query(`DROP INDEX \`IDX_1c71c10b84560f3e0cdc5946eb\` ON \`jobs\``);
    await q.query(`DROP TABLE \`jobs\``);
    await q.query(`DROP TABLE \`inventory_snapshots\``);
  }
}
