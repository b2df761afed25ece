/**
 * Work of one kind asked for by concurrent requests, done together: while `maxRunning` runs are under way, what is
 * asked for waits, and the next run takes all of it (up to `maxBatch`) — one statement with a multi-row VALUES or an
 * IN list, or one transaction, instead of one per request. An item asked for when a run is free goes at once, alone:
 * no timer, no added wait; only under load do items share a run, and then the wait is the run they queued behind.
 *
 * `run` answers one result per item, in their order. When a run of several fails, each item is run again alone
 * (`one`), one after the other, so that each hears its own answer or its own error (a twin's duplicate key, an
 * invalid photo), never a neighbour's. A run of one item is `one`.
 */
export class Batches<I, R> {
  private waiting: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly opts: {
      maxRunning: number;
      maxBatch: number;
      run: (items: I[]) => Promise<R[]>;
      one: (item: I) => Promise<R>;
    },
  ) {}

  /** Nothing waiting, nothing running. */
  get idle(): boolean {
    return !this.running && !this.waiting.length;
  }

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.start();
    });
  }

  private start(): void {
    while (this.running < this.opts.maxRunning && this.waiting.length) {
      const batch = this.waiting.splice(0, this.opts.maxBatch);
      this.running++;
      void this.handle(batch).then((settle) => {
        // The next run starts before these answers go out (and `idle` is true when the last one is answered).
        this.running--;
        this.start();
        settle();
      });
    }
  }

  /** Runs a batch; never fails: answers how to settle its items. */
  private async handle(batch: Batches<I, R>['waiting']): Promise<() => void> {
    const alone = (b: Batches<I, R>['waiting'][number]) =>
      this.opts.one(b.item).then(
        (r) => () => b.resolve(r),
        (e: unknown) => () => b.reject(e),
      );
    if (batch.length === 1) return alone(batch[0]);
    let results: R[];
    try {
      results = await this.opts.run(batch.map((b) => b.item));
    } catch {
      // One after the other, as the run was one: no more at once than `maxRunning` allows.
      const each: (() => void)[] = [];
      for (const b of batch) each.push(await alone(b));
      return () => each.forEach((settle) => settle());
    }
    return () => batch.forEach((b, i) => b.resolve(results[i]));
  }
}
