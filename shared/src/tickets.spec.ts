import { formatTicketNumber, OPEN_STATUSES, TICKET_STATUSES, TICKET_STATUS_LABELS } from './tickets';
import { shanghaiDate } from './time';

describe('ticket numbers', () => {
  it('are prefix + date + four-digit daily sequence', () => {
    expect(formatTicketNumber('complaint', '2026-11-22', 7)).toBe('TS20261122-0007');
    expect(formatTicketNumber('repair', '2026-01-02', 12345)).toBe('BX20260102-12345');
  });
});

describe('Shanghai dates', () => {
  it('roll over at midnight Beijing time, not UTC', () => {
    expect(shanghaiDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(shanghaiDate(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
});

describe('statuses', () => {
  it('every status has a Chinese label and closed/cancelled are not open', () => {
    for (const s of TICKET_STATUSES) expect(TICKET_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
    expect(OPEN_STATUSES).not.toContain('closed');
    expect(OPEN_STATUSES).not.toContain('cancelled');
  });
});
