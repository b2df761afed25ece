import type { QuestionnaireDetail } from '../services/surveyTypes';
import {
  addQuestion,
  barWidth,
  campaignBody,
  campaignFormError,
  nextKey,
  pct,
  removeQuestion,
  score,
  scoreTone,
  setQuestionScale,
  setWeight,
  toDefinition,
  weightShares,
} from './surveyAdmin';

const questionnaire = (): QuestionnaireDetail => ({
  id: 'qn',
  familyId: 'qn',
  version: 1,
  title: '物业服务满意度调查问卷',
  intro: '您好',
  closing: '谢谢',
  frozen: false,
  drivers: [
    { code: 'cs', name: '客户服务', weight: 30 },
    { code: 'eng', name: '工程维修', weight: 10 },
  ],
  sections: [
    {
      id: 's1',
      title: '客户服务',
      questions: [{ id: 'a', key: 'q1', kind: 'scale', scale: 7, driver: 'cs', text: '态度' }],
    },
    {
      id: 's2',
      title: '工程维修',
      questions: [{ id: 'b', key: 'q2', kind: 'scale', scale: 5, driver: 'eng', text: '及时' }],
    },
    { id: 's3', title: '意见', questions: [{ id: 'c', key: 'q3', kind: 'open', text: '建议' }] },
  ],
});

describe('survey admin formats', () => {
  it('shows rates and scores with one decimal, and a dash when there is nothing', () => {
    expect([pct(0.625), pct(0.5), pct(1 / 3), pct(null)]).toEqual(['62.5%', '50%', '33.3%', '—']);
    expect([score(82.46), score(75), score(undefined)]).toEqual(['82.5', '75.0', '—']);
  });
  it('keeps bars within 0–100% and colours scores by the satisfied line', () => {
    expect([barWidth(62.5), barWidth(150), barWidth(null), barWidth(3, 20)]).toEqual([
      '62.5%',
      '100.0%',
      '0%',
      '15.0%',
    ]);
    expect([scoreTone(80), scoreTone(60), scoreTone(10), scoreTone(null)]).toEqual([
      'good',
      'fair',
      'poor',
      'none',
    ]);
  });
});

describe('new campaign form', () => {
  const ok = {
    title: '四季度调查',
    questionnaireId: 'qn',
    samplePercent: '20',
    minSample: '20',
    minAnsweredPercent: '80',
  };
  it('refuses less than 20% or fewer than 20 households (docs/domain-rules.md "Satisfaction surveys")', () => {
    expect(campaignFormError(ok)).toBeNull();
    expect(campaignFormError({ ...ok, samplePercent: '15' })).toBe(
      '抽样比例应为 20–100 的整数（不低于 20%）',
    );
    expect(campaignFormError({ ...ok, minSample: '10' })).toBe('最少样本量应为不小于 20 的整数');
    expect(campaignFormError({ ...ok, title: ' ' })).toBe('请填写调查名称');
    expect(campaignFormError({ ...ok, questionnaireId: null })).toBe('请选择问卷');
  });
  it('sends numbers', () => {
    expect(campaignBody(ok)).toEqual({
      title: '四季度调查',
      questionnaireId: 'qn',
      samplePercent: 20,
      minSample: 20,
      minAnsweredPercent: 80,
    });
  });
});

describe('questionnaire builder 问卷编辑', () => {
  it('drops ids for the PUT body and shows weight shares', () => {
    const def = toDefinition(questionnaire());
    expect(def.sections[0].questions[0]).toEqual({
      key: 'q1',
      kind: 'scale',
      scale: 7,
      driver: 'cs',
      text: '态度',
    });
    expect(weightShares(setWeight(def, 'eng', 30))).toEqual({ cs: 0.5, eng: 0.5 });
  });
  it('adds a closed question measuring its section’s driver on the same scale, and an open one', () => {
    let def = toDefinition(questionnaire());
    def = addQuestion(def, 0, 'scale', '礼仪');
    expect(def.sections[0].questions[1]).toEqual({
      key: 'q4',
      kind: 'scale',
      text: '礼仪',
      scale: 7,
      driver: 'cs',
    });
    def = addQuestion(def, 2, 'open', '还有什么想说的');
    expect(def.sections[2].questions[1]).toEqual({ key: 'q5', kind: 'open', text: '还有什么想说的' });
    expect(nextKey(def)).toBe('q6');
  });
  it('changes a scale and removes a question', () => {
    let def = toDefinition(questionnaire());
    def = setQuestionScale(def, 1, 0, 10);
    expect(def.sections[1].questions[0].scale).toBe(10);
    expect(setQuestionScale(def, 2, 0, 10).sections[2].questions[0].scale).toBeUndefined();
    def = removeQuestion(def, 1, 0);
    expect(def.sections[1].questions).toEqual([]);
  });
});
