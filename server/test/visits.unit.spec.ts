import { BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import { closeWindowEnd, resolveVisitRules } from '@wuye/shared';
import { PolicyService } from '../src/policy/policy.service';
import type { TicketChange } from '../src/events/ticket-hooks';
import { Ticket } from '../src/tickets/entities';
import { VisitPreference } from '../src/visits/entities';
import { RatingsService } from '../src/visits/ratings.service';
import { VisitAnswer, VisitClosingService } from '../src/visits/visit-closing.service';
import { VisitPlansService } from '../src/visits/visit-plans.service';
import { VisitPreferencesService } from '../src/visits/visit-preferences.service';
import { VisitRulesService } from '../src/visits/visit-rules.service';
import { VisitSettingsService } from '../src/visits/visit-settings.service';
import { VisitsService } from '../src/visits/visits.service';
import { as, NO_TX, taskOf, visitWorld } from './support/visit-fakes';

/**
 * The rules of return visits 回访 and closing, each run by its service against in-memory repositories (no
 * database); the e2e suite (visits.e2e-spec.ts) runs the same services on SQLite and MariaDB.
 */

type World = ReturnType<typeof visitWorld>;

function servicesOf(w: World) {
  const rules = new VisitRulesService(as(w.ruleSets), new PolicyService(as(w.policyStore), as(w.ruleSets)));
  const plans = new VisitPlansService(
    as(w.tx),
    as(w.tasks),
    as(w.settings),
    as(w.preferences),
    as(w.tickets),
    rules,
    w.clock,
    w.jobs.asJobs(),
    w.hooks,
    w.notifications.asService(),
  );
  plans.onModuleInit();
  const preferences = new VisitPreferencesService(
    as(w.tx),
    as(w.preferences),
    as(w.households),
    as(w.tickets),
    plans,
    w.clock,
  );
  const closing = new VisitClosingService(
    as(w.tx),
    as(w.tasks),
    as(w.ratings),
    as(w.tickets),
    rules,
    plans,
    preferences,
    w.clock,
    w.jobs.asJobs(),
    w.notifications.asService(),
    w.lifecycle.asService(),
  );
  closing.onModuleInit();
  return {
    rules,
    plans,
    preferences,
    closing,
    ratings: new RatingsService(
      as(w.ratings),
      as(w.tasks),
      as(w.tickets),
      closing,
      w.clock,
      w.ticketsService,
      w.uploads,
      rules,
    ),
    settings: new VisitSettingsService(
      as(w.tx),
      as(w.settings),
      as(w.tasks),
      as(w.ratings),
      plans,
      w.ticketsService,
      w.uploads,
      w.clock,
    ),
    visits: new VisitsService(
      as(w.tx),
      as(w.tasks),
      as(w.ratings),
      as(w.tickets),
      as(w.households),
      rules,
      plans,
      preferences,
      closing,
      w.uploads,
      w.clock,
    ),
  };
}

/** The ticket was just marked handled (what the lifecycle tells its listeners). */
const handled = (w: World, t: Ticket = w.ticket): TicketChange => ({
  before: Object.assign(new Ticket(), { ...t, status: 'in_progress' }),
  after: t,
  action: 'mark_handled',
  actor: { id: 'eng-1', name: '王师傅', role: 'dept_staff', kind: 'staff' },
  now: w.clock.now(),
  public: true,
  label: '处理完毕',
});

const answer = (w: World, fields: Partial<VisitAnswer>): VisitAnswer => ({
  t: w.ticket,
  task: null,
  round: 0,
  seq: 1,
  by: w.resident,
  source: 'online',
  scores: { speed: 5, quality: 5, attitude: 5 },
  satisfied: true,
  chargeCorrect: true,
  comment: null,
  photoIds: [],
  ...fields,
});

beforeAll(() => Logger.overrideLogger(false));
afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

describe('VisitRulesService (回访规则)', () => {
  it('falls back to the handbook’s rules when a project’s overrides cannot be read', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    await w.ruleSets.save('project-1', { overrides: '{not json', updatedById: 'lead-1' });
    expect(await s.rules.rules('project-1')).toEqual(resolveVisitRules());
  });

  it('lets only the customer-service lead or the project manager change the rules', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    await expect(s.rules.setProjectRules(w.frontDesk, { staffGraceHours: 12 })).rejects.toThrow(
      new ForbiddenException('回访规则由客服主管或项目经理调整'),
    );
    expect(w.ruleSets.rows.size).toBe(0);
    const after = await s.rules.setProjectRules(w.lead, { staffGraceHours: 12 });
    expect(after.effective.staffGraceHours).toBe(12);
  });
});

