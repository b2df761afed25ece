/**
 * Values kept per key for a short time: settings every intake reads and people rarely change (a project's clock,
 * routing and return-visit rules). The instance that changes one deletes its entry; the others see the change
 * once the entry is older than `ttlMs`, as does a change made in the database directly.
 */
export class TtlCache<V> {
  private static readonly all = new Set<TtlCache<unknown>>();
  private readonly entries = new Map<string, { at: number; value: V }>();
  constructor(private readonly ttlMs: number) {
    TtlCache.all.add(this as TtlCache<unknown>);
  }

  /** Forgets every cached value of this process: a change made outside the app (by SQL) then applies at once. */
  static clearAll(): void {
    for (const c of TtlCache.all) c.clear();
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const at = Date.now(); // when the read began: a change committed during it is not hidden for a full ttl
    const value = await load();
    this.entries.set(key, { at, value });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
