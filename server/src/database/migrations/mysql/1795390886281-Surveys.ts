import { MigrationInterface, QueryRunner } from 'typeorm';

export class SurveysMysql1795390886281 implements MigrationInterface {
  name = 'SurveysMysql1795390886281';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`survey_questionnaires\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`familyId\` varchar(36) NOT NULL, \`version\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`intro\` text NOT NULL, \`closing\` text NOT NULL, \`frozenAt\` datetime(6) NULL, \`createdById\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL, \`updatedAt\` datetime(6) NOT NULL, INDEX \`IDX_1084eab6610487238e0007c6a4\` (\`companyId\`), UNIQUE INDEX \`IDX_49aab2fd1809b6bc762c572cdd\` (\`familyId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_drivers\` (\`id\` varchar(36) NOT NULL, \`questionnaireId\` varchar(36) NOT NULL, \`code\` varchar(30) NOT NULL, \`name\` varchar(50) NOT NULL, \`weight\` int NOT NULL, \`sort\` int NOT NULL, INDEX \`IDX_327d5cef1cc9cea745e74642c4\` (\`questionnaireId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_sections\` (\`id\` varchar(36) NOT NULL, \`questionnaireId\` varchar(36) NOT NULL, \`title\` varchar(100) NOT NULL, \`sort\` int NOT NULL, INDEX \`IDX_06e92aa62d75f56f159ba23418\` (\`questionnaireId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_questions\` (\`id\` varchar(36) NOT NULL, \`questionnaireId\` varchar(36) NOT NULL, \`sectionId\` varchar(36) NOT NULL, \`key\` varchar(40) NOT NULL, \`kind\` varchar(10) NOT NULL, \`text\` varchar(200) NOT NULL, \`scale\` int NULL, \`driverCode\` varchar(30) NULL, \`sort\` int NOT NULL, INDEX \`IDX_1c5e357f71e291c0c048538e7b\` (\`questionnaireId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_campaigns\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`questionnaireId\` varchar(36) NOT NULL, \`title\` varchar(100) NOT NULL, \`status\` varchar(10) NOT NULL, \`samplePercent\` int NOT NULL, \`minSample\` int NOT NULL, \`minAnsweredPercent\` int NOT NULL, \`seed\` varchar(64) NULL, \`populationSize\` int NULL, \`sampleSize\` int NULL, \`createdById\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL, \`startedById\` varchar(36) NULL, \`startedAt\` datetime(6) NULL, \`closedById\` varchar(36) NULL, \`closedAt\` datetime(6) NULL, INDEX \`IDX_dda1324555bf79266da1e93669\` (\`companyId\`), INDEX \`IDX_5bd15bc197dadfa618f195fde6\` (\`projectId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_campaign_households\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`householdId\` varchar(36) NOT NULL, \`buildingId\` varchar(36) NOT NULL, \`buildingName\` varchar(50) NOT NULL, \`householdLabel\` varchar(100) NOT NULL, \`customerType\` varchar(20) NOT NULL, INDEX \`IDX_7dd71f21c3865c4e0bea9b5420\` (\`householdId\`), UNIQUE INDEX \`IDX_df6f8212b9be258e56e9cc5835\` (\`campaignId\`, \`householdId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_responses\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`householdId\` varchar(36) NOT NULL, \`respondentId\` varchar(36) NOT NULL, \`status\` varchar(10) NOT NULL, \`idempotencyKey\` varchar(64) NULL, \`requestHash\` varchar(64) NULL, \`answeredClosed\` int NOT NULL DEFAULT '0', \`valid\` tinyint NULL, \`createdAt\` datetime(6) NOT NULL, \`updatedAt\` datetime(6) NOT NULL, \`submittedAt\` datetime(6) NULL, UNIQUE INDEX \`IDX_d715d4ae0b3341ab98dd5a28e8\` (\`campaignId\`, \`householdId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_answers\` (\`id\` varchar(36) NOT NULL, \`responseId\` varchar(36) NOT NULL, \`questionId\` varchar(36) NOT NULL, \`point\` int NULL, \`text\` text NULL, UNIQUE INDEX \`IDX_f285a9276cdf8e9d182fb454ef\` (\`responseId\`, \`questionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`survey_events\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`action\` varchar(20) NOT NULL, \`actorId\` varchar(36) NOT NULL, \`at\` datetime(6) NOT NULL, \`detail\` text NULL, INDEX \`IDX_1d30c9c8bc8a22873096db0dcc\` (\`campaignId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_1d30c9c8bc8a22873096db0dcc\` ON \`survey_events\``);
    await q.query(`DROP TABLE \`survey_events\``);
    await q.query(`DROP INDEX \`IDX_f285a9276cdf8e9d182fb454ef\` ON \`survey_answers\``);
    await q.query(`DROP TABLE \`survey_answers\``);
    await q.query(`DROP INDEX \`IDX_d715d4ae0b3341ab98dd5a28e8\` ON \`survey_responses\``);
    await q.query(`DROP TABLE \`survey_responses\``);
    await q.query(`DROP INDEX \`IDX_df6f8212b9be258e56e9cc5835\` ON \`survey_campaign_households\``);
    await q.query(`DROP INDEX \`IDX_7dd71f21c3865c4e0bea9b5420\` ON \`survey_campaign_households\``);
    await q.query(`DROP TABLE \`survey_campaign_households\``);
    await q.query(`DROP INDEX \`IDX_5bd15bc197dadfa618f195fde6\` ON \`survey_campaigns\``);
    await q.query(`DROP INDEX \`IDX_dda1324555bf79266da1e93669\` ON \`survey_campaigns\``);
    await q.query(`DROP TABLE \`survey_campaigns\``);
    await q.query(`DROP INDEX \`IDX_1c5e357f71e291c0c048538e7b\` ON \`survey_questions\``);
    await q.query(`DROP TABLE \`survey_questions\``);
    await q.query(`DROP INDEX \`IDX_06e92aa62d75f56f159ba23418\` ON \`survey_sections\``);
    await q.query(`DROP TABLE \`survey_sections\``);
    await q.query(`DROP INDEX \`IDX_327d5cef1cc9cea745e74642c4\` ON \`survey_drivers\``);
    await q.query(`DROP TABLE \`survey_drivers\``);
    await q.query(`DROP INDEX \`IDX_49aab2fd1809b6bc762c572cdd\` ON \`survey_questionnaires\``);
    await q.query(`DROP INDEX \`IDX_1084eab6610487238e0007c6a4\` ON \`survey_questionnaires\``);
    await q.query(`DROP TABLE \`survey_questionnaires\``);
  }
}