describe('VisitPlansService (回访计划)', () => {
  it('invites the resident to rate a handled repair, and checks closing a week later', async () => {
    const w = visitWorld();
    servicesOf(w);
    await w.hooks.emit(NO_TX, handled(w));
    expect(w.tasks.rows[0]).toMatchObject({ seq: 1, status: 'invited', round: 0 });
    expect(w.jobs.scheduled.map((j) => j.type)).toEqual(['visit.autoclose', 'visit.open']);
    expect(w.jobs.scheduled[0].runAt).toEqual(closeWindowEnd(w.ticket.handledAt!));
    expect(w.notifications.sent).toEqual([
      expect.objectContaining({ userIds: ['resident-1'], kind: 'visit_invite' }),
    ]);
  });

  it('plans no visit for a household that refused visits, but still checks closing a week later', async () => {
    const w = visitWorld();
    servicesOf(w);
    w.preferences.rows.push(
      Object.assign(new VisitPreference(), { householdId: 'household-1', userId: null, noVisit: true }),
    );
    await w.hooks.emit(NO_TX, handled(w));
    expect(w.tasks.rows).toEqual([]);
    expect(w.jobs.scheduled.map((j) => j.type)).toEqual(['visit.autoclose']);
    expect(w.notifications.sent).toEqual([]);
  });

  it('cancels the visits still owed when the ticket is reopened', async () => {
    const w = visitWorld();
    servicesOf(w);
    const owed = taskOf(w, { status: 'invited' });
    const done = taskOf(w, { seq: 2, status: 'done' });
    await w.hooks.emit(NO_TX, { ...handled(w), action: 'reopen' });
    expect([owed.status, owed.cancelReason, done.status]).toEqual(['cancelled', 'reopened', 'done']);
    expect(w.jobs.cancelled).toEqual([`visit.open:${owed.id}`]);
  });
});

describe('VisitPreferencesService (回访意愿)', () => {
  it('cancels the visits still owed when the household refuses visits', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const owed = taskOf(w);
    const view = await s.preferences.setPreference(w.resident, 'household-1', {
      noVisit: true,
      note: '不用回访',
    });
    expect(view).toMatchObject({ noVisit: true, note: '不用回访', recordedBy: '张女士' });
    expect([owed.status, owed.cancelReason]).toEqual(['cancelled', 'declined']);
  });

  it('lets a resident set the preference of their own flat only', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    w.households.bindings = [];
    await expect(s.preferences.setPreference(w.resident, 'household-1', { noVisit: true })).rejects.toThrow(
      new ForbiddenException('只能设置您自己房屋的回访意愿'),
    );
    expect(w.preferences.rows).toEqual([]);
  });
});

describe('VisitClosingService (办结)', () => {
  it('closes the ticket in the system’s name when the resident rates it satisfied', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const task = taskOf(w, { status: 'invited' });
    await s.closing.answer(answer(w, { task, comment: '很及时' }));
    expect(w.lifecycle.moves).toEqual([
      expect.objectContaining({ by: null, action: 'close', note: '业主在线评价：满意：很及时' }),
    ]);
    expect(w.ratings.rows).toEqual([
      expect.objectContaining({ satisfied: true, source: 'online', average: 5 }),
    ]);
    expect(task).toMatchObject({ status: 'done', outcome: 'satisfied', doneVia: 'online' });
    expect(w.ticket.status).toBe('closed');
  });

  it('reopens the ticket when the resident is not satisfied, and tells the handler and the lead', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const task = taskOf(w, { status: 'invited' });
    await s.closing.answer(answer(w, { task, satisfied: false, comment: '还在滴水' }));
    expect(w.lifecycle.moves).toEqual([
      expect.objectContaining({ by: w.resident, action: 'reopen', reason: '业主评价不满意：还在滴水' }),
    ]);
    const [notice] = w.notifications.sent;
    expect(notice).toMatchObject({ kind: 'visit_unsatisfied', title: '回访不满意：R20261201-0001' });
    expect(new Set(notice.userIds)).toEqual(new Set(['lead-1', 'eng-1']));
  });

  it('keeps a ticket open a week after handling while its visit is still owed, and tells the lead', async () => {
    const w = visitWorld();
    servicesOf(w);
    taskOf(w, { status: 'open' });
    w.clock.freeze(closeWindowEnd(w.ticket.handledAt!).getTime());
    await w.jobs.handlers.get('visit.autoclose')!({ ticketId: w.ticket.id, round: 0 });
    expect(w.lifecycle.moves).toEqual([]);
    expect(w.notifications.sent).toEqual([
      expect.objectContaining({ userIds: ['lead-1'], kind: 'visit_overdue' }),
    ]);
  });

  it('closes a ticket by itself a week after handling when nobody could be reached', async () => {
    const w = visitWorld();
    servicesOf(w);
    const task = taskOf(w, { status: 'open' });
    const at = (s: string) => new Date(`${s}+08:00`);
    w.tasks.attempts.push(
      { taskId: task.id, result: 'unreachable', createdAt: at('2026-11-20T10:00:00') },
      { taskId: task.id, result: 'unreachable', createdAt: at('2026-11-20T16:00:00') },
    );
    // Two unanswered calls on one day are not enough to give up.
    await w.jobs.handlers.get('visit.autoclose')!({ ticketId: w.ticket.id, round: 0 });
    expect(w.lifecycle.moves).toEqual([]);
    w.tasks.attempts.push({ taskId: task.id, result: 'unreachable', createdAt: at('2026-11-21T10:00:00') });
    await w.jobs.handlers.get('visit.autoclose')!({ ticketId: w.ticket.id, round: 0 });
    expect(w.lifecycle.moves).toEqual([expect.objectContaining({ by: null, action: 'auto_close' })]);
  });
});

