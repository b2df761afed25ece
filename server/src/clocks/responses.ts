/** What the clocks endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

export class DeadlineRuleOverridesReplyByChannelHq {
  @ApiProperty({
    enum: [
      'same_working_day',
      'working_days',
      'working_days_elapsed',
      'calendar_days',
      'hours',
      'minutes',
      'none',
    ],
  })
  type:
    | 'same_working_day'
    | 'working_days'
    | 'working_days_elapsed'
    | 'calendar_days'
    | 'hours'
    | 'minutes'
    | 'none';

  @ApiPropertyOptional({ type: Number })
  days?: number;

  @ApiPropertyOptional({ type: Number })
  hours?: number;

  @ApiPropertyOptional({ type: Number })
  minutes?: number;
}

export class DeadlineRuleOverridesReplyByChannel {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  hq?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  phone?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  miniapp?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  walk_in?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  letter?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  email?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  online?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  patrol?: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRuleOverridesRepairByClassGeneral {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  reply?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle?: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRuleOverridesRepairByClass {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesRepairByClassGeneral })
  general?: DeadlineRuleOverridesRepairByClassGeneral;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesRepairByClassGeneral })
  small?: DeadlineRuleOverridesRepairByClassGeneral;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesRepairByClassGeneral })
  major?: DeadlineRuleOverridesRepairByClassGeneral;
}

export class DeadlineRuleOverridesEmergency {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  dispatch?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle?: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRuleOverridesSolutionAgreed {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  reply?: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRuleOverrides {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannel })
  replyByChannel?: DeadlineRuleOverridesReplyByChannel;

  @ApiPropertyOptional({ enum: ['complaint', 'repair', 'suggestion', 'praise', 'inquiry'], isArray: true })
  kindsWithoutReply?: Array<'complaint' | 'repair' | 'suggestion' | 'praise' | 'inquiry'>;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesRepairByClass })
  repairByClass?: DeadlineRuleOverridesRepairByClass;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesEmergency })
  emergency?: DeadlineRuleOverridesEmergency;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  promisedReply?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  progressNotice?: DeadlineRuleOverridesReplyByChannelHq;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesSolutionAgreed })
  solutionAgreed?: DeadlineRuleOverridesSolutionAgreed;

  @ApiPropertyOptional({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handlingRecordAfter?: DeadlineRuleOverridesReplyByChannelHq;
}

export class WorkingHours {
  @ApiProperty({ type: String })
  start: string;

  @ApiProperty({ type: String })
  end: string;

  @ApiProperty({ type: [Number] })
  weekdays: number[];
}

export class EscalationStep {
  @ApiProperty({ type: Number })
  level: number;

  @ApiProperty({ type: Number })
  afterWorkingDays: number;

  @ApiProperty({ enum: ['cs_lead', 'project_manager', 'hq', 'assignee'], isArray: true })
  notify: Array<'cs_lead' | 'project_manager' | 'hq' | 'assignee'>;

  @ApiPropertyOptional({ type: Boolean })
  majorOnly?: boolean;
}

export class EscalationRules {
  @ApiProperty({ type: Number })
  remindAt: number;

  @ApiProperty({ type: () => [EscalationStep] })
  steps: EscalationStep[];
}

export class ProjectClockSettings {
  @ApiPropertyOptional({ type: () => DeadlineRuleOverrides })
  deadlineRules?: DeadlineRuleOverrides;

  @ApiPropertyOptional({ type: () => WorkingHours })
  workingHours?: WorkingHours;

  @ApiPropertyOptional({ type: () => EscalationRules })
  escalation?: EscalationRules;
}

export class DeadlineRulesReplyByChannel {
  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  hq: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  phone: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  miniapp: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  walk_in: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  letter: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  email: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  online: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  patrol: DeadlineRuleOverridesReplyByChannelHq;
}

export class RepairLimits {
  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  reply: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRulesRepairByClass {
  @ApiProperty({ type: () => RepairLimits })
  general: RepairLimits;

  @ApiProperty({ type: () => RepairLimits })
  small: RepairLimits;

  @ApiProperty({ type: () => RepairLimits })
  major: RepairLimits;
}

export class DeadlineRulesEmergency {
  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  dispatch: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRulesSolutionAgreed {
  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handle: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  reply: DeadlineRuleOverridesReplyByChannelHq;
}

export class DeadlineRules {
  @ApiProperty({ type: () => DeadlineRulesReplyByChannel })
  replyByChannel: DeadlineRulesReplyByChannel;

  @ApiProperty({ enum: ['complaint', 'repair', 'suggestion', 'praise', 'inquiry'], isArray: true })
  kindsWithoutReply: Array<'complaint' | 'repair' | 'suggestion' | 'praise' | 'inquiry'>;

  @ApiProperty({ type: () => DeadlineRulesRepairByClass })
  repairByClass: DeadlineRulesRepairByClass;

  @ApiProperty({ type: () => DeadlineRulesEmergency })
  emergency: DeadlineRulesEmergency;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  promisedReply: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  progressNotice: DeadlineRuleOverridesReplyByChannelHq;

  @ApiProperty({ type: () => DeadlineRulesSolutionAgreed })
  solutionAgreed: DeadlineRulesSolutionAgreed;

  @ApiProperty({ type: () => DeadlineRuleOverridesReplyByChannelHq })
  handlingRecordAfter: DeadlineRuleOverridesReplyByChannelHq;
}

export class ClockSettingsEffective {
  @ApiProperty({ type: () => DeadlineRules })
  deadlineRules: DeadlineRules;

  @ApiProperty({ type: () => WorkingHours })
  workingHours: WorkingHours;

  @ApiProperty({ type: () => EscalationRules })
  escalation: EscalationRules;
}

export class HolidayData {
  @ApiProperty({ type: String })
  country: string;

  @ApiProperty({ type: String })
  timezone: string;

  @ApiProperty({ type: String })
  attribution: string;

  @ApiPropertyOptional({ type: String })
  $schema_note?: string;

  @ApiProperty({
    type: 'object',
    description:
      'by year (e.g. "2026"): the State Council notice, when published, holidays and make-up workdays by date',
    additionalProperties: {
      type: 'object',
      required: ['notice', 'published', 'holidays', 'workdays'],
      properties: {
        notice: { type: 'string' },
        published: { type: 'string' },
        holidays: { type: 'object', additionalProperties: { type: 'string' } },
        workdays: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  })
  years: Record<
    string,
    { notice: string; published: string; holidays: Record<string, string>; workdays: Record<string, string> }
  >;
}

/** One year's official holiday schedule as HQ imported it: days off and make-up working days by date, with names. */
export class OfficialYear {
  @ApiProperty({ type: String })
  notice: string;

