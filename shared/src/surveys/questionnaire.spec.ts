import { closedQuestions, defaultQuestionnaire, validateQuestionnaire } from './questionnaire';

describe('questionnaires 调查问卷', () => {
  it('ships a valid default 物业服务满意度 questionnaire with the handbook drivers', () => {
    const def = defaultQuestionnaire();
    expect(validateQuestionnaire(def)).toEqual([]);
    expect(def.drivers.map((d) => d.name)).toEqual([
      '客户服务',
      '工程维修',
      '秩序安全',
      '环境绿化',
      '社区文化',
      '综合服务',
    ]);
    expect(def.drivers.reduce((a, d) => a + d.weight, 0)).toBe(100);
    expect(closedQuestions(def)).toHaveLength(16);
    expect(def.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'open')).toHaveLength(2);
  });

  it('refuses closed questions without a known driver or on another scale', () => {
    const def = defaultQuestionnaire();
    def.sections[0].questions[0] = { ...def.sections[0].questions[0], driver: 'nope' };
    def.sections[0].questions[1] = { ...def.sections[0].questions[1], scale: 4 as never };
    const errors = validateQuestionnaire(def);
    expect(errors).toContain('题目 “客服人员的服务态度和礼仪” 须对应一个已设置的驱动因素');
    expect(errors).toContain('题目 “报修、投诉受理是否及时，答复是否清楚” 的评分只能是五级、七级或十级');
  });

  it('refuses weights outside 1–100, duplicate keys and drivers no question measures', () => {
    const def = defaultQuestionnaire();
    def.drivers[0].weight = 0;
    def.drivers.push({ code: 'extra', name: '会所服务', weight: 5 });
    def.sections[1].questions[0].key = def.sections[0].questions[0].key;
    const errors = validateQuestionnaire(def);
    expect(errors).toContain('驱动因素“客户服务”的权重应为 1–100 的整数');
    expect(errors).toContain('驱动因素“会所服务”还没有对应的评分题');
    expect(errors.some((e) => e.includes('编号为空或重复'))).toBe(true);
  });

  it('needs a title and at least one closed question', () => {
    const def = defaultQuestionnaire();
    def.title = ' ';
    def.sections = [def.sections[6]];
    const errors = validateQuestionnaire(def);
    expect(errors).toContain('请填写问卷标题');
    expect(errors).toContain('请至少添加一道评分题');
  });
});
