import {
  actionFormSpec,
  beijingToIso,
  buildActionBody,
  defaultReplyBy,
  emptyActionValues,
  escalationChoices,
  requirementsFor,
  validateAction,
} from './actionForm';

describe('which fields an action form asks for (from the shared transition table)', () => {
  it('asks nothing for 开始处理', () => {
    expect(actionFormSpec('start', 'assigned', 'repair').fields).toEqual([]);
  });

  it('asks a public note for 提出处理方案, with templates and the wording check', () => {
    const spec = actionFormSpec('propose_solution', 'in_progress', 'repair');
    expect(spec.fields).toEqual(['note']);
    expect(spec.publicReply).toBe(true);
  });

  it('asks the 人/机/料/法/环 cause when a complaint is marked handled, and offers photos', () => {
    expect(actionFormSpec('mark_handled', 'in_progress', 'complaint').fields).toEqual([
      'cause',
      'note',
      'photos',
    ]);
    expect(actionFormSpec('mark_handled', 'in_progress', 'repair').fields).toEqual(['note', 'photos']);
    expect(actionFormSpec('mark_handled', 'in_progress', 'repair').required).toEqual(['note']);
  });

  it('asks department (and optionally a colleague) to assign; a colleague and a reason to transfer', () => {
    const assign = actionFormSpec('assign', 'received', 'complaint');
    expect(assign.fields).toEqual(['department', 'assignee']);
    expect(assign.required).toEqual(['department']);
    const transfer = actionFormSpec('transfer', 'in_progress', 'repair');
    expect(transfer.fields).toEqual(['department', 'assignee', 'reason']);
    expect(transfer.required).toEqual(['assignee', 'reason']);
  });

  it('asks the date for 等待外部单位, the reply time for 约定答复时间, the target for 服务上移', () => {
    expect(actionFormSpec('defer', 'in_progress', 'repair').fields).toEqual(['expectedDate', 'reason']);
    expect(actionFormSpec('schedule_reply', 'confirmed', 'complaint').fields).toEqual(['replyBy']);
    expect(actionFormSpec('escalate', 'assigned', 'complaint').fields).toEqual(['escalateTo', 'reason']);
  });

  it('shows a note and photos for 补充信息 (either one will do)', () => {
    const spec = actionFormSpec('add_info', 'assigned', 'repair');
    expect(spec.fields).toEqual(['note', 'photos']);
    expect(spec.required).toEqual(['content']);
  });

  it('knows nothing of an unknown action', () => {
    expect(requirementsFor('fly', 'received', 'repair')).toEqual([]);
  });
});

