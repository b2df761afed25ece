import { isUrgent, tagOf, targetOf, whenLabel } from './notifications';

describe('notification centre', () => {
  it('opens only our own pages, and staff pages only for staff', () => {
    expect(targetOf({ page: '/pages/ticket-detail/index?id=abc-1', ticketId: 'abc-1' }, false)).toBe(
      '/pages/ticket-detail/index?id=abc-1',
    );
    expect(targetOf({ page: '/staff/pages/ticket/index?id=x', ticketId: 'x' }, false)).toBeNull();
    expect(targetOf({ page: '/staff/pages/ticket/index?id=x', ticketId: 'x' }, true)).toBe(
      '/staff/pages/ticket/index?id=x',
    );
    expect(targetOf({ page: 'https://evil.example/', ticketId: null }, true)).toBeNull();
    expect(targetOf({ page: null, ticketId: 't 1' }, true)).toBe('/staff/pages/ticket/index?id=t%201');
    expect(targetOf({ page: null, ticketId: null }, false)).toBeNull();
  });

  it('tags and urgency', () => {
    expect(tagOf('escalated')).toBe('已超时');
    expect(tagOf('deferral')).toBe('外部单位');
    expect(tagOf('calendar')).toBe('工作日历');
    expect(tagOf('something-new')).toBe('进展');
    expect(isUrgent('hot')).toBe(true);
    expect(isUrgent('received')).toBe(false);
  });

  it('reads times in Beijing time', () => {
    const now = new Date('2026-11-22T06:00:00Z'); // 14:00 Beijing
    expect(whenLabel('2026-11-22T05:59:30Z', now)).toBe('刚刚');
    expect(whenLabel('2026-11-22T05:30:00Z', now)).toBe('30 分钟前');
    expect(whenLabel('2026-11-22T01:05:00Z', now)).toBe('今天 09:05');
    expect(whenLabel('2026-11-21T15:59:00Z', now)).toBe('11月21日 23:59');
  });
});
