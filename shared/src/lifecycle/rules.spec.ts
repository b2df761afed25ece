import type { TicketStatus } from '../tickets';
import {
  allowedActions,
  applyTransition,
  type ActorContext,
  type TransitionFacts,
  type TransitionPayload,
  type TransitionResult,
} from './apply';
import { CAUSE_FACTORS, causeLabel, isValidCause } from './causes';
import type { TicketAction } from './transitions';

const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const NOW = bj('2026-11-20 10:00');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const resident: ActorContext = { role: 'resident', isReporter: true };
const stranger: ActorContext = { role: 'resident', isReporter: false };
const frontDesk: ActorContext = { role: 'front_desk', isFirstReceiver: true };
const plumber: ActorContext = { role: 'dept_staff', isAssignee: true };
const colleague: ActorContext = { role: 'dept_staff' };
const lead: ActorContext = { role: 'cs_lead' };
const manager: ActorContext = { role: 'project_manager' };
const hq: ActorContext = { role: 'hq' };
const system: ActorContext = { role: 'system' };

const complaint: TransitionFacts = { kind: 'complaint', now: NOW };

function go(
  status: TicketStatus,
  action: TicketAction,
  who: ActorContext,
  payload: TransitionPayload = {},
  facts: TransitionFacts = complaint,
): TransitionResult {
  return applyTransition(status, action, who, payload, facts);
}
const to = (r: TransitionResult) => (r.ok ? r.to : r.code);

describe('the complaint flow of the handbook', () => {
  it('walks a complaint from receipt to a satisfied return visit', () => {
    const steps: Array<[TicketAction, ActorContext, TransitionPayload, TicketStatus]> = [
      ['confirm', frontDesk, { note: '业主反映楼道灯坏了三天' }, 'confirmed'],
      ['schedule_reply', frontDesk, { replyBy: bj('2026-11-20 16:00') }, 'reply_scheduled'],
      ['assign', frontDesk, { departmentCode: 'eng' }, 'assigned'],
      ['start', plumber, {}, 'in_progress'],
      ['propose_solution', plumber, { note: '今天下午更换灯具' }, 'solution_proposed'],
      ['reject_solution', resident, { reason: '希望上午更换' }, 'in_progress'],
      ['propose_solution', plumber, { note: '明天上午九点更换' }, 'solution_proposed'],
      ['accept_solution', resident, {}, 'solution_accepted'],
      ['mark_handled', plumber, { note: '已更换', cause: { factor: 'machine', sub: 'quality' } }, 'handled'],
      ['verify', lead, {}, 'awaiting_visit'],
      ['close', lead, { satisfied: true }, 'closed'],
    ];
    let status: TicketStatus = 'received';
    for (const [action, who, payload, expected] of steps) {
      const r = go(status, action, who, payload);
      expect(r).toMatchObject({ ok: true, to: expected });
      status = expected;
    }
  });

  it('closes a complaint explained on the spot once the resident confirms satisfaction', () => {
    expect(
      to(go('confirmed', 'resolve_on_spot', frontDesk, { note: '已解释收费标准', satisfied: true })),
    ).toBe('closed');
    expect(go('confirmed', 'resolve_on_spot', frontDesk, { note: '已解释', satisfied: false })).toMatchObject(
      {
        ok: false,
        code: 'invalid_field',
      },
    );
    expect(to(go('confirmed', 'resolve_on_spot', frontDesk, { note: '已解释' }))).toBe('missing_fields');
  });

  it('does not resolve on the spot before the key points are confirmed', () => {
    expect(to(go('received', 'resolve_on_spot', frontDesk, { note: 'x', satisfied: true }))).toBe(
      'wrong_status',
    );
  });

  it('dispatches an emergency straight from receipt', () => {
    expect(to(go('received', 'assign', frontDesk, { departmentCode: 'eng' }))).toBe('assigned');
  });

  it('shows the resident what concerns them and keeps internal moves off their timeline', () => {
    expect(go('confirmed', 'schedule_reply', frontDesk, { replyBy: bj('2026-11-20 16:00') })).toMatchObject({
      public: true,
      label: '已约定答复时间',
    });
    expect(go('in_progress', 'internal_note', plumber, { note: '需要采购配件' })).toMatchObject({
      public: false,
    });
    expect(go('handled', 'verify', lead)).toMatchObject({ public: false });
  });
});

