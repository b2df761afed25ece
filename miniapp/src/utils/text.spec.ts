import { firstLine } from './text';

describe('ticket list preview', () => {
  it('shows only the first line of the content', () => {
    expect(firstLine('  楼道灯坏了\r\n已经三天\n请尽快')).toBe('楼道灯坏了');
    expect(firstLine('')).toBe('');
  });
});
