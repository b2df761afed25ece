import { DEFAULT_ESCALATION_RULES, isLate, planDeadline } from './escalation';

const at = (s: string) => new Date(s);

describe('planDeadline', () => {
  it('counts the 75% in working time, across a weekend', () => {
    // Thu 09:00 → Tue 17:30 is 35.5 working hours; 75% lands on Tuesday 08:37:30.
    const plan = planDeadline(at('2026-11-19T09:00:00+08:00'), at('2026-11-24T17:30:00+08:00'));
    expect(plan.remindAt?.toISOString()).toBe(at('2026-11-24T08:37:30+08:00').toISOString());
  });

  it('reminds at 75% of the time and escalates at the deadline, then a working day later', () => {
    // Thursday 2026-11-19 09:30 Beijing → due 17:30 the same day.
    const plan = planDeadline(at('2026-11-19T09:30:00+08:00'), at('2026-11-19T17:30:00+08:00'));
    expect(plan.remindAt?.toISOString()).toBe(at('2026-11-19T15:30:00+08:00').toISOString());
    expect(plan.steps.map((s) => [s.level, s.at.toISOString(), s.notify.join(',')])).toEqual([
      [1, at('2026-11-19T17:30:00+08:00').toISOString(), 'assignee,cs_lead'],
      [2, at('2026-11-20T17:30:00+08:00').toISOString(), 'project_manager'],
    ]);
  });

  it('skips weekends for the next step and adds group HQ only for a major complaint', () => {
    // Due Friday 2026-11-20 17:30 → PM on Monday 23rd, HQ on Tuesday 24th.
    const plan = planDeadline(at('2026-11-18T09:00:00+08:00'), at('2026-11-20T17:30:00+08:00'), {
      major: true,
    });
    expect(plan.steps.map((s) => s.at.toISOString())).toEqual([
      at('2026-11-20T17:30:00+08:00').toISOString(),
      at('2026-11-23T17:30:00+08:00').toISOString(),
      at('2026-11-24T17:30:00+08:00').toISOString(),
    ]);
    expect(plan.steps[2].notify).toEqual(['hq']);
  });

  it('skips the National Day holiday (2026-10-01…07) when stepping up', () => {
    const plan = planDeadline(at('2026-09-30T09:00:00+08:00'), at('2026-09-30T17:30:00+08:00'));
    expect(plan.steps[1].at.toISOString()).toBe(at('2026-10-08T17:30:00+08:00').toISOString());
  });

  it('has no reminder when the deadline is already due', () => {
    const t = at('2026-11-19T17:30:00+08:00');
    expect(planDeadline(t, t).remindAt).toBeNull();
    expect(planDeadline(at('2026-11-19T18:00:00+08:00'), t).remindAt).toBeNull();
  });

  it('takes a project’s own share and steps', () => {
    const plan = planDeadline(at('2026-11-19T09:00:00+08:00'), at('2026-11-19T17:00:00+08:00'), {
      rules: { remindAt: 0.5, steps: [{ level: 1, afterWorkingDays: 0, notify: ['cs_lead'] }] },
    });
    expect(plan.remindAt?.toISOString()).toBe(at('2026-11-19T13:00:00+08:00').toISOString());
    expect(plan.steps).toHaveLength(1);
    expect(DEFAULT_ESCALATION_RULES.steps).toHaveLength(3);
  });
});

describe('isLate', () => {
  it('flags work finished after its deadline only', () => {
    const due = at('2026-11-19T17:30:00+08:00');
    expect(isLate(due, at('2026-11-19T17:31:00+08:00'))).toBe(true);
    expect(isLate(due, at('2026-11-19T17:30:00+08:00'))).toBe(false);
    expect(isLate(null, at('2026-11-19T17:31:00+08:00'))).toBe(false);
    expect(isLate(due, null)).toBe(false);
  });
});
