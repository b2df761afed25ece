import {
  checkReply,
  DEFAULT_REPLY_TEMPLATES,
  fillTemplate,
  FORBIDDEN_PHRASES,
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_CATEGORIES,
  templatePlaceholders,
} from './language';

const entry = (id: string) => FORBIDDEN_PHRASES.find((e) => e.id === id)!;
const hitIds = (text: string) => checkReply(text).hits.map((h) => h.id);

describe('the forbidden-phrase list (the customer-service handbook 不能对客户说的19句话)', () => {
  it('holds the handbook items the stored copy preserves, in order (it breaks off in item 5)', () => {
    const numbered = FORBIDDEN_PHRASES.filter((e) => e.handbookNo !== null).map((e) => e.handbookNo);
    expect(numbered).toEqual([1, 2, 3, 4, 5]);
  });

  it('adds only rules a handbook states, and says where each comes from', () => {
    for (const e of FORBIDDEN_PHRASES.filter((x) => x.handbookNo === null))
      expect(e.note).toMatch(/handbook/);
    expect(entry('yes_but').phrases).toEqual(['是的，但是']);
  });

  it('has unique ids, at least one wording, a feeling and a better answer for every entry', () => {
    expect(new Set(FORBIDDEN_PHRASES.map((e) => e.id)).size).toBe(FORBIDDEN_PHRASES.length);
    for (const e of FORBIDDEN_PHRASES) {
      expect(e.phrases.length).toBeGreaterThan(0);
      expect(e.why).toMatch(/[\u4e00-\u9fa5]/);
      expect(e.better).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('never suggests a better wording that is itself forbidden', () => {
    for (const e of FORBIDDEN_PHRASES) expect(checkReply(e.better).hits).toEqual([]);
  });

  it('catches every listed wording as written', () => {
    for (const e of FORBIDDEN_PHRASES)
      for (const p of e.phrases) expect(checkReply(p).hits.map((h) => h.id)).toContain(e.id);
  });

  it('is written in Simplified Chinese (nothing the traditional fold would change)', () => {
    for (const e of FORBIDDEN_PHRASES)
      for (const p of e.phrases) expect(checkReply(p).hits.find((h) => h.id === e.id)!.phrase).toBe(p);
    expect(JSON.stringify(FORBIDDEN_PHRASES)).not.toMatch(/[這們規門導領費標準說請問別嗎幹歸關]/);
  });
});

describe('checkReply: the handbook items', () => {
  it('warns about "这是公司的规定" and offers the handbook\'s better wording', () => {
    const text = '不好意思，这是公司的规定，我们也没办法。';
    const r = checkReply(text);
    expect(r.ok).toBe(false);
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]).toMatchObject({ id: 'company_rules', phrase: '这是公司的规定' });
    expect(r.hits[0]!.index).toBe(text.indexOf('这是'));
    expect(r.hits[0]!.better).toContain('根据小区大多数业主的要求所制定的');
    expect(r.hits[0]!.why).toBe('有没有搞错，你们的规定关我什么事，谁才是小区的主人？');
  });

  it('warns about the department and leader variants of "规定" too', () => {
    expect(hitIds('这是我们部门的规定')).toEqual(['company_rules']);
    expect(hitIds('这是我们领导的规定')).toEqual(['company_rules']);
    expect(hitIds('没办法，规定就是这样')).toEqual(['company_rules']);
  });

  it('warns about "收费标准就是这么多" and explains how the fee was approved', () => {
    const [hit] = checkReply('我们公司规定的收费标准就是这么多。').hits;
    expect(hit).toMatchObject({ id: 'fee_standard', phrase: '我们公司规定的收费标准就是这么多' });
    expect(hit!.better).toContain('报物价局审批后才执行');
  });

  it('warns about interrogating the resident ("你叫什么名字？你有什么事？") and offers "请问怎么称呼您"', () => {
    const r = checkReply('你叫什么名字？你有什么事？');
    expect(r.hits.map((h) => [h.id, h.matched])).toEqual([
      ['interrogate_name', '你叫什么名字'],
      ['interrogate_name', '你有什么事'],
    ]);
    expect(r.hits[0]!.better).toBe('请问怎么称呼您？请问我能帮您做些什么？');
  });

  it('warns about "这你都不知道吗 / 你不了解情况 / 你不懂" and offers to explain again', () => {
    for (const t of ['这你都不知道吗？', '你不了解情况。', '你不懂！'])
      expect(checkReply(t).hits[0]).toMatchObject({
        id: 'you_dont_understand',
        better: '对不起我没说清楚，请允许我再解释一遍。',
      });
  });

  it('warns about shifting responsibility ("这件事情我不清楚，请问别人") and keeps the first receiver on it', () => {
    const r = checkReply('对不起，这件事情我不清楚，请问别人吧。');
    expect(r.hits.map((h) => h.matched)).toEqual(['这件事情我不清楚', '请问别人吧']);
    expect(new Set(r.hits.map((h) => h.id))).toEqual(new Set(['ask_someone_else']));
    expect(r.hits[0]!.better).toContain('在约定的时间内给您答复');
    expect(entry('ask_someone_else').note).toMatch(/breaks off/);
  });

  it('warns about "是的，但是" when a resident is venting (the customer-service handbook, angry customers)', () => {
    expect(hitIds('是的，但是您也要理解我们。')).toEqual(['yes_but']);
    expect(hitIds('是的但是您也要理解我们')).toEqual(['yes_but']);
  });
});

describe('checkReply: tolerant matching', () => {
  it('ignores whitespace, quotes and brackets inside a phrase', () => {
    expect(hitIds('这是 公司的 规定')).toEqual(['company_rules']);
    expect(hitIds('这是“公司”的规定')).toEqual(['company_rules']);
    expect(hitIds('这是（公司）的规定')).toEqual(['company_rules']);
  });

  it('folds full-width punctuation and the ideographic space', () => {
    expect(hitIds('是的，但是')).toEqual(['yes_but']);
    expect(hitIds('是的,但是')).toEqual(['yes_but']);
    expect(hitIds('是的 ,  但是')).toEqual(['yes_but']);
    expect(hitIds('这是　公司的规定')).toEqual(['company_rules']); // ideographic space
    expect(hitIds('是的．但是')).toEqual(['yes_but']);
  });

  it('reads traditional characters, as in the handbook itself', () => {
    expect(hitIds('這是公司的規定/這是我們部門的規定/我們領導的規定。')).toEqual([
      'company_rules',
      'company_rules',
      'company_rules',
    ]);
    expect(hitIds('我們公司規定的收費標準就是這麼多。')).toEqual(['fee_standard']);
    expect(hitIds('你叫甚麼名字?')).toEqual(['interrogate_name']);
    expect(hitIds('這你都不知道嗎?/ 你不了解情況 / 你不懂。')).toEqual([
      'you_dont_understand',
      'you_dont_understand',
      'you_dont_understand',
    ]);
    expect(hitIds('對不起,這件事情我不清楚(不知道),請問別人或XX。')).toEqual([
      'ask_someone_else',
      'ask_someone_else',
    ]);
    expect(hitIds('這不歸我管')).toEqual(['ask_someone_else']);
  });

  it('points index and matched at the text as the staff member wrote it', () => {
    const text = '您好！  這是 “公司” 的規定。';
    const [hit] = checkReply(text).hits;
    expect(hit!.index).toBe(text.indexOf('這'));
    expect(hit!.matched).toBe('這是 “公司” 的規定');
    expect(text.slice(hit!.index, hit!.index + hit!.matched.length)).toBe(hit!.matched);
  });

  it('reports one hit per place even when several wordings of an item overlap', () => {
    const r = checkReply('这是我们部门的规定');
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0]!.phrase).toBe('这是我们部门的规定');
  });

  it('reports every separate occurrence, in text order', () => {
    const r = checkReply('你不懂。这是公司的规定。你不懂吗？');
    expect(r.hits.map((h) => h.id)).toEqual(['you_dont_understand', 'company_rules', 'you_dont_understand']);
    expect(r.hits.map((h) => h.index)).toEqual([0, 4, 12]);
  });

  it('does not join two sentences into a phrase across a full stop or comma', () => {
    expect(checkReply('如有疑问请联系你。不懂的地方我们再解释').ok).toBe(true);
    expect(checkReply('这个问题我们已转告你，不懂的地方可以随时问').ok).toBe(true);
  });
});

