/** What the tickets endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CATEGORY_NAMES,
  CategoryName,
  CHANNELS,
  REPAIR_VISIT_TYPES,
  RepairVisitType,
  TICKET_KINDS,
  TICKET_STATUSES,
  Channel,
  Role,
  TicketKind,
  TicketStatus,
} from '@wuye/shared';
import { HouseholdLabel, NamedRef, PhotoRef, ROLES } from '../common/api-responses';

// Shapes several domains answer with live in common/ (org and storage use them too); re-exported for the others.
export { HouseholdLabel, NamedRef, PhotoRef };

export class TicketDetailContact {
  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
}

export class TicketDetailDepartment {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;
}

export class TicketDetailCause {
  @ApiProperty({ type: String })
  factor: string;

  @ApiProperty({ type: String, nullable: true })
  sub: string | null;
}

/** The staff's category picker on a complaint (a ticket's detail and the answer to a move both carry it). */
const CATEGORY_CHOICES = {
  enum: CATEGORY_NAMES,
  enumName: 'CategoryName',
  isArray: true,
  description:
    "Staff, a complaint: the categories the project's staff may pick when correcting it (its policy's " +
    'routing.shownCategories; all eight unless the project hides some).',
};

export class TicketDetailTrade {
  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  label: string;
}

/** Why the classifier chose a category: a cause rule (its text) or a model feature (its weight). */
export class ClassificationReason {
  @ApiProperty({ enum: ['rule', 'feature'] })
  type: 'rule' | 'feature';

  @ApiPropertyOptional({ type: String, description: 'rule: its id' })
  id?: string;

  @ApiPropertyOptional({ type: String, description: 'rule: its text' })
  text?: string;

  @ApiPropertyOptional({ type: String, description: 'feature: its name' })
  feature?: string;

  @ApiPropertyOptional({ type: Number, description: 'feature: its weight' })
  weight?: number;
}

export class KindSuggestion {
  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ type: String })
  label: string;

  @ApiPropertyOptional({ type: Number })
  confidence?: number;
}

/** What the text itself shows, as stored when it was classified (older tickets lack the later fields). */
export class ClassificationFlags {
  @ApiPropertyOptional({ type: Boolean })
  emergency?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the main emergency kind (code)' })
  emergencyKind?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'emergency kinds found, in Chinese' })
  emergencyMatched?: string[];

  @ApiPropertyOptional({ type: [String], description: 'the words that made it an emergency, as written' })
  emergencyWords?: string[];

  @ApiPropertyOptional({ type: Boolean })
  agitated?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'what read as agitated, in Chinese' })
  agitatedMatched?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'compensation claimed, in yuan' })
  compensationYuan?: number | null;

  @ApiPropertyOptional({ type: Boolean, description: 'compensation claimed ≥ 10,000 yuan (重大投诉)' })
  majorComplaint?: boolean;
}

/**
 * The classifier's reading of a ticket (staff only): the category, confidence and triage columns, plus what was
 * stored when it was classified or corrected (older tickets lack the later fields).
 */
export class TicketDetailClassification {
  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ type: Number, nullable: true })
  confidence: number | null;

  @ApiProperty({ type: Boolean })
  triage: boolean;

  @ApiPropertyOptional({ enum: ['model', 'staff'], description: 'who classified it last' })
  by?: 'model' | 'staff';

  @ApiPropertyOptional({ type: () => [ClassificationReason] })
  reasons?: ClassificationReason[];

  @ApiPropertyOptional({ type: String, nullable: true })
  triageReason?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    description: 'the three likeliest categories, as [category, probability] pairs',
    items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
  })
  top?: Array<[string, number]>;

  @ApiPropertyOptional({ type: String, description: 'why, in one plain-Chinese sentence' })
  explanation?: string;

  @ApiPropertyOptional({ enum: TICKET_KINDS, nullable: true, description: 'the kind the text reads as' })
  readsAs?: TicketKind | null;

  @ApiPropertyOptional({ type: () => KindSuggestion })
  kindSuggestion?: KindSuggestion;

  @ApiPropertyOptional({ type: () => ClassificationFlags })
  flags?: ClassificationFlags;

  @ApiPropertyOptional({ type: String, description: 'staff correction: who' })
  correctedBy?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'staff correction: the category before' })
  previous?: string | null;
}

