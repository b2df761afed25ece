import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { api } from '../services/api';
import { errorMessage } from '../services/errors';
import type { Page } from '../services/types';
import { PAGE_SIZE, emptyList, hasMore, mergePage, type PagedList } from './paging';

/**
 * Any list endpoint page by page (下拉刷新 / 加载更多). `path` is the endpoint with its query, without
 * page/pageSize; changing it (another tab) starts a fresh list.
 */
export function usePagedList<T extends { id: string }>(path: string) {
  const [list, setList] = useState<PagedList<T>>(emptyList);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef<string | null>(null);
  const current = useRef(path);
  current.current = path;

  const load = useCallback(async (forPath: string, page: number, base: PagedList<T>) => {
    if (busy.current === forPath) return;
    busy.current = forPath;
    setLoading(true);
    setError(null);
    const sep = forPath.includes('?') ? '&' : '?';
    try {
      const res = await api.get<Page<T>>(`${forPath}${sep}page=${page}&pageSize=${PAGE_SIZE}`);
      // An answer for a tab the user already left is dropped.
      if (current.current === forPath) setList(mergePage(page === 1 ? emptyList<T>() : base, page, res));
    } catch (e) {
      if (current.current === forPath) setError(errorMessage(e));
    } finally {
      if (busy.current === forPath) busy.current = null;
      setLoading(false);
      if (page === 1) Taro.stopPullDownRefresh();
    }
  }, []);

  const refresh = useCallback(() => load(path, 1, list), [load, path, list]);
  /** Empties the list (skeleton) and loads page 1, e.g. after switching tabs. */
  const reset = useCallback(() => {
    setList(emptyList<T>());
    setError(null);
    return load(path, 1, emptyList<T>());
  }, [load, path]);
  const loadMore = useCallback(() => {
    if (hasMore(list) && !error) return load(path, list.page + 1, list);
  }, [load, path, list, error]);
  /** After a failure (loadMore holds back while the error shows): the page that failed, again. */
  const retry = useCallback(() => load(path, list.page + 1, list), [load, path, list]);

  return { list, loading, error, refresh, reset, loadMore, retry, more: hasMore(list) };
}
