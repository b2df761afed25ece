import { addSums, computeKpis, meetsTarget, TicketForKpi, ticketSums, visitFactsFromEvents } from './kpis';

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
  ...over,
});

describe('key figures (考核指标)', () => {
  it('judges a reply on time, late, or not yet', () => {
    const onTime = ticketSums(t({ repliedAt: at('02T09:30:00') }), asOf);
    expect(onTime).toMatchObject({ replyJudged: 1, repliedOnTime: 1, replied: 1, responseMinutes: 30 });
    const late = ticketSums(t({ repliedAt: at('03T10:00:00') }), asOf);
    expect(late).toMatchObject({ replyJudged: 1, repliedOnTime: 0 });
    const missed = ticketSums(t({}), asOf);
    expect(missed).toMatchObject({ replyJudged: 1, repliedOnTime: 0, replied: 0 });
    const running = ticketSums(t({ createdAt: at('30T09:00:00'), replyDueAt: at('30T17:30:00') }), asOf);
    expect(running).toMatchObject({ replyJudged: 0, repliedOnTime: 0 });
  });

  it('counts a complaint solved on the spot as handled in time, with no visit owed', () => {
    const s = ticketSums(
      t({ status: 'closed', closedAt: at('02T09:20:00'), repliedAt: at('02T09:20:00'), noVisitNeeded: true }),
      asOf,
    );
    expect(s).toMatchObject({ handleJudged: 1, handledOnTime: 1, closed: 1, visitNeeded: 0 });
  });

  it('owes a visit for handled complaints and repairs, not for suggestions or anonymous complaints', () => {
    const handled = { handledAt: at('03T10:00:00'), status: 'handled' };
    expect(ticketSums(t(handled), asOf).visitNeeded).toBe(1);
    expect(ticketSums(t({ ...handled, kind: 'repair' }), asOf).visitNeeded).toBe(1);
    expect(ticketSums(t({ ...handled, kind: 'suggestion' }), asOf).visitNeeded).toBe(0);
    expect(ticketSums(t({ ...handled, anonymous: true }), asOf).visitNeeded).toBe(0);
  });

  it('leaves withdrawn tickets out of every rate', () => {
    const s = ticketSums(t({ status: 'cancelled', repliedAt: at('02T09:30:00') }), asOf);
    expect(s).toMatchObject({ tickets: 1, cancelled: 1, replied: 0, replyJudged: 0 });
  });

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
          visits: [{ satisfied: false }, { satisfied: true, score: 4 }],
        }),
        asOf,
      ),
      // never replied, handled late, not visited yet
      ticketSums(t({ handledAt: at('08T10:00:00'), status: 'awaiting_visit' }), asOf),
      // withdrawn
      ticketSums(t({ status: 'cancelled' }), asOf),
    );
    const k = computeKpis(sums, { complaints: 3, households: 400 });
    expect(k).toEqual({
      tickets: 4,
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
});

describe('return visits read from the ticket’s events', () => {
  it('a satisfied visit closes; an unsatisfied one reopens from 待回访; a resident’s own reopen is no visit', () => {
    const f = visitFactsFromEvents([
      { action: 'reopen', fromStatus: 'awaiting_visit', actorRole: 'cs_lead', data: null },
      { action: 'reopen', fromStatus: 'handled', actorRole: 'resident', data: null },
      { action: 'close', fromStatus: 'awaiting_visit', actorRole: 'cs_lead', data: '{"satisfied":true}' },
    ]);
    expect(f).toEqual({ visits: [{ satisfied: false }, { satisfied: true }], noVisitNeeded: false });
  });

  it('no visit is owed when solved on the spot or closed for an accepted reason, but one is when unreachable', () => {
    expect(
      visitFactsFromEvents([
        { action: 'resolve_on_spot', fromStatus: 'confirmed', actorRole: 'front_desk', data: null },
      ]).noVisitNeeded,
    ).toBe(true);
    const close = (reason: string) =>
      visitFactsFromEvents([
        {
          action: 'auto_close',
          fromStatus: 'handled',
          actorRole: 'system',
          data: JSON.stringify({ noVisitReason: reason }),
        },
      ]).noVisitNeeded;
    expect(close('declined')).toBe(true);
    expect(close('anonymous')).toBe(true);
    expect(close('unreachable')).toBe(false);
  });
});
