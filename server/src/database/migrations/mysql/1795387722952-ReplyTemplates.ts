import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReplyTemplatesMysql1795387722952 implements MigrationInterface {
  name = 'ReplyTemplatesMysql1795387722952';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`reply_templates\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`category\` varchar(20) NOT NULL, \`title\` varchar(60) NOT NULL, \`text\` text NOT NULL, \`sort\` int NOT NULL DEFAULT '0', \`updatedById\` varchar(36) NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_c5941daa6fe8831494d885a1cc\` (\`projectId\`, \`category\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_c5941daa6fe8831494d885a1cc\` ON \`reply_templates\``);
    await q.query(`DROP TABLE \`reply_templates\``);
  }
}
