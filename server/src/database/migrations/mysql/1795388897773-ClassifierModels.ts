import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClassifierModelsMysql1795388897773 implements MigrationInterface {
  name = 'ClassifierModelsMysql1795388897773';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`classifier_models\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`createdById\` varchar(36) NULL, \`storageKey\` varchar(200) NOT NULL, \`corrections\` int NOT NULL, \`trainSize\` int NOT NULL, \`accuracyBefore\` float NOT NULL, \`accuracyAfter\` float NOT NULL, \`macroF1Before\` float NOT NULL, \`macroF1After\` float NOT NULL, \`active\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_af96208ed2c0f77f8ea822f559\` (\`companyId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_af96208ed2c0f77f8ea822f559\` ON \`classifier_models\``);
    await q.query(`DROP TABLE \`classifier_models\``);
  }
}
