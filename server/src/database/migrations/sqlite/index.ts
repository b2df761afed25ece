import { InitSqlite1795386365532 } from './1795386365532-Init';

/** Applied in this order; append new migrations at the end. */
export const SQLITE_MIGRATIONS: Function[] = [InitSqlite1795386365532];
