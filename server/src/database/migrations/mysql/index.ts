import { InitMysql1795386365532 } from './1795386365532-Init';

/** Applied in this order; append new migrations at the end. */
export const MYSQL_MIGRATIONS: Function[] = [InitMysql1795386365532];
