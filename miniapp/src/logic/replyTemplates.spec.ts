import { canEditTemplates, draftProblem, groupTemplates } from './replyTemplates';

const t = (id: string, category: string) => ({ id, category, title: id, text: `${id} 文本` });

describe('reply templates', () => {
  it('groups by category in the handbook order and drops empty groups', () => {
    const g = groupTemplates([t('a', '报修'), t('b', '通用'), t('c', '报修'), t('d', '外星类')]);
    expect(g.map((x) => [x.category, x.items.map((i) => i.id)])).toEqual([
      ['通用', ['b']],
      ['报修', ['a', 'c']],
    ]);
  });

  it('says what blocks saving', () => {
    const ok = { id: null, category: '通用', title: '问候', text: '您好，{业主称呼}' };
    expect(draftProblem(ok)).toBeNull();
    expect(draftProblem({ ...ok, category: '' })).toBe('请选择分类');
    expect(draftProblem({ ...ok, title: '  ' })).toBe('请填写标题');
    expect(draftProblem({ ...ok, text: '' })).toBe('请填写回复内容');
    expect(draftProblem({ ...ok, text: '字'.repeat(1001) })).toBe('回复内容不能超过 1000 个字');
  });

  it('lets the lead and the project manager edit', () => {
    expect(canEditTemplates('cs_lead')).toBe(true);
    expect(canEditTemplates('project_manager')).toBe(true);
    expect(canEditTemplates('front_desk')).toBe(false);
    expect(canEditTemplates(undefined)).toBe(false);
  });
});
