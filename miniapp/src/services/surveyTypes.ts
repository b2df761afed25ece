/**
 * Shapes of the /api/surveys answers the mini-program reads: aliases of the types generated from the server's
 * OpenAPI document (./api-schema.ts, `pnpm gen:api-types`), under the names the pages import.
 */
import type { components } from './api-schema';

type S = components['schemas'];

/** GET /api/surveys/mine */
export type PendingSurvey = S['PendingSurvey'];
export type ResponseStatus = PendingSurvey['status'];
export type CampaignStatus = S['CampaignDetail']['status'];
export type SurveyAccess = S['SurveyAccessInfo']['access'];
/** GET /api/surveys/campaigns/:id/households/:householdId/form */
export type SurveyForm = S['SurveyForm'];
export type FormQuestion = S['SurveyFormQuestionnaireSectionQuestion'];
export type SurveyScale = NonNullable<FormQuestion['scale']>;
export type SubmitResult = S['SubmitResult'];
export type CampaignListItem = S['CampaignListItem'];
export type SampleTally = S['CampaignDetailSampleByBuilding'];
export type CampaignDetail = S['CampaignDetail'];
export type SurveyResults = S['SurveyResults'];
export type ScoreSummary = Pick<SurveyResults, 'count' | 'score' | 'rate'>;
/** A row of GET /api/surveys/questionnaires (the list also shows a questionnaire just made from the template). */
export type QuestionnaireListItem = Omit<S['QuestionnaireListItem'], 'createdAt' | 'updatedAt'>;
export type QuestionnaireDetail = S['QuestionnaireDetail'];

/** One answer as PUT …/draft and POST …/submit take it (a request body: the document does not describe it). */
export interface AnswerBody {
  questionId: string;
  point?: number;
  text?: string;
}
