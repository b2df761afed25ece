import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrivacyAndTrustMysql1796669650092 implements MigrationInterface {
  name = 'PrivacyAndTrustMysql1796669650092';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`ticket_callbacks\` (\`ticketId\` varchar(36) NOT NULL, \`phone\` varchar(20) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`ticketId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`privacy_access_logs\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`viewerId\` varchar(36) NOT NULL, \`viewerName\` varchar(50) NOT NULL, \`viewerRole\` varchar(20) NOT NULL, \`what\` varchar(32) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_fbec947bb674d65824ef58cbd8\` (\`companyId\`), INDEX \`IDX_ebcde201e62b0482ff45c45d4e\` (\`ticketId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`forbidden_phrases\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`phrase\` varchar(40) NOT NULL, \`better\` varchar(200) NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`updatedById\` varchar(36) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_32d8e050cecd769878798199cf\` (\`companyId\`, \`sort\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`notice_publications\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`approvedById\` varchar(36) NOT NULL, \`approvedByName\` varchar(50) NOT NULL, \`approvedAt\` datetime(6) NOT NULL, \`content\` text NOT NULL, UNIQUE INDEX \`IDX_804446288ce33253a769b952ed\` (\`projectId\`, \`month\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(`ALTER TABLE \`projects\` ADD \`dutyPhone\` varchar(20) NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`projects\` DROP COLUMN \`dutyPhone\``);
    await q.query(`DROP INDEX \`IDX_804446288ce33253a769b952ed\` ON \`notice_publications\``);
    await q.query(`DROP TABLE \`notice_publications\``);
    await q.query(`DROP INDEX \`IDX_32d8e050cecd769878798199cf\` ON \`forbidden_phrases\``);
    await q.query(`DROP TABLE \`forbidden_phrases\``);
    await q.query(`DROP INDEX \`IDX_ebcde201e62b0482ff45c45d4e\` ON \`privacy_access_logs\``);
    await q.query(`DROP INDEX \`IDX_fbec947bb674d65824ef58cbd8\` ON \`privacy_access_logs\``);
    await q.query(`DROP TABLE \`privacy_access_logs\``);
    await q.query(`DROP TABLE \`ticket_callbacks\``);
  }
}
