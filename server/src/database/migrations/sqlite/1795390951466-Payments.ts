import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentsSqlite1795390951466 implements MigrationInterface {
  name = 'PaymentsSqlite1795390951466';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "price_items" ("id" varchar(36) PRIMARY KEY NOT NULL, "projectId" varchar(36) NOT NULL, "kind" varchar(10) NOT NULL, "name" varchar(40) NOT NULL, "unit" varchar(10) NOT NULL DEFAULT ('项'), "priceFen" integer NOT NULL, "active" boolean NOT NULL DEFAULT (1), "sort" integer NOT NULL DEFAULT (0), "updatedById" varchar(36), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(
      `CREATE INDEX "IDX_d59efefbf5043efa2f2b273adf" ON "price_items" ("projectId", "active", "sort") `,
    );
    await q.query(
      `CREATE TABLE "quotes" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "seq" integer NOT NULL, "supplementary" boolean NOT NULL DEFAULT (0), "status" varchar(12) NOT NULL, "totalFen" integer NOT NULL, "note" varchar(200), "createdById" varchar(36) NOT NULL, "createdByName" varchar(50) NOT NULL, "idempotencyKey" varchar(64), "acceptedAt" datetime(6), "paidAt" datetime(6), "paidVia" varchar(10), "declineReason" varchar(200), "endedAt" datetime(6), "workStartedAt" datetime(6), "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_dbebc7fcdeb052318c99d2c23a" ON "quotes" ("projectId") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_d1bab75fab3757be72ef351f12" ON "quotes" ("ticketId", "idempotencyKey") `,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_e41cf9bf5b6c897ce53a0a4fd1" ON "quotes" ("ticketId", "seq") `);
    await q.query(
      `CREATE TABLE "quote_items" ("id" varchar(36) PRIMARY KEY NOT NULL, "quoteId" varchar(36) NOT NULL, "position" integer NOT NULL, "priceItemId" varchar(36), "kind" varchar(10) NOT NULL, "name" varchar(40) NOT NULL, "unit" varchar(10) NOT NULL, "unitPriceFen" integer NOT NULL, "quantity" integer NOT NULL, "amountFen" integer NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_ef162674660b3ed9dc76de2116" ON "quote_items" ("quoteId") `);
    await q.query(
      `CREATE TABLE "pay_orders" ("id" varchar(36) PRIMARY KEY NOT NULL, "quoteId" varchar(36) NOT NULL, "ticketId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "channel" varchar(10) NOT NULL, "outTradeNo" varchar(32) NOT NULL, "openQuoteId" varchar(36), "amountFen" integer NOT NULL, "status" varchar(10) NOT NULL, "payerId" varchar(36) NOT NULL, "openid" varchar(64), "prepayId" varchar(64), "transactionId" varchar(32), "expiresAt" datetime(6), "paidAt" datetime(6), "closedAt" datetime(6), "note" varchar(200), "lastQueriedAt" datetime(6), "leaseUntil" datetime(6), "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE INDEX "IDX_53532d6a89acb9e28a35fc853c" ON "pay_orders" ("quoteId") `);
    await q.query(`CREATE INDEX "IDX_b4b7119ff742ae4c8b2e7620d7" ON "pay_orders" ("ticketId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_3b8de6fe12beca07618c386211" ON "pay_orders" ("outTradeNo") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_84f49ca1ccebe37e4b18655758" ON "pay_orders" ("openQuoteId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_4cd4c89585e0a813f2bbe6b41d" ON "pay_orders" ("transactionId") `);
    await q.query(
      `CREATE INDEX "IDX_601410c45cf77f44872a9b76bd" ON "pay_orders" ("projectId", "createdAt") `,
    );
    await q.query(`CREATE INDEX "IDX_7c89faddcb51737ece5c5fcf50" ON "pay_orders" ("status", "expiresAt") `);
    await q.query(
      `CREATE TABLE "refunds" ("id" varchar(36) PRIMARY KEY NOT NULL, "orderId" varchar(36) NOT NULL, "quoteId" varchar(36) NOT NULL, "ticketId" varchar(36) NOT NULL, "projectId" varchar(36) NOT NULL, "channel" varchar(10) NOT NULL, "outRefundNo" varchar(32) NOT NULL, "refundId" varchar(32), "amountFen" integer NOT NULL, "reason" varchar(80) NOT NULL, "status" varchar(12) NOT NULL, "requestedById" varchar(36), "finishedAt" datetime(6), "lastQueriedAt" datetime(6), "leaseUntil" datetime(6), "version" integer NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_605cf4d367799f3e5cfb9f6822" ON "refunds" ("orderId") `);
    await q.query(`CREATE INDEX "IDX_92e039627ef4bdee5dee550c67" ON "refunds" ("ticketId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_bc10c4ba52d8f25ce321fbbfc1" ON "refunds" ("outRefundNo") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_0adc5a3e3a8867aa9976638973" ON "refunds" ("refundId") `);
    await q.query(`CREATE INDEX "IDX_3a78efd7e6773d02d5429a515d" ON "refunds" ("projectId", "createdAt") `);
    await q.query(`CREATE INDEX "IDX_767656b1130111aaa9ca277d08" ON "refunds" ("status", "createdAt") `);
    await q.query(
      `CREATE TABLE "pay_notifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "wechatId" varchar(64) NOT NULL, "eventType" varchar(40) NOT NULL, "outcome" varchar(10) NOT NULL, "reason" varchar(200), "outTradeNo" varchar(32), "outRefundNo" varchar(32), "receivedAt" datetime(6) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_8f7ff11c42718498c5c0136565" ON "pay_notifications" ("wechatId") `);
    await q.query(
      `CREATE TABLE "pay_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticketId" varchar(36) NOT NULL, "quoteId" varchar(36), "orderId" varchar(36), "refundId" varchar(36), "type" varchar(32) NOT NULL, "actorId" varchar(36), "actorName" varchar(50) NOT NULL, "source" varchar(10) NOT NULL, "amountFen" integer, "data" text, "createdAt" datetime(6) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_1fa7195d4ca37a3035be41e377" ON "pay_events" ("ticketId") `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_1fa7195d4ca37a3035be41e377"`);
    await q.query(`DROP TABLE "pay_events"`);
    await q.query(`DROP INDEX "IDX_8f7ff11c42718498c5c0136565"`);
    await q.query(`DROP TABLE "pay_notifications"`);
    await q.query(`DROP INDEX "IDX_767656b1130111aaa9ca277d08"`);
    await q.query(`DROP INDEX "IDX_3a78efd7e6773d02d5429a515d"`);
    await q.query(`DROP INDEX "IDX_0adc5a3e3a8867aa9976638973"`);
    await q.query(`DROP INDEX "IDX_bc10c4ba52d8f25ce321fbbfc1"`);
    await q.query(`DROP INDEX "IDX_92e039627ef4bdee5dee550c67"`);
    await q.query(`DROP INDEX "IDX_605cf4d367799f3e5cfb9f6822"`);
    await q.query(`DROP TABLE "refunds"`);
    await q.query(`DROP INDEX "IDX_7c89faddcb51737ece5c5fcf50"`);
    await q.query(`DROP INDEX "IDX_601410c45cf77f44872a9b76bd"`);
    await q.query(`DROP INDEX "IDX_4cd4c89585e0a813f2bbe6b41d"`);
    await q.query(`DROP INDEX "IDX_84f49ca1ccebe37e4b18655758"`);
    await q.query(`DROP INDEX "IDX_3b8de6fe12beca07618c386211"`);
    await q.query(`DROP INDEX "IDX_b4b7119ff742ae4c8b2e7620d7"`);
    await q.query(`DROP INDEX "IDX_53532d6a89acb9e28a35fc853c"`);
    await q.query(`DROP TABLE "pay_orders"`);
    await q.query(`DROP INDEX "IDX_ef162674660b3ed9dc76de2116"`);
    await q.query(`DROP TABLE "quote_items"`);
    await q.query(`DROP INDEX "IDX_e41cf9bf5b6c897ce53a0a4fd1"`);
    await q.query(`DROP INDEX "IDX_d1bab75fab3757be72ef351f12"`);
    await q.query(`DROP INDEX "IDX_dbebc7fcdeb052318c99d2c23a"`);
    await q.query(`DROP TABLE "quotes"`);
    await q.query(`DROP INDEX "IDX_d59efefbf5043efa2f2b273adf"`);
    await q.query(`DROP TABLE "price_items"`);
  }
}
