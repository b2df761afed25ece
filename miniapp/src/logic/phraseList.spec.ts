import {
  COMPANY_BETTER_MAX,
  COMPANY_PHRASE_MAX,
  COMPANY_PHRASE_MIN,
  COMPANY_PHRASES_MAX,
} from '@wuye/shared';
import {
  BETTER_MAX,
  canSetDutyPhone,
  cleanPhrases,
  dutyPhoneProblem,
  PHRASE_MAX,
  PHRASE_MIN,
  PHRASES_MAX,
  phraseProblems,
} from './phraseList';

describe('the forbidden-phrase list form', () => {
  it('bounds the list as the API does', () => {
    expect([PHRASES_MAX, PHRASE_MIN, PHRASE_MAX, BETTER_MAX]).toEqual([
      COMPANY_PHRASES_MAX,
      COMPANY_PHRASE_MIN,
      COMPANY_PHRASE_MAX,
      COMPANY_BETTER_MAX,
    ]);
  });

  it('says what blocks saving', () => {
    const ok = { phrase: '这不归我们管', better: '这件事我来帮您联系负责的部门' };
    expect(phraseProblems([ok])).toEqual([]);
    expect(phraseProblems([])).toEqual(['服务禁语至少保留一条']);
    expect(phraseProblems([{ phrase: '不', better: 'x' }])).toEqual(['第 1 条禁语需 2–40 个字']);
    expect(phraseProblems([{ ...ok, phrase: '啊'.repeat(41) }])).toEqual(['第 1 条禁语需 2–40 个字']);
    expect(phraseProblems([{ ...ok, better: '  ' }])).toEqual(['第 1 条的建议说法需 1–200 个字']);
    expect(phraseProblems([{ ...ok, better: '好'.repeat(201) }])).toEqual(['第 1 条的建议说法需 1–200 个字']);
    expect(phraseProblems([ok, { ...ok, phrase: ' 这不归我们管 ' }])).toEqual(['禁语“这不归我们管”重复了']);
    expect(
      phraseProblems(Array.from({ length: 201 }, (_, i) => ({ phrase: `禁语${i}`, better: 'x' }))),
    ).toEqual(['服务禁语最多 200 条']);
    expect(cleanPhrases([{ phrase: ' 我也没办法 ', better: ' 我马上帮您想办法 ' }])).toEqual([
      { phrase: '我也没办法', better: '我马上帮您想办法' },
    ]);
  });
});

describe('the duty phone form', () => {
  it('takes what the API takes, and an empty value clears it', () => {
    expect(dutyPhoneProblem('021-58880110')).toBeNull();
    expect(dutyPhoneProblem('+86 138 0000 0000')).toBeNull();
    expect(dutyPhoneProblem('')).toBeNull();
    expect(dutyPhoneProblem('值班室')).toContain('格式不正确');
    expect(dutyPhoneProblem('1'.repeat(21))).toContain('格式不正确');
    expect(canSetDutyPhone('project_manager')).toBe(true);
    expect(canSetDutyPhone('cs_lead')).toBe(false);
  });
});