describe('agreeing a reply time', () => {
  it('accepts a reply time within 24 hours', () => {
    expect(
      to(go('confirmed', 'schedule_reply', frontDesk, { replyBy: new Date(NOW.getTime() + 24 * HOUR) })),
    ).toBe('reply_scheduled');
  });

  it('refuses a reply time more than 24 hours away, or in the past', () => {
    const late = go('confirmed', 'schedule_reply', frontDesk, {
      replyBy: new Date(NOW.getTime() + 24 * HOUR + 60_000),
    });
    expect(late).toMatchObject({ ok: false, code: 'invalid_field', message: '约定答复时间须在24小时之内。' });
    expect(
      go('confirmed', 'schedule_reply', frontDesk, { replyBy: new Date(NOW.getTime() - 60_000) }),
    ).toMatchObject({
      ok: false,
      code: 'invalid_field',
    });
  });

  it('follows a project that promises replies within 12 hours', () => {
    const facts = {
      ...complaint,
      policy: { deadlineRules: { promisedReply: { type: 'hours' as const, hours: 12 } } },
    };
    expect(
      to(
        go('confirmed', 'schedule_reply', frontDesk, { replyBy: new Date(NOW.getTime() + 13 * HOUR) }, facts),
      ),
    ).toBe('invalid_field');
  });
});

