import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsSendsMysql1796670548646 implements MigrationInterface {
  name = 'SmsSendsMysql1796670548646';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`sms_sends\` (\`id\` varchar(36) NOT NULL, \`notificationId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`reason\` varchar(16) NOT NULL, \`phone\` varchar(20) NULL, \`provider\` varchar(12) NOT NULL, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`providerId\` varchar(64) NULL, \`error\` varchar(300) NULL, \`sentAt\` datetime(6) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_7d843d49f133efdccd31a997fb\` (\`notificationId\`), INDEX \`IDX_e2d8a696d18c24a9e9bd50ea79\` (\`userId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`sms_daily_counts\` (\`userId\` varchar(36) NOT NULL, \`day\` varchar(10) NOT NULL, \`taken\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`userId\`, \`day\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`sms_daily_counts\``);
    await q.query(`DROP INDEX \`IDX_e2d8a696d18c24a9e9bd50ea79\` ON \`sms_sends\``);
    await q.query(`DROP INDEX \`IDX_7d843d49f133efdccd31a997fb\` ON \`sms_sends\``);
    await q.query(`DROP TABLE \`sms_sends\``);
  }
}