  @ApiProperty({ type: String })
  published: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'date → holiday name',
  })
  holidays: Record<string, string>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'date → holiday name',
  })
  workdays: Record<string, string>;
}

type OfficialYearShape = {
  notice: string;
  published: string;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

/** A company day off or working day: the date ('2026-11-20'), or the date with a name. */
type CompanyDay = string | { day: string; name: string };
const COMPANY_DAYS: ApiPropertyOptions = {
  type: 'array',
  description: "Dates ('2026-11-20'), or { day, name } with the day's name.",
  items: {
    oneOf: [
      { type: 'string' },
      {
        type: 'object',
        properties: { day: { type: 'string' }, name: { type: 'string' } },
        required: ['day', 'name'],
      },
    ],
  },
};

export class CalendarOverrides {
  @ApiPropertyOptional(COMPANY_DAYS)
  extraHolidays?: CompanyDay[];

  @ApiPropertyOptional(COMPANY_DAYS)
  extraWorkdays?: CompanyDay[];

  @ApiPropertyOptional({ type: () => HolidayData })
  data?: HolidayData;

  @ApiPropertyOptional({
    type: 'object',
    description: 'Official schedules HQ imported, by year (e.g. "2027").',
    additionalProperties: {
      type: 'object',
      required: ['notice', 'published', 'holidays', 'workdays'],
      properties: {
        notice: { type: 'string' },
        published: { type: 'string' },
        holidays: { type: 'object', additionalProperties: { type: 'string' } },
        workdays: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  })
  years?: Record<string, OfficialYearShape>;
}

export class ClockSettings {
  @ApiProperty({ type: () => ProjectClockSettings })
  settings: ProjectClockSettings;

  @ApiProperty({ type: () => ClockSettingsEffective })
  effective: ClockSettingsEffective;

  @ApiProperty({ type: () => ClockSettingsEffective })
  defaults: ClockSettingsEffective;

  @ApiProperty({ type: () => CalendarOverrides })
  calendarOverrides: CalendarOverrides;
}

export class CompanyCalendar {
  @ApiProperty(COMPANY_DAYS)
  extraHolidays: CompanyDay[];

  @ApiProperty(COMPANY_DAYS)
  extraWorkdays: CompanyDay[];

  @ApiProperty({ type: Number, description: "How many open tickets' deadlines were computed again." })
  recomputed: number;
}

/** How far the company's working-day calendar reaches, the years shipped and imported, its own days. */
export class CalendarCoverage {
  @ApiProperty({ type: [Number], description: 'Years with official holiday data (shipped or imported).' })
  coveredYears: number[];

  @ApiProperty({ type: [Number], description: 'Years the system ships.' })
  shippedYears: number[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The last day (YYYY-12-31) of the unbroken run of covered years from this year; null when this year is not covered.',
  })
  coveredThrough: string | null;

  @ApiProperty({ type: Boolean })
  nextYearMissing: boolean;

  @ApiProperty({
    type: 'object',
    description: 'The schedules HQ imported, by year (e.g. "2027").',
    additionalProperties: {
      type: 'object',
      required: ['notice', 'published', 'holidays', 'workdays'],
      properties: {
        notice: { type: 'string' },
        published: { type: 'string' },
        holidays: { type: 'object', additionalProperties: { type: 'string' } },
        workdays: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  })
  imported: Record<string, OfficialYearShape>;

  @ApiProperty({ type: () => CalendarOverrides, description: "The company's stored calendar settings." })
  overrides: CalendarOverrides;
}

/** A year's official schedule imported: how many days off and make-up working days, the schedule stored. */
export class OfficialYearImport {
  @ApiProperty({ type: Number })
  year: number;

  @ApiProperty({ type: Number, description: 'Days off in the schedule.' })
  holidays: number;

  @ApiProperty({ type: Number, description: 'Make-up working days in the schedule.' })
  workdays: number;

  @ApiProperty({ type: () => OfficialYear })
  schedule: OfficialYear;

  @ApiProperty({ type: Number, description: "How many open tickets' deadlines were computed again." })
  recomputed: number;
}
