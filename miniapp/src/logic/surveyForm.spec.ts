import type { SurveyForm } from '../services/surveyTypes';
import {
  buildAnswers,
  checkBeforeSubmit,
  emptySurveyDraft,
  initialDraft,
  pointOptions,
  progress,
  scaleEnds,
  setText,
  setPoint,
} from './surveyForm';
import { answerUrl, responseStatusText, sortPending } from './surveyEntry';

/** Five closed questions (valid from 4) and one open question. */
function form(over: Partial<SurveyForm> = {}): SurveyForm {
  return {
    campaign: { id: 'c1', title: '四季度满意度调查', status: 'running', open: true },
    household: { id: 'h1', label: '1栋1单元101' },
    questionnaire: {
      title: '物业服务满意度调查问卷',
      intro: '您好',
      closing: '谢谢',
      sections: [
        {
          id: 's1',
          title: '客户服务',
          questions: [
            { id: 'q1', kind: 'scale', scale: 5, text: '服务态度', driverName: '客户服务' },
            { id: 'q2', kind: 'scale', scale: 5, text: '受理及时', driverName: '客户服务' },
          ],
        },
        {
          id: 's2',
          title: '工程维修',
          questions: [
            { id: 'q3', kind: 'scale', scale: 7, text: '上门及时', driverName: '工程维修' },
            { id: 'q4', kind: 'scale', scale: 10, text: '维修质量', driverName: '工程维修' },
            { id: 'q5', kind: 'scale', scale: 5, text: '设施运行', driverName: '工程维修' },
          ],
        },
        { id: 's3', title: '意见和建议', questions: [{ id: 'o1', kind: 'open', text: '您的建议' }] },
      ],
    },
    closedCount: 5,
    minAnswered: 4,
    response: { status: 'pending', byMe: false, updatedAt: null, submittedAt: null },
    answers: [],
    ...over,
  };
}

let keys = 0;
const newKey = () => `key-${++keys}`;

