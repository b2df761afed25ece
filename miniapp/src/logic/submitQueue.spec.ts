import { ApiError } from '../services/errors';
import { createSubmitQueue } from './submitQueue';

const networkError = () => new ApiError('网络不佳，请重试', 0, true);
const noSleep = () => Promise.resolve();

describe('idempotent submit queue', () => {
  it('joins a double tap to the send already under way', async () => {
    let release: (v: string) => void = () => undefined;
    const send = jest.fn(() => new Promise<string>((r) => (release = r)));
    const q = createSubmitQueue(send, { sleep: noSleep });
    const a = q.submit({ key: 'k1' });
    const b = q.submit({ key: 'k1' });
    expect(q.busy).toBe(true);
    release('ticket');
    await expect(Promise.all([a, b])).resolves.toEqual(['ticket', 'ticket']);
    expect(send).toHaveBeenCalledTimes(1);
    expect(q.busy).toBe(false);
  });

  it('retries a dropped connection with the very same body (and so the same key)', async () => {
    const bodies: unknown[] = [];
    const send = jest.fn(async (body: { key: string }) => {
      bodies.push(body);
      if (bodies.length < 3) throw networkError();
      return 'ticket';
    });
    const sleeps: number[] = [];
    const q = createSubmitQueue(send, { retryDelaysMs: [10, 20], sleep: async (ms) => void sleeps.push(ms) });
    await expect(q.submit({ key: 'k1' })).resolves.toBe('ticket');
    expect(bodies).toEqual([{ key: 'k1' }, { key: 'k1' }, { key: 'k1' }]);
    expect(sleeps).toEqual([10, 20]);
  });

  it('gives up after the last retry and lets the resident try again', async () => {
    const send = jest.fn(async () => {
      throw networkError();
    });
    const q = createSubmitQueue(send, { retryDelaysMs: [1], sleep: noSleep });
    await expect(q.submit({})).rejects.toMatchObject({ network: true });
    expect(send).toHaveBeenCalledTimes(2);
    expect(q.busy).toBe(false);
    await expect(q.submit({})).rejects.toMatchObject({ network: true });
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('does not retry an answer from the server such as a validation error', async () => {
    const send = jest.fn(async () => {
      throw new ApiError('内容至少 5 个字', 400);
    });
    const q = createSubmitQueue(send, { sleep: noSleep });
    await expect(q.submit({})).rejects.toMatchObject({ statusCode: 400, message: '内容至少 5 个字' });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
