/** Page-by-page list state (下拉刷新 / 加载更多). Pure. */
export interface PagedList<T> {
  items: T[];
  total: number;
  /** Last page loaded, 0 before the first. */
  page: number;
}

export const PAGE_SIZE = 20;

export function emptyList<T>(): PagedList<T> {
  return { items: [], total: 0, page: 0 };
}

/** Merges a loaded page; page 1 replaces the list, later pages append (skipping repeats). */
export function mergePage<T extends { id: string }>(
  list: PagedList<T>,
  page: number,
  result: { items: T[]; total: number },
): PagedList<T> {
  if (page === 1) return { items: result.items, total: result.total, page: 1 };
  const seen = new Set(list.items.map((i) => i.id));
  return {
    items: [...list.items, ...result.items.filter((i) => !seen.has(i.id))],
    total: result.total,
    page,
  };
}

export function hasMore(list: PagedList<unknown>): boolean {
  return list.page === 0 || list.items.length < list.total;
}
