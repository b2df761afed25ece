/** What the surveys endpoints answer (the OpenAPI document's response schemas; they describe, never shape, the JSON). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HouseholdLabel, NamedRef } from '../common/api-responses';

export class SurveyAccessInfo {
  @ApiProperty({ enum: ['admin', 'viewer'], nullable: true })
  access: 'admin' | 'viewer' | null;
}

export class SurveyDriver {
  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Number })
  weight: number;
}

export class SurveyQuestion {
  @ApiProperty({ type: String })
  key: string;

  @ApiProperty({ enum: ['open', 'scale'] })
  kind: 'open' | 'scale';

  @ApiProperty({ type: String })
  text: string;

  @ApiPropertyOptional({ type: Number, enum: [5, 7, 10] })
  scale?: 5 | 7 | 10;

  @ApiPropertyOptional({ type: String })
  driver?: string;
}

export class SurveySection {
  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: () => [SurveyQuestion] })
  questions: SurveyQuestion[];
}

export class QuestionnaireDefinition {
  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  intro: string;

  @ApiProperty({ type: String })
  closing: string;

  @ApiProperty({ type: () => [SurveyDriver] })
  drivers: SurveyDriver[];

  @ApiProperty({ type: () => [SurveySection] })
  sections: SurveySection[];
}

export class QuestionnaireListItem {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  familyId: string;

  @ApiProperty({ type: Number })
  version: number;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Boolean })
  frozen: boolean;

  @ApiProperty({ type: Boolean })
  latest: boolean;

  @ApiProperty({ type: Number })
  questions: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class QuestionnaireDetailSectionQuestion extends SurveyQuestion {
  @ApiProperty({ type: String })
  id: string;
}

export class QuestionnaireDetailSection {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: () => [QuestionnaireDetailSectionQuestion] })
  questions: QuestionnaireDetailSectionQuestion[];
}

export class QuestionnaireDetail {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  familyId: string;

  @ApiProperty({ type: Number })
  version: number;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  intro: string;

  @ApiProperty({ type: String })
  closing: string;

  @ApiProperty({ type: Boolean })
  frozen: boolean;

  @ApiProperty({ type: () => [SurveyDriver] })
  drivers: SurveyDriver[];

  @ApiProperty({ type: () => [QuestionnaireDetailSection] })
  sections: QuestionnaireDetailSection[];
}

export class CampaignListItem {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ enum: ['closed', 'draft', 'running'] })
  status: 'closed' | 'draft' | 'running';

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: String })
  projectName: string;

  @ApiProperty({ type: String })
  questionnaireTitle: string;

  @ApiProperty({ type: Number, nullable: true })
  questionnaireVersion: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sampleSize: number | null;

  @ApiProperty({ type: Number })
  submitted: number;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;
}

export class CampaignPage {
  @ApiProperty({ type: Boolean })
  canManage: boolean;

  @ApiProperty({ type: () => [CampaignListItem] })
  items: CampaignListItem[];
}

export class CampaignDetailQuestionnaire {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Number, nullable: true })
  version: number | null;
}

export class CampaignDetailPreview {
  @ApiProperty({ type: Number })
  population: number;

  @ApiProperty({ type: Number })
  sampleSize: number;
}

export class CampaignDetailProgress {
  @ApiProperty({ type: Number })
  submitted: number;

  @ApiProperty({ type: Number })
  drafts: number;

  @ApiProperty({ type: Number })
  invalid: number;
}

export class CampaignDetailSampleByBuilding {
  @ApiProperty({ type: String })
  building: string;

  @ApiProperty({ type: Number })
  population: number;

  @ApiProperty({ type: Number })
  sample: number;

  @ApiProperty({ type: Number })
  submitted: number;
}

export class CampaignDetailSampleByCustomerType {
  @ApiProperty({ type: String })
  customerType: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: Number })
  population: number;

  @ApiProperty({ type: Number })
  sample: number;
}

export class CampaignDetailSample {
  @ApiProperty({ type: () => [CampaignDetailSampleByBuilding] })
  byBuilding: CampaignDetailSampleByBuilding[];

  @ApiProperty({ type: () => [CampaignDetailSampleByCustomerType] })
  byCustomerType: CampaignDetailSampleByCustomerType[];
}

export class CampaignDetailHousehold {
  @ApiProperty({ type: String })
  householdId: string;

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  building: string;

  @ApiProperty({ type: String })
  customerType: string;

  @ApiProperty({ type: String })
  customerTypeLabel: string;

  @ApiProperty({ enum: ['pending', 'draft', 'submitted'] })
  status: 'pending' | 'draft' | 'submitted';
}

export class CampaignDetailEvent {
  @ApiProperty({ enum: ['closed', 'created', 'updated', 'started', 'exported'] })
  action: 'closed' | 'created' | 'updated' | 'started' | 'exported';

  @ApiProperty({ type: String })
  label: string;

  @ApiProperty({ type: String })
  actor: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
}

export class CampaignDetail {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ enum: ['closed', 'draft', 'running'] })
  status: 'closed' | 'draft' | 'running';

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: Boolean })
  canManage: boolean;

  @ApiProperty({ type: () => NamedRef })
  project: NamedRef;

  @ApiProperty({ type: () => CampaignDetailQuestionnaire })
  questionnaire: CampaignDetailQuestionnaire;

  @ApiProperty({ type: Number })
  samplePercent: number;

  @ApiProperty({ type: Number })
  minSample: number;

  @ApiProperty({ type: Number })
  minAnsweredPercent: number;

  @ApiProperty({ type: String, nullable: true })
  seed: string | null;

  @ApiProperty({ type: Number, nullable: true })
  populationSize: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sampleSize: number | null;

  @ApiProperty({ type: () => CampaignDetailPreview, nullable: true })
  preview: CampaignDetailPreview | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String })
  createdBy: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  startedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;

  @ApiProperty({ type: () => CampaignDetailProgress })
  progress: CampaignDetailProgress;

  @ApiProperty({ type: () => CampaignDetailSample, nullable: true })
  sample: CampaignDetailSample | null;

  @ApiProperty({ type: () => [CampaignDetailHousehold], nullable: true })
  households: CampaignDetailHousehold[] | null;

  @ApiProperty({ type: () => [CampaignDetailEvent], nullable: true })
  events: CampaignDetailEvent[] | null;
}

export class SurveyResultsQuestion {
  @ApiProperty({ type: String })
  driverName: string;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  text: string;

  @ApiProperty({ type: String })
  driver: string;

  @ApiProperty({ type: Number, enum: [5, 7, 10] })
  scale: 5 | 7 | 10;

  @ApiProperty({ type: Number })
  answered: number;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rate: number | null;

  @ApiProperty({ type: [Number] })
  distribution: number[];
}

export class DriverResult {
  @ApiProperty({ type: String })
  code: string;

  @ApiProperty({ type: String })
  name: string;

  @ApiProperty({ type: Number })
  weight: number;

  @ApiProperty({ type: Number })
  weightShare: number;

  @ApiProperty({ type: Number, nullable: true })
  dissatisfactionImpact: number | null;

  @ApiProperty({ type: Number })
  count: number;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rate: number | null;
}

export class BuildingResult {
  @ApiProperty({ type: String })
  building: string;

  @ApiProperty({ type: Number })
  sampled: number;

  @ApiProperty({ type: Number })
  submitted: number;

  @ApiProperty({ type: Number })
  valid: number;

  @ApiProperty({ type: Number })
  invalid: number;

  @ApiProperty({ type: Number, nullable: true })
  responseRate: number | null;

  @ApiProperty({ type: Number })
  count: number;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rate: number | null;
}

export class OpenAnswer {
  @ApiProperty({ type: String })
  questionId: string;

  @ApiProperty({ type: String })
  question: string;

  @ApiProperty({ type: String })
  building: string;

  @ApiProperty({ type: String })
  text: string;
}

export class SurveyResultsCampaign {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ enum: ['closed', 'running'] })
  status: 'closed' | 'running';

  @ApiProperty({ type: String })
  statusLabel: string;

  @ApiProperty({ type: Number })
  minAnsweredPercent: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt: string | null;
}

export class SurveyResultsQuestionnaire {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: Number })
  version: number;
}

export class SurveyResults {
  @ApiProperty({ type: Number })
  minAnswered: number;

  @ApiProperty({ type: () => [SurveyResultsQuestion] })
  questions: SurveyResultsQuestion[];

  @ApiProperty({ type: Number })
  sampled: number;

  @ApiProperty({ type: Number })
  submitted: number;

  @ApiProperty({ type: Number })
  valid: number;

  @ApiProperty({ type: Number })
  invalid: number;

  @ApiProperty({ type: Number, nullable: true })
  responseRate: number | null;

  @ApiProperty({ type: Number })
  closedQuestions: number;

  @ApiProperty({ type: () => [DriverResult] })
  drivers: DriverResult[];

  @ApiProperty({ type: [String] })
  dissatisfactionDrivers: string[];

  @ApiProperty({ type: [String] })
  satisfactionDrivers: string[];

  @ApiProperty({ type: () => [BuildingResult] })
  buildings: BuildingResult[];

  @ApiProperty({ type: () => [OpenAnswer] })
  openAnswers: OpenAnswer[];

  @ApiProperty({ type: Number })
  count: number;

  @ApiProperty({ type: Number, nullable: true })
  score: number | null;

  @ApiProperty({ type: Number, nullable: true })
  rate: number | null;

  @ApiProperty({ type: () => SurveyResultsCampaign })
  campaign: SurveyResultsCampaign;

  @ApiProperty({ type: () => SurveyResultsQuestionnaire })
  questionnaire: SurveyResultsQuestionnaire;
}

export class ExportLink {
  @ApiProperty({ type: String })
  url: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class PendingSurvey {
  @ApiProperty({ type: String })
  campaignId: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  projectName: string;

  @ApiProperty({ type: String })
  householdId: string;

  @ApiProperty({ type: String })
  householdLabel: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ enum: ['pending', 'draft', 'submitted'] })
  status: 'pending' | 'draft' | 'submitted';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ type: Boolean })
  byMe: boolean;
}

export class SurveyFormCampaign {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ enum: ['closed', 'draft', 'running'] })
  status: 'closed' | 'draft' | 'running';

  @ApiProperty({ type: Boolean })
  open: boolean;
}

export class SurveyFormQuestionnaireSectionQuestion {
  @ApiPropertyOptional({ type: Number, enum: [5, 7, 10] })
  scale?: 5 | 7 | 10;

  @ApiPropertyOptional({ type: String })
  driverName?: string;

  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ enum: ['open', 'scale'] })
  kind: 'open' | 'scale';

  @ApiProperty({ type: String })
  text: string;
}

export class SurveyFormQuestionnaireSection {
  @ApiProperty({ type: String })
  id: string;

  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: () => [SurveyFormQuestionnaireSectionQuestion] })
  questions: SurveyFormQuestionnaireSectionQuestion[];
}

export class SurveyFormQuestionnaire {
  @ApiProperty({ type: String })
  title: string;

  @ApiProperty({ type: String })
  intro: string;

  @ApiProperty({ type: String })
  closing: string;

  @ApiProperty({ type: () => [SurveyFormQuestionnaireSection] })
  sections: SurveyFormQuestionnaireSection[];
}

export class SurveyFormResponse {
  @ApiProperty({ enum: ['pending', 'draft', 'submitted'] })
  status: 'pending' | 'draft' | 'submitted';

  @ApiProperty({ type: Boolean })
  byMe: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;
}

export class SurveyFormAnswer {
  @ApiProperty({ type: String })
  questionId: string;

  @ApiProperty({ type: Number, nullable: true })
  point: number | null;

  @ApiProperty({ type: String, nullable: true })
  text: string | null;
}

export class SurveyForm {
  @ApiProperty({ type: () => SurveyFormCampaign })
  campaign: SurveyFormCampaign;

  @ApiProperty({ type: () => HouseholdLabel })
  household: HouseholdLabel;

  @ApiProperty({ type: () => SurveyFormQuestionnaire })
  questionnaire: SurveyFormQuestionnaire;

  @ApiProperty({ type: Number })
  closedCount: number;

  @ApiProperty({ type: Number })
  minAnswered: number;

  @ApiProperty({ type: () => SurveyFormResponse })
  response: SurveyFormResponse;

  @ApiProperty({ type: () => [SurveyFormAnswer] })
  answers: SurveyFormAnswer[];
}

export class SurveyDraftSaved {
  @ApiProperty({ enum: ['draft'] })
  status: 'draft';

  @ApiProperty({ type: String, format: 'date-time' })
  savedAt: string;

  @ApiProperty({ type: Number })
  answered: number;
}

export class SubmitResult {
  @ApiProperty({ type: String })
  campaignId: string;

  @ApiProperty({ type: String })
  householdId: string;

  @ApiProperty({ enum: ['draft', 'submitted'] })
  status: 'draft' | 'submitted';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ type: Number })
  answeredClosed: number;

  @ApiProperty({ type: Number })
  closedCount: number;

  @ApiProperty({ type: Boolean, nullable: true })
  valid: boolean | null;
}
