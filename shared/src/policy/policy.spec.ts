import { computeDeadlines } from '../deadlines/compute';
import { allowedActions, applyTransition, type TransitionFacts } from '../lifecycle/apply';
import { CATEGORY_NAMES } from '../classification/categories';
import {
  closeWindowEnd,
  DEFAULT_POLICY,
  isCategoryShown,
  withoutCompanyOnly,
  describeCloseWindow,
  parsePolicy,
  PolicyError,
  resolvePolicy,
  sanitizePolicy,
  transitionPolicyOf,
  validatePolicy,
  workTimeOf,
} from './index';

const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const problems = (input: unknown) => {
  const r = validatePolicy(input);
  return r.ok ? [] : r.problems;
};

describe('ProjectPolicy: defaults', () => {
  it("resolves to the handbooks' values with no settings, the close window a week", () => {
    const { policy, problems: p } = resolvePolicy();
    expect(p).toEqual([]);
    expect(policy).toEqual(DEFAULT_POLICY);
    expect(policy.closing.window).toEqual({ type: 'calendar_days', days: 7 });
    expect(describeCloseWindow(policy.closing.window)).toBe('7天');
  });

  it('layers company settings under project settings, maps merged entry by entry', () => {
    const { policy } = resolvePolicy(
      {
        deadlines: { replyByChannel: { letter: { type: 'working_days', days: 1 } } },
        closing: { window: { type: 'working_days', days: 5 } },
      },
      { deadlines: { replyByChannel: { email: { type: 'working_days', days: 1 } } } },
    );
    expect(policy.deadlines.replyByChannel.letter).toEqual({ type: 'working_days', days: 1 });
    expect(policy.deadlines.replyByChannel.email).toEqual({ type: 'working_days', days: 1 });
    expect(policy.deadlines.replyByChannel.phone).toEqual({ type: 'same_working_day' });
    expect(policy.closing.window).toEqual({ type: 'working_days', days: 5 });
  });
});

