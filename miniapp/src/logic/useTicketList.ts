import type { TicketSummary } from '../services/types';
import { usePagedList } from './usePagedList';

/**
 * GET /api/tickets page by page, for the resident's 我的反馈 (the server returns whichever tickets
 * the caller may see).
 */
export function useTicketList() {
  return usePagedList<TicketSummary>('/api/tickets');
}