describe('marking a ticket handled', () => {
  it('requires a cause 人/机/料/法/环 with a matching sub-factor for complaints', () => {
    expect(go('in_progress', 'mark_handled', plumber, { note: '已处理' })).toMatchObject({
      ok: false,
      code: 'missing_fields',
      fields: ['cause'],
    });
    const mismatched = {
      note: '已处理',
      cause: { factor: 'people', sub: 'quality' },
    } as unknown as TransitionPayload;
    expect(go('in_progress', 'mark_handled', plumber, mismatched)).toMatchObject({
      ok: false,
      code: 'invalid_field',
    });
    expect(
      to(
        go('in_progress', 'mark_handled', plumber, {
          note: '已道歉',
          cause: { factor: 'people', sub: 'attitude' },
        }),
      ),
    ).toBe('handled');
  });

  it('does not ask a repair for a cause, nor for photos unless the project requires them', () => {
    const repair: TransitionFacts = { kind: 'repair', now: NOW };
    expect(to(go('in_progress', 'mark_handled', plumber, { note: '已疏通' }, repair))).toBe('handled');
    const strict: TransitionFacts = { ...repair, policy: { photosRequiredOnHandled: ['repair'] } };
    expect(go('in_progress', 'mark_handled', plumber, { note: '已疏通' }, strict)).toMatchObject({
      code: 'missing_fields',
      fields: ['photos'],
      message: '请补充：照片。',
    });
    expect(
      to(go('in_progress', 'mark_handled', plumber, { note: '已疏通', photos: ['after.jpg'] }, strict)),
    ).toBe('handled');
  });

  it('refuses more than nine photos', () => {
    const photos = Array.from({ length: 10 }, (_, i) => `${i}.jpg`);
    expect(
      to(
        go('in_progress', 'mark_handled', plumber, { note: '已疏通', photos }, { kind: 'repair', now: NOW }),
      ),
    ).toBe('invalid_field');
  });

  it('lets only the assignee mark it handled', () => {
    expect(
      go('in_progress', 'mark_handled', colleague, {
        note: 'x',
        cause: { factor: 'method', sub: 'process' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'not_allowed',
      message: '部门员工无权处理完毕。',
    });
  });

  it('knows every cause factor and its sub-factors', () => {
    expect(Object.keys(CAUSE_FACTORS)).toEqual(['people', 'machine', 'material', 'method', 'environment']);
    expect(isValidCause({ factor: 'environment', sub: 'external' })).toBe(true);
    expect(isValidCause({ factor: 'material', sub: 'attitude' })).toBe(false);
    expect(isValidCause({ factor: 'money', sub: 'x' })).toBe(false);
    expect(isValidCause(null)).toBe(false);
    expect(causeLabel({ factor: 'people', sub: 'attitude' })).toBe('人·服务态度');
  });
});

describe('cancelling', () => {
  it('lets the resident cancel before handling but not after', () => {
    for (const s of ['received', 'assigned', 'in_progress', 'solution_accepted', 'deferred'] as const) {
      expect(to(go(s, 'cancel', resident, { reason: '问题已自行解决' }))).toBe('cancelled');
    }
    for (const s of ['handled', 'awaiting_visit', 'closed'] as const) {
      expect(to(go(s, 'cancel', resident, { reason: '不需要了' }))).toBe('wrong_status');
    }
  });

  it("refuses a resident cancelling somebody else's ticket", () => {
    expect(go('received', 'cancel', stranger, { reason: 'x' })).toMatchObject({
      ok: false,
      code: 'not_own_ticket',
      message: '只能操作您本人提交的工单。',
    });
  });

  it('lets the CS lead record a withdrawal made by phone, but not the front desk', () => {
    expect(to(go('assigned', 'cancel', lead, { reason: '业主来电撤回' }))).toBe('cancelled');
    expect(to(go('assigned', 'cancel', frontDesk, { reason: '业主来电撤回' }))).toBe('not_allowed');
  });

  it('asks why', () => {
    expect(go('received', 'cancel', resident, { reason: '  ' })).toMatchObject({
      code: 'missing_fields',
      message: '请补充：原因。',
    });
  });
});

describe('reopening', () => {
  const handled = (daysAgo: number): TransitionFacts => ({
    ...complaint,
    handledAt: new Date(NOW.getTime() - daysAgo * DAY),
  });

  it('lets the resident reopen within 7 days of handling', () => {
    expect(to(go('handled', 'reopen', resident, { reason: '又漏水了' }, handled(6.9)))).toBe('in_progress');
    expect(to(go('awaiting_visit', 'reopen', resident, { reason: '又漏水了' }, handled(7)))).toBe(
      'in_progress',
    );
  });

  it('refuses the resident after 7 days and says to file anew', () => {
    const r = go('handled', 'reopen', resident, { reason: '又漏水了' }, handled(7.01));
    expect(r).toMatchObject({ ok: false, code: 'reopen_window_passed' });
    expect(allowedActions('handled', resident, handled(8))).not.toContain('reopen');
    expect(allowedActions('handled', resident, handled(1))).toContain('reopen');
  });

  it('lets staff reopen at a return visit whenever the resident is unsatisfied', () => {
    expect(to(go('awaiting_visit', 'reopen', lead, { reason: '回访不满意' }, handled(20)))).toBe(
      'in_progress',
    );
    expect(go('awaiting_visit', 'reopen', lead, { reason: '回访不满意' }, handled(20))).toMatchObject({
      effects: ['restart_handling'],
    });
  });

  it('needs to know when the ticket was handled before judging the resident', () => {
    expect(to(go('handled', 'reopen', resident, { reason: 'x' }))).toBe('missing_context');
  });

  it('lets the system reopen it when the same household complains again about the same matter', () => {
    expect(to(go('handled', 'reopen', system, { reason: '同户再次反馈：又漏水了' }, handled(3)))).toBe(
      'in_progress',
    );
  });

  it('cannot reopen a closed ticket', () => {
    expect(to(go('closed', 'reopen', resident, { reason: 'x' }, handled(1)))).toBe('wrong_status');
  });
});

describe('closing without a return visit', () => {
  const handled = (daysAgo: number): TransitionFacts => ({
    ...complaint,
    handledAt: new Date(NOW.getTime() - daysAgo * DAY),
  });

  it('closes a week after handling when the resident declined visits', () => {
    expect(to(go('handled', 'auto_close', system, { noVisitReason: 'declined' }, handled(7)))).toBe('closed');
  });

  it('waits the full week', () => {
    expect(go('handled', 'auto_close', system, { noVisitReason: 'anonymous' }, handled(6.99))).toMatchObject({
      ok: false,
      code: 'too_early',
    });
  });

  it('records why no visit was made', () => {
    expect(to(go('handled', 'auto_close', system, {}, handled(8)))).toBe('missing_fields');
    const bad = { noVisitReason: 'lazy' } as unknown as TransitionPayload;
    expect(to(go('handled', 'auto_close', system, bad, handled(8)))).toBe('invalid_field');
  });

  it('needs a satisfied resident to close at a return visit', () => {
    expect(to(go('awaiting_visit', 'close', lead, { satisfied: false }))).toBe('invalid_field');
    expect(to(go('awaiting_visit', 'close', hq, { satisfied: true }))).toBe('closed');
  });

  it('closes on a recorded satisfied answer before verification, through the system only', () => {
    expect(to(go('handled', 'close', system, { satisfied: true }))).toBe('closed');
    expect(to(go('awaiting_visit', 'close', system, { satisfied: true }))).toBe('closed');
    // By hand, staff still close only after the lead verified the handling.
    expect(to(go('handled', 'close', frontDesk, { satisfied: true }))).toBe('not_allowed');
    expect(to(go('handled', 'close', plumber, { satisfied: true }))).toBe('not_allowed');
  });

  it('never lets the resident close it through the action list (the rating page does, via the system)', () => {
    expect(to(go('handled', 'close', resident, { satisfied: true }))).toBe('not_allowed');
  });
});

describe('escalation 服务上移', () => {
  it('keeps the status and goes up the ladder: lead, project manager, group HQ', () => {
    expect(
      go('in_progress', 'escalate', plumber, { escalateTo: 'cs_lead', reason: '业主情绪激动' }),
    ).toMatchObject({
      ok: true,
      to: 'in_progress',
      effects: ['raise_escalation'],
    });
    expect(to(go('in_progress', 'escalate', lead, { escalateTo: 'project_manager', reason: '需协调' }))).toBe(
      'in_progress',
    );
    expect(to(go('in_progress', 'escalate', manager, { escalateTo: 'hq', reason: '服务中心无法解决' }))).toBe(
      'in_progress',
    );
  });

  it('never goes sideways or down, nor below the current level', () => {
    expect(to(go('in_progress', 'escalate', lead, { escalateTo: 'cs_lead', reason: 'x' }))).toBe(
      'invalid_field',
    );
    expect(to(go('in_progress', 'escalate', manager, { escalateTo: 'cs_lead', reason: 'x' }))).toBe(
      'invalid_field',
    );
    const atManager = { ...complaint, escalationLevel: 'project_manager' as const };
    expect(
      to(go('in_progress', 'escalate', plumber, { escalateTo: 'cs_lead', reason: 'x' }, atManager)),
    ).toBe('invalid_field');
    expect(to(go('in_progress', 'escalate', plumber, { escalateTo: 'hq', reason: 'x' }, atManager))).toBe(
      'in_progress',
    );
  });

  it('is raised by the system when the resident is unsatisfied a second time, never downwards', () => {
    expect(
      to(go('in_progress', 'escalate', system, { escalateTo: 'project_manager', reason: '二次回访不满意' })),
    ).toBe('in_progress');
    const atManager = { ...complaint, escalationLevel: 'project_manager' as const };
    expect(
      to(go('in_progress', 'escalate', system, { escalateTo: 'project_manager', reason: 'x' }, atManager)),
    ).toBe('invalid_field');
  });

  it('is not for group HQ or residents', () => {
    expect(to(go('in_progress', 'escalate', hq, { escalateTo: 'hq', reason: 'x' }))).toBe('not_allowed');
    expect(to(go('in_progress', 'escalate', resident, { escalateTo: 'cs_lead', reason: 'x' }))).toBe(
      'not_allowed',
    );
  });
});

describe('handing on', () => {
  it('transfers to a new assignee without changing the status', () => {
    expect(go('in_progress', 'transfer', plumber, { assigneeId: 'u-9', reason: '交接班' })).toMatchObject({
      ok: true,
      to: 'in_progress',
      effects: ['set_assignee'],
      public: false,
    });
  });

  it('lets the first receiver hand on before dispatch, not after', () => {
    expect(to(go('confirmed', 'transfer', frontDesk, { assigneeId: 'u-2', reason: '下班交接' }))).toBe(
      'confirmed',
    );
    expect(to(go('in_progress', 'transfer', frontDesk, { assigneeId: 'u-2', reason: '下班交接' }))).toBe(
      'not_allowed',
    );
  });

  it('sends a ticket back to the department queue with a reason', () => {
    expect(go('in_progress', 'send_back', plumber, { reason: '不属于工程部' })).toMatchObject({
      ok: true,
      to: 'assigned',
      effects: ['unassign'],
    });
    expect(to(go('in_progress', 'send_back', plumber))).toBe('missing_fields');
  });

  it('lets a department colleague pick a ticket up from the queue', () => {
    expect(go('assigned', 'start', colleague)).toMatchObject({
      ok: true,
      to: 'in_progress',
      effects: ['claim'],
    });
  });
});

describe('waiting for an outside party', () => {
  it('defers with a reason and an expected date, and resumes', () => {
    expect(
      go('in_progress', 'defer', plumber, { reason: '等待燃气公司', expectedDate: '2026-11-27' }),
    ).toMatchObject({
      ok: true,
      to: 'deferred',
      effects: ['pause_deadlines'],
    });
    expect(go('deferred', 'resume', plumber)).toMatchObject({
      ok: true,
      to: 'in_progress',
      effects: ['resume_deadlines'],
    });
  });

  it('accepts today but not a date already past, nor a date that does not exist', () => {
    expect(to(go('in_progress', 'defer', plumber, { reason: 'x', expectedDate: '2026-11-20' }))).toBe(
      'deferred',
    );
    expect(to(go('in_progress', 'defer', plumber, { reason: 'x', expectedDate: '2026-11-19' }))).toBe(
      'invalid_field',
    );
    expect(to(go('in_progress', 'defer', plumber, { reason: 'x', expectedDate: '2026-11-31' }))).toBe(
      'invalid_field',
    );
    expect(to(go('in_progress', 'defer', plumber, { reason: 'x' }))).toBe('missing_fields');
  });
});

describe('adding information and notes', () => {
  it('lets the resident add a note or photos while the ticket is open', () => {
    expect(to(go('in_progress', 'add_info', resident, { note: '补充：漏水在厨房' }))).toBe('in_progress');
    expect(to(go('awaiting_visit', 'add_info', resident, { photos: ['a.jpg'] }))).toBe('awaiting_visit');
    expect(go('in_progress', 'add_info', resident, {})).toMatchObject({
      code: 'missing_fields',
      fields: ['content'],
    });
    expect(to(go('closed', 'add_info', resident, { note: 'x' }))).toBe('wrong_status');
  });

  it('lets staff post progress for the resident and internal notes for themselves', () => {
    expect(go('deferred', 'progress_note', lead, { note: '燃气公司已排期' })).toMatchObject({
      ok: true,
      public: true,
    });
    expect(go('deferred', 'internal_note', colleague, { note: '配件缺货' })).toMatchObject({
      ok: true,
      public: false,
    });
    expect(to(go('deferred', 'progress_note', resident, { note: 'x' }))).toBe('not_allowed');
  });

  it('limits text to 2000 characters', () => {
    expect(to(go('in_progress', 'progress_note', lead, { note: '字'.repeat(2001) }))).toBe('invalid_field');
  });
});

describe('refusals', () => {
  it('explain in Chinese', () => {
    expect(go('closed', 'cancel', resident, { reason: 'x' })).toMatchObject({
      ok: false,
      code: 'wrong_status',
      message: '工单当前为"已办结"，不能撤销。',
    });
    expect(go('received', 'confirm', resident, { note: 'x' })).toMatchObject({
      message: '业主/住户无权确认诉求。',
    });
    expect(go('confirmed', 'assign', frontDesk, {})).toMatchObject({ message: '请补充：处理部门。' });
  });

  it('name an unknown action', () => {
    expect(applyTransition('received', 'teleport', frontDesk)).toMatchObject({
      ok: false,
      code: 'unknown_action',
    });
  });
});

describe('what each person is offered', () => {
  it('offers the resident accept, reject, cancel and add_info on a proposed solution', () => {
    expect(allowedActions('solution_proposed', resident)).toEqual([
      'accept_solution',
      'reject_solution',
      'cancel',
      'add_info',
    ]);
  });

  it('offers the assignee the work actions while in progress', () => {
    expect(allowedActions('in_progress', plumber)).toEqual([
      'propose_solution',
      'mark_handled',
      'transfer',
      'send_back',
      'escalate',
      'defer',
      'progress_note',
      'internal_note',
    ]);
  });
});
