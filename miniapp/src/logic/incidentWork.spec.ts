import {
  canEditIncident,
  canPlanVisits,
  incidentCounts,
  moveSummary,
  numberProblem,
  replyProblem,
} from './incidentWork';

describe('working an event as one', () => {
  it('lets the front desk, the lead and the manager link and unlink, nobody else', () => {
    expect(canEditIncident('front_desk')).toBe(true);
    expect(canEditIncident('cs_lead')).toBe(true);
    expect(canEditIncident('project_manager')).toBe(true);
    expect(canEditIncident('dept_staff')).toBe(false);
    expect(canEditIncident('hq')).toBe(false);
    expect(canEditIncident(null)).toBe(false);
    // the visit plan is the lead's and the manager's
    expect(canPlanVisits('cs_lead')).toBe(true);
    expect(canPlanVisits('project_manager')).toBe(true);
    expect(canPlanVisits('front_desk')).toBe(false);
  });

  it('wants a real reply before it goes to every complainant', () => {
    expect(replyProblem('  好的 ')).toMatch(/至少 5 个字/);
    expect(replyProblem('电梯主板已订购，周五前修复')).toBeNull();
    expect(replyProblem('字'.repeat(2001))).toMatch(/2000/);
    expect(numberProblem(' ')).toMatch(/请填写/);
    expect(numberProblem('TS20261105-0001')).toBeNull();
  });

  it('tells staff how many complaints the move reached and why the others were left', () => {
    expect(
      moveSummary(
        {
          done: 2,
          total: 3,
          results: [
            { ticketId: 'a', number: 'TS1', ok: true, status: 'in_progress' },
            { ticketId: 'b', number: 'TS2', ok: true, status: 'in_progress' },
            { ticketId: 'c', number: 'TS3', ok: false, message: '已办结或已撤销，未处理' },
          ],
        },
        '答复',
      ),
    ).toBe('已答复 2/3 条投诉；未处理：TS3（已办结或已撤销，未处理）');
    expect(
      moveSummary({ done: 1, total: 1, results: [{ ticketId: 'a', number: 'TS1', ok: true }] }, '答复'),
    ).toBe('已答复 1/1 条投诉');
    expect(moveSummary({ done: 0, total: 0, results: [] }, '答复')).toBe('该事件没有投诉');
    expect(incidentCounts({ complainantCount: 3, ticketCount: 4 })).toBe('3 人 · 4 次');
  });
});
