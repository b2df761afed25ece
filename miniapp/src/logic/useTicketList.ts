import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { api } from '../services/api';
import { errorMessage } from '../services/errors';
import type { Page, TicketSummary } from '../services/types';
import { PAGE_SIZE, emptyList, hasMore, mergePage, type PagedList } from './paging';

/**
 * GET /api/tickets page by page, for the resident's 我的反馈 and the staff workbench
 * (the server returns whichever tickets the caller may see).
 */
export function useTicketList() {
  const [list, setList] = useState<PagedList<TicketSummary>>(emptyList);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const load = useCallback(async (page: number, current: PagedList<TicketSummary>) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const res = await api.get<Page<TicketSummary>>(`/api/tickets?page=${page}&pageSize=${PAGE_SIZE}`);
      setList(mergePage(current, page, res));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      busy.current = false;
      setLoading(false);
      if (page === 1) Taro.stopPullDownRefresh();
    }
  }, []);

  const refresh = useCallback(() => load(1, list), [load, list]);
  const loadMore = useCallback(() => {
    if (hasMore(list) && !error) return load(list.page + 1, list);
  }, [load, list, error]);

  return { list, loading, error, refresh, loadMore, more: hasMore(list) };
}
