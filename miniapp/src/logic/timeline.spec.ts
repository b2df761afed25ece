import type { TicketEvent } from '../services/types';
import { newestFirst } from './timeline';

const ev = (id: string, createdAt: string): TicketEvent => ({
  id,
  createdAt,
  fromStatus: null,
  toStatus: 'received',
  action: 'create',
  label: '提交',
  toStatusLabel: '待受理',
  actorName: '业主',
  actorRole: 'resident',
  note: null,
  internal: false,
  photos: [],
});

describe('ticket timeline', () => {
  it('lists the newest event first, keeping server order for equal times reversed', () => {
    const events = [
      ev('a', '2026-11-22T01:00:00Z'),
      ev('b', '2026-11-22T03:00:00Z'),
      ev('c', '2026-11-22T03:00:00Z'),
    ];
    expect(newestFirst(events).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });
});
