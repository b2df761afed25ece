import { ApiError, api } from './api';
import { NO_CHARGES, parseCharges, type ChargeSummary } from '../logic/ratingForm';

export type ChargesResult = { state: 'loaded'; charges: ChargeSummary } | { state: 'error'; message: string };

/**
 * What a ticket was charged (GET /api/tickets/:id/charges, the paid-repairs work). A 404 means nothing
 * charged (or a server without paid repairs): the return visit then says so and still asks.
 */
export async function fetchCharges(ticketId: string): Promise<ChargesResult> {
  try {
    const body = await api.get<unknown>(`/api/tickets/${encodeURIComponent(ticketId)}/charges`);
    return { state: 'loaded', charges: parseCharges(body) };
  } catch (e) {
    if (e instanceof ApiError && e.statusCode === 404) return { state: 'loaded', charges: NO_CHARGES };
    return { state: 'error', message: '收费信息暂时无法加载' };
  }
}
