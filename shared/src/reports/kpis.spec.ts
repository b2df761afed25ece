import { addSums, computeKpis, meetsTarget } from './kpis';
import { TicketForKpi, ticketSums } from './ticket-kpis';

const at = (s: string) => new Date(`2026-11-${s}+08:00`);
const asOf = at('30T12:00:00');
const t = (over: Partial<TicketForKpi>): TicketForKpi => ({
  kind: 'complaint',
  status: 'received',
  anonymous: false,
  createdAt: at('02T09:00:00'),
  repliedAt: null,
  replyDueAt: at('02T17:30:00'),
  handledAt: null,
  handleDueAt: at('05T17:30:00'),
  closedAt: null,
  reopenCount: 0,
  visits: [],
  noVisitNeeded: false,
  scores: [],
  ...over,
});

describe('key figures (考核指标)', () => {
  it('computes the hand-checked figures of a small month', () => {
    const sums = addSums(
      // replied in 30 min, handled on time, visited satisfied, closed
      ticketSums(
        t({
          repliedAt: at('02T09:30:00'),
          handledAt: at('04T10:00:00'),
          status: 'closed',
          closedAt: at('05T10:00:00'),
          visits: [{ satisfied: true }],
        }),
        asOf,
      ),
      // replied in 90 min, handled late, first visit unsatisfied → reopened, handled again, second visit satisfied
      ticketSums(
        t({
          repliedAt: at('02T10:30:00'),
          handledAt: at('09T10:00:00'),
          status: 'closed',
          closedAt: at('10T10:00:00'),
          reopenCount: 1,
          visits: [{ satisfied: false }, { satisfied: true }],
          scores: [4],
        }),
        asOf,
      ),
      // never replied, handled late, not visited yet
      ticketSums(t({ handledAt: at('08T10:00:00'), status: 'awaiting_visit' }), asOf),
      // withdrawn
      ticketSums(t({ status: 'cancelled' }), asOf),
      // a suggestion, closed: not in the complaint resolution rate
      ticketSums(t({ kind: 'suggestion', status: 'closed', replyDueAt: null, handleDueAt: null }), asOf),
    );
    const k = computeKpis(sums, { complaints: 3, households: 400 });
    expect(k).toEqual({
      tickets: 5,
      cancelled: 1,
      meanFirstResponseMinutes: 60,
      onTimeReplyRate: 2 / 3,
      onTimeHandleRate: 1 / 3,
      resolutionRate: 2 / 3,
      reopenRate: 1 / 3,
      visitRate: 2 / 3,
      satisfactionRate: 2 / 3,
      meanScore: 4,
      complaintRate: 3 / 400,
      complaints: 3,
      households: 400,
    });
    expect(meetsTarget('complaintRate', k.complaintRate)).toBe(true);
    expect(meetsTarget('visitRate', k.visitRate)).toBe(false);
    expect(meetsTarget('resolutionRate', k.resolutionRate)).toBeNull();
  });

  it('gives no rate where there is nothing to divide by', () => {
    const k = computeKpis(addSums(), {});
    expect(k.onTimeReplyRate).toBeNull();
    expect(k.complaintRate).toBeNull();
    expect(k.meanFirstResponseMinutes).toBeNull();
  });

  it('adds sums as the database hands them back (DECIMAL as text, fields missing)', () => {
    const s = addSums(
      { tickets: '3' as unknown as number, closed: 2 },
      { tickets: 1, responseMinutes: 1.5 },
      {},
    );
    expect(s).toMatchObject({ tickets: 4, closed: 2, responseMinutes: 1.5, cancelled: 0 });
  });
});
