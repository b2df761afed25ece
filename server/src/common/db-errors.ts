import { QueryFailedError } from 'typeorm';

/** A unique-key clash on either dialect (a twin request or instance got there first). */
export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError &&
  /ER_DUP_ENTRY|SQLITE_CONSTRAINT_UNIQUE|SQLITE_CONSTRAINT_PRIMARYKEY|UNIQUE constraint/i.test(
    `${(e as { code?: string }).code} ${e.message}`,
  );
