import { TICKET_STATUSES, type TicketStatus } from '../tickets';
import {
  allowedActions,
  applyTransition,
  type ActorContext,
  type TransitionFacts,
  type TransitionPayload,
} from './apply';
import {
  TICKET_ACTION_LABELS,
  TICKET_ACTIONS,
  TRANSITIONS,
  type Actor,
  type TicketAction,
} from './transitions';

/**
 * The rulebook, written out again by hand: for each action, from which statuses, to where, and
 * who. The table in transitions.ts must agree with it for every status × action × actor.
 */
const PRE =
  'received confirmed reply_scheduled assigned in_progress solution_proposed solution_accepted deferred';
const OPEN = `${PRE} handled awaiting_visit`;
const STAFF = 'front_desk dept_staff cs_lead project_manager hq assignee first_receiver';
const EXPECTED: Record<TicketAction, Array<{ from: string; to: string; actors: string }>> = {
  confirm: [{ from: 'received', to: 'confirmed', actors: 'first_receiver front_desk cs_lead' }],
  // A complaint routed at intake is already 'assigned': the front desk may still settle it or agree a reply time.
  resolve_on_spot: [
    { from: 'confirmed assigned', to: 'closed', actors: 'first_receiver front_desk cs_lead project_manager' },
  ],
  schedule_reply: [
    { from: 'confirmed', to: 'reply_scheduled', actors: 'first_receiver front_desk cs_lead' },
    { from: 'assigned', to: 'assigned', actors: 'first_receiver front_desk cs_lead' },
  ],
  assign: [
    {
      from: 'received confirmed reply_scheduled',
      to: 'assigned',
      actors: 'first_receiver front_desk cs_lead project_manager',
    },
  ],
  start: [{ from: 'assigned', to: 'in_progress', actors: 'assignee dept_staff' }],
  propose_solution: [
    { from: 'in_progress', to: 'solution_proposed', actors: 'assignee cs_lead project_manager' },
  ],
  accept_solution: [
    { from: 'solution_proposed', to: 'solution_accepted', actors: 'resident assignee cs_lead' },
  ],
  reject_solution: [{ from: 'solution_proposed', to: 'in_progress', actors: 'resident assignee cs_lead' }],
  mark_handled: [{ from: 'in_progress solution_accepted', to: 'handled', actors: 'assignee' }],
  verify: [{ from: 'handled', to: 'awaiting_visit', actors: 'cs_lead project_manager' }],
  close: [
    { from: 'awaiting_visit', to: 'closed', actors: 'assignee front_desk cs_lead project_manager hq system' },
    { from: 'handled', to: 'closed', actors: 'system' },
  ],
  auto_close: [{ from: 'handled awaiting_visit', to: 'closed', actors: 'system cs_lead' }],
  reopen: [
    {
      from: 'handled awaiting_visit',
      to: 'in_progress',
      actors: 'resident assignee front_desk cs_lead project_manager hq system',
    },
  ],
  transfer: [
    { from: 'received confirmed reply_scheduled', to: 'same', actors: 'first_receiver cs_lead' },
    {
      from: 'assigned in_progress solution_proposed solution_accepted deferred',
      to: 'same',
      actors: 'assignee cs_lead project_manager',
    },
  ],
  send_back: [{ from: 'assigned in_progress', to: 'assigned', actors: 'assignee' }],
  escalate: [
    {
      from: OPEN,
      to: 'same',
      actors: 'front_desk dept_staff cs_lead project_manager assignee first_receiver system',
    },
  ],
  defer: [{ from: 'assigned in_progress solution_accepted', to: 'deferred', actors: 'assignee cs_lead' }],
  resume: [{ from: 'deferred', to: 'in_progress', actors: 'assignee cs_lead' }],
  cancel: [{ from: PRE, to: 'cancelled', actors: 'resident cs_lead' }],
  add_info: [{ from: OPEN, to: 'same', actors: 'resident' }],
  progress_note: [{ from: OPEN, to: 'same', actors: STAFF }],
  internal_note: [{ from: OPEN, to: 'same', actors: STAFF }],
};

/** Everyone who could try: each role, with and without a relation to the ticket. */
const PROFILES: Array<{ name: string; ctx: ActorContext; is: Actor[] }> = [
  { name: 'front desk', ctx: { role: 'front_desk' }, is: ['front_desk'] },
  {
    name: 'front desk, first receiver',
    ctx: { role: 'front_desk', isFirstReceiver: true },
    is: ['front_desk', 'first_receiver'],
  },
  {
    name: 'front desk, assignee',
    ctx: { role: 'front_desk', isAssignee: true },
    is: ['front_desk', 'assignee'],
  },
  { name: 'department staff', ctx: { role: 'dept_staff' }, is: ['dept_staff'] },
  {
    name: 'department staff, assignee',
    ctx: { role: 'dept_staff', isAssignee: true },
    is: ['dept_staff', 'assignee'],
  },
  {
    name: 'department staff, first receiver',
    ctx: { role: 'dept_staff', isFirstReceiver: true },
    is: ['dept_staff', 'first_receiver'],
  },
  { name: 'CS lead', ctx: { role: 'cs_lead' }, is: ['cs_lead'] },
  { name: 'project manager', ctx: { role: 'project_manager' }, is: ['project_manager'] },
  { name: 'group HQ', ctx: { role: 'hq' }, is: ['hq'] },
  { name: 'resident, own ticket', ctx: { role: 'resident', isReporter: true }, is: ['resident'] },
  { name: "resident, someone else's ticket", ctx: { role: 'resident', isReporter: false }, is: [] },
  {
    name: 'resident flagged as assignee (ignored)',
    ctx: { role: 'resident', isAssignee: true, isFirstReceiver: true },
    is: [],
  },
  { name: 'system', ctx: { role: 'system' }, is: ['system'] },
];

