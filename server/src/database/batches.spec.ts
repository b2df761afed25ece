import { Batches } from './batches';

/** A promise the test settles by hand. */
function gate<T = void>() {
  let open!: (v: T) => void;
  const p = new Promise<T>((r) => (open = r));
  return { p, open };
}

describe('Batches', () => {
  const recorder = (maxRunning: number, hold?: Promise<void>) => {
    const runs: number[][] = [];
    const ones: number[] = [];
    const b = new Batches<number, string>({
      maxRunning,
      maxBatch: 3,
      run: async (items) => {
        runs.push(items);
        await hold;
        return items.map((i) => `run ${i}`);
      },
      one: async (i) => {
        ones.push(i);
        await hold;
        if (i < 0) throw new Error(`bad ${i}`);
        return `one ${i}`;
      },
    });
    return { b, runs, ones };
  };

  it('an item asked for while a run is free goes at once, alone', async () => {
    const { b, runs, ones } = recorder(2);
    expect(await Promise.all([b.add(1), b.add(2)])).toEqual(['one 1', 'one 2']);
    expect([runs, ones]).toEqual([[], [1, 2]]);
    expect(b.idle).toBe(true);
  });

  it('items asked for while the runs are busy wait and go together, at most maxBatch at a time', async () => {
    const g = gate();
    const { b, runs, ones } = recorder(1, g.p);
    const answers = Promise.all([1, 2, 3, 4, 5, 6].map((i) => b.add(i)));
    expect(b.idle).toBe(false);
    g.open();
    expect(await answers).toEqual(['one 1', 'run 2', 'run 3', 'run 4', 'run 5', 'run 6']);
    expect(ones).toEqual([1]);
    expect(runs).toEqual([
      [2, 3, 4],
      [5, 6],
    ]);
  });

  it('when a shared run fails, each item runs again alone and hears its own answer or error', async () => {
    const g = gate();
    const b = new Batches<number, string>({
      maxRunning: 1,
      maxBatch: 10,
      run: async () => {
        throw new Error('the shared run failed');
      },
      one: async (i) => {
        await g.p;
        if (i < 0) throw new Error(`bad ${i}`);
        return `one ${i}`;
      },
    });
    const answers = [0, 1, -2, 3].map((i) => b.add(i).catch((e: Error) => e.message));
    g.open();
    expect(await Promise.all(answers)).toEqual(['one 0', 'one 1', 'bad -2', 'one 3']);
  });
});
