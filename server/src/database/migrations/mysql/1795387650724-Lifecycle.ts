import { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleMysql1795387650724 implements MigrationInterface {
  name = 'LifecycleMysql1795387650724';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_d15060c5976ce994c85c97f146\` ON \`ticket_events\``);
    await q.query(`ALTER TABLE \`households\` ADD \`keyCustomerReasons\` varchar(500) NULL`);
    await q.query(`ALTER TABLE \`households\` ADD \`specialNeeds\` varchar(500) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`departmentId\` varchar(36) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`assigneeId\` varchar(36) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`escalationLevel\` varchar(20) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`replyDueAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`handleDueAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`handlingRecordDueAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`dueAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`repliedAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`handlingRecordAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`handledAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`closedAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`deferredUntil\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`pausedAt\` datetime(6) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`causeFactor\` varchar(20) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`causeSub\` varchar(20) NULL`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`reopenCount\` int NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`priority\` int NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE \`tickets\` ADD \`priorityReason\` varchar(200) NULL`);
    await q.query(`ALTER TABLE \`ticket_events\` ADD \`ticketVersion\` int NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE \`ticket_events\` ADD \`label\` varchar(60) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE \`ticket_events\` ADD \`data\` text NULL`);
    await q.query(`CREATE INDEX \`IDX_e2ad8a109a8cfd6a3402f5eaa3\` ON \`tickets\` (\`dueAt\`)`);
    await q.query(
      `CREATE INDEX \`IDX_fe004173c67459c83053c95a2a\` ON \`tickets\` (\`assigneeId\`, \`status\`)`,
    );
    await q.query(
      `CREATE INDEX \`IDX_a7369346a1094575ec853b1390\` ON \`tickets\` (\`projectId\`, \`departmentId\`, \`status\`)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX \`IDX_b970cacd2be4d96bde0f584b7d\` ON \`ticket_events\` (\`ticketId\`, \`ticketVersion\`)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_b970cacd2be4d96bde0f584b7d\` ON \`ticket_events\``);
    await q.query(`DROP INDEX \`IDX_a7369346a1094575ec853b1390\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_fe004173c67459c83053c95a2a\` ON \`tickets\``);
    await q.query(`DROP INDEX \`IDX_e2ad8a109a8cfd6a3402f5eaa3\` ON \`tickets\``);
    await q.query(`ALTER TABLE \`ticket_events\` DROP COLUMN \`data\``);
    await q.query(`ALTER TABLE \`ticket_events\` DROP COLUMN \`label\``);
    await q.query(`ALTER TABLE \`ticket_events\` DROP COLUMN \`ticketVersion\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`priorityReason\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`priority\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`reopenCount\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`causeSub\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`causeFactor\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`pausedAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`deferredUntil\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`closedAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`handledAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`handlingRecordAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`repliedAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`dueAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`handlingRecordDueAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`handleDueAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`replyDueAt\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`escalationLevel\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`assigneeId\``);
    await q.query(`ALTER TABLE \`tickets\` DROP COLUMN \`departmentId\``);
    await q.query(`ALTER TABLE \`households\` DROP COLUMN \`specialNeeds\``);
    await q.query(`ALTER TABLE \`households\` DROP COLUMN \`keyCustomerReasons\``);
    await q.query(
      `CREATE INDEX \`IDX_d15060c5976ce994c85c97f146\` ON \`ticket_events\` (\`ticketId\`, \`createdAt\`)`,
    );
  }
}
