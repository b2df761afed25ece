/** What the policy endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * ProjectPolicy (shared/src/policy/policy.ts, docs/policy.md) is deep: time limits by channel, kind and repair
 * class, working hours, the calendar, escalation chains, visit rules, closing, transitions, routing and the
 * statistical month. These
 * classes document its top-level sections; each section is an object whose nested fields are left open
 * (`additionalProperties`) rather than described one by one here: the shared types are their reference.
 */
const SECTION = { type: 'object', additionalProperties: true } as const;
type Section = Record<string, unknown>;

/** A whole policy, every section present (the effective policy, or the handbooks' defaults); sections are open objects. */
export class ProjectPolicyDocument {
  @ApiProperty({ ...SECTION, description: 'Time limits by channel, kind and repair class.' })
  deadlines: Section;

  @ApiProperty({ ...SECTION, description: "The service centre's working hours 工作时间." })
  workingHours: Section;

  @ApiProperty({
    ...SECTION,
    description: "The company's calendar (days off, working days, imported years).",
  })
  calendar: Section;

  @ApiProperty({ ...SECTION, description: 'Reminder before a deadline and the escalation chain after it.' })
  escalation: Section;

  @ApiProperty({ ...SECTION, description: 'Return-visit schedules, who visits, dissatisfaction.' })
  visits: Section;

  @ApiProperty({
    ...SECTION,
    description: 'Closing without a visit, reopening, rating, repeat-complaint window.',
  })
  closing: Section;

  @ApiProperty({ ...SECTION, description: 'What each move on a ticket requires.' })
  transitions: Section;

  @ApiProperty({
    ...SECTION,
    description:
      'Automatic routing, its threshold, departments by category and trade, the categories staff may pick.',
  })
  routing: Section;

  @ApiProperty({
    ...SECTION,
    description: "The company's statistical month (statisticalMonth: calendar | day26); company level only.",
  })
  reports: Section;
}

/** A company's or a project's own changes to the defaults: only the sections it set (open objects). */
export class ProjectPolicyOverrides {
  @ApiPropertyOptional(SECTION)
  deadlines?: Section;

  @ApiPropertyOptional(SECTION)
  workingHours?: Section;

  @ApiPropertyOptional(SECTION)
  calendar?: Section;

  @ApiPropertyOptional(SECTION)
  escalation?: Section;

  @ApiPropertyOptional(SECTION)
  visits?: Section;

  @ApiPropertyOptional(SECTION)
  closing?: Section;

  @ApiPropertyOptional(SECTION)
  transitions?: Section;

  @ApiPropertyOptional(SECTION)
  routing?: Section;

  @ApiPropertyOptional(SECTION)
  reports?: Section;
}

const LAYERS =
  'ProjectPolicy is deep: its top-level sections are documented, each an object whose nested fields are not ' +
  'described here (additionalProperties); see the shared ProjectPolicy types and docs/policy.md.';

/** A project's policy in layers: its own settings, its company's, the effective policy, the defaults. */
export class ProjectPolicyView {
  @ApiProperty({ type: () => ProjectPolicyOverrides, description: "The project's own settings. " + LAYERS })
  settings: ProjectPolicyOverrides;

  @ApiProperty({
    type: () => ProjectPolicyOverrides,
    description: "The company's settings for its projects.",
  })
  company: ProjectPolicyOverrides;

  @ApiProperty({ type: () => ProjectPolicyDocument, description: 'What applies to the project.' })
  effective: ProjectPolicyDocument;

  @ApiProperty({ type: () => ProjectPolicyDocument, description: "The handbooks' defaults." })
  defaults: ProjectPolicyDocument;
}

/** The company's policy for all its projects: its settings, the effective policy, the defaults. */
export class CompanyPolicyView {
  @ApiProperty({ type: () => ProjectPolicyOverrides, description: "The company's own settings. " + LAYERS })
  settings: ProjectPolicyOverrides;

  @ApiProperty({
    type: () => ProjectPolicyDocument,
    description: 'What applies where a project set nothing.',
  })
  effective: ProjectPolicyDocument;

  @ApiProperty({ type: () => ProjectPolicyDocument, description: "The handbooks' defaults." })
  defaults: ProjectPolicyDocument;
}
