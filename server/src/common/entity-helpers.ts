import { randomUUID } from 'node:crypto';
import { ColumnOptions, EntityMetadata, PrimaryColumnOptions } from 'typeorm';

export const newId = (): string => randomUUID();
/** uuid primary/foreign keys as 36-character strings on both dialects. */
export const ID: PrimaryColumnOptions & ColumnOptions = { type: 'varchar', length: 36 };
export const NULLABLE_ID: ColumnOptions = { type: 'varchar', length: 36, nullable: true };
/** Microsecond timestamps (MySQL's CURRENT_TIMESTAMP default is (6); a mismatch shows as a schema diff), stored in UTC. */
export const TIMESTAMP: ColumnOptions = { type: 'datetime', precision: 6 };

/**
 * Gives every column the entity leaves undefined the value the database would store (its literal default, or
 * null): what a re-read after the insert would show, without the re-read.
 */
export function fillColumnDefaults<T extends object>(metadata: EntityMetadata, entity: T): T {
  for (const c of metadata.columns) {
    if (c.getEntityValue(entity) !== undefined) continue;
    const d: unknown = c.default;
    if (typeof d === 'number' || typeof d === 'boolean' || typeof d === 'string') c.setEntityValue(entity, d);
    else if (c.isNullable) c.setEntityValue(entity, null);
  }
  return entity;
}
