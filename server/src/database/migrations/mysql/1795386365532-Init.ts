import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitMysql1795386365532 implements MigrationInterface {
  name = 'InitMysql1795386365532';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`companies\` (\`id\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`projects\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`address\` varchar(200) NOT NULL DEFAULT '', \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_87fa45e3f4517658b98e5c55b9\` (\`companyId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`buildings\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`name\` varchar(50) NOT NULL, \`sort\` int NOT NULL DEFAULT '0', INDEX \`IDX_6bbc9fac951c0cbe7cc8819e12\` (\`projectId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`units\` (\`id\` varchar(36) NOT NULL, \`buildingId\` varchar(36) NOT NULL, \`name\` varchar(50) NOT NULL, \`sort\` int NOT NULL DEFAULT '0', INDEX \`IDX_3f8b928bed788bea24f7461104\` (\`buildingId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`households\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`unitId\` varchar(36) NOT NULL, \`room\` varchar(20) NOT NULL, \`label\` varchar(100) NOT NULL, \`moveInDate\` date NULL, INDEX \`IDX_2d013e361c35b4f290e9e220ed\` (\`projectId\`), INDEX \`IDX_760460b0af6f0caf2feeb13be2\` (\`unitId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`departments\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`code\` varchar(20) NOT NULL, \`name\` varchar(50) NOT NULL, UNIQUE INDEX \`IDX_0600ec0953c21c21336bc9d2ea\` (\`projectId\`, \`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NULL, \`projectId\` varchar(36) NULL, \`departmentId\` varchar(36) NULL, \`kind\` varchar(10) NOT NULL, \`role\` varchar(20) NOT NULL, \`name\` varchar(50) NOT NULL, \`phone\` varchar(20) NULL, \`openid\` varchar(64) NULL, \`demoKey\` varchar(40) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_6f9395c9037632a31107c8a9e5\` (\`companyId\`), INDEX \`IDX_67689993ed1578f83ebf1b9078\` (\`projectId\`), UNIQUE INDEX \`IDX_9c98f005249412c8333a3b2c59\` (\`openid\`), UNIQUE INDEX \`IDX_7d07972c1fb25d8fb82ab29840\` (\`demoKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`household_bindings\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`householdId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`relation\` varchar(10) NOT NULL, \`status\` varchar(10) NOT NULL, \`name\` varchar(50) NOT NULL, \`phone\` varchar(20) NULL, \`decidedById\` varchar(36) NULL, \`decidedAt\` datetime(6) NULL, \`decisionNote\` varchar(200) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_400a3f876a0adc9c5b7589129e\` (\`householdId\`), INDEX \`IDX_b96a28d249f7ca8b1bafcc88a6\` (\`projectId\`), UNIQUE INDEX \`IDX_907e447e7e30556ab95909fcdd\` (\`userId\`, \`householdId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`household_codes\` (\`id\` varchar(36) NOT NULL, \`code\` varchar(12) NOT NULL, \`householdId\` varchar(36) NOT NULL, \`createdById\` varchar(36) NOT NULL, \`expiresAt\` datetime(6) NOT NULL, \`usedAt\` datetime(6) NULL, \`usedById\` varchar(36) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_62984656e13a3c3338792212b4\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`uploads\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NULL, \`uploaderId\` varchar(36) NOT NULL, \`storageKey\` varchar(200) NOT NULL, \`mime\` varchar(40) NOT NULL, \`size\` int NOT NULL, \`ticketId\` varchar(36) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_569fe786a844a2e381f3280cdc\` (\`uploaderId\`), INDEX \`IDX_26b52eb7896fa66ca86483a8c2\` (\`ticketId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`tickets\` (\`id\` varchar(36) NOT NULL, \`companyId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`number\` varchar(24) NOT NULL, \`kind\` varchar(16) NOT NULL, \`status\` varchar(24) NOT NULL, \`channel\` varchar(16) NOT NULL, \`content\` text NOT NULL, \`anonymous\` tinyint NOT NULL DEFAULT 0, \`householdId\` varchar(36) NULL, \`location\` varchar(200) NULL, \`residentId\` varchar(36) NULL, \`contactName\` varchar(50) NULL, \`contactPhone\` varchar(20) NULL, \`firstReceiverId\` varchar(36) NULL, \`createdById\` varchar(36) NOT NULL, \`idempotencyKey\` varchar(64) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`version\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_0c464cc66e436d416a71b76738\` (\`householdId\`), INDEX \`IDX_c3a8cdc0256b7228558991878d\` (\`residentId\`), INDEX \`IDX_28fbc57b1e8132fa43ce74ed6e\` (\`projectId\`, \`createdAt\`), INDEX \`IDX_07c26e2141bcea0ca039c59d84\` (\`projectId\`, \`status\`), UNIQUE INDEX \`IDX_1d973cbd36d42c73d81f32ac79\` (\`createdById\`, \`idempotencyKey\`), UNIQUE INDEX \`IDX_2430fc4e8868c87c79b2487f63\` (\`companyId\`, \`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`ticket_events\` (\`id\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`action\` varchar(32) NOT NULL, \`fromStatus\` varchar(24) NULL, \`toStatus\` varchar(24) NOT NULL, \`actorId\` varchar(36) NULL, \`actorName\` varchar(50) NOT NULL, \`actorRole\` varchar(20) NOT NULL, \`note\` text NULL, \`internal\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_d15060c5976ce994c85c97f146\` (\`ticketId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`ticket_counters\` (\`companyId\` varchar(36) NOT NULL, \`prefix\` varchar(4) NOT NULL, \`day\` varchar(8) NOT NULL, \`seq\` int NOT NULL, PRIMARY KEY (\`companyId\`, \`prefix\`, \`day\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`ticket_photos\` (\`ticketId\` varchar(36) NOT NULL, \`uploadId\` varchar(36) NOT NULL, \`position\` int NOT NULL, PRIMARY KEY (\`ticketId\`, \`uploadId\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE \`ticket_photos\``);
    await q.query(`DROP TABLE \`ticket_counters\``);
    await q.query(`DROP INDEX \`IDX_d15060c5976ce994c85c97f146\` ON \`ticket_events\``);
    await q.query(`DROP TABLE \`ticket_events\``);
    await q.query(`DROP INDEX \`IDX_2430fc4e8868c87c79b2487f63\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_1d973cbd36d42c73d81f32ac79\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_07c26e2141bcea0ca039c59d84\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_28fbc57b1e8132fa43ce74ed6e\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_c3a8cdc0256b7228558991878d\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_0c464cc66e436d416a71b76738\` ON \`tickets\``);
    await q.query(`DROP TABLE \`tickets\``);
    await q.query(`DROP INDEX \`IDX_26b52eb7896fa66ca86483a8c2\` ON \`uploads\``);
    await q.query(`DROP INDEX \`IDX_569fe786a844a2e381f3280cdc\` ON \`uploads\``);
    await q.query(`DROP TABLE \`uploads\``);
    await q.query(`DROP INDEX \`IDX_62984656e13a3c3338792212b4\` ON \`household_codes\``);
    await q.query(`DROP TABLE \`household_codes\``);
    await q.query(`DROP INDEX \`IDX_907e447e7e30556ab95909fcdd\` ON \`household_bindings\``);
    await q.query(`DROP INDEX \`IDX_b96a28d249f7ca8b1bafcc88a6\` ON \`household_bindings\``);
    await q.query(`DROP INDEX \`IDX_400a3f876a0adc9c5b7589129e\` ON \`household_bindings\``);
    await q.query(`DROP TABLE \`household_bindings\``);
    await q.query(`DROP INDEX \`IDX_7d07972c1fb25d8fb82ab29840\` ON \`users\``);
    await q.query(`DROP INDEX \`IDX_9c98f005249412c8333a3b2c59\` ON \`users\``);
    await q.query(`DROP INDEX \`IDX_67689993ed1578f83ebf1b9078\` ON \`users\``);
    await q.query(`DROP INDEX \`IDX_6f9395c9037632a31107c8a9e5\` ON \`users\``);
    await q.query(`DROP TABLE \`users\``);
    await q.query(`DROP INDEX \`IDX_0600ec0953c21c21336bc9d2ea\` ON \`departments\``);
    await q.query(`DROP TABLE \`departments\``);
    await q.query(`DROP INDEX \`IDX_760460b0af6f0caf2feeb13be2\` ON \`households\``);
    await q.query(`DROP INDEX \`IDX_2d013e361c35b4f290e9e220ed\` ON \`households\``);
    await q.query(`DROP TABLE \`households\``);
    await q.query(`DROP INDEX \`IDX_3f8b928bed788bea24f7461104\` ON \`units\``);
    await q.query(`DROP TABLE \`units\``);
    await q.query(`DROP INDEX \`IDX_6bbc9fac951c0cbe7cc8819e12\` ON \`buildings\``);
    await q.query(`DROP TABLE \`buildings\``);
    await q.query(`DROP INDEX \`IDX_87fa45e3f4517658b98e5c55b9\` ON \`projects\``);
    await q.query(`DROP TABLE \`projects\``);
    await q.query(`DROP TABLE \`companies\``);
  }
}
