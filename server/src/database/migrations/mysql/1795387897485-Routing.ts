import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingMysql1795387897485 implements MigrationInterface {
  name = 'RoutingMysql1795387897485';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`routing_rules\` (\`projectId\` varchar(36) NOT NULL, \`category\` varchar(20) NOT NULL, \`departmentCode\` varchar(20) NOT NULL, PRIMARY KEY (\`projectId\`, \`category\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`classification_corrections\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NULL, \`text\` text NOT NULL, \`fromCategory\` varchar(20) NULL, \`toCategory\` varchar(20) NOT NULL, \`correctedById\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_d7763ca04e2660f4367211f93b\` (\`companyId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(`ALTER TABLE \`projects\` ADD \`autoRoute\` tinyint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE \`projects\` ADD \`autoRouteThreshold\` float NULL`);
    await q.query(
      `ALTER TABLE \`departments\` ADD \`assignStrategy\` varchar(20) NOT NULL DEFAULT 'fewest_open'`,
    );
    await q.query(`ALTER TABLE \`departments\` ADD \`maxOpenPerPerson\` int NOT NULL DEFAULT '20'`);
    await q.query(`ALTER TABLE \`departments\` ADD \`lastAssignedUserId\` varchar(36) NULL`);
    await q.query(`ALTER TABLE \`users\` ADD \`onDuty\` tinyint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`category\` varchar(20) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`categoryConfidence\` float NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`classification\` text NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`triage\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`emergency\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`agitated\` tinyint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`compensationYuan\` int NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`majorComplaint\` tinyint NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`majorComplaint\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`compensationYuan\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`agitated\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`emergency\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`triage\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`classification\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`categoryConfidence\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`category\``);
    await q.query(`ALTER TABLE \`users\` DROP COLUMN \`onDuty\``);
    await q.query(`ALTER TABLE \`departments\` DROP COLUMN \`lastAssignedUserId\``);
    await q.query(`ALTER TABLE \`departments\` DROP COLUMN \`maxOpenPerPerson\``);
    await q.query(`ALTER TABLE \`departments\` DROP COLUMN \`assignStrategy\``);
    await q.query(`ALTER TABLE \`projects\` DROP COLUMN \`autoRouteThreshold\``);
    await q.query(`ALTER TABLE \`projects\` DROP COLUMN \`autoRoute\``);
    await q.query(`DROP INDEX \`IDX_d7763ca04e2660f4367211f93b\` ON \`classification_corrections\``);
    await q.query(`DROP TABLE \`classification_corrections\``);
    await q.query(`DROP TABLE \`routing_rules\``);
  }
}
