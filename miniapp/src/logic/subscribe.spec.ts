import { answersOf, templateIdsToAsk } from './subscribe';

describe('subscribe messages', () => {
  it('asks for at most three distinct templates', () => {
    const t = (id: string) => ({ scene: id, templateId: id });
    expect(templateIdsToAsk([t('a'), t('b'), t('a'), t('c'), t('d')])).toEqual(['a', 'b', 'c']);
    expect(templateIdsToAsk(undefined)).toEqual([]);
    expect(templateIdsToAsk([{ scene: 'x', templateId: '' }])).toEqual([]);
  });

  it('keeps only the answers to what was asked', () => {
    expect(
      answersOf({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', z: 'accept' }, ['a', 'b']),
    ).toEqual({
      a: 'accept',
      b: 'reject',
    });
  });
});
