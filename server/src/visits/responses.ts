/** What the visits endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TICKET_KINDS, TICKET_STATUSES, Role, TicketKind, TicketStatus } from '@wuye/shared';
import { ROLES } from '../common/api-responses';
import { PhotoRef, TicketDetailContact, HouseholdLabel } from '../tickets/responses';

export class VisitListItemTicket {
  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: () => HouseholdLabel, nullable: true })
  household: HouseholdLabel | null;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ type: String })
  kindLabel: string;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;
}

export class TicketVisitsTask {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ type: Number })
  round: number;

  @ApiProperty({ type: Number })
  seq: number;

  @ApiProperty({ enum: ['cancelled', 'open', 'invited', 'done'] })
  status: 'cancelled' | 'open' | 'invited' | 'done';

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String })
  trigger: string;

  @ApiProperty({ type: String })
  form: string;

  @ApiProperty({ type: String })
  formLabel: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  visitorRole: Role;

  @ApiProperty({ type: String })
  visitorRoleLabel: string;

  @ApiProperty({ type: Number, nullable: true })
  complaintLevel: number | null;

  @ApiProperty({ type: String, nullable: true })
  complaintLevelLabel: string | null;

  @ApiProperty({ type: String, nullable: true })
  repairType: string | null;

  @ApiProperty({ type: String, nullable: true })
  repairTypeLabel: string | null;

  @ApiProperty({ type: String })
  basis: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  inviteDeadline: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: Boolean })
  overdue: boolean;

  @ApiProperty({ type: String, nullable: true })
  outcome: string | null;

  @ApiProperty({ type: String, nullable: true })
  doneVia: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  doneAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;
}

export class VisitListItem extends TicketVisitsTask {
  @ApiProperty({ type: () => VisitListItemTicket })
  ticket: VisitListItemTicket;

  @ApiProperty({ type: Number })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastResult: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastResultLabel: string | null;
}

export class VisitPage {
  @ApiProperty({ type: Number })
  total: number;

  @ApiProperty({ type: Number })
  page: number;

  @ApiProperty({ type: Number })
  pageSize: number;

  @ApiProperty({ type: () => [VisitListItem] })
  items: VisitListItem[];
}

export class VisitRuleOverridesRepairGeneralVisit {
  @ApiProperty({ enum: ['hours', 'next_day', 'days', 'after_rain'] })
  type: 'hours' | 'next_day' | 'days' | 'after_rain';

  @ApiPropertyOptional({ type: Number })
  hours?: number;

  @ApiPropertyOptional({ type: Number })
  days?: number;
}

export class VisitRuleOverridesRepairGeneral {
  @ApiPropertyOptional({ type: () => [VisitRuleOverridesRepairGeneralVisit] })
  visits?: VisitRuleOverridesRepairGeneralVisit[];

  @ApiPropertyOptional({ type: Boolean })
  afterRain?: boolean;

  @ApiPropertyOptional({ type: Number })
  repeatEveryDays?: number;

  @ApiPropertyOptional({ type: String })
  basis?: string;
}

export class VisitRuleOverridesRepair {
  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  general?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  danger?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  seepage?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  plumbing?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  tv_signal?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  appliance?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  wall_crack?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  safety_facility?: VisitRuleOverridesRepairGeneral;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairGeneral })
  leak?: VisitRuleOverridesRepairGeneral;
}

export class VisitRuleOverridesRepairVisitor {
  @ApiPropertyOptional({ enum: ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] })
  role?: 'front_desk' | 'dept_staff' | 'cs_lead' | 'project_manager' | 'hq';

  @ApiPropertyOptional({ enum: ['phone', 'online', 'home'] })
  form?: 'phone' | 'online' | 'home';
}

export class VisitRuleOverridesComplaintLevel {
  @ApiPropertyOptional({ enum: ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] })
  visitorRole?: 'front_desk' | 'dept_staff' | 'cs_lead' | 'project_manager' | 'hq';

  @ApiPropertyOptional({ enum: ['phone', 'online', 'home'] })
  form?: 'phone' | 'online' | 'home';

  @ApiPropertyOptional({ type: () => [VisitRuleOverridesRepairGeneralVisit] })
  visits?: VisitRuleOverridesRepairGeneralVisit[];

  @ApiPropertyOptional({ type: String })
  basis?: string;
}

export class VisitRuleOverridesComplaint {
  @ApiPropertyOptional({ type: () => VisitRuleOverridesComplaintLevel })
  '1'?: VisitRuleOverridesComplaintLevel;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesComplaintLevel })
  '2'?: VisitRuleOverridesComplaintLevel;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesComplaintLevel })
  '3'?: VisitRuleOverridesComplaintLevel;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesComplaintLevel })
  '4'?: VisitRuleOverridesComplaintLevel;
}

export class VisitRuleOverridesOnlineReplyHours {
  @ApiPropertyOptional({ type: Number })
  repair?: number;

  @ApiPropertyOptional({ type: Number })
  complaint?: number;
}

export class VisitRuleOverridesDissatisfaction {
  @ApiPropertyOptional({ type: Number })
  escalateAt?: number;

  @ApiPropertyOptional({ enum: ['cs_lead', 'project_manager', 'hq'] })
  escalateTo?: 'cs_lead' | 'project_manager' | 'hq';
}

export class VisitRuleOverridesRepeatComplaint {
  @ApiPropertyOptional({ type: Number })
  windowDays?: number;

  @ApiPropertyOptional({ type: Number })
  minSimilarity?: number;
}

export class VisitRuleOverrides {
  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepair })
  repair?: VisitRuleOverridesRepair;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepairVisitor })
  repairVisitor?: VisitRuleOverridesRepairVisitor;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesComplaint })
  complaint?: VisitRuleOverridesComplaint;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesOnlineReplyHours })
  onlineReplyHours?: VisitRuleOverridesOnlineReplyHours;

  @ApiPropertyOptional({ type: Number })
  staffGraceHours?: number;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesDissatisfaction })
  dissatisfaction?: VisitRuleOverridesDissatisfaction;

  @ApiPropertyOptional({ type: () => VisitRuleOverridesRepeatComplaint })
  repeatComplaint?: VisitRuleOverridesRepeatComplaint;
}

export class RepairVisitRule {
  @ApiProperty({ type: () => [VisitRuleOverridesRepairGeneralVisit] })
  visits: VisitRuleOverridesRepairGeneralVisit[];

  @ApiPropertyOptional({ type: Boolean })
  afterRain?: boolean;

  @ApiPropertyOptional({ type: Number })
  repeatEveryDays?: number;

  @ApiProperty({ type: String })
  basis: string;
}

export class VisitRulesRepair {
  @ApiProperty({ type: () => RepairVisitRule })
  general: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  danger: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  seepage: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  plumbing: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  tv_signal: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  appliance: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  wall_crack: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  safety_facility: RepairVisitRule;

  @ApiProperty({ type: () => RepairVisitRule })
  leak: RepairVisitRule;
}

export class VisitRulesRepairVisitor {
  @ApiProperty({ enum: ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] })
  role: 'front_desk' | 'dept_staff' | 'cs_lead' | 'project_manager' | 'hq';

  @ApiProperty({ enum: ['phone', 'online', 'home'] })
  form: 'phone' | 'online' | 'home';
}

export class ComplaintVisitRule {
  @ApiProperty({ enum: ['front_desk', 'dept_staff', 'cs_lead', 'project_manager', 'hq'] })
  visitorRole: 'front_desk' | 'dept_staff' | 'cs_lead' | 'project_manager' | 'hq';

  @ApiProperty({ enum: ['phone', 'online', 'home'] })
  form: 'phone' | 'online' | 'home';

  @ApiProperty({ type: () => [VisitRuleOverridesRepairGeneralVisit] })
  visits: VisitRuleOverridesRepairGeneralVisit[];

  @ApiProperty({ type: String })
  basis: string;
}

export class VisitRulesComplaint {
  @ApiProperty({ type: () => ComplaintVisitRule })
  '1': ComplaintVisitRule;

  @ApiProperty({ type: () => ComplaintVisitRule })
  '2': ComplaintVisitRule;

  @ApiProperty({ type: () => ComplaintVisitRule })
  '3': ComplaintVisitRule;

  @ApiProperty({ type: () => ComplaintVisitRule })
  '4': ComplaintVisitRule;
}

export class VisitRulesOnlineReplyHours {
  @ApiProperty({ type: Number })
  repair: number;

  @ApiProperty({ type: Number })
  complaint: number;
}

export class VisitRulesDissatisfaction {
  @ApiProperty({ type: Number })
  escalateAt: number;

  @ApiProperty({ enum: ['cs_lead', 'project_manager', 'hq'] })
  escalateTo: 'cs_lead' | 'project_manager' | 'hq';
}

export class VisitRulesRepeatComplaint {
  @ApiProperty({ type: Number })
  windowDays: number;

  @ApiProperty({ type: Number })
  minSimilarity: number;
}

export class VisitRules {
  @ApiProperty({ type: () => VisitRulesRepair })
  repair: VisitRulesRepair;

  @ApiProperty({ type: () => VisitRulesRepairVisitor })
  repairVisitor: VisitRulesRepairVisitor;

  @ApiProperty({ type: () => VisitRulesComplaint })
  complaint: VisitRulesComplaint;

  @ApiProperty({ type: () => VisitRulesOnlineReplyHours })
  onlineReplyHours: VisitRulesOnlineReplyHours;

  @ApiProperty({ type: Number })
  staffGraceHours: number;

  @ApiProperty({ type: () => VisitRulesDissatisfaction })
  dissatisfaction: VisitRulesDissatisfaction;

  @ApiProperty({ type: () => VisitRulesRepeatComplaint })
  repeatComplaint: VisitRulesRepeatComplaint;
}

export class VisitRuleSettings {
  @ApiProperty({ type: () => VisitRuleOverrides })
  overrides: VisitRuleOverrides;

  @ApiProperty({ type: () => VisitRules })
  effective: VisitRules;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt: string | null;
}

export class RainTrigger {
  @ApiProperty({ type: Number })
  due: number;

  @ApiProperty({ type: String, format: 'date-time' })
  dueAt: string;
}

export class VisitDetailTicket {
  @ApiProperty({ type: String })
  content: string;

  @ApiProperty({ type: () => HouseholdLabel, nullable: true })
  household: HouseholdLabel | null;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  handledAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  handledNote: string | null;

  @ApiProperty({ type: Number })
  reopenCount: number;

  @ApiProperty({ type: () => TicketDetailContact, nullable: true })
  contact: TicketDetailContact | null;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ type: String })
  kindLabel: string;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;
}

export class RatingQuestion {
  @ApiProperty({ type: String })
  key: string;

  @ApiProperty({ type: String })
  label: string;
}

export class VisitDetailAttempt {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  method: string;

  @ApiProperty({ type: String })
  methodLabel: string;

  @ApiProperty({ type: String })
  result: string;

  @ApiProperty({ type: String })
  resultLabel: string;

  @ApiProperty({ type: String })
  visitorName: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, nullable: true })
  signatureUrl: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class RatingView {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: Number })
  round: number;

  @ApiProperty({ type: Number })
  seq: number;

  @ApiProperty({ type: String })
  source: string;

  @ApiProperty({ type: String })
  sourceLabel: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  scores: Record<string, number>;

  @ApiProperty({ type: Number, nullable: true })
  average: number | null;

  @ApiProperty({ type: Boolean })
  satisfied: boolean;

  @ApiProperty({ type: Boolean, nullable: true })
  chargeCorrect: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  comment: string | null;

  @ApiProperty({ type: () => [PhotoRef] })
  photos: PhotoRef[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class VisitDetail extends TicketVisitsTask {
  @ApiPropertyOptional({
    type: String,
    description: "The project's close window in words ('7天', '5个工作日').",
  })
  closeWindowLabel?: string;

  @ApiProperty({ type: () => VisitDetailTicket })
  ticket: VisitDetailTicket;

  @ApiProperty({ type: () => [RatingQuestion] })
  questions: RatingQuestion[];

  @ApiProperty({ type: Boolean })
  asksCharge: boolean;

  @ApiProperty({ type: Number, nullable: true })
  repeatEveryDays: number | null;

  @ApiProperty({ type: Boolean })
  canRecord: boolean;

  @ApiProperty({ type: () => [VisitDetailAttempt] })
  attempts: VisitDetailAttempt[];

  @ApiProperty({ type: () => [RatingView] })
  ratings: RatingView[];
}

export class RatingStateTicket {
  @ApiProperty({ type: String })
  content: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  handledAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  handledNote: string | null;

  @ApiProperty({ type: Number })
  version: number;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ type: String })
  kindLabel: string;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;
}

export class RatingState {
  @ApiProperty({ type: () => RatingStateTicket })
  ticket: RatingStateTicket;

  @ApiProperty({ type: Boolean })
  canRate: boolean;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  inviteDeadline: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt: string | null;

  @ApiProperty({ type: () => [RatingQuestion] })
  questions: RatingQuestion[];

  @ApiProperty({ type: Boolean })
  asksCharge: boolean;

  @ApiProperty({ type: () => RatingView, nullable: true })
  rating: RatingView | null;
}

export class TicketVisitsComplaintLevel {
  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: Number, enum: [1, 2, 3, 4] })
  level: 1 | 2 | 3 | 4;

  @ApiProperty({ enum: ['lead', 'derived'] })
  source: 'lead' | 'derived';

  @ApiProperty({ type: String })
  reason: string;
}

export class TicketVisitsSettings {
  @ApiProperty({ type: Number, nullable: true })
  complaintLevel: number | null;

  @ApiProperty({ type: Boolean })
  sensitive: boolean;

  @ApiProperty({ type: String, nullable: true })
  repairType: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  rainCaused: boolean | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;
}

export class TicketVisits {
  @ApiProperty({ type: String })
  ticketId: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ type: Boolean })
  visited: boolean;

  @ApiProperty({ enum: ['declined', 'on_spot', 'anonymous', 'no_contact', 'sensitive'], nullable: true })
  exemption: 'declined' | 'on_spot' | 'anonymous' | 'no_contact' | 'sensitive' | null;

  @ApiProperty({ type: String, nullable: true })
  exemptionLabel: string | null;

  @ApiProperty({ type: () => TicketVisitsComplaintLevel, nullable: true })
  complaintLevel: TicketVisitsComplaintLevel | null;

  @ApiProperty({ type: () => TicketVisitsSettings })
  settings: TicketVisitsSettings;

  @ApiProperty({ type: Number })
  reopenCount: number;

  @ApiProperty({ type: Number })
  dissatisfactions: number;

  @ApiProperty({ type: Boolean })
  canLead: boolean;

  @ApiProperty({ type: () => [TicketVisitsTask] })
  tasks: TicketVisitsTask[];

  @ApiProperty({ type: () => [RatingView] })
  ratings: RatingView[];
}

export class VisitPreference {
  @ApiProperty({ type: String })
  householdId: string;

  @ApiProperty({ type: Boolean })
  noVisit: boolean;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: String, nullable: true })
  recordedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  recordedAt: string | null;
}
