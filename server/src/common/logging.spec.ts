import { prettyLogsWanted } from './logging';

describe('log format', () => {
  it('is pretty only for a terminal outside production', () => {
    expect(prettyLogsWanted('development', { isTTY: true })).toBe(true);
    expect(prettyLogsWanted('test', { isTTY: true })).toBe(true);
    expect(prettyLogsWanted('development', { isTTY: false })).toBe(false);
    expect(prettyLogsWanted('development', {})).toBe(false);
    expect(prettyLogsWanted('production', { isTTY: true })).toBe(false);
  });
});