describe('ProjectPolicy: bounds (every number bounded, every type from a list)', () => {
  it.each([
    [
      'working days 1000000',
      { deadlines: { replyByChannel: { letter: { type: 'working_days', days: 1000000 } } } },
      '0 至 60',
    ],
    ['hours 1e300', { deadlines: { promisedReply: { type: 'hours', hours: 1e300 } } }, '0 至 2160'],
    [
      'calendar days 1e9',
      { deadlines: { handlingRecordAfter: { type: 'calendar_days', days: 1e9 } } },
      '0 至 90',
    ],
    [
      'minutes as text',
      { deadlines: { emergency: { dispatch: { type: 'minutes', minutes: '30' } } } },
      '分钟',
    ],
    ['an unknown limit type', { deadlines: { progressNotice: { type: 'weeks', weeks: 1 } } }, '类型应为'],
    ['kindsWithoutReply 5', { deadlines: { kindsWithoutReply: 5 } }, '无需答复的反馈类型'],
    ['an unknown kind', { deadlines: { kindsWithoutReply: ['gossip'] } }, '无效的值'],
    ['an unknown channel', { deadlines: { replyByChannel: { telegram: { type: 'none' } } } }, 'telegram'],
    [
      'a major repair of 30 days',
      { deadlines: { repairByClass: { major: { handle: { type: 'working_days', days: 30 } } } } },
      '7 至 15',
    ],
    [
      'working hours backwards',
      { workingHours: { start: '18:00', end: '08:00', weekdays: [1] } },
      '开始早于结束',
    ],
    ['no working weekday', { workingHours: { start: '08:00', end: '18:00', weekdays: [] } }, '工作日'],
    [
      'ten escalation steps',
      {
        escalation: {
          remindAt: 0.5,
          steps: Array(10).fill({ level: 1, afterWorkingDays: 0, notify: ['cs_lead'] }),
        },
      },
      '不超过5步',
    ],
    [
      'an escalation a year later',
      { escalation: { remindAt: 0.5, steps: [{ level: 1, afterWorkingDays: 365, notify: ['cs_lead'] }] } },
      '0 至 30',
    ],
    [
      'a calendar of 101 days off',
      {
        calendar: { extraHolidays: Array.from({ length: 101 }, (_, i) => `2026-0${1 + (i % 9)}-1${i % 10}`) },
      },
      '不超过100',
    ],
    ['a calendar day in year 9999', { calendar: { extraHolidays: ['9999-01-01'] } }, '2000–2100'],
    [
      'a day both off and worked',
      { calendar: { extraHolidays: ['2026-10-09'], extraWorkdays: ['2026-10-09'] } },
      '既是',
    ],
    ['a close window of 0 days', { closing: { window: { type: 'working_days', days: 0 } } }, '1 至 30'],
    ['a close window in weeks', { closing: { window: { type: 'weeks', days: 1 } } }, '自然日'],
    [
      'photos for a kind that does not exist',
      { transitions: { photosRequiredOnHandled: ['gossip'] } },
      '无效的值',
    ],
    ['a field named hasOwnProperty', { hasOwnProperty: 1 }, 'hasOwnProperty'],
    ['a ninth category nobody defined', { routing: { categories: { 宠物类: 'security' } } }, '宠物类'],
    [
      'a department that does not exist',
      { routing: { categories: { 环境管理类: 'kitchen' } } },
      '部门不存在',
    ],
    ['a routing threshold of 2', { routing: { autoRouteThreshold: 2 } }, '0 至 1'],
    ['automatic routing as text', { routing: { autoRoute: 'yes' } }, '自动分派'],
    [
      'a field named constructor inside a limit',
      { deadlines: { promisedReply: { type: 'hours', hours: 1, constructor: 1 } } },
      'constructor',
    ],
  ])('rejects %s with a Chinese message', (_name, input, words) => {
    const p = problems(input);
    expect(p.length).toBeGreaterThan(0);
    expect(p.map((x) => x.message).join('；')).toContain(words);
    expect(p[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect(() => parsePolicy(input)).toThrow(PolicyError);
  });

  it('accepts the largest values allowed, and they compute quickly', () => {
    const input = {
      deadlines: {
        replyByChannel: { letter: { type: 'working_days', days: 60 } },
        promisedReply: { type: 'hours', hours: 2160 },
        handlingRecordAfter: { type: 'calendar_days', days: 90 },
        emergency: { dispatch: { type: 'minutes', minutes: 129600 } },
      },
      closing: { window: { type: 'working_days', days: 30 } },
    };
    expect(problems(input)).toEqual([]);
    const { policy } = resolvePolicy(parsePolicy(input));
    const started = Date.now();
    const d = computeDeadlines({
      kind: 'complaint',
      channel: 'letter',
      receivedAt: bj('2026-11-20 10:00'),
      rules: policy.deadlines,
      ...workTimeOf(policy),
    });
    expect(Date.now() - started).toBeLessThan(200);
    expect(d.replyBy!.getTime()).toBeGreaterThan(bj('2027-02-01 00:00').getTime());
  });

  it('limits the sections a caller may set', () => {
    const r = validatePolicy({ calendar: { extraHolidays: [] } }, { allow: ['closing'] });
    expect(r.ok).toBe(false);
  });

  it('keeps the valid sections of stored settings and drops the rest, saying why', () => {
    const { value, problems: p } = sanitizePolicy({
      deadlines: { kindsWithoutReply: 5 },
      closing: { window: { type: 'working_days', days: 5 } },
      nonsense: true,
    });
    expect(value).toEqual({ closing: { window: { type: 'working_days', days: 5 } } });
    expect(p.map((x) => x.path)).toEqual(['deadlines.kindsWithoutReply', 'nonsense']);
    expect(sanitizePolicy('not json').value).toEqual({});
  });

  it('falls back to the default hours and calendar when no working day can be found', () => {
    // Mondays only, and the 100 Mondays from 2027-01-04 off (no 调休 working day is known for those years).
    const mondaysOff = Array.from({ length: 100 }, (_, i) =>
      new Date(Date.UTC(2027, 0, 4 + i * 7)).toISOString().slice(0, 10),
    );
    const layer = {
      workingHours: { start: '08:30', end: '17:30', weekdays: [1] },
      calendar: { extraHolidays: mondaysOff },
    };
    expect(problems(layer)).toEqual([]);
    const { policy, problems: p } = resolvePolicy(layer);
    expect(p.map((x) => x.path)).toEqual(['workingHours']);
    expect(policy.workingHours).toEqual(DEFAULT_POLICY.workingHours);
    expect(policy.calendar).toEqual(DEFAULT_POLICY.calendar);
  });
});

describe('ProjectPolicy: the close window is one setting', () => {
  const fiveWorkingDays = resolvePolicy({ closing: { window: { type: 'working_days', days: 5 } } }).policy;
  // Handled on Friday 2026-11-20 at 10:00: five working days later is Friday 2026-11-27 10:00.
  const handledAt = bj('2026-11-20 10:00');

  it('ends a week after handling by default, five working days later when set so', () => {
    expect(closeWindowEnd(handledAt)).toEqual(bj('2026-11-27 10:00'));
    expect(closeWindowEnd(handledAt, fiveWorkingDays.closing.window, workTimeOf(fiveWorkingDays))).toEqual(
      bj('2026-11-27 10:00'),
    );
    // Over the National Day holiday (2026-10-01…07 off, 2026-10-10 a 调休 Saturday worked): 30 Sept + 5 working days.
    expect(closeWindowEnd(bj('2026-09-30 10:00'), fiveWorkingDays.closing.window)).toEqual(
      bj('2026-10-13 10:00'),
    );
    expect(closeWindowEnd(bj('2026-09-30 10:00'))).toEqual(bj('2026-10-07 10:00'));
  });

  it("applies to the resident's reopen and to closing without a visit, with wording that follows it", () => {
    const policy = transitionPolicyOf(fiveWorkingDays);
    const facts = (now: string): TransitionFacts => ({
      kind: 'complaint',
      handledAt: bj('2026-09-30 10:00'),
      now: bj(now),
      policy,
    });
    const resident = { role: 'resident' as const, isReporter: true };
    // 8 October: a week has passed, five working days have not.
    expect(
      applyTransition('handled', 'reopen', resident, { reason: '还是漏水' }, facts('2026-10-08 10:00')).ok,
    ).toBe(true);
    expect(allowedActions('handled', resident, facts('2026-10-08 10:00'))).toContain('reopen');
    const early = applyTransition(
      'handled',
      'auto_close',
      { role: 'system' },
      { noVisitReason: 'anonymous' },
      facts('2026-10-08 10:00'),
    );
    expect(early).toMatchObject({
      ok: false,
      code: 'too_early',
      message: '处理完毕未满5个工作日，不能按"5个工作日内无再次投诉"办结。',
    });
    const late = applyTransition(
      'handled',
      'reopen',
      resident,
      { reason: '还是漏水' },
      facts('2026-10-13 10:01'),
    );
    expect(late).toMatchObject({ ok: false, code: 'reopen_window_passed' });
    expect(late.ok ? '' : late.message).toContain('5个工作日');
    const closed = applyTransition(
      'handled',
      'auto_close',
      { role: 'system' },
      { noVisitReason: 'anonymous' },
      facts('2026-10-13 10:00'),
    );
    expect(closed).toMatchObject({ ok: true, label: '处理完毕5个工作日内无再次投诉，已办结' });
    // Without the policy: the week.
    const week = applyTransition(
      'handled',
      'auto_close',
      { role: 'system' },
      { noVisitReason: 'anonymous' },
      { ...facts('2026-10-08 10:00'), policy: undefined },
    );
    expect(week.ok).toBe(true);
  });

  it('carries the project\'s "photos when handled" setting into the table\'s checks', () => {
    const policy = transitionPolicyOf(
      resolvePolicy({ transitions: { photosRequiredOnHandled: ['repair'] } }).policy,
    );
    const r = applyTransition(
      'in_progress',
      'mark_handled',
      { role: 'dept_staff', isAssignee: true },
      { note: '已修好' },
      { kind: 'repair', now: bj('2026-11-20 10:00'), policy },
    );
    expect(r).toMatchObject({ ok: false, code: 'missing_fields', fields: ['photos'] });
  });
});

describe('ProjectPolicy: the statistical month (company level only)', () => {
  it('is the calendar month by default and the company may count 26th–25th', () => {
    expect(DEFAULT_POLICY.reports.statisticalMonth).toBe('calendar');
    expect(resolvePolicy({ reports: { statisticalMonth: 'day26' } }).policy.reports.statisticalMonth).toBe(
      'day26',
    );
  });

  it.each([['weekly'], [26], [null], ['']])('refuses the month %p', (value) => {
    const p = problems({ reports: { statisticalMonth: value } });
    expect(p).toEqual([{ path: 'reports.statisticalMonth', message: expect.stringContaining('统计月份') }]);
  });

  it('refuses unknown fields of the section', () => {
    expect(problems({ reports: { statisticalMonth: 'calendar', weekStartsOn: 1 } })).toEqual([
      expect.objectContaining({ path: 'reports.weekStartsOn' }),
    ]);
  });

  it("refuses a project's month in words that say HQ sets it for the whole company", () => {
    const r = validatePolicy(
      { reports: { statisticalMonth: 'day26' }, closing: { window: { type: 'calendar_days', days: 400 } } },
      { allow: ['closing', 'routing'], project: true },
    );
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.problems.map((x) => x.message);
    expect(messages[0]).toMatch(/统计月份由集团总部为全公司统一设置.*项目不能单独设置/);
    // the other sections are still checked
    expect(messages.some((m) => m.includes('办结期限的天数'))).toBe(true);
    // the same body for a company: the section is simply not one of the allowed ones
    const company = validatePolicy({ reports: { statisticalMonth: 'day26' } }, { allow: ['closing'] });
    expect(company.ok ? [] : company.problems.map((x) => x.message)).toEqual([
      '规则设置中没有"reports"这一项',
    ]);
  });

  it("drops a project's stored month when resolving, saying why, so every project of a company counts alike", () => {
    const stored = sanitizePolicy({ reports: { statisticalMonth: 'day26' }, closing: {} }).value;
    const { value, problems: p } = withoutCompanyOnly(stored);
    expect(value).toEqual({ closing: {} });
    expect(p).toEqual([{ path: 'reports', message: expect.stringContaining('集团总部') }]);
    const company = { reports: { statisticalMonth: 'day26' as const } };
    expect(resolvePolicy(company, value).policy.reports.statisticalMonth).toBe('day26');
  });
});

describe('ProjectPolicy: the categories a project shows its staff', () => {
  it('shows all eight by default', () => {
    expect(DEFAULT_POLICY.routing.shownCategories).toEqual([...CATEGORY_NAMES]);
    expect(CATEGORY_NAMES.every((c) => isCategoryShown(DEFAULT_POLICY, c))).toBe(true);
  });

  it("resolves a chosen set in the categories' own order, the departments untouched", () => {
    const { policy } = resolvePolicy(
      { routing: { shownCategories: ['其它类', '房屋管理类', '环境管理类'] } },
      { routing: { categories: { 环境管理类: 'cs' } } },
    );
    expect(policy.routing.shownCategories).toEqual(['房屋管理类', '环境管理类', '其它类']);
    expect(isCategoryShown(policy, '开发商相关类')).toBe(false);
    expect(isCategoryShown(policy, '房屋管理类')).toBe(true);
    expect(policy.routing.categories['开发商相关类']).toBe(DEFAULT_POLICY.routing.categories['开发商相关类']);
    expect(policy.routing.categories['环境管理类']).toBe('cs');
  });

  it('a later layer replaces the list as a whole', () => {
    const { policy } = resolvePolicy(
      { routing: { shownCategories: ['房屋管理类'] } },
      { routing: { shownCategories: ['设备管理类', '其它类'] } },
    );
    expect(policy.routing.shownCategories).toEqual(['设备管理类', '其它类']);
  });

  it.each([
    ['none', [], '至少要保留一项'],
    ['an unknown name', ['房屋管理类', '宠物类'], '无效的值'],
    ['a repeated name', ['房屋管理类', '房屋管理类'], '重复'],
    ['too many', [...CATEGORY_NAMES, '其它类'], '1至8项'],
    ['not a list', '房屋管理类', '1至8项'],
    ['a number', [1], '无效的值'],
  ])('refuses %s', (_, value, message) => {
    expect(problems({ routing: { shownCategories: value } })).toEqual([
      { path: 'routing.shownCategories', message: expect.stringContaining(message) },
    ]);
  });

  it('accepts one category, and all eight', () => {
    expect(problems({ routing: { shownCategories: ['其它类'] } })).toEqual([]);
    expect(problems({ routing: { shownCategories: [...CATEGORY_NAMES] } })).toEqual([]);
  });
});
