import { Logger } from '@nestjs/common';
import { DEFAULT_POLICY } from '@wuye/shared';
import type { PolicyRepository, StoredPolicy } from '../src/policy/policy.repository';
import { PolicyService } from '../src/policy/policy.service';
import type { VisitRuleSetsRepository } from '../src/policy/visit-rule-sets.repository';
import { as } from './support/fakes';

/** PolicyService on an in-memory store: layers, the cache and its invalidation, and stored values it will not use. */
function world(stored: Partial<StoredPolicy> = {}) {
  const row: StoredPolicy = {
    projectId: 'p1',
    companyId: 'c1',
    companyPolicy: null,
    calendarOverrides: null,
    statisticalMonth: 'calendar',
    projectPolicy: null,
    clockSettings: null,
    visitRules: null,
    autoRoute: 1,
    autoRouteThreshold: null,
    routingRules: [],
    ...stored,
  };
  let reads = 0;
  const repo = {
    async stored(projectId: string) {
      reads++;
      return projectId === row.projectId ? row : null;
    },
    async storedCompany(companyId: string) {
      reads++;
      return companyId === row.companyId ? row : null;
    },
    async saveCompany(_: string, fields: { statisticalMonth?: string }) {
      if (fields.statisticalMonth) row.statisticalMonth = fields.statisticalMonth;
    },
  };
  const service = new PolicyService(
    as<PolicyRepository>(repo as never),
    as<VisitRuleSetsRepository>({} as never),
  );
  return { row, service, reads: () => reads };
}

describe('PolicyService', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('puts the project over the company over the defaults', async () => {
    const w = world({
      companyPolicy: JSON.stringify({
        closing: { window: { type: 'calendar_days', days: 10 } },
        transitions: { photosRequiredOnHandled: ['repair'] },
      }),
      projectPolicy: JSON.stringify({ closing: { window: { type: 'working_days', days: 5 } } }),
      clockSettings: JSON.stringify({ deadlineRules: { promisedReply: { type: 'hours', hours: 4 } } }),
    });
    const r = await w.service.forProject('p1');
    expect(r.policy.closing.window).toEqual({ type: 'working_days', days: 5 });
    expect(r.policy.transitions.photosRequiredOnHandled).toEqual(['repair']);
    expect(r.policy.deadlines.promisedReply).toEqual({ type: 'hours', hours: 4 });
    expect(r.transition).toMatchObject({
      closeWindow: { type: 'working_days', days: 5 },
      photosRequiredOnHandled: ['repair'],
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads once per project until the project or its company changes', async () => {
    const w = world();
    await w.service.forProject('p1');
    await w.service.forProject('p1');
    expect(w.reads()).toBe(1);
    w.row.projectPolicy = JSON.stringify({ closing: { window: { type: 'working_days', days: 5 } } });
    w.service.invalidateProject('p1');
    expect((await w.service.forProject('p1')).policy.closing.window.type).toBe('working_days');
    w.service.invalidateCompany();
    await w.service.forProject('p1');
    expect(w.reads()).toBe(3);
  });

  it.each([
    [
      'projects.clockSettings',
      {
        clockSettings: JSON.stringify({
          deadlineRules: { replyByChannel: { miniapp: { type: 'working_days', days: 1000000 } } },
        }),
      },
    ],
    [
      'projects.clockSettings',
      { clockSettings: JSON.stringify({ deadlineRules: { kindsWithoutReply: 5 } }) },
    ],
    ['projects.clockSettings', { clockSettings: '{broken' }],
    ['companies.calendarOverrides', { calendarOverrides: JSON.stringify({ extraHolidays: 5 }) }],
    [
      'projects.policy',
      { projectPolicy: JSON.stringify({ closing: { window: { type: 'working_days', days: 1e9 } } }) },
    ],
  ])('falls back to the defaults and logs when %s holds a value it may not', async (where, stored) => {
    const w = world(stored);
    const r = await w.service.forProject('p1');
    expect(r.policy).toEqual(DEFAULT_POLICY);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(where));
    expect(warn.mock.calls[0][0]).toContain('project p1');
  });

  it('keeps automatic routing off when a routing row is bad', async () => {
    const w = world({
      autoRoute: 0,
      autoRouteThreshold: 0.8,
      routingRules: [
        { category: '环境管理类', departmentCode: 'kitchen' },
        { category: 'trade:elevator', departmentCode: 'sec' },
      ],
    });
    const { routing } = (await w.service.forProject('p1')).policy;
    expect(routing).toMatchObject({ autoRoute: false, autoRouteThreshold: 0.8 });
    expect(routing.categories).toEqual(DEFAULT_POLICY.routing.categories);
    expect(routing.trades.elevator).toBe('sec');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('routing_rules'));
  });

  it('gives an unknown project the defaults', async () => {
    expect((await world().service.forProject('nope')).policy).toEqual(DEFAULT_POLICY);
  });

  describe('the statistical month', () => {
    it("is the company's, for the company and each of its projects; a project's own is ignored with a warning", async () => {
      const w = world({
        statisticalMonth: 'day26',
        projectPolicy: JSON.stringify({ reports: { statisticalMonth: 'calendar' } }),
      });
      expect(await w.service.statisticalMonthOf('c1')).toBe('day26');
      expect((await w.service.forProject('p1')).policy.reports.statisticalMonth).toBe('day26');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('projects.policy'));
      // A company that does not exist: the default.
      expect(await w.service.statisticalMonthOf('nobody')).toBe('calendar');
    });

    it('drops a nonsense value stored in the column, with a warning', async () => {
      const w = world({ statisticalMonth: 'weekly' });
      expect(await w.service.statisticalMonthOf('c1')).toBe('calendar');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('companies.statisticalMonth'));
    });

    it('tells its listeners before and after a change, and only of a change; every cached policy follows', async () => {
      const w = world();
      const heard: string[] = [];
      w.service.onStatisticalMonthChange({
        before: async (c) => void heard.push(`before ${c}`),
        after: async (c) => void heard.push(`after ${c}`),
      });
      expect((await w.service.forProject('p1')).policy.reports.statisticalMonth).toBe('calendar');
      expect(await w.service.statisticalMonthOf('c1')).toBe('calendar');
      await w.service.setStatisticalMonth('c1', 'calendar');
      expect(heard).toEqual([]);
      await w.service.setStatisticalMonth('c1', 'day26');
      expect(heard).toEqual(['before c1', 'after c1']);
      expect((await w.service.forProject('p1')).policy.reports.statisticalMonth).toBe('day26');
      expect(await w.service.statisticalMonthOf('c1')).toBe('day26');
    });

    it('reads a project afresh when asked to, whatever is cached', async () => {
      const w = world();
      await w.service.forProject('p1');
      w.row.statisticalMonth = 'day26';
      expect((await w.service.forProject('p1')).policy.reports.statisticalMonth).toBe('calendar');
      expect(
        (await w.service.forProject('p1', undefined, { fresh: true })).policy.reports.statisticalMonth,
      ).toBe('day26');
    });
  });
});