describe('checking and sending an action form', () => {
  const now = new Date('2026-11-23T02:00:00Z'); // 10:00 Beijing

  it('names the missing field in Chinese', () => {
    const spec = actionFormSpec('propose_solution', 'in_progress', 'repair');
    expect(validateAction(spec, emptyActionValues(), now)).toBe('请填写说明');
    const cause = actionFormSpec('mark_handled', 'in_progress', 'complaint');
    expect(validateAction(cause, { ...emptyActionValues(), note: '已修好' }, now)).toMatch(/^请选择原因分类/);
    expect(
      validateAction(
        cause,
        { ...emptyActionValues(), note: '已修好', causeFactor: 'people', causeSub: 'quality' },
        now,
      ),
    ).toMatch(/^请选择原因分类/); // 'quality' is a sub-factor of 机, not of 人
    expect(
      validateAction(
        cause,
        { ...emptyActionValues(), note: '已修好', causeFactor: 'people', causeSub: 'attitude' },
        now,
      ),
    ).toBeNull();
  });

  it('accepts 补充信息 with only photos', () => {
    const spec = actionFormSpec('add_info', 'assigned', 'repair');
    expect(validateAction(spec, emptyActionValues(), now)).toBe('请填写补充说明或照片');
    expect(validateAction(spec, { ...emptyActionValues(), photoIds: ['p1'] }, now)).toBeNull();
  });

  it('keeps an agreed reply time within the next 24 hours', () => {
    const spec = actionFormSpec('schedule_reply', 'confirmed', 'complaint');
    const at = (replyDate: string, replyTime: string) =>
      validateAction(spec, { ...emptyActionValues(), replyDate, replyTime }, now);
    expect(at('2026-11-23', '09:00')).toBe('约定答复时间必须晚于现在');
    expect(at('2026-11-24', '11:00')).toBe('约定答复时间须在24小时之内');
    expect(at('2026-11-23', '16:00')).toBeNull();
  });

  it('sends only the fields the action uses, with the version seen', () => {
    const spec = actionFormSpec('mark_handled', 'in_progress', 'complaint');
    const body = buildActionBody('mark_handled', 7, spec, {
      ...emptyActionValues(),
      note: ' 已更换阀芯 ',
      photoIds: ['p1'],
      causeFactor: 'machine',
      causeSub: 'quality',
      reason: 'ignored',
      escalateTo: 'hq',
    });
    expect(body).toEqual({
      action: 'mark_handled',
      version: 7,
      note: '已更换阀芯',
      photoIds: ['p1'],
      cause: { factor: 'machine', sub: 'quality' },
    });
  });

  it('sends the class of a repair at dispatch, and the fix date only for a major one', () => {
    const assign = actionFormSpec('assign', 'confirmed', 'repair');
    const base = { ...emptyActionValues(), departmentCode: 'eng' };
    expect(
      buildActionBody('assign', 2, assign, { ...base, repairClass: 'major', fixBy: '2026-12-21' }),
    ).toEqual({
      action: 'assign',
      version: 2,
      departmentCode: 'eng',
      repairClass: 'major',
      fixBy: '2026-12-21',
    });
    expect(
      buildActionBody('assign', 2, assign, { ...base, repairClass: 'small', fixBy: '2026-12-21' }),
    ).toEqual({
      action: 'assign',
      version: 2,
      departmentCode: 'eng',
      repairClass: 'small',
    });
    const transfer = actionFormSpec('transfer', 'in_progress', 'repair');
    expect(
      buildActionBody('transfer', 3, transfer, {
        ...base,
        assigneeId: 'u2',
        reason: 'x',
        repairClass: 'major',
      }),
    ).not.toHaveProperty('repairClass');
  });

  it('sends a transfer with the colleague only (the department was a filter)', () => {
    const spec = actionFormSpec('transfer', 'in_progress', 'repair');
    expect(
      buildActionBody('transfer', 3, spec, {
        ...emptyActionValues(),
        departmentCode: 'eng',
        assigneeId: 'u2',
        reason: '休假',
      }),
    ).toEqual({ action: 'transfer', version: 3, assigneeId: 'u2', reason: '休假' });
    const assign = actionFormSpec('assign', 'received', 'repair');
    expect(buildActionBody('assign', 1, assign, { ...emptyActionValues(), departmentCode: 'eng' })).toEqual({
      action: 'assign',
      version: 1,
      departmentCode: 'eng',
    });
  });

  it('sends the agreed reply time as an ISO instant from Beijing wall-clock time', () => {
    expect(beijingToIso('2026-11-23', '16:30')).toBe('2026-11-23T08:30:00.000Z');
    expect(beijingToIso('', '16:30')).toBeNull();
    expect(defaultReplyBy(now)).toEqual({ date: '2026-11-23', time: '12:00' });
  });
});

describe('服务上移 only goes up', () => {
  it('offers a front-desk clerk every level above them', () => {
    expect(escalationChoices('dept_staff', null)).toEqual(['cs_lead', 'project_manager', 'hq']);
  });
  it('offers the lead only the project manager and HQ, and nothing below the current level', () => {
    expect(escalationChoices('cs_lead', null)).toEqual(['project_manager', 'hq']);
    expect(escalationChoices('front_desk', 'project_manager')).toEqual(['hq']);
    expect(escalationChoices('project_manager', 'hq')).toEqual([]);
  });
});
