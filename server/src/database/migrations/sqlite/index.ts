import { InitSqlite1795386365532 } from './1795386365532-Init';
import { LifecycleSqlite1795387650724 } from './1795387650724-Lifecycle';
import { ReplyTemplatesSqlite1795387722952 } from './1795387722952-ReplyTemplates';
import { RoutingSqlite1795387897485 } from './1795387897485-Routing';
import { IncidentsSqlite1795388685323 } from './1795388685323-Incidents';
import { ClassifierModelsSqlite1795388897773 } from './1795388897773-ClassifierModels';
import { StaffInvitesSqlite1795389165424 } from './1795389165424-StaffInvites';
import { ReportsSqlite1795390993104 } from './1795390993104-Reports';

/** Applied in this order; the generator rewrites this file. */
export const SQLITE_MIGRATIONS: Function[] = [
  InitSqlite1795386365532,
  LifecycleSqlite1795387650724,
  ReplyTemplatesSqlite1795387722952,
  RoutingSqlite1795387897485,
  IncidentsSqlite1795388685323,
  ClassifierModelsSqlite1795388897773,
  StaffInvitesSqlite1795389165424,
  ReportsSqlite1795390993104,
];
