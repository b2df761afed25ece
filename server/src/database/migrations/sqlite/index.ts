import { InitSqlite1795386365532 } from './1795386365532-Init';
import { LifecycleSqlite1795387650724 } from './1795387650724-Lifecycle';
import { ReplyTemplatesSqlite1795387722952 } from './1795387722952-ReplyTemplates';
import { RoutingSqlite1795387897485 } from './1795387897485-Routing';
import { IncidentsSqlite1795388685323 } from './1795388685323-Incidents';
import { ClassifierModelsSqlite1795388897773 } from './1795388897773-ClassifierModels';
import { StaffInvitesSqlite1795389165424 } from './1795389165424-StaffInvites';
import { ClocksSqlite1795390872314 } from './1795390872314-Clocks';
import { SurveysSqlite1795390886281 } from './1795390886281-Surveys';
import { PaymentsSqlite1795390951466 } from './1795390951466-Payments';
import { ReportsSqlite1795390993104 } from './1795390993104-Reports';
import { ClockSettingsSqlite1795391162097 } from './1795391162097-ClockSettings';
import { ReturnVisitsSqlite1795391676139 } from './1795391676139-ReturnVisits';
import { RepairTradesSqlite1795391836684 } from './1795391836684-RepairTrades';
import { LookupIndexesSqlite1795412424741 } from './1795412424741-LookupIndexes';
import { HouseholdRecentIndexSqlite1795426560306 } from './1795426560306-HouseholdRecentIndex';
import { StatisticsMonthSqlite1796669542274 } from './1796669542274-StatisticsMonth';
import { MajorComplaintDecisionSqlite1796669931344 } from './1796669931344-MajorComplaintDecision';
import { PrivacyAndTrustSqlite1796669650092 } from './1796669650092-PrivacyAndTrust';
import { TicketRepairClassSqlite1795440000000 } from './1795440000000-TicketRepairClass';
import { ProjectPolicySqlite1796669749417 } from './1796669749417-ProjectPolicy';
import { SmsSendsSqlite1796670548646 } from './1796670548646-SmsSends';
import { HouseholdEmergencyContactsSqlite1796671275762 } from './1796671275762-HouseholdEmergencyContacts';

/** Applied in this order; the generator rewrites this file. */
export const SQLITE_MIGRATIONS: Function[] = [
  InitSqlite1795386365532,
  LifecycleSqlite1795387650724,
  ReplyTemplatesSqlite1795387722952,
  RoutingSqlite1795387897485,
  IncidentsSqlite1795388685323,
  ClassifierModelsSqlite1795388897773,
  StaffInvitesSqlite1795389165424,
  ClocksSqlite1795390872314,
  SurveysSqlite1795390886281,
  PaymentsSqlite1795390951466,
  ReportsSqlite1795390993104,
  ClockSettingsSqlite1795391162097,
  ReturnVisitsSqlite1795391676139,
  RepairTradesSqlite1795391836684,
  LookupIndexesSqlite1795412424741,
  HouseholdRecentIndexSqlite1795426560306,
  StatisticsMonthSqlite1796669542274,
  MajorComplaintDecisionSqlite1796669931344,
  PrivacyAndTrustSqlite1796669650092,
  TicketRepairClassSqlite1795440000000,
  ProjectPolicySqlite1796669749417,
  SmsSendsSqlite1796670548646,
  HouseholdEmergencyContactsSqlite1796671275762,
];
