import { InitMysql1795386071665 } from './1795386071665-Init';

/** Applied in this order; append new migrations at the end. */
export const MYSQL_MIGRATIONS: Function[] = [InitMysql1795386071665];