describe('VisitSettingsService (回访安排)', () => {
  it('gives a complaint level to complaints only', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    await expect(s.settings.updateSettings(w.lead, w.ticket.id, { complaintLevel: 2 })).rejects.toThrow(
      new BadRequestException('只有投诉才有投诉等级'),
    );
    expect(w.settings.rows.size).toBe(0);
  });

  it('stops the visits of a complaint the lead marks sensitive', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    w.ticket.kind = 'complaint';
    const owed = taskOf(w, { kind: 'complaint' });
    const view = await s.settings.updateSettings(w.lead, w.ticket.id, { sensitive: true });
    expect([owed.status, owed.cancelReason]).toEqual(['cancelled', 'sensitive']);
    expect(view).toMatchObject({ exemption: 'sensitive', settings: { sensitive: true } });
  });
});

describe('VisitsService (回访任务)', () => {
  it('asks the resident to sign on the visitor’s phone when a home visit got an answer', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const task = taskOf(w);
    await expect(
      s.visits.recordAttempt(w.frontDesk, task.id, { method: 'home', result: 'satisfied' }),
    ).rejects.toThrow(new BadRequestException('上门回访请业主在手机上签名确认'));
    expect(w.tasks.attempts).toEqual([]);
  });

  it('keeps a visit to the role it is owed to, or higher', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const task = taskOf(w, { visitorRole: 'cs_lead' });
    await expect(
      s.visits.recordAttempt(w.frontDesk, task.id, { method: 'phone', result: 'unreachable' }),
    ).rejects.toThrow(new ForbiddenException('这次回访应由客服主管或更高一级负责'));
  });

  it('records that the resident refuses visits, and cancels what is still owed', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    const task = taskOf(w);
    const later = taskOf(w, { seq: 2 });
    const view = await s.visits.recordAttempt(w.frontDesk, task.id, { method: 'phone', result: 'declined' });
    expect(w.tasks.attempts).toEqual([
      expect.objectContaining({ result: 'declined', visitorName: '李晓梅' }),
    ]);
    expect(w.preferences.rows).toEqual([
      expect.objectContaining({
        householdId: 'household-1',
        noVisit: true,
        note: '回访时业主表示不接受回访',
      }),
    ]);
    expect([task.status, later.status]).toEqual(['cancelled', 'cancelled']);
    expect(view).toMatchObject({
      canRecord: false,
      attempts: [expect.objectContaining({ resultLabel: '业主拒绝回访' })],
    });
  });
});

describe('RatingsService (评价)', () => {
  it('closes the rating a week after handling and sends the resident to file anew', async () => {
    const w = visitWorld();
    const s = servicesOf(w);
    taskOf(w, { status: 'open' });
    w.clock.freeze(closeWindowEnd(w.ticket.handledAt!).getTime() + 60_000);
    const page = await s.ratings.get(w.resident, w.ticket.id);
    expect(page).toMatchObject({
      canRate: false,
      reason: '处理完毕已超过7天，评价已截止；如问题仍然存在，请重新提交反馈',
    });
    await expect(
      s.ratings.rate(w.resident, w.ticket.id, { scores: { speed: 5 }, satisfied: true }),
    ).rejects.toMatchObject({ response: { code: 'not_open' } });
    expect(w.ratings.rows).toEqual([]);
  });
});
