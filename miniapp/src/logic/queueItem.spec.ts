import { canSeeInventory, dueText, placeText, tabPath, tabsFor, tagsOf } from './queueItem';

const now = new Date('2026-11-23T02:00:00Z');

describe('a ticket in a staff queue', () => {
  it('shows the due time in Beijing time', () => {
    expect(dueText({ dueAt: '2026-11-23T09:30:00.000Z', overdue: false }, now)).toBe('11月23日 17:30 前');
  });

  it('says 已超时 when the server marks it overdue', () => {
    expect(dueText({ dueAt: '2026-11-22T09:30:00.000Z', overdue: true }, now)).toBe(
      '已超时（应于 11月22日 17:30 前）',
    );
  });

  it('has no deadline while deferred', () => {
    expect(dueText({ dueAt: null, overdue: false }, now)).toBe('无时限');
    expect(dueText({ dueAt: null, overdue: false, status: 'deferred' }, now)).toBe(
      '暂停计时（等待外部单位）',
    );
  });

  it('says why a finished ticket has no deadline (search results)', () => {
    expect(dueText({ dueAt: null, overdue: false, status: 'closed' }, now)).toBe('已办结');
    expect(dueText({ dueAt: null, overdue: false, status: 'cancelled' }, now)).toBe('已撤销');
    expect(dueText({ dueAt: null, overdue: false, status: 'awaiting_visit' }, now)).toBe('已处理，待回访');
  });

  it('tags a ticket passed up (服务上移) with whom it went to', () => {
    expect(
      tagsOf({
        emergency: false,
        priority: 0,
        priorityReason: null,
        triage: false,
        escalationLevel: 'project_manager',
      }),
    ).toEqual([{ text: '已上移项目经理', tone: 'warn' }]);
  });

  it('names the household, or the public place', () => {
    expect(placeText({ household: { id: 'h', label: '3栋1单元302' }, location: null })).toBe('3栋1单元302');
    expect(placeText({ household: null, location: '地下车库B区' })).toBe('公共区域：地下车库B区');
  });

  it('tags emergencies and key customers', () => {
    expect(
      tagsOf({
        emergency: true,
        priority: 100,
        priorityReason: '重点客户（长期患病）：须优先响应',
        triage: false,
      }).map((t) => t.text),
    ).toEqual(['紧急', '重点客户']);
    expect(tagsOf({ emergency: false, priority: 0, priorityReason: null, triage: false })).toEqual([]);
  });
});

describe('workbench tabs by role', () => {
  const scopes = (role: string) => tabsFor(role).map((t) => t.scope);
  it('gives department staff their own and their department queue', () => {
    expect(scopes('dept_staff')).toEqual(['mine', 'department']);
  });
  it('adds 待分派 for the front desk, and 全部工单 for the lead and the project manager', () => {
    expect(scopes('front_desk')).toEqual(['mine', 'department', 'triage', 'registered']);
    expect(scopes('cs_lead')).toEqual(['mine', 'department', 'triage', 'project', 'registered']);
    expect(scopes('project_manager')).toEqual(['mine', 'department', 'triage', 'project', 'registered']);
  });
  it('lists 我登记的 from the search, every other tab from its queue', () => {
    expect(tabPath('registered')).toBe('/api/staff/search?registered=true');
    expect(tabPath('triage')).toBe('/api/staff/queue?scope=triage');
  });
  it('shows 日盘点 to the front desk, the lead and the project manager only', () => {
    expect(['front_desk', 'cs_lead', 'project_manager', 'dept_staff'].map(canSeeInventory)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('warns when a deadline falls in a year the holiday calendar does not cover', () => {
    const base = { emergency: false, priority: 0, priorityReason: null, triage: false };
    expect(tagsOf({ ...base, calendarUncertain: true })).toEqual([{ text: '日历未覆盖', tone: 'warn' }]);
    expect(tagsOf(base)).toEqual([]);
  });
});