const NOW = new Date('2026-11-20T10:00:00+08:00');
const DAY = 24 * 3600 * 1000;

/** A payload that satisfies every requirement of the action. */
function validPayload(action: TicketAction): TransitionPayload {
  switch (action) {
    case 'resolve_on_spot':
      return { note: '已现场解释停水原因', satisfied: true };
    case 'schedule_reply':
      return { replyBy: new Date(NOW.getTime() + 4 * 3600 * 1000) };
    case 'assign':
      return { departmentCode: 'eng', assigneeId: 'u-eng-1' };
    case 'mark_handled':
      return { note: '已更换水管', cause: { factor: 'machine', sub: 'quality' } };
    case 'close':
      return { satisfied: true };
    case 'auto_close':
      return { noVisitReason: 'declined' };
    case 'transfer':
      return { assigneeId: 'u-2', reason: '交接班' };
    case 'escalate':
      return { escalateTo: 'hq', reason: '业主情绪激动' };
    case 'defer':
      return { reason: '等待自来水公司抢修', expectedDate: '2026-11-25' };
    case 'add_info':
      return { photos: ['p1.jpg'] };
    default:
      return { note: '说明', reason: '原因' };
  }
}

function factsFor(action: TicketAction): TransitionFacts {
  const handledAt = new Date(NOW.getTime() - (action === 'auto_close' ? 8 : 1) * DAY);
  return { kind: 'complaint', now: NOW, handledAt };
}

function expectedFor(status: TicketStatus, action: TicketAction, p: (typeof PROFILES)[number]): string {
  const rows = EXPECTED[action].filter((r) => r.from.split(' ').includes(status));
  if (rows.length === 0) return 'wrong_status';
  const row = rows.find((r) => r.actors.split(' ').some((a) => p.is.includes(a as Actor)));
  if (row) return `→ ${row.to === 'same' ? status : row.to}`;
  if (
    p.ctx.role === 'resident' &&
    !p.ctx.isReporter &&
    rows.some((r) => r.actors.split(' ').includes('resident'))
  ) {
    return 'not_own_ticket';
  }
  return 'not_allowed';
}

describe('the status table against the rulebook, every status × action × actor', () => {
  describe.each([...TICKET_ACTIONS])('%s', (action) => {
    it.each([...TICKET_STATUSES])(`from %s`, (status) => {
      const actual: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const p of PROFILES) {
        const r = applyTransition(status, action, p.ctx, validPayload(action), factsFor(action));
        actual[p.name] = r.ok ? `→ ${r.to}` : r.code;
        expected[p.name] = expectedFor(status, action, p);
      }
      expect(actual).toEqual(expected);
    });
  });
});

describe('allowedActions offers exactly what the rulebook allows', () => {
  it.each(TICKET_STATUSES.flatMap((s) => PROFILES.map((p) => [s, p.name, p] as const)))(
    '%s, %s',
    (status, _name, p) => {
      const expected = TICKET_ACTIONS.filter((a) => expectedFor(status, a, p).startsWith('→'));
      expect(allowedActions(status, p.ctx)).toEqual(expected);
    },
  );
});

describe('the table itself', () => {
  it('has no two rows for one action that overlap in status (no ambiguity)', () => {
    for (const action of TICKET_ACTIONS) {
      const seen = new Set<string>();
      for (const row of TRANSITIONS.filter((r) => r.action === action)) {
        for (const s of row.from) {
          expect(seen.has(s)).toBe(false);
          seen.add(s);
        }
      }
    }
  });

  it('labels every row and action in Chinese', () => {
    for (const row of TRANSITIONS) expect(row.label).toMatch(/[\u4e00-\u9fa5]/);
    for (const a of TICKET_ACTIONS) expect(TICKET_ACTION_LABELS[a]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('offers nothing on a closed or cancelled ticket', () => {
    for (const p of PROFILES) {
      expect(allowedActions('closed', p.ctx)).toEqual([]);
      expect(allowedActions('cancelled', p.ctx)).toEqual([]);
    }
  });

  it('leaves every open status by some action that changes it', () => {
    const open = TICKET_STATUSES.filter((s) => s !== 'closed' && s !== 'cancelled');
    for (const s of open) {
      expect(TRANSITIONS.some((r) => r.from.includes(s) && r.to !== 'same' && r.to !== s)).toBe(true);
    }
  });

  it('lets every status be reached', () => {
    for (const s of TICKET_STATUSES.filter((x) => x !== 'received')) {
      expect(TRANSITIONS.some((r) => r.to === s)).toBe(true);
    }
  });
});
