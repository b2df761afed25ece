import { randomUUID } from 'node:crypto';
import { ColumnOptions, PrimaryColumnOptions } from 'typeorm';

export const newId = (): string => randomUUID();
/** uuid primary/foreign keys as 36-character strings on both dialects. */
export const ID: PrimaryColumnOptions & ColumnOptions = { type: 'varchar', length: 36 };
export const NULLABLE_ID: ColumnOptions = { type: 'varchar', length: 36, nullable: true };
/** Microsecond timestamps (MySQL's CURRENT_TIMESTAMP default is (6); a mismatch shows as a schema diff), stored in UTC. */
export const TIMESTAMP: ColumnOptions = { type: 'datetime', precision: 6 };
