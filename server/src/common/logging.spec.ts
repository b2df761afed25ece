import { maskText, prettyLogsWanted } from './logging';

describe('log format', () => {
  it('is pretty only for a terminal outside production', () => {
    expect(prettyLogsWanted('development', { isTTY: true })).toBe(true);
    expect(prettyLogsWanted('test', { isTTY: true })).toBe(true);
    expect(prettyLogsWanted('development', { isTTY: false })).toBe(false);
    expect(prettyLogsWanted('development', {})).toBe(false);
    expect(prettyLogsWanted('production', { isTTY: true })).toBe(false);
  });
});

describe('phone masking in log text', () => {
  it('masks mainland mobile numbers but leaves the digits inside UUIDs (request ids) alone', () => {
    expect(maskText('电话13812345678，备用 +86 15900001111')).toBe('电话138****5678，备用 +86 159****1111');
    const ids = [
      '550e8400-e29b-41d4-a716-413812345678',
      '13812345-6789-4abc-8def-b13912345678',
      'F47AC10B-58CC-4372-A567-013712345678',
    ];
    for (const id of ids) {
      expect(maskText(`request ${id} failed`)).toBe(`request ${id} failed`);
      expect(maskText(`{"req":{"id":"${id}"},"msg":"x"}`)).toBe(`{"req":{"id":"${id}"},"msg":"x"}`);
    }
    // A phone next to a UUID is still masked.
    expect(maskText(`${ids[0]} 13812345678`)).toBe(`${ids[0]} 138****5678`);
  });
});
