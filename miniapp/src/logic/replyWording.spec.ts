import {
  fillPlaceholders,
  fillTemplate,
  replaceAllWithBetter,
  replaceWithBetter,
  salutation,
  unfilledPlaceholders,
} from './replyWording';

const RULES = {
  id: 'company_rules',
  phrase: '这是公司的规定',
  better: '这也是根据小区大多数业主的要求所制定的，关于您的意见/建议我会向上反映。',
  why: '你们的规定关我什么事？',
};

describe('swapping a forbidden phrase for the better wording', () => {
  it('replaces the phrase where the check found it', () => {
    const text = '您好，这是公司的规定，请理解。';
    expect(replaceWithBetter(text, { ...RULES, index: 3, matched: '这是公司的规定' })).toBe(
      `您好，${RULES.better}请理解。`,
    );
  });

  it('finds the phrase again when the text moved since the check', () => {
    const text = '王先生您好！这是公司的规定';
    expect(replaceWithBetter(text, { ...RULES, index: 0 })).toBe(`王先生您好！${RULES.better}`);
  });

  it('leaves the text alone when the phrase is gone', () => {
    expect(replaceWithBetter('已安排师傅上门', { ...RULES, index: 0 })).toBe('已安排师傅上门');
  });

  it('replaces several hits without disturbing each other', () => {
    const other = {
      id: 'ask',
      phrase: '你去问别人',
      better: '我帮您问清楚后给您回电。',
      why: '推诿',
      index: 8,
    };
    const text = '这是公司的规定。你去问别人';
    expect(replaceAllWithBetter(text, [{ ...RULES, index: 0 }, other])).toBe(
      `${RULES.better}${other.better}`,
    );
  });
});

describe('reply templates', () => {
  it('fills the known placeholders and keeps the others for the staff member', () => {
    const t = '{业主称呼}您好，您的报修已受理（工单号{工单号}），师傅将于{时间}上门。';
    expect(fillTemplate(t, { 业主称呼: '林女士', 工单号: 'BX20261123-0001' })).toBe(
      '林女士您好，您的报修已受理（工单号BX20261123-0001），师傅将于{时间}上门。',
    );
  });

  it('addresses the resident politely', () => {
    expect(salutation('林女士')).toBe('林女士');
    expect(salutation('王建')).toBe('王建业主');
    expect(salutation(null)).toBe('业主');
  });
});

describe('placeholders left in a reply', () => {
  it('finds {区域} and {时间}, full-width braces too, and fills them', () => {
    expect(unfilledPlaceholders('师傅将于{时间}到｛区域｝处理')).toEqual(['时间', '区域']);
    expect(fillPlaceholders('师傅将于{时间}到｛区域｝处理', { 时间: '今天下午3点', 区域: '' })).toBe(
      '师傅将于今天下午3点到｛区域｝处理',
    );
    expect(unfilledPlaceholders('今天下午3点到3栋处理')).toEqual([]);
  });
});
