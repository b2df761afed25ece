import { planVisits, shanghaiDayEnd, visitDueAt } from './schedule';
import { detectRepairType, REPAIR_VISIT_TYPES } from './repair-types';
import { DEFAULT_VISIT_RULES, resolveVisitRules, describeVisitWhen } from './rules';
import { deriveComplaintLevel } from './levels';

const bj = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const HANDLED = bj('2026-11-19 15:00'); // a Thursday afternoon

const repair = (text: string, extra: object = {}) =>
  planVisits({ kind: 'repair', text, handledAt: HANDLED, ...extra })!;

describe('which repair-specific schedule a repair follows (the return-visit handbook)', () => {
  it.each([
    ['客厅天花板批荡掉下来了，差点砸到人', 'danger'],
    ['卧室墙上裂缝很宽，越来越大', 'danger'],
    ['阳台灯罩松动了快掉下来', 'danger'],
    ['吊柜倾斜了，感觉要掉', 'danger'],
    ['洗衣机外壳带电，摸一下麻手', 'danger'],
    ['卫生间天花板漏水，一直在滴', 'seepage'],
    ['卧室墙角渗水，墙面发霉', 'seepage'],
    ['厨房下水道堵了，水排不下去', 'plumbing'],
    ['马桶堵塞', 'plumbing'],
    ['卫生间水龙头一直滴水，关不紧', 'plumbing'],
    ['有线电视信号很差，全是雪花', 'tv_signal'],
    ['冰箱不制冷了', 'appliance'],
    ['插头断了需要修一下', 'appliance'],
    ['客厅墙面有一条细小裂纹', 'wall_crack'],
    ['单元门禁坏了刷不开', 'safety_facility'],
    ['楼上漏水到我家阳台', 'leak'],
    ['楼道声控灯坏了', 'general'],
  ])('%s → %s', (text, type) => {
    expect(detectRepairType(text).type).toBe(type);
  });

  it('knows when the text names rain as the cause', () => {
    expect(detectRepairType('昨晚下大雨后卧室墙角渗水').rainCaused).toBe(true);
    expect(detectRepairType('卧室墙角渗水').rainCaused).toBe(false);
  });

  it('reads traditional characters and full-width text too', () => {
    expect(detectRepairType('臥室牆角滲水').type).toBe('seepage');
  });

  it('has a schedule for every type', () => {
    for (const t of REPAIR_VISIT_TYPES)
      expect(DEFAULT_VISIT_RULES.repair[t].visits.length).toBeGreaterThan(0);
  });
});

describe('when a repair is visited', () => {
  it('visits an ordinary repair within 24 h — by the resident answering online in the first 12, else by staff', () => {
    const plan = repair('楼道声控灯坏了');
    expect(plan.repairType).toBe('general');
    expect(iso(plan.inviteDeadline)).toBe(iso(bj('2026-11-20 03:00')));
    // The staff visit takes over the unanswered invitation and is still due within 24 hours of handling.
    expect(plan.visits).toHaveLength(1);
    expect(iso(plan.visits[0].dueAt)).toBe(iso(bj('2026-11-20 15:00')));
    expect(plan.visits[0]).toMatchObject({ form: 'phone', visitorRole: 'front_desk', trigger: 'time' });
  });

  it('has staff call within 24 h when the resident has no account to answer online', () => {
    const plan = repair('楼道声控灯坏了', { online: false });
    expect(plan.inviteDeadline).toBeNull();
    expect(iso(plan.visits[0].dueAt)).toBe(iso(bj('2026-11-20 15:00')));
  });

  it('visits a blocked pipe the next day', () => {
    const plan = repair('厨房下水道堵了');
    expect(plan.visits.map((v) => iso(v.dueAt))).toEqual([iso(bj('2026-11-21 00:00'))]);
    expect(plan.visits[0].basis).toContain('次日回访');
  });

  it('visits an appliance repair the next day', () => {
    expect(iso(repair('冰箱不制冷').visits[0].dueAt)).toBe(iso(bj('2026-11-21 00:00')));
  });

  it('visits seepage the day after, and again after the next rain when rain caused it', () => {
    const dry = repair('卧室墙角渗水');
    expect(dry.visits).toHaveLength(1);
    const rain = repair('下雨后卧室墙角渗水');
    expect(rain.rainCaused).toBe(true);
    expect(rain.visits).toHaveLength(2);
    expect(iso(rain.visits[0].dueAt)).toBe(iso(bj('2026-11-21 00:00')));
    expect(rain.visits[1]).toMatchObject({ seq: 2, dueAt: null, trigger: 'after_rain' });
  });

  it('visits danger to life within a week and offers repeated visits', () => {
    const plan = repair('天花板批荡掉落');
    expect(iso(plan.visits[0].dueAt)).toBe(iso(bj('2026-11-27 00:00')));
    expect(plan.repeatEveryDays).toBe(7);
  });

  it('visits a harmless wall crack within 5 days and again within a month', () => {
    const plan = repair('墙面有细小裂纹');
    expect(plan.visits.map((v) => iso(v.dueAt))).toEqual([
      iso(bj('2026-11-25 00:00')),
      iso(bj('2026-12-20 00:00')),
    ]);
    expect(plan.visits[1].basis).toContain('第2次回访');
  });

  it('visits safety facilities within 2 days and leaks within 3', () => {
    expect(iso(repair('门禁坏了').visits[0].dueAt)).toBe(iso(bj('2026-11-22 00:00')));
    expect(iso(repair('楼上漏水到我家').visits[0].dueAt)).toBe(iso(bj('2026-11-23 00:00')));
  });

  it("follows staff's correction of the type and of the rain", () => {
    const plan = repair('楼道声控灯坏了', { repairType: 'seepage', rainCaused: true });
    expect(plan.repairType).toBe('seepage');
    expect(plan.visits).toHaveLength(2);
  });

  it('counts calendar days in Beijing time, whatever the hour of handling', () => {
    // Handled just before midnight Beijing time (UTC 15:50): "next day" is still the following Beijing day.
    const late = bj('2026-11-19 23:50');
    expect(iso(visitDueAt(late, { type: 'next_day' }))).toBe(iso(bj('2026-11-21 00:00')));
    expect(iso(visitDueAt(late, { type: 'days', days: 5 }))).toBe(iso(bj('2026-11-25 00:00')));
    expect(visitDueAt(late, { type: 'after_rain' })).toBeNull();
    expect(iso(shanghaiDayEnd(late))).toBe(iso(bj('2026-11-20 00:00')));
  });
});

