import { InitMysql1795386365532 } from './1795386365532-Init';
import { LifecycleMysql1795387650724 } from './1795387650724-Lifecycle';
import { ReplyTemplatesMysql1795387722952 } from './1795387722952-ReplyTemplates';
import { RoutingMysql1795387897485 } from './1795387897485-Routing';
import { IncidentsMysql1795388685323 } from './1795388685323-Incidents';
import { ClassifierModelsMysql1795388897773 } from './1795388897773-ClassifierModels';
import { StaffInvitesMysql1795389165424 } from './1795389165424-StaffInvites';
import { ClocksMysql1795390872314 } from './1795390872314-Clocks';
import { SurveysMysql1795390886281 } from './1795390886281-Surveys';
import { PaymentsMysql1795390951466 } from './1795390951466-Payments';
import { ReportsMysql1795390993104 } from './1795390993104-Reports';
import { ClockSettingsMysql1795391162097 } from './1795391162097-ClockSettings';
import { ReturnVisitsMysql1795391676139 } from './1795391676139-ReturnVisits';
import { RepairTradesMysql1795391836684 } from './1795391836684-RepairTrades';
import { LookupIndexesMysql1795412424741 } from './1795412424741-LookupIndexes';
import { HouseholdRecentIndexMysql1795426560306 } from './1795426560306-HouseholdRecentIndex';
import { StatisticsMonthMysql1796669542274 } from './1796669542274-StatisticsMonth';
import { MajorComplaintDecisionMysql1796669931344 } from './1796669931344-MajorComplaintDecision';
import { PrivacyAndTrustMysql1796669650092 } from './1796669650092-PrivacyAndTrust';
import { TicketRepairClassMysql1795440000000 } from './1795440000000-TicketRepairClass';
import { ProjectPolicyMysql1796669749417 } from './1796669749417-ProjectPolicy';
import { SmsSendsMysql1796670548646 } from './1796670548646-SmsSends';
import { HouseholdEmergencyContactsMysql1796671275762 } from './1796671275762-HouseholdEmergencyContacts';

/** Applied in this order; the generator rewrites this file. */
export const MYSQL_MIGRATIONS: Function[] = [
  InitMysql1795386365532,
  LifecycleMysql1795387650724,
  ReplyTemplatesMysql1795387722952,
  RoutingMysql1795387897485,
  IncidentsMysql1795388685323,
  ClassifierModelsMysql1795388897773,
  StaffInvitesMysql1795389165424,
  ClocksMysql1795390872314,
  SurveysMysql1795390886281,
  PaymentsMysql1795390951466,
  ReportsMysql1795390993104,
  ClockSettingsMysql1795391162097,
  ReturnVisitsMysql1795391676139,
  RepairTradesMysql1795391836684,
  LookupIndexesMysql1795412424741,
  HouseholdRecentIndexMysql1795426560306,
  StatisticsMonthMysql1796669542274,
  MajorComplaintDecisionMysql1796669931344,
  PrivacyAndTrustMysql1796669650092,
  TicketRepairClassMysql1795440000000,
  ProjectPolicyMysql1796669749417,
  SmsSendsMysql1796670548646,
  HouseholdEmergencyContactsMysql1796671275762,
];
