/**
 * Picks of an assignee made by this instance for tickets not stored yet, per person (RoutingService.pickAssignee).
 *
 * A burst of intakes reads the same open loads before any of them commits: without the holds they would all go
 * to the same person, past the department's cap. A hold is let go once its ticket is stored (the database counts
 * it from then on) or not filed, but not before every load read that was already asked for has been answered:
 * such a read may have run before the commit, and would count that ticket nowhere.
 *
 * Another instance's picks in flight are not seen; the database's count catches up as soon as they commit.
 */
export class HeldPicks {
  private readonly held = new Map<string, number>();
  /** Load reads asked for and not answered yet, by sequence number (a Set keeps them in that order). */
  private readonly reading = new Set<number>();
  private nextRead = 0;
  /** Releases waiting for the reads asked before them: `after` is the first read asked after the release. */
  private readonly waiting: { userId: string; after: number }[] = [];

  /** Call before asking the database for the loads; call what it returns once the answer is used. */
  read(): () => void {
    const seq = this.nextRead++;
    this.reading.add(seq);
    return () => {
      this.reading.delete(seq);
      this.flush();
    };
  }

  count(userId: string): number {
    return this.held.get(userId) ?? 0;
  }

  hold(userId: string): void {
    this.held.set(userId, this.count(userId) + 1);
  }

  release(userId: string): void {
    this.waiting.push({ userId, after: this.nextRead });
    this.flush();
  }

  /** How many holds there are (for tests and logs). */
  get size(): number {
    let n = 0;
    for (const v of this.held.values()) n += v;
    return n;
  }

  private flush(): void {
    const oldest = this.reading.values().next();
    const until = oldest.done ? Infinity : oldest.value;
    while (this.waiting.length && this.waiting[0].after <= until) {
      const { userId } = this.waiting.shift()!;
      const n = this.count(userId) - 1;
      if (n > 0) this.held.set(userId, n);
      else this.held.delete(userId);
    }
  }
}
