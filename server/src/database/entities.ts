import {
  Building,
  Company,
  Department,
  Household,
  HouseholdBinding,
  HouseholdCode,
  StaffInvite,
  Project,
  Unit,
  User,
} from '../org/entities';
import { ClassifierModelVersion } from '../classification/model-version.entity';
import { Incident } from '../incidents/incident.entity';
import {
  CorrectiveAction,
  ReportCategoryRollup,
  ReportCauseRollup,
  ReportKpiRollup,
  ReportRollupBuild,
  ReportSubmission,
  RepresentativeCase,
  SpecialCase,
  SpecialCaseArchive,
  SpecialCaseArchiveEntry,
  SpecialCaseSync,
} from '../reports/entities';
import { ReplyTemplateRow } from '../replies/reply-template.entity';
import { ClassificationCorrection, RoutingRule, StaffTrade } from '../routing/routing.entities';
import { Upload } from '../storage/upload.entity';
import { InventorySnapshot } from '../clocks/inventory-snapshot.entity';
import { Job } from '../jobs/job.entity';
import { Notification, SubscribeQuota, WechatSend } from '../notifications/entities';
import { SmsDailyCount, SmsSend } from '../sms/entities';
import { SURVEY_ENTITIES } from '../surveys/entities';
import { PAYMENT_ENTITIES } from '../payments/entities';
import { Ticket, TicketCounter, TicketEvent, TicketPhoto } from '../tickets/entities';
import { VISIT_ENTITIES } from '../visits/entities';
import { PRIVACY_ENTITIES } from '../privacy/entities';

/** Every entity, in one list: the data source and the migration generator both use it. */
export const ENTITIES = [
  Company,
  Project,
  Building,
  Unit,
  Household,
  Department,
  User,
  HouseholdBinding,
  HouseholdCode,
  StaffInvite,
  Upload,
  Ticket,
  TicketEvent,
  TicketCounter,
  TicketPhoto,
  ReplyTemplateRow,
  RoutingRule,
  ClassificationCorrection,
  Incident,
  ClassifierModelVersion,
  Job,
  Notification,
  SubscribeQuota,
  WechatSend,
  SmsSend,
  SmsDailyCount,
  InventorySnapshot,
  StaffTrade,
  ...SURVEY_ENTITIES,
  ...PAYMENT_ENTITIES,
  ...VISIT_ENTITIES,
  ...PRIVACY_ENTITIES,
  ReportCategoryRollup,
  ReportKpiRollup,
  ReportCauseRollup,
  ReportRollupBuild,
  CorrectiveAction,
  RepresentativeCase,
  ReportSubmission,
  SpecialCase,
  SpecialCaseArchive,
  SpecialCaseArchiveEntry,
  SpecialCaseSync,
];