describe('checkReply: ordinary replies pass', () => {
  const ordinary = [
    '您好，维修师傅下午两点上门，请您在家等候',
    '您好，您反映的电梯异响问题已通知维保单位，预计明天上午处理完毕。',
    '请问怎么称呼您？请问我能帮您做些什么？',
    '对不起我没说清楚，请允许我再解释一遍。',
    '根据物业服务合同的约定，公共区域的照明由我们负责维修。',
    '您的意见我们会认真考虑，并向业主委员会反映。',
    '这件事我先帮您记录下来，马上向负责的同事核实，今天下午五点前给您答复。',
    '收费标准已在服务中心公示，您可以随时查阅。',
    '感谢您的理解与支持，祝您生活愉快！',
    '您好，您有什么需要我们帮忙的吗？',
    '是的，您说得对，我们马上安排。',
    '我们已经了解情况，正在协调相关住户。',
    '',
  ];
  it.each(ordinary)('passes "%s"', (text) => {
    expect(checkReply(text)).toEqual({ ok: true, hits: [] });
  });
});

describe('reply templates 统一回复口径', () => {
  const all = Object.values(DEFAULT_REPLY_TEMPLATES).flat();

  it('has templates for the eight complaint categories, 报修 and 通用', () => {
    expect(Object.keys(DEFAULT_REPLY_TEMPLATES).sort()).toEqual([...REPLY_TEMPLATE_CATEGORIES].sort());
    for (const c of REPLY_TEMPLATE_CATEGORIES) expect(DEFAULT_REPLY_TEMPLATES[c].length).toBeGreaterThan(0);
  });

  it('files each template under its own category, with a unique id and a Chinese title', () => {
    for (const [category, list] of Object.entries(DEFAULT_REPLY_TEMPLATES))
      for (const t of list) {
        expect(t.category).toBe(category);
        expect(t.title).toMatch(/[\u4e00-\u9fa5]/);
      }
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  });

  it.each(all.map((t) => [t.id, t.text] as const))(
    'template %s contains no forbidden phrase',
    (_id, text) => {
      expect(checkReply(text).hits).toEqual([]);
    },
  );

  it('uses only the known placeholders', () => {
    for (const t of all)
      for (const p of templatePlaceholders(t.text))
        expect(REPLY_PLACEHOLDERS as readonly string[]).toContain(p);
  });

  it('stays free of forbidden phrases once filled in', () => {
    const values = Object.fromEntries(REPLY_PLACEHOLDERS.map((p) => [p, '某某']));
    for (const t of all) expect(checkReply(fillTemplate(t.text, values)).ok).toBe(true);
  });
});

describe('fillTemplate', () => {
  it('replaces every occurrence of each placeholder', () => {
    expect(
      fillTemplate('{业主称呼}您好，工单{工单号}将于{时间}处理。{业主称呼}请放心。', {
        业主称呼: '王先生',
        工单号: 'BX20261122-0007',
        时间: '今天下午三点',
      }),
    ).toBe('王先生您好，工单BX20261122-0007将于今天下午三点处理。王先生请放心。');
  });

  it('leaves placeholders without a value as written, so the editor can show what is missing', () => {
    expect(fillTemplate('{业主称呼}您好，{时间}上门', { 业主称呼: '李女士' })).toBe('李女士您好，{时间}上门');
    expect(fillTemplate('{业主称呼}您好', { 业主称呼: undefined })).toBe('{业主称呼}您好');
  });

  it('formats numbers and does not read inherited keys', () => {
    expect(fillTemplate('共{件数}件', { 件数: 3 })).toBe('共3件');
    expect(fillTemplate('{toString}', {})).toBe('{toString}');
  });

  it('lists placeholders once each, in order', () => {
    expect(templatePlaceholders('{时间}{业主称呼}{时间}')).toEqual(['时间', '业主称呼']);
  });
});
