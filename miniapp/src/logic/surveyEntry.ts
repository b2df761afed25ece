/**
 * The 满意度调查 entry on the resident's 我的 page: which surveys to show and how to word their state.
 * Pure and tiny on purpose: it lives in the main package.
 */
import type { PendingSurvey } from '../services/surveyTypes';

/** What the household's answer sheet is, in words. */
export function responseStatusText(r: Pick<PendingSurvey, 'status' | 'byMe'>): string {
  if (r.status === 'submitted') return r.byMe ? '已提交，感谢您的参与' : '本户家人已提交，无需重复填写';
  if (r.status === 'draft') return '已保存草稿，待提交';
  return '待填写';
}

/** Surveys still to answer come first; the answered ones stay listed as a thank-you. */
export function sortPending(items: PendingSurvey[]): PendingSurvey[] {
  return [...items].sort((a, b) => Number(a.status === 'submitted') - Number(b.status === 'submitted'));
}

export const answerUrl = (s: Pick<PendingSurvey, 'campaignId' | 'householdId'>) =>
  `/survey/pages/answer/index?campaignId=${encodeURIComponent(s.campaignId)}&householdId=${encodeURIComponent(s.householdId)}`;
