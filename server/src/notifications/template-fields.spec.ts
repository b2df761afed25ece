import { fillTemplateFields, wechatTime } from './template-fields';

describe('subscribe-message fields', () => {
  it('fills placeholders and keeps each field type inside its limit', () => {
    const out = fillTemplateFields(
      {
        character_string1: '{number}',
        thing2: '{title}',
        phrase3: '{status}',
        time4: '{time}',
        name5: '{who}',
      },
      {
        number: 'TS20261122-0007',
        title: '3栋电梯又坏了，已经第三次了，请尽快派人来修理一下谢谢',
        status: '处理中 (in progress)',
        time: '2026年11月22日 09:05',
        who: null,
      },
    );
    expect(out.character_string1).toBe('TS20261122-0007');
    expect([...out.thing2]).toHaveLength(20);
    expect(out.thing2.endsWith('…')).toBe(true);
    expect(out.phrase3).toBe('处理中');
    expect(out.time4).toBe('2026年11月22日 09:05');
    expect(out.name5).toBe('—');
  });

  it('drops characters a character_string field refuses', () => {
    expect(fillTemplateFields({ character_string9: '工单{n}' }, { n: 'BX-1' }).character_string9).toBe(
      'BX-1',
    );
  });

  it('writes times in Beijing time whatever the server zone', () => {
    expect(wechatTime(new Date('2026-11-22T01:05:00Z'))).toBe('2026年11月22日 09:05');
    expect(wechatTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日 00:30');
  });
});
