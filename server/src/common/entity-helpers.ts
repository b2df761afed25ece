import { randomUUID } from 'node:crypto';
import { ColumnOptions, EntityMetadata, PrimaryColumnOptions } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

export const newId = (): string => randomUUID();

/**
 * A new entity with these fields: what `repository.create(fields)` makes for the plain columns our entities have,
 * without TypeORM walking its metadata for each property (intake makes a dozen per ticket).
 */
export function instance<T extends object>(cls: new () => T, fields: Partial<T>): T {
  return Object.assign(new cls(), fields);
}
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
  for (const a of columnAccess(metadata)) {
    if (a.get(entity) !== undefined) continue;
    const d: unknown = a.column.default;
    if (typeof d === 'number' || typeof d === 'boolean' || typeof d === 'string') a.set(entity, d);
    else if (a.column.isNullable) a.set(entity, null);
  }
  return entity;
}

/** How to read and write one column's value on an entity. */
export interface ColumnAccess {
  column: ColumnMetadata;
  get(entity: object): unknown;
  set(entity: object, value: unknown): void;
}

const accessByMeta = new WeakMap<EntityMetadata, ColumnAccess[]>();

/**
 * Every column of an entity with its reader and writer: a plain property (no embedded object, no relation) is read
 * and written directly, the rest through TypeORM's ColumnMetadata. The hand-written statements (database/raw.ts) go
 * through every column of every row; TypeORM's general path cost about 2% of intake's CPU (bench profile).
 */
export function columnAccess(metadata: EntityMetadata): ColumnAccess[] {
  let list = accessByMeta.get(metadata);
  if (!list) {
    list = metadata.columns.map((column) => {
      if (column.embeddedMetadata || column.referencedColumn || column.relationMetadata)
        return {
          column,
          get: (e: object) => column.getEntityValue(e),
          set: (e: object, v: unknown) => column.setEntityValue(e, v),
        };
      const p = column.propertyName;
      return {
        column,
        get: (e: object) => (e as Record<string, unknown>)[p],
        set: (e: object, v: unknown) => ((e as Record<string, unknown>)[p] = v),
      };
    });
    accessByMeta.set(metadata, list);
  }
  return list;
}
