import { createPoller } from './polling';

describe('refreshing an open ticket while its page is shown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const flush = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('refreshes every interval until stopped (page hidden)', async () => {
    const tick = jest.fn().mockResolvedValue(true);
    const poller = createPoller({ intervalMs: 10_000, tick });
    poller.start();
    poller.start(); // a second show does not start a second timer
    await jest.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(2);
    expect(poller.running).toBe(false);
  });

  it('stops by itself once the ticket is no longer open', async () => {
    const tick = jest.fn().mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const poller = createPoller({ intervalMs: 10_000, tick });
    poller.start();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(tick).toHaveBeenCalledTimes(2);
    expect(poller.running).toBe(false);
  });

  it('keeps trying after a failed refresh (weak network)', async () => {
    const tick = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(true);
    const poller = createPoller({ intervalMs: 10_000, tick });
    poller.start();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(tick).toHaveBeenCalledTimes(2);
    poller.stop();
  });

  it('schedules nothing when a refresh answers after the page was hidden', async () => {
    let resolve: (v: boolean) => void = () => undefined;
    const tick = jest.fn(() => new Promise<boolean>((r) => (resolve = r)));
    const poller = createPoller({ intervalMs: 10_000, tick });
    poller.start();
    await jest.advanceTimersByTimeAsync(10_000);
    poller.stop();
    resolve(true);
    await flush();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(tick).toHaveBeenCalledTimes(1);
  });

  it('can be started again when the page is shown again', async () => {
    const tick = jest.fn().mockResolvedValue(true);
    const poller = createPoller({ intervalMs: 10_000, tick });
    poller.start();
    poller.stop();
    poller.start();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(tick).toHaveBeenCalledTimes(1);
    poller.stop();
  });
});
