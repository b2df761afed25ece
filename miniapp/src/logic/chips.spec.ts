import { isChosen, tapChip, toggleChip } from './chips';

describe('chip picker', () => {
  it('one chosen: equal to the value, including a null option such as 不需要', () => {
    expect(isChosen('phone', 'phone', false)).toBe(true);
    expect(isChosen('phone', 'letter', false)).toBe(false);
    expect(isChosen<number | null>(null, null, false)).toBe(true);
    expect(isChosen<string | null>(null, 'phone', false)).toBe(false);
  });

  it('several chosen: any of the values', () => {
    expect(isChosen(['a', 'c'], 'c', true)).toBe(true);
    expect(isChosen(['a', 'c'], 'b', true)).toBe(false);
    expect(isChosen([], 'a', true)).toBe(false);
  });

  it('a tap chooses; tapping the chosen chip keeps it unless the field is optional', () => {
    expect(tapChip('a', 'b', false)).toBe('b');
    expect(tapChip(null, 'b', false)).toBe('b');
    expect(tapChip('b', 'b', false)).toBe('b');
    expect(tapChip('b', 'b', true)).toBeNull();
    expect(tapChip('a', 'b', true)).toBe('b');
  });

  it('several: a tap adds or takes away, keeping the order of the others', () => {
    expect(toggleChip(['a', 'c'], 'b')).toEqual(['a', 'c', 'b']);
    expect(toggleChip(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    expect(toggleChip([], 'a')).toEqual(['a']);
  });
});
