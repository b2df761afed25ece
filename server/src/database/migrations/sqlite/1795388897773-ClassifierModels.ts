import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClassifierModelsSqlite1795388897773 implements MigrationInterface {
  name = 'ClassifierModelsSqlite1795388897773';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "classifier_models" ("id" varchar(36) PRIMARY KEY NOT NULL, "companyId" varchar(36) NOT NULL, "createdById" varchar(36), "storageKey" varchar(200) NOT NULL, "corrections" integer NOT NULL, "trainSize" integer NOT NULL, "accuracyBefore" float NOT NULL, "accuracyAfter" float NOT NULL, "macroF1Before" float NOT NULL, "macroF1After" float NOT NULL, "active" boolean NOT NULL DEFAULT (0), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_af96208ed2c0f77f8ea822f559" ON "classifier_models" ("companyId", "createdAt") `,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_af96208ed2c0f77f8ea822f559"`);
    await q.query(`DROP TABLE "classifier_models"`);
  }
}