export class TicketDetailFlags {
  @ApiProperty({ type: Boolean })
  emergency: boolean;

  @ApiProperty({ type: Boolean })
  agitated: boolean;

  @ApiProperty({ type: Number, nullable: true })
  compensationYuan: number | null;

  @ApiProperty({ type: Boolean })
  majorComplaint: boolean;
}

export class TicketEvent {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  action: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ enum: TICKET_STATUSES, nullable: true })
  fromStatus: TicketStatus | null;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  toStatus: TicketStatus;

  @ApiProperty({ type: String })
  toStatusLabel: string;

  @ApiProperty({ type: String })
  actorName: string;

  @ApiProperty({ type: String })
  actorRole: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ type: Boolean })
  internal: boolean;

  @ApiProperty({ type: () => [PhotoRef] })
  photos: PhotoRef[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'what the move recorded' })
  data?: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class RepairClassSuggestion {
  @ApiProperty({ type: String })
  repairClass: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  reason: string;

  @ApiPropertyOptional({
    enum: REPAIR_VISIT_TYPES,
    enumName: 'RepairVisitType',
    description: "The repair type read from the text (its fix time may be shorter than the class's).",
  })
  repairType?: RepairVisitType;
}

export class TicketDetail {
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        phone: { type: 'string' },
        relation: { type: 'string', nullable: true },
      },
      required: ['name', 'phone'],
    },
    description: "Staff only, on an emergency at a household: the household's emergency contacts.",
  })
  emergencyContacts?: Array<{ name: string; phone: string; relation?: string | null }>;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'A running deadline falls in a year without official holidays in the calendar (weekends only assumed).',
  })
  calendarUncertain?: boolean;

  @ApiPropertyOptional({
    type: [Number],
    description: 'The years without official holiday data its deadlines fall in.',
  })
  uncoveredYears?: number[];

  @ApiPropertyOptional({
    enum: ['small', 'general', 'major'],
    nullable: true,
    description: 'Repairs: the class 报修分级 that sets the time limits.',
  })
  repairClass?: 'small' | 'general' | 'major' | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  repairClassLabel?: string | null;

  @ApiPropertyOptional({
    type: () => RepairClassSuggestion,
    description: 'Repairs: the class the text suggests.',
  })
  repairClassSuggestion?: RepairClassSuggestion;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'The lead only: an anonymous resident left a call-back number (GET …/callback-phone shows it, logged).',
  })
  hasCallbackPhone?: boolean;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' })
  channel: Channel;

  @ApiProperty({ type: String })
  content: string;

  @ApiProperty({ type: Boolean })
  anonymous: boolean;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: () => HouseholdLabel, nullable: true })
  household: HouseholdLabel | null;

  @ApiProperty({ type: () => [PhotoRef] })
  photos: PhotoRef[];

  @ApiProperty({ type: () => TicketDetailContact, nullable: true })
  contact: TicketDetailContact | null;

  @ApiProperty({ type: () => TicketDetailDepartment, nullable: true })
  department: TicketDetailDepartment | null;

  @ApiProperty({ type: () => NamedRef, nullable: true })
  assignee: NamedRef | null;

  @ApiProperty({ type: () => NamedRef, nullable: true })
  firstReceiver: NamedRef | null;

  @ApiProperty({ type: String, nullable: true })
  escalationLevel: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  replyDueAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  handleDueAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: Boolean })
  overdue: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deferredUntil: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  handledAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: () => TicketDetailCause, nullable: true })
  cause: TicketDetailCause | null;

  @ApiProperty({ type: Number })
  reopenCount: number;

  @ApiPropertyOptional({ type: Number })
  priority?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  category?: string | null;

  @ApiPropertyOptional(CATEGORY_CHOICES)
  categoryChoices?: CategoryName[];

  @ApiPropertyOptional({ type: () => TicketDetailTrade })
  trade?: TicketDetailTrade;

  @ApiPropertyOptional({ type: () => TicketDetailClassification })
  classification?: TicketDetailClassification;

  @ApiPropertyOptional({ type: String, nullable: true })
  incidentId?: string | null;

  @ApiPropertyOptional({ type: Number })
  peopleCount?: number;

  @ApiPropertyOptional({ type: () => TicketDetailFlags })
  flags?: TicketDetailFlags;

  @ApiPropertyOptional({ type: String, nullable: true })
  priorityReason?: string | null;

  @ApiProperty({
    enum: [
      'confirm',
      'resolve_on_spot',
      'schedule_reply',
      'assign',
      'start',
      'propose_solution',
      'accept_solution',
      'reject_solution',
      'mark_handled',
      'verify',
      'close',
      'auto_close',
      'reopen',
      'transfer',
      'send_back',
      'escalate',
      'defer',
      'resume',
      'cancel',
      'add_info',
      'progress_note',
      'internal_note',
    ],
    isArray: true,
  })
  allowedActions: Array<
    | 'confirm'
    | 'resolve_on_spot'
    | 'schedule_reply'
    | 'assign'
    | 'start'
    | 'propose_solution'
    | 'accept_solution'
    | 'reject_solution'
    | 'mark_handled'
    | 'verify'
    | 'close'
    | 'auto_close'
    | 'reopen'
    | 'transfer'
    | 'send_back'
    | 'escalate'
    | 'defer'
    | 'resume'
    | 'cancel'
    | 'add_info'
    | 'progress_note'
    | 'internal_note'
  >;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: Number })
  version: number;

  @ApiProperty({ type: () => [TicketEvent] })
  events: TicketEvent[];

  @ApiPropertyOptional({ type: Boolean })
  reopenedExisting?: boolean;
}

