import { emojiGroups, modelText, normalizeText, toHalfWidth, toSimplified } from './normalize';

describe('text normalisation', () => {
  it('converts full-width characters to half-width', () => {
    expect(toHalfWidth('３栋１５０２！ＡＢ')).toBe('3栋1502!AB');
  });
  it('converts traditional characters to simplified', () => {
    expect(toSimplified('電梯壞了，樓上漏水')).toBe('电梯坏了，楼上漏水');
  });
  it('keeps emoji as mood groups and strips them from the text', () => {
    expect(emojiGroups('又坏了😡😡')).toEqual(['angry']);
    expect(normalizeText('又坏了😡😡')).toBe('又坏了');
  });
  it('folds unit numbers so addresses do not become features', () => {
    expect(modelText(normalizeText('3栋2单元1502电梯坏了'))).toBe(
      modelText(normalizeText('十二号楼1单元301电梯坏了')).replace('号楼', '栋'),
    );
    expect(modelText('18-2-301')).toBe('0');
  });
});
