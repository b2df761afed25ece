import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReturnVisitsMysql1795391676139 implements MigrationInterface {
  name = 'ReturnVisitsMysql1795391676139';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`visit_rules\` (\`projectId\` varchar(36) NOT NULL, \`overrides\` text NOT NULL, \`updatedById\` varchar(36) NOT NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`projectId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`visit_preferences\` (\`id\` varchar(36) NOT NULL, \`householdId\` varchar(36) NULL, \`userId\` varchar(36) NULL, \`noVisit\` tinyint NOT NULL DEFAULT 1, \`note\` varchar(200) NULL, \`recordedById\` varchar(36) NOT NULL, \`recordedAt\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_1342218ace48bff8509159a670\` (\`householdId\`), UNIQUE INDEX \`IDX_0e76cca5c2fd27843b9a477071\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`ticket_visit_settings\` (\`ticketId\` varchar(36) NOT NULL, \`complaintLevel\` int NULL, \`sensitive\` tinyint NOT NULL DEFAULT 0, \`repairType\` varchar(20) NULL, \`rainCaused\` tinyint NULL, \`note\` varchar(200) NULL, \`updatedById\` varchar(36) NOT NULL, \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`ticketId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`visit_tasks\` (\`id\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`round\` int NOT NULL, \`seq\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`status\` varchar(12) NOT NULL, \`trigger\` varchar(12) NOT NULL, \`form\` varchar(8) NOT NULL, \`visitorRole\` varchar(20) NOT NULL, \`complaintLevel\` int NULL, \`repairType\` varchar(20) NULL, \`basis\` varchar(120) NOT NULL, \`inviteDeadline\` datetime(6) NULL, \`dueAt\` datetime(6) NULL, \`outcome\` varchar(16) NULL, \`doneVia\` varchar(8) NULL, \`doneAt\` datetime(6) NULL, \`doneById\` varchar(36) NULL, \`cancelReason\` varchar(40) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_8c3410f4e9e3a4c26e34e13b46\` (\`projectId\`, \`status\`, \`dueAt\`), UNIQUE INDEX \`IDX_577f0375f3e081ceccb43200f9\` (\`ticketId\`, \`round\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`visit_attempts\` (\`id\` varchar(36) NOT NULL, \`taskId\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`method\` varchar(8) NOT NULL, \`result\` varchar(16) NOT NULL, \`visitorId\` varchar(36) NOT NULL, \`visitorName\` varchar(50) NOT NULL, \`note\` text NULL, \`signatureUploadId\` varchar(36) NULL, \`createdAt\` datetime(6) NOT NULL, INDEX \`IDX_03507dc1cf8065a6deee64b4bc\` (\`taskId\`), INDEX \`IDX_21a1b0a0bdec7217f25f1d4d0b\` (\`ticketId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`ratings\` (\`id\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`round\` int NOT NULL, \`seq\` int NOT NULL, \`taskId\` varchar(36) NULL, \`attemptId\` varchar(36) NULL, \`kind\` varchar(16) NOT NULL, \`source\` varchar(8) NOT NULL, \`recordedById\` varchar(36) NOT NULL, \`scores\` text NOT NULL, \`average\` float NULL, \`satisfied\` tinyint NOT NULL, \`chargeCorrect\` tinyint NULL, \`comment\` text NULL, \`photoIds\` text NULL, \`createdAt\` datetime(6) NOT NULL, INDEX \`IDX_bcbc72d958b4ecd1fa37845748\` (\`projectId\`), UNIQUE INDEX \`IDX_edfcdff5a5de7e205f595b9300\` (\`ticketId\`, \`round\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`repeat_complaints\` (\`id\` varchar(36) NOT NULL, \`originalTicketId\` varchar(36) NOT NULL, \`householdId\` varchar(36) NOT NULL, \`createdById\` varchar(36) NOT NULL, \`idempotencyKey\` varchar(64) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`kind\` varchar(16) NOT NULL, \`content\` text NOT NULL, \`similarity\` float NOT NULL, \`createdAt\` datetime(6) NOT NULL, INDEX \`IDX_3838d6cf25476d7d5ea38f9f27\` (\`originalTicketId\`), UNIQUE INDEX \`IDX_daa8d58e6355fce0d2da21f574\` (\`createdById\`, \`idempotencyKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_daa8d58e6355fce0d2da21f574\` ON \`repeat_complaints\``);
    await q.query(`DROP INDEX \`IDX_3838d6cf25476d7d5ea38f9f27\` ON \`repeat_complaints\``);
    await q.query(`DROP TABLE \`repeat_complaints\``);
    await q.query(`DROP INDEX \`IDX_edfcdff5a5de7e205f595b9300\` ON \`ratings\``);
    await q.query(`DROP INDEX \`IDX_bcbc72d958b4ecd1fa37845748\` ON \`ratings\``);
    await q.query(`DROP TABLE \`ratings\``);
    await q.query(`DROP INDEX \`IDX_21a1b0a0bdec7217f25f1d4d0b\` ON \`visit_attempts\``);
    await q.query(`DROP INDEX \`IDX_03507dc1cf8065a6deee64b4bc\` ON \`visit_attempts\``);
    await q.query(`DROP TABLE \`visit_attempts\``);
    await q.query(`DROP INDEX \`IDX_577f0375f3e081ceccb43200f9\` ON \`visit_tasks\``);
    await q.query(`DROP INDEX \`IDX_8c3410f4e9e3a4c26e34e13b46\` ON \`visit_tasks\``);
    await q.query(`DROP TABLE \`visit_tasks\``);
    await q.query(`DROP TABLE \`ticket_visit_settings\``);
    await q.query(`DROP INDEX \`IDX_0e76cca5c2fd27843b9a477071\` ON \`visit_preferences\``);
    await q.query(`DROP INDEX \`IDX_1342218ace48bff8509159a670\` ON \`visit_preferences\``);
    await q.query(`DROP TABLE \`visit_preferences\``);
    await q.query(`DROP TABLE \`visit_rules\``);
  }
}