export class TicketSummary {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' })
  channel: Channel;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: Boolean })
  anonymous: boolean;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: () => HouseholdLabel, nullable: true })
  household: HouseholdLabel | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class TicketPage {
  @ApiProperty({ type: Number })
  total: number;

  @ApiProperty({ type: Number })
  page: number;

  @ApiProperty({ type: Number })
  pageSize: number;

  @ApiProperty({ type: () => [TicketSummary] })
  items: TicketSummary[];
}

export class TicketActionResult {
  @ApiProperty({ type: String })
  id: string;

  @ApiPropertyOptional({ type: String })
  number?: string;

  @ApiPropertyOptional({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind?: TicketKind;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel' })
  channel?: Channel;

  @ApiPropertyOptional({ type: String })
  content?: string;

  @ApiPropertyOptional({ type: Boolean })
  anonymous?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  location?: string | null;

  @ApiPropertyOptional({ type: () => HouseholdLabel, nullable: true })
  household?: HouseholdLabel | null;

  @ApiPropertyOptional({ type: () => [PhotoRef] })
  photos?: PhotoRef[];

  @ApiPropertyOptional({ type: () => TicketDetailContact, nullable: true })
  contact?: TicketDetailContact | null;

  @ApiPropertyOptional({ type: () => TicketDetailDepartment, nullable: true })
  department?: TicketDetailDepartment | null;

  @ApiPropertyOptional({ type: () => NamedRef, nullable: true })
  assignee?: NamedRef | null;

  @ApiPropertyOptional({ type: () => NamedRef, nullable: true })
  firstReceiver?: NamedRef | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  escalationLevel?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  replyDueAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  handleDueAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  dueAt?: string | null;

  @ApiPropertyOptional({ type: Boolean })
  overdue?: boolean;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  deferredUntil?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  handledAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  closedAt?: string | null;

  @ApiPropertyOptional({ type: () => TicketDetailCause, nullable: true })
  cause?: TicketDetailCause | null;

  @ApiPropertyOptional({ type: Number })
  reopenCount?: number;

  @ApiPropertyOptional({ type: Number })
  priority?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  category?: string | null;

  @ApiPropertyOptional(CATEGORY_CHOICES)
  categoryChoices?: CategoryName[];

  @ApiPropertyOptional({ type: () => TicketDetailTrade })
  trade?: TicketDetailTrade;

  @ApiPropertyOptional({ type: () => TicketDetailClassification })
  classification?: TicketDetailClassification;

  @ApiPropertyOptional({ type: String, nullable: true })
  incidentId?: string | null;

  @ApiPropertyOptional({ type: Number })
  peopleCount?: number;

  @ApiPropertyOptional({ type: () => TicketDetailFlags })
  flags?: TicketDetailFlags;

  @ApiPropertyOptional({ type: String, nullable: true })
  priorityReason?: string | null;

  @ApiPropertyOptional({
    enum: [
      'confirm',
      'resolve_on_spot',
      'schedule_reply',
      'assign',
      'start',
      'propose_solution',
      'accept_solution',
      'reject_solution',
      'mark_handled',
      'verify',
      'close',
      'auto_close',
      'reopen',
      'transfer',
      'send_back',
      'escalate',
      'defer',
      'resume',
      'cancel',
      'add_info',
      'progress_note',
      'internal_note',
    ],
    isArray: true,
  })
  allowedActions?: Array<
    | 'confirm'
    | 'resolve_on_spot'
    | 'schedule_reply'
    | 'assign'
    | 'start'
    | 'propose_solution'
    | 'accept_solution'
    | 'reject_solution'
    | 'mark_handled'
    | 'verify'
    | 'close'
    | 'auto_close'
    | 'reopen'
    | 'transfer'
    | 'send_back'
    | 'escalate'
    | 'defer'
    | 'resume'
    | 'cancel'
    | 'add_info'
    | 'progress_note'
    | 'internal_note'
  >;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  updatedAt?: string;

  @ApiPropertyOptional({ type: Number })
  version?: number;

  @ApiPropertyOptional({ type: () => [TicketEvent] })
  events?: TicketEvent[];

  @ApiPropertyOptional({ type: Boolean })
  visible?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'A running deadline falls in a year without official holidays in the calendar (weekends only assumed).',
  })
  calendarUncertain?: boolean;

