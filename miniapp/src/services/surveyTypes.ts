/** Shapes of the /api/surveys answers the mini-program reads (server/src/surveys). */

export type SurveyScale = 5 | 7 | 10;
export type ResponseStatus = 'pending' | 'draft' | 'submitted';
export type CampaignStatus = 'draft' | 'running' | 'closed';
export type SurveyAccess = 'admin' | 'viewer' | null;

/** GET /api/surveys/mine */
export interface PendingSurvey {
  campaignId: string;
  title: string;
  projectName: string;
  householdId: string;
  householdLabel: string;
  startedAt: string | null;
  status: ResponseStatus;
  submittedAt: string | null;
  byMe: boolean;
}

export interface FormQuestion {
  id: string;
  kind: 'scale' | 'open';
  text: string;
  scale?: SurveyScale;
  driverName?: string;
}

/** GET /api/surveys/campaigns/:id/households/:householdId/form */
export interface SurveyForm {
  campaign: { id: string; title: string; status: CampaignStatus; open: boolean };
  household: { id: string; label: string };
  questionnaire: {
    title: string;
    intro: string;
    closing: string;
    sections: { id: string; title: string; questions: FormQuestion[] }[];
  };
  closedCount: number;
  minAnswered: number;
  response: { status: ResponseStatus; byMe: boolean; updatedAt: string | null; submittedAt: string | null };
  answers: { questionId: string; point: number | null; text: string | null }[];
}

export interface AnswerBody {
  questionId: string;
  point?: number;
  text?: string;
}

export interface SubmitResult {
  campaignId: string;
  householdId: string;
  status: 'submitted';
  submittedAt: string;
  answeredClosed: number;
  closedCount: number;
  valid: boolean;
}

export interface CampaignListItem {
  id: string;
  title: string;
  status: CampaignStatus;
  statusLabel: string;
  projectName: string;
  questionnaireTitle: string;
  questionnaireVersion: number | null;
  sampleSize: number | null;
  submitted: number;
  createdAt: string;
  startedAt: string | null;
  closedAt: string | null;
}

export interface SampleTally {
  building: string;
  population: number;
  sample: number;
  submitted: number;
}

export interface CampaignDetail {
  id: string;
  title: string;
  status: CampaignStatus;
  statusLabel: string;
  canManage: boolean;
  project: { id: string; name: string };
  questionnaire: { id: string; title: string; version: number | null };
  samplePercent: number;
  minSample: number;
  minAnsweredPercent: number;
  seed: string | null;
  populationSize: number | null;
  sampleSize: number | null;
  preview: { population: number; sampleSize: number } | null;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  startedBy: string | null;
  closedAt: string | null;
  progress: { submitted: number; drafts: number; invalid: number };
  sample: {
    byBuilding: SampleTally[];
    byCustomerType: { customerType: string; label: string; population: number; sample: number }[];
  } | null;
  households:
    | {
        householdId: string;
        label: string;
        building: string;
        customerTypeLabel: string;
        status: ResponseStatus;
      }[]
    | null;
  events: { action: string; label: string; actor: string; at: string }[] | null;
}

export interface ScoreSummary {
  count: number;
  score: number | null;
  rate: number | null;
}

export interface SurveyResults extends ScoreSummary {
  campaign: {
    id: string;
    title: string;
    status: CampaignStatus;
    statusLabel: string;
    minAnsweredPercent: number;
  };
  questionnaire: { id: string; title: string; version: number };
  sampled: number;
  submitted: number;
  valid: number;
  invalid: number;
  responseRate: number | null;
  closedQuestions: number;
  minAnswered: number;
  drivers: (ScoreSummary & {
    code: string;
    name: string;
    weight: number;
    weightShare: number;
    dissatisfactionImpact: number | null;
  })[];
  dissatisfactionDrivers: string[];
  satisfactionDrivers: string[];
  buildings: (ScoreSummary & {
    building: string;
    sampled: number;
    submitted: number;
    valid: number;
    invalid: number;
    responseRate: number | null;
  })[];
  questions: (ScoreSummary & { id: string; text: string; driverName: string; answered: number })[];
  openAnswers: { questionId: string; question: string; building: string; text: string }[];
}

export interface QuestionnaireListItem {
  id: string;
  familyId: string;
  version: number;
  title: string;
  frozen: boolean;
  latest: boolean;
  questions: number;
}

export interface QuestionnaireDetail {
  id: string;
  familyId: string;
  version: number;
  title: string;
  intro: string;
  closing: string;
  frozen: boolean;
  drivers: { code: string; name: string; weight: number }[];
  sections: {
    id?: string;
    title: string;
    questions: {
      id?: string;
      key: string;
      kind: 'scale' | 'open';
      text: string;
      scale?: SurveyScale;
      driver?: string;
    }[];
  }[];
}