describe('complaint visits by level (the return-visit handbook)', () => {
  const complaint = (level: 1 | 2 | 3 | 4) =>
    planVisits({ kind: 'complaint', text: '保安态度恶劣', handledAt: HANDLED, complaintLevel: level })!;

  it.each([
    [1, 'hq'],
    [2, 'project_manager'],
    [3, 'cs_lead'],
    [4, 'front_desk'],
  ] as const)('a level-%s complaint is visited at home by %s', (level, role) => {
    const plan = complaint(level);
    expect(plan.complaintLevel).toBe(level);
    expect(plan.visits[0]).toMatchObject({ visitorRole: role, form: 'home' });
    expect(iso(plan.visits[0].dueAt)).toBe(iso(bj('2026-11-23 00:00')));
  });

  it('treats a complaint without a level as level 4', () => {
    expect(planVisits({ kind: 'complaint', text: 'x', handledAt: HANDLED })!.complaintLevel).toBe(4);
  });

  it('plans nothing for suggestions, praise and inquiries', () => {
    for (const kind of ['suggestion', 'praise', 'inquiry'] as const)
      expect(planVisits({ kind, text: 'x', handledAt: HANDLED })).toBeNull();
  });
});

describe('the default complaint level', () => {
  const base = { majorComplaint: false, hot: false, escalationLevel: null, agitated: false };
  it.each([
    [{ majorComplaint: true }, 1],
    [{ escalationLevel: 'hq' }, 1],
    [{ hot: true }, 2],
    [{ escalationLevel: 'project_manager' }, 2],
    [{ escalationLevel: 'cs_lead' }, 3],
    [{ agitated: true }, 3],
    [{}, 4],
  ] as const)('%j → level %s', (facts, level) => {
    expect(deriveComplaintLevel({ ...base, ...facts }).level).toBe(level);
  });
});

describe("a project's own schedule", () => {
  it('overrides one entry and keeps the rest', () => {
    const rules = resolveVisitRules({
      repair: { plumbing: { visits: [{ type: 'hours', hours: 48 }] } },
      complaint: { 4: { visitorRole: 'cs_lead' } },
    });
    expect(rules.repair.plumbing.visits).toEqual([{ type: 'hours', hours: 48 }]);
    expect(rules.repair.plumbing.basis).toBe(DEFAULT_VISIT_RULES.repair.plumbing.basis);
    expect(rules.repair.seepage).toEqual(DEFAULT_VISIT_RULES.repair.seepage);
    expect(rules.complaint[4]).toMatchObject({ visitorRole: 'cs_lead', form: 'home' });
    const plan = planVisits({ kind: 'repair', text: '下水道堵了', handledAt: HANDLED }, rules)!;
    expect(iso(plan.visits[0].dueAt)).toBe(iso(bj('2026-11-21 15:00')));
  });

  it('refuses nonsense with a Chinese message', () => {
    expect(() => resolveVisitRules({ repair: { plumbing: { visits: [] } } })).toThrow(/回访规则/);
    expect(() =>
      resolveVisitRules({ repair: { plumbing: { visits: [{ type: 'days', days: 1.5 }] } } }),
    ).toThrow(RangeError);
    expect(() => resolveVisitRules({ repair: { plumbing: { visits: [{ type: 'after_rain' }] } } })).toThrow(
      RangeError,
    );
    expect(() => resolveVisitRules({ complaint: { 2: { visitorRole: 'resident' as never } } })).toThrow(
      RangeError,
    );
    expect(() => resolveVisitRules({ repeatComplaint: { windowDays: 30 } })).toThrow(RangeError);
    expect(() => resolveVisitRules({ repair: { nonsense: {} } as never })).toThrow(RangeError);
  });

  it('describes due rules in Chinese', () => {
    expect(describeVisitWhen({ type: 'next_day' })).toBe('次日');
    expect(describeVisitWhen({ type: 'days', days: 5 })).toBe('5日内');
    expect(describeVisitWhen({ type: 'hours', hours: 24 })).toBe('24小时内');
    expect(describeVisitWhen({ type: 'after_rain' })).toBe('下雨后');
  });
});