describe('survey answer form 问卷填写', () => {
  it('starts empty, and the first tap makes the idempotency key that every retry reuses', () => {
    const d0 = emptySurveyDraft('u1', 'c1', 'h1');
    expect(d0.idempotencyKey).toBeNull();
    const d1 = setPoint(d0, 'q1', 4, newKey);
    const d2 = setPoint(d1, 'q2', 5, newKey);
    expect(d1.idempotencyKey).toMatch(/^key-/);
    expect(d2.idempotencyKey).toBe(d1.idempotencyKey);
    expect(d2).toMatchObject({ points: { q1: 4, q2: 5 }, dirty: true });
  });

  it('clears an answer (不了解 / 不作答: the chosen point tapped again)', () => {
    const d = setPoint(setPoint(emptySurveyDraft('u1', 'c1', 'h1'), 'q1', 4, newKey), 'q1', null, newKey);
    expect(d.points).toEqual({});
    expect(setPoint(d, 'q1', 2, newKey).points).toEqual({ q1: 2 });
  });

  it('counts closed answers against what a valid questionnaire needs', () => {
    let d = emptySurveyDraft('u1', 'c1', 'h1');
    d = setText(d, 'o1', '多组织活动', newKey);
    expect(progress(form(), d)).toEqual({ answered: 0, total: 5, needed: 4, enough: false });
    for (const q of ['q1', 'q2', 'q3']) d = setPoint(d, q, 3, newKey);
    expect(progress(form(), d).enough).toBe(false);
    d = setPoint(d, 'q4', 9, newKey);
    expect(progress(form(), d)).toEqual({ answered: 4, total: 5, needed: 4, enough: true });
  });

  it('refuses an empty sheet and asks before sending one that would be invalid (无效问卷)', () => {
    const f = form();
    let d = emptySurveyDraft('u1', 'c1', 'h1');
    expect(checkBeforeSubmit(f, d)).toEqual({ kind: 'error', message: '请至少为一道题打分' });
    d = setPoint(setPoint(d, 'q1', 5, newKey), 'q2', 5, newKey);
    expect(checkBeforeSubmit(f, d)).toEqual({
      kind: 'confirm',
      message: '您回答了 2/5 道评分题，少于 4 道的问卷将视为无效问卷，确定提交吗？',
    });
    d = setPoint(setPoint(d, 'q3', 6, newKey), 'q5', 4, newKey);
    expect(checkBeforeSubmit(f, d)).toEqual({ kind: 'ok' });
  });

  it('sends answered questions only, in questionnaire order, with open answers trimmed', () => {
    let d = emptySurveyDraft('u1', 'c1', 'h1');
    d = setPoint(d, 'q4', 10, newKey);
    d = setPoint(d, 'q1', 4, newKey);
    d = setText(d, 'o1', '  电梯太慢  ', newKey);
    expect(buildAnswers(form(), d)).toEqual([
      { questionId: 'q1', point: 4 },
      { questionId: 'q4', point: 10 },
      { questionId: 'o1', text: '电梯太慢' },
    ]);
    expect(buildAnswers(form(), setText(d, 'o1', '   ', newKey))).toHaveLength(2);
  });

  it("restores this phone's own unsent draft first, dropping answers that no longer fit", () => {
    const stored = {
      userId: 'u1',
      campaignId: 'c1',
      householdId: 'h1',
      points: { q1: 5, q3: 9, gone: 3 }, // 9 is off the 7-point scale; "gone" was removed
      texts: { o1: '草稿里的建议' },
      idempotencyKey: 'key-stored',
      dirty: true,
    };
    const serverDraft = form({ answers: [{ questionId: 'q2', point: 1, text: null }] });
    const { draft, restored } = initialDraft(serverDraft, stored, 'u1');
    expect(restored).toBe(true);
    expect(draft).toMatchObject({
      points: { q1: 5 },
      texts: { o1: '草稿里的建议' },
      idempotencyKey: 'key-stored',
      dirty: true,
    });
  });

  it("ignores another account's or another survey's stored draft and takes the server's draft", () => {
    const serverDraft = form({
      answers: [
        { questionId: 'q2', point: 2, text: null },
        { questionId: 'o1', point: null, text: '家人写的' },
      ],
    });
    for (const stored of [
      { userId: 'someone-else', campaignId: 'c1', householdId: 'h1', points: { q1: 5 }, texts: {} },
      { userId: 'u1', campaignId: 'c2', householdId: 'h1', points: { q1: 5 }, texts: {} },
      'garbage',
      null,
    ]) {
      const { draft, restored } = initialDraft(serverDraft, stored, 'u1');
      expect(restored).toBe(false);
      expect(draft).toMatchObject({
        points: { q2: 2 },
        texts: { o1: '家人写的' },
        idempotencyKey: null,
        dirty: false,
      });
    }
  });

  it('cuts an open answer at 500 characters', () => {
    const d = setText(emptySurveyDraft('u1', 'c1', 'h1'), 'o1', '好'.repeat(600), newKey);
    expect(d.texts.o1).toHaveLength(500);
  });

  it('offers worded buttons on 5 points and numbers with worded ends on 7 and 10', () => {
    expect(pointOptions(5).map((o) => o.label)).toEqual(['很不满意', '不满意', '一般', '满意', '很满意']);
    expect(
      pointOptions(5)
        .filter((o) => o.satisfied)
        .map((o) => o.point),
    ).toEqual([4, 5]);
    expect(pointOptions(10).map((o) => o.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(scaleEnds(5)).toBeNull();
    expect(scaleEnds(7)).toEqual(['1 = 很不满意', '7 = 很满意']);
  });
});

describe('the 满意度调查 entry on 我的', () => {
  const item = { campaignId: 'c 1', householdId: 'h1', status: 'pending' as const, byMe: false };
  it('words each state, telling a second household member it is already answered', () => {
    expect(responseStatusText(item)).toBe('待填写');
    expect(responseStatusText({ ...item, status: 'draft' })).toBe('已保存草稿，待提交');
    expect(responseStatusText({ ...item, status: 'submitted', byMe: true })).toBe('已提交，感谢您的参与');
    expect(responseStatusText({ ...item, status: 'submitted' })).toBe('本户家人已提交，无需重复填写');
  });
  it('lists surveys to answer first and links to the answer page', () => {
    const full = (status: 'pending' | 'draft' | 'submitted', id: string) => ({
      ...item,
      campaignId: id,
      status,
      title: '',
      projectName: '',
      householdLabel: '',
      startedAt: null,
      submittedAt: null,
    });
    expect(
      sortPending([full('submitted', 'a'), full('pending', 'b'), full('draft', 'c')]).map(
        (s) => s.campaignId,
      ),
    ).toEqual(['b', 'c', 'a']);
    expect(answerUrl(item)).toBe('/survey/pages/answer/index?campaignId=c%201&householdId=h1');
  });
});
