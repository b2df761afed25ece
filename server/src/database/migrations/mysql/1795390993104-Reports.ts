import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsMysql1795390993104 implements MigrationInterface {
  name = 'ReportsMysql1795390993104';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`report_category_rollups\` (\`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(20) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`items\` int NOT NULL DEFAULT '0', \`times\` int NOT NULL DEFAULT '0', \`people\` int NOT NULL DEFAULT '0', \`eventItems\` int NOT NULL DEFAULT '0', \`onlineItems\` int NOT NULL DEFAULT '0', \`onlineHeat\` int NOT NULL DEFAULT '0', \`closedItems\` int NOT NULL DEFAULT '0', \`majorItems\` int NOT NULL DEFAULT '0', \`hotItems\` int NOT NULL DEFAULT '0', INDEX \`IDX_6cf3a36e45e546e50fd9a5e6f1\` (\`companyId\`, \`month\`), PRIMARY KEY (\`projectId\`, \`month\`, \`category\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_kpi_rollups\` (\`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`departmentId\` varchar(36) NOT NULL, \`assigneeId\` varchar(36) NOT NULL, \`kind\` varchar(16) NOT NULL, \`category\` varchar(20) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`tickets\` int NOT NULL DEFAULT '0', \`cancelled\` int NOT NULL DEFAULT '0', \`replyJudged\` int NOT NULL DEFAULT '0', \`repliedOnTime\` int NOT NULL DEFAULT '0', \`replied\` int NOT NULL DEFAULT '0', \`responseMinutes\` double NOT NULL DEFAULT '0', \`handleJudged\` int NOT NULL DEFAULT '0', \`handledOnTime\` int NOT NULL DEFAULT '0', \`handledEver\` int NOT NULL DEFAULT '0', \`closed\` int NOT NULL DEFAULT '0', \`reopened\` int NOT NULL DEFAULT '0', \`visitNeeded\` int NOT NULL DEFAULT '0', \`visited\` int NOT NULL DEFAULT '0', \`visits\` int NOT NULL DEFAULT '0', \`satisfiedVisits\` int NOT NULL DEFAULT '0', \`scoreSum\` double NOT NULL DEFAULT '0', \`scoreCount\` int NOT NULL DEFAULT '0', INDEX \`IDX_59d8a35bafc1efd9e23403d87d\` (\`companyId\`, \`month\`), PRIMARY KEY (\`projectId\`, \`month\`, \`departmentId\`, \`assigneeId\`, \`kind\`, \`category\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_cause_rollups\` (\`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(20) NOT NULL, \`causeFactor\` varchar(20) NOT NULL, \`causeSub\` varchar(20) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`items\` int NOT NULL DEFAULT '0', INDEX \`IDX_d0affd81e519a06b481ee99bdd\` (\`companyId\`, \`month\`), PRIMARY KEY (\`projectId\`, \`month\`, \`category\`, \`causeFactor\`, \`causeSub\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_rollup_builds\` (\`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`builtAt\` datetime(6) NOT NULL, INDEX \`IDX_9b625c2725c526733a765f62ba\` (\`companyId\`, \`month\`), PRIMARY KEY (\`projectId\`, \`month\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_corrective_actions\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(20) NULL, \`causeFactor\` varchar(20) NULL, \`causeSub\` varchar(20) NULL, \`problem\` text NOT NULL, \`action\` text NOT NULL, \`owner\` varchar(50) NULL, \`dueDate\` date NULL, \`status\` varchar(12) NOT NULL DEFAULT 'planned', \`result\` text NULL, \`createdById\` varchar(36) NOT NULL, \`createdByName\` varchar(50) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_fd1f250b2af1c0f8826e8180fb\` (\`projectId\`, \`month\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_representative_cases\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`keyPoints\` text NULL, \`cause\` text NULL, \`handling\` text NULL, \`lessons\` text NULL, \`createdById\` varchar(36) NOT NULL, \`createdByName\` varchar(50) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_af79012f6b9c1256b199c55345\` (\`projectId\`, \`month\`, \`ticketId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`report_submissions\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`kind\` varchar(24) NOT NULL, \`period\` varchar(7) NOT NULL, \`submittedById\` varchar(36) NOT NULL, \`submittedByName\` varchar(50) NOT NULL, \`note\` varchar(200) NULL, \`submittedAt\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_3db02a368f2948a3b3fd432fb5\` (\`projectId\`, \`kind\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`special_cases\` (\`id\` varchar(36) NOT NULL, \`subjectKey\` varchar(48) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`kind\` varchar(8) NOT NULL, \`ticketId\` varchar(36) NULL, \`incidentId\` varchar(36) NULL, \`title\` varchar(120) NOT NULL, \`compensationYuan\` int NULL, \`flaggedAt\` datetime(6) NOT NULL, \`reportDueAt\` datetime(6) NOT NULL, \`reportedAt\` datetime(6) NULL, \`reportedById\` varchar(36) NULL, \`reportedByName\` varchar(50) NULL, \`reportedTo\` varchar(100) NULL, \`report\` text NULL, \`closedAt\` datetime(6) NULL, \`followUpDueAt\` datetime(6) NULL, \`followUpAt\` datetime(6) NULL, \`followUpById\` varchar(36) NULL, \`followUpByName\` varchar(50) NULL, \`followUp\` text NULL, \`version\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_a8a0b799f65fb4dea21348e10f\` (\`subjectKey\`), INDEX \`IDX_7b67f9645f63e329a8d3ae7149\` (\`companyId\`, \`followUpAt\`), INDEX \`IDX_88c3b28c16533eea3de1cf3498\` (\`projectId\`, \`flaggedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`special_case_archives\` (\`id\` varchar(36) NOT NULL, \`specialCaseId\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`kind\` varchar(8) NOT NULL, \`title\` varchar(120) NOT NULL, \`archivedById\` varchar(36) NOT NULL, \`archivedByName\` varchar(50) NOT NULL, \`archivedAt\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_ac1617fea075bd8811382853ac\` (\`specialCaseId\`), INDEX \`IDX_40f0f7a42e151decd47221994f\` (\`companyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`special_case_archive_entries\` (\`archiveId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`entryType\` varchar(12) NOT NULL, \`payload\` text NOT NULL, PRIMARY KEY (\`archiveId\`, \`position\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`special_case_sync\` (\`projectId\` varchar(36) NOT NULL, \`syncedUntil\` datetime(6) NOT NULL, PRIMARY KEY (\`projectId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`special_case_sync\``);
    await q.query(`DROP TABLE \`special_case_archive_entries\``);
    await q.query(`DROP INDEX \`IDX_40f0f7a42e151decd47221994f\` ON \`special_case_archives\``);
    await q.query(`DROP INDEX \`IDX_ac1617fea075bd8811382853ac\` ON \`special_case_archives\``);
    await q.query(`DROP TABLE \`special_case_archives\``);
    await q.query(`DROP INDEX \`IDX_88c3b28c16533eea3de1cf3498\` ON \`special_cases\``);
    await q.query(`DROP INDEX \`IDX_7b67f9645f63e329a8d3ae7149\` ON \`special_cases\``);
    await q.query(`DROP INDEX \`IDX_a8a0b799f65fb4dea21348e10f\` ON \`special_cases\``);
    await q.query(`DROP TABLE \`special_cases\``);
    await q.query(`DROP INDEX \`IDX_3db02a368f2948a3b3fd432fb5\` ON \`report_submissions\``);
    await q.query(`DROP TABLE \`report_submissions\``);
    await q.query(`DROP INDEX \`IDX_af79012f6b9c1256b199c55345\` ON \`report_representative_cases\``);
    await q.query(`DROP TABLE \`report_representative_cases\``);
    await q.query(`DROP INDEX \`IDX_fd1f250b2af1c0f8826e8180fb\` ON \`report_corrective_actions\``);
    await q.query(`DROP TABLE \`report_corrective_actions\``);
    await q.query(`DROP INDEX \`IDX_9b625c2725c526733a765f62ba\` ON \`report_rollup_builds\``);
    await q.query(`DROP TABLE \`report_rollup_builds\``);
    await q.query(`DROP INDEX \`IDX_d0affd81e519a06b481ee99bdd\` ON \`report_cause_rollups\``);
    await q.query(`DROP TABLE \`report_cause_rollups\``);
    await q.query(`DROP INDEX \`IDX_59d8a35bafc1efd9e23403d87d\` ON \`report_kpi_rollups\``);
    await q.query(`DROP TABLE \`report_kpi_rollups\``);
    await q.query(`DROP INDEX \`IDX_6cf3a36e45e546e50fd9a5e6f1\` ON \`report_category_rollups\``);
    await q.query(`DROP TABLE \`report_category_rollups\``);
  }
}
