import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsMysql1795390951466 implements MigrationInterface {
  name = 'PaymentsMysql1795390951466';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE \`price_items\` (\`id\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`kind\` varchar(10) NOT NULL, \`name\` varchar(40) NOT NULL, \`unit\` varchar(10) NOT NULL DEFAULT '项', \`priceFen\` int NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`sort\` int NOT NULL DEFAULT '0', \`updatedById\` varchar(36) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_d59efefbf5043efa2f2b273adf\` (\`projectId\`, \`active\`, \`sort\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`quotes\` (\`id\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`supplementary\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(12) NOT NULL, \`totalFen\` int NOT NULL, \`note\` varchar(200) NULL, \`createdById\` varchar(36) NOT NULL, \`createdByName\` varchar(50) NOT NULL, \`idempotencyKey\` varchar(64) NULL, \`acceptedAt\` datetime(6) NULL, \`paidAt\` datetime(6) NULL, \`paidVia\` varchar(10) NULL, \`declineReason\` varchar(200) NULL, \`endedAt\` datetime(6) NULL, \`workStartedAt\` datetime(6) NULL, \`version\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_dbebc7fcdeb052318c99d2c23a\` (\`projectId\`), UNIQUE INDEX \`IDX_d1bab75fab3757be72ef351f12\` (\`ticketId\`, \`idempotencyKey\`), UNIQUE INDEX \`IDX_e41cf9bf5b6c897ce53a0a4fd1\` (\`ticketId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`quote_items\` (\`id\` varchar(36) NOT NULL, \`quoteId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`priceItemId\` varchar(36) NULL, \`kind\` varchar(10) NOT NULL, \`name\` varchar(40) NOT NULL, \`unit\` varchar(10) NOT NULL, \`unitPriceFen\` int NOT NULL, \`quantity\` int NOT NULL, \`amountFen\` int NOT NULL, INDEX \`IDX_ef162674660b3ed9dc76de2116\` (\`quoteId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`pay_orders\` (\`id\` varchar(36) NOT NULL, \`quoteId\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`channel\` varchar(10) NOT NULL, \`outTradeNo\` varchar(32) NOT NULL, \`openQuoteId\` varchar(36) NULL, \`amountFen\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`payerId\` varchar(36) NOT NULL, \`openid\` varchar(64) NULL, \`prepayId\` varchar(64) NULL, \`transactionId\` varchar(32) NULL, \`expiresAt\` datetime(6) NULL, \`paidAt\` datetime(6) NULL, \`closedAt\` datetime(6) NULL, \`note\` varchar(200) NULL, \`lastQueriedAt\` datetime(6) NULL, \`leaseUntil\` datetime(6) NULL, \`version\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_53532d6a89acb9e28a35fc853c\` (\`quoteId\`), INDEX \`IDX_b4b7119ff742ae4c8b2e7620d7\` (\`ticketId\`), UNIQUE INDEX \`IDX_3b8de6fe12beca07618c386211\` (\`outTradeNo\`), UNIQUE INDEX \`IDX_84f49ca1ccebe37e4b18655758\` (\`openQuoteId\`), UNIQUE INDEX \`IDX_4cd4c89585e0a813f2bbe6b41d\` (\`transactionId\`), INDEX \`IDX_601410c45cf77f44872a9b76bd\` (\`projectId\`, \`createdAt\`), INDEX \`IDX_7c89faddcb51737ece5c5fcf50\` (\`status\`, \`expiresAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`refunds\` (\`id\` varchar(36) NOT NULL, \`orderId\` varchar(36) NOT NULL, \`quoteId\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`projectId\` varchar(36) NOT NULL, \`channel\` varchar(10) NOT NULL, \`outRefundNo\` varchar(32) NOT NULL, \`refundId\` varchar(32) NULL, \`amountFen\` int NOT NULL, \`reason\` varchar(80) NOT NULL, \`status\` varchar(12) NOT NULL, \`requestedById\` varchar(36) NULL, \`finishedAt\` datetime(6) NULL, \`lastQueriedAt\` datetime(6) NULL, \`leaseUntil\` datetime(6) NULL, \`version\` int NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_605cf4d367799f3e5cfb9f6822\` (\`orderId\`), INDEX \`IDX_92e039627ef4bdee5dee550c67\` (\`ticketId\`), UNIQUE INDEX \`IDX_bc10c4ba52d8f25ce321fbbfc1\` (\`outRefundNo\`), UNIQUE INDEX \`IDX_0adc5a3e3a8867aa9976638973\` (\`refundId\`), INDEX \`IDX_3a78efd7e6773d02d5429a515d\` (\`projectId\`, \`createdAt\`), INDEX \`IDX_767656b1130111aaa9ca277d08\` (\`status\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`pay_notifications\` (\`id\` varchar(36) NOT NULL, \`wechatId\` varchar(64) NOT NULL, \`eventType\` varchar(40) NOT NULL, \`outcome\` varchar(10) NOT NULL, \`reason\` varchar(200) NULL, \`outTradeNo\` varchar(32) NULL, \`outRefundNo\` varchar(32) NULL, \`receivedAt\` datetime(6) NOT NULL, INDEX \`IDX_8f7ff11c42718498c5c0136565\` (\`wechatId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
    await q.query(
      `CREATE TABLE \`pay_events\` (\`id\` varchar(36) NOT NULL, \`ticketId\` varchar(36) NOT NULL, \`quoteId\` varchar(36) NULL, \`orderId\` varchar(36) NULL, \`refundId\` varchar(36) NULL, \`type\` varchar(32) NOT NULL, \`actorId\` varchar(36) NULL, \`actorName\` varchar(50) NOT NULL, \`source\` varchar(10) NOT NULL, \`amountFen\` int NULL, \`data\` text NULL, \`createdAt\` datetime(6) NOT NULL, INDEX \`IDX_1fa7195d4ca37a3035be41e377\` (\`ticketId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`IDX_1fa7195d4ca37a3035be41e377\` ON \`pay_events\``);
    await q.query(`DROP TABLE \`pay_events\``);
    await q.query(`DROP INDEX \`IDX_8f7ff11c42718498c5c0136565\` ON \`pay_notifications\``);
    await q.query(`DROP TABLE \`pay_notifications\``);
    await q.query(`DROP INDEX \`IDX_767656b1130111aaa9ca277d08\` ON \`refunds\``);
    await q.query(`DROP INDEX \`IDX_3a78efd7e6773d02d5429a515d\` ON \`refunds\``);
    await q.query(`DROP INDEX \`IDX_0adc5a3e3a8867aa9976638973\` ON \`refunds\``);
    await q.query(`DROP INDEX \`IDX_bc10c4ba52d8f25ce321fbbfc1\` ON \`refunds\``);
    await q.query(`DROP INDEX \`IDX_92e039627ef4bdee5dee550c67\` ON \`refunds\``);
    await q.query(`DROP INDEX \`IDX_605cf4d367799f3e5cfb9f6822\` ON \`refunds\``);
    await q.query(`DROP TABLE \`refunds\``);
    await q.query(`DROP INDEX \`IDX_7c89faddcb51737ece5c5fcf50\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_601410c45cf77f44872a9b76bd\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_4cd4c89585e0a813f2bbe6b41d\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_84f49ca1ccebe37e4b18655758\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_3b8de6fe12beca07618c386211\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_b4b7119ff742ae4c8b2e7620d7\` ON \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_53532d6a89acb9e28a35fc853c\` ON \`pay_orders\``);
    await q.query(`DROP TABLE \`pay_orders\``);
    await q.query(`DROP INDEX \`IDX_ef162674660b3ed9dc76de2116\` ON \`quote_items\``);
    await q.query(`DROP TABLE \`quote_items\``);
    await q.query(`DROP INDEX \`IDX_e41cf9bf5b6c897ce53a0a4fd1\` ON \`quotes\``);
    await q.query(`DROP INDEX \`IDX_d1bab75fab3757be72ef351f12\` ON \`quotes\``);
    await q.query(`DROP INDEX \`IDX_dbebc7fcdeb052318c99d2c23a\` ON \`quotes\``);
    await q.query(`DROP TABLE \`quotes\``);
    await q.query(`DROP INDEX \`IDX_d59efefbf5043efa2f2b273adf\` ON \`price_items\``);
    await q.query(`DROP TABLE \`price_items\``);
  }
}