  @ApiPropertyOptional({
    type: [Number],
    description: 'The years without official holiday data its deadlines fall in.',
  })
  uncoveredYears?: number[];

  @ApiPropertyOptional({
    enum: ['small', 'general', 'major'],
    nullable: true,
    description: 'Repairs: the class 报修分级 that sets the time limits.',
  })
  repairClass?: 'small' | 'general' | 'major' | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  repairClassLabel?: string | null;

  @ApiPropertyOptional({
    type: () => RepairClassSuggestion,
    description: 'Repairs, staff only: the class the text suggests.',
  })
  repairClassSuggestion?: RepairClassSuggestion;
}

export class QueueItem {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'A deadline falls in a year the holiday calendar does not cover yet.',
  })
  calendarUncertain?: boolean;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  number: string;

  @ApiProperty({ enum: TICKET_KINDS, enumName: 'TicketKind' })
  kind: TicketKind;

  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String })
  summary: string;

  @ApiProperty({ type: () => HouseholdLabel, nullable: true })
  household: HouseholdLabel | null;

  @ApiProperty({ type: String, nullable: true })
  location: string | null;

  @ApiProperty({ type: Boolean })
  anonymous: boolean;

  @ApiProperty({ type: String, nullable: true })
  department: string | null;

  @ApiProperty({ type: String, nullable: true })
  assignee: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt: string | null;

  @ApiProperty({ type: Boolean })
  overdue: boolean;

  @ApiProperty({ type: Number })
  priority: number;

  @ApiProperty({ type: String, nullable: true })
  priorityReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  escalationLevel: string | null;

  @ApiProperty({ type: String, nullable: true })
  category: string | null;

  @ApiProperty({ type: Boolean })
  triage: boolean;

  @ApiProperty({ type: Boolean })
  emergency: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class QueuePage {
  @ApiProperty({ type: Number })
  total: number;

  @ApiProperty({ type: Number })
  page: number;

  @ApiProperty({ type: Number })
  pageSize: number;

  @ApiProperty({ type: () => [QueueItem] })
  items: QueueItem[];
}

export class ColleagueDepartment {
  @ApiPropertyOptional({ type: String })
  code?: string;

  @ApiPropertyOptional({ type: String })
  name?: string;
}

export class Colleague {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role: Role;

  @ApiProperty({ type: () => ColleagueDepartment, nullable: true })
  department: ColleagueDepartment | null;

  @ApiProperty({ type: Number })
  openTickets: number;
}

export class InventoryByStatus {
  @ApiProperty({ enum: TICKET_STATUSES, enumName: 'TicketStatus' })
  status: TicketStatus;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: Number })
  count: number;
}

export class Inventory {
  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ type: Number })
  open: number;

  @ApiProperty({ type: () => [InventoryByStatus] })
  byStatus: InventoryByStatus[];

  @ApiProperty({ type: () => [QueueItem] })
  overdue: QueueItem[];

  @ApiProperty({ type: () => [QueueItem] })
  withoutHandlingRecord: QueueItem[];
}
