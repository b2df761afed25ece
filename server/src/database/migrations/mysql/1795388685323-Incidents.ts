import { MigrationInterface, QueryRunner } from 'typeorm';

export class IncidentsMysql1795388685323 implements MigrationInterface {
  name = 'IncidentsMysql1795388685323';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`incidents\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`category\` varchar(20) NOT NULL, \`title\` varchar(120) NOT NULL, \`ticketCount\` int NOT NULL DEFAULT '0', \`complainantCount\` int NOT NULL DEFAULT '0', \`hot\` tinyint NOT NULL DEFAULT 0, \`hotAt\` datetime(6) NULL, \`firstAt\` datetime(6) NOT NULL, \`lastAt\` datetime(6) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_40d540a018c3ba4b7be0cfe25c\` (\`projectId\`, \`lastAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(`ALTER TABLE \`tickets\` ADD \`incidentId\` varchar(36) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`peopleCount\` int NOT NULL DEFAULT '1'`);
    await q.query(`CREATE INDEX \`IDX_45fc3673c624f6c68559984dcc\` ON \`tickets\` (\`incidentId\`)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_45fc3673c624f6c68559984dcc\` ON \`tickets\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`peopleCount\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`incidentId\``);
    await q.query(`DROP INDEX \`IDX_40d540a018c3ba4b7be0cfe25c\` ON \`incidents\``);
    await q.query(`DROP TABLE \`incidents\``);
  }
}
