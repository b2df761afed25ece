import { ServiceUnavailableException } from '@nestjs/common';
import { DecodeGate } from './decode-gate';

const tick = () => new Promise((r) => setImmediate(r));

describe('decode gate', () => {
  it('runs at most `limit` at once, in order, and answers 503 beyond the queue', async () => {
    const gate = new DecodeGate(2, 2);
    const started: number[] = [];
    const release = new Map<number, () => void>();
    const job = (i: number) =>
      gate.run(
        () =>
          new Promise<number>((r) => {
            started.push(i);
            release.set(i, () => r(i));
          }),
      );
    const all = [1, 2, 3, 4].map(job);
    // Two run, two wait, the fifth is refused at once.
    await expect(job(5)).rejects.toBeInstanceOf(ServiceUnavailableException);
    await tick();
    expect(started).toEqual([1, 2]);
    release.get(1)!();
    await tick();
    expect(started).toEqual([1, 2, 3]);
    release.get(2)!();
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    release.get(3)!();
    release.get(4)!();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
    expect(gate.peak).toBe(2);
    // A failing job gives its slot back too: two more run at once afterwards.
    await expect(gate.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    const both = [gate.run(async () => 'a'), gate.run(async () => 'b')];
    expect(await Promise.all(both)).toEqual(['a', 'b']);
  });
});
