import {
  needsConfirm,
  needsReason,
  proposedSolution,
  residentActionBody,
  residentActions,
  validateResidentAction,
} from './residentActions';

describe("the resident's own moves on a ticket", () => {
  it('offers only resident actions the server allows', () => {
    expect(residentActions(['cancel', 'add_info'])).toEqual(['add_info', 'cancel']);
    expect(
      residentActions(['accept_solution', 'reject_solution', 'cancel', 'add_info', 'internal_note']),
    ).toEqual(['accept_solution', 'reject_solution', 'add_info', 'cancel']);
    expect(residentActions(undefined)).toEqual([]);
  });

  it('asks a reason to reject, reopen or cancel, and confirms a cancel', () => {
    expect(needsReason('reject_solution')).toBe(true);
    expect(needsReason('accept_solution')).toBe(false);
    expect(needsConfirm('cancel')).toBe(true);
    expect(validateResidentAction('reopen', { reason: ' ' })).toBe('请填写原因');
    expect(validateResidentAction('add_info', {})).toBe('请填写补充说明或添加照片');
    expect(validateResidentAction('add_info', { photoIds: ['p'] })).toBeNull();
  });

  it('sends the version and only what the action uses', () => {
    expect(residentActionBody('accept_solution', 4, { reason: 'x' })).toEqual({
      action: 'accept_solution',
      version: 4,
    });
    expect(residentActionBody('cancel', 4, { reason: ' 已自行解决 ' })).toEqual({
      action: 'cancel',
      version: 4,
      reason: '已自行解决',
    });
    expect(residentActionBody('add_info', 5, { note: '补充照片', photoIds: ['p1'] })).toEqual({
      action: 'add_info',
      version: 5,
      note: '补充照片',
      photoIds: ['p1'],
    });
  });

  it('shows the newest proposed plan', () => {
    const events = [
      { action: 'propose_solution', note: '方案一', createdAt: '2026-11-23T01:00:00Z' },
      { action: 'reject_solution', note: '不行', createdAt: '2026-11-23T02:00:00Z' },
      { action: 'propose_solution', note: '方案二', createdAt: '2026-11-23T03:00:00Z' },
    ];
    expect(proposedSolution(events)).toBe('方案二');
    expect(proposedSolution([])).toBeNull();
  });
});
