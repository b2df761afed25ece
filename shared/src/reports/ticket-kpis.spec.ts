import { NO_VISIT_REASONS, TICKET_ACTIONS } from '../lifecycle/transitions';
import { VISIT_EXEMPTIONS } from '../visits/exemptions';
import {
  answersOf,
  NO_VISIT_NEEDED_REASONS,
  TicketForKpi,
  ticketSums,
  VISIT_EVENT_ACTIONS,
  visitFactsFromEvents,
} from './ticket-kpis';

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

describe('what one ticket adds to the key figures', () => {
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

  it('judges handling on time, late, or not yet, and never counts a negative response time', () => {
    expect(ticketSums(t({ handledAt: at('05T10:00:00'), status: 'handled' }), asOf)).toMatchObject({
      handleJudged: 1,
      handledOnTime: 1,
      handledEver: 1,
    });
    expect(ticketSums(t({ handledAt: at('06T10:00:00'), status: 'handled' }), asOf)).toMatchObject({
      handleJudged: 1,
      handledOnTime: 0,
    });
    const running = t({ createdAt: at('30T09:00:00'), handleDueAt: at('30T17:30:00') });
    expect(ticketSums(running, asOf)).toMatchObject({ handleJudged: 0, handledOnTime: 0 });
    // missed once (the intake deadline passed before a solution was agreed): late, though the agreed
    // solution's deadline that replaced it was met or is still running
    expect(
      ticketSums(t({ handledAt: at('05T10:00:00'), status: 'handled', handleLate: true }), asOf),
    ).toMatchObject({ handleJudged: 1, handledOnTime: 0 });
    expect(ticketSums({ ...running, handleLate: true }, asOf)).toMatchObject({
      handleJudged: 1,
      handledOnTime: 0,
    });
    expect(ticketSums(t({ repliedAt: at('02T08:00:00') }), asOf)).toMatchObject({
      replied: 1,
      responseMinutes: 0,
    });
  });

  it('counts a reopened ticket as handled, and every visit and score on it', () => {
    const s = ticketSums(
      t({
        reopenCount: 1,
        status: 'in_progress',
        visits: [{ satisfied: false }],
        scores: [2, 4.5],
      }),
      asOf,
    );
    expect(s).toMatchObject({
      handledEver: 1,
      reopened: 1,
      visitNeeded: 1,
      visited: 1,
      visits: 1,
      satisfiedVisits: 0,
      scoreSum: 6.5,
      scoreCount: 2,
    });
    expect(
      ticketSums(t({ status: 'cancelled', scores: [5], visits: [{ satisfied: true }] }), asOf),
    ).toMatchObject({
      visits: 0,
      scoreSum: 0,
      scoreCount: 0,
    });
  });
});

describe('return visits read from the ticket’s events', () => {
  it('an answer moved by a rating is the rating’s: the resident’s own unsatisfied online rating counts once', () => {
    const events = [
      // the resident rated online, unsatisfied: the reopen names the rating and is acted by the resident
      {
        action: 'reopen',
        fromStatus: 'awaiting_visit',
        actorRole: 'resident',
        data: '{"rating":{"id":"r1","source":"online","satisfied":false}}',
      },
      // a phone visit recorded as a rating closed it
      {
        action: 'close',
        fromStatus: 'awaiting_visit',
        actorRole: 'cs_lead',
        data: '{"rating":{"id":"r2","source":"phone","satisfied":true}}',
      },
    ];
    const f = visitFactsFromEvents(events);
    expect(f.visits).toEqual([]);
    const answers = answersOf(f.visits, [{ satisfied: false }, { satisfied: true }]);
    expect(answers).toEqual([{ satisfied: false }, { satisfied: true }]);
    const s = ticketSums(t({ status: 'closed', handledAt: at('03T10:00:00'), visits: answers }), asOf);
    expect([s.visits, s.satisfiedVisits]).toEqual([2, 1]);
  });

  it('the complaint resolution rate’s sums count complaints only, withdrawn ones left out', () => {
    expect(ticketSums(t({ status: 'closed' }), asOf)).toMatchObject({
      complaintTickets: 1,
      complaintsResolved: 1,
    });
    expect(ticketSums(t({ status: 'handling' }), asOf)).toMatchObject({
      complaintTickets: 1,
      complaintsResolved: 0,
    });
    expect(ticketSums(t({ status: 'cancelled' }), asOf)).toMatchObject({ complaintTickets: 0 });
    for (const kind of ['repair', 'suggestion', 'praise'])
      expect(ticketSums(t({ kind, status: 'closed' }), asOf)).toMatchObject({
        complaintTickets: 0,
        complaintsResolved: 0,
      });
  });

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

  it('a malformed or missing reason leaves the visit owed', () => {
    for (const data of [null, '{', '{"noVisitReason":7}', '{}'])
      expect(
        visitFactsFromEvents([{ action: 'auto_close', fromStatus: 'handled', actorRole: 'system', data }])
          .noVisitNeeded,
      ).toBe(false);
  });

  it('reads no event outside VISIT_EVENT_ACTIONS (the rollup reads no others)', () => {
    for (const action of TICKET_ACTIONS.filter((a) => !VISIT_EVENT_ACTIONS.includes(a)))
      expect(
        visitFactsFromEvents([
          {
            action,
            fromStatus: 'awaiting_visit',
            actorRole: 'cs_lead',
            data: JSON.stringify({ noVisitReason: 'declined', satisfied: true }),
          },
        ]),
      ).toEqual({ visits: [], noVisitNeeded: false });
    for (const action of VISIT_EVENT_ACTIONS) expect(TICKET_ACTIONS).toContain(action);
  });

  it('takes the visits’ exemptions as the reasons no visit is owed, each one a reason a ticket closes with', () => {
    expect([...NO_VISIT_NEEDED_REASONS].sort()).toEqual(
      VISIT_EXEMPTIONS.filter((e) => e !== 'on_spot').sort(),
    );
    for (const r of NO_VISIT_NEEDED_REASONS) expect(NO_VISIT_REASONS).toContain(r);
    expect(NO_VISIT_NEEDED_REASONS).not.toContain('unreachable');
  });
});
