/** The ticket timeline 处理进度 as the resident sees it: newest first. Pure. */
import type { TicketEvent } from '../services/types';

export function newestFirst(events: TicketEvent[]): TicketEvent[] {
  return [...events].sort((a, b) => {
    const d = new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
    return d !== 0 ? d : events.indexOf(b) - events.indexOf(a);
  });
}
