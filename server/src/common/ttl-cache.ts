/**
 * Values kept per key for a short time: settings every intake reads and people rarely change (a project's clock,
 * routing and return-visit rules). The instance that changes one deletes its entry; the others see the change
 * once the entry is older than `ttlMs`.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  constructor(private readonly ttlMs: number) {}

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
