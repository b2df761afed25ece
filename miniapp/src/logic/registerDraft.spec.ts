import {
  buildRegisterBody,
  editRegisterDraft,
  emptyRegisterDraft,
  flattenHouseholds,
  restoreRegisterDraft,
  validateRegister,
} from './registerDraft';

const key = () => 'key-0001-abcd';

describe('代客登记 on a resident’s behalf', () => {
  it('gets an idempotency key on the first edit and keeps it', () => {
    const d = editRegisterDraft(emptyRegisterDraft(), { kind: 'repair' }, key);
    expect(d.idempotencyKey).toBe('key-0001-abcd');
    expect(editRegisterDraft(d, { content: 'x' }, () => 'other').idempotencyKey).toBe('key-0001-abcd');
  });

  it('checks kind, content, phone and location', () => {
    const base = { ...emptyRegisterDraft(), kind: 'repair' as const, content: '3栋电梯按键失灵' };
    expect(validateRegister(emptyRegisterDraft())).toBe('请选择反馈类型');
    expect(validateRegister({ ...base, content: '坏' })).toMatch(/至少写 2 个字/);
    expect(validateRegister({ ...base, contactPhone: 'abc' })).toBe('联系电话格式不正确');
    expect(validateRegister(base)).toBe('请选择房屋');
    expect(validateRegister({ ...base, locationMode: 'public' })).toBe('请填写公共区域的具体位置');
    expect(validateRegister({ ...base, householdId: 'h1' })).toBeNull();
  });

  it('sends the channel and the caller, but no contact when anonymous', () => {
    const d = {
      ...emptyRegisterDraft(),
      channel: 'walk_in' as const,
      kind: 'complaint' as const,
      content: ' 夜里广场舞噪音太大 ',
      contactName: '王先生',
      contactPhone: '13800138000',
      locationMode: 'public' as const,
      place: '中心广场',
      idempotencyKey: 'k-12345678',
    };
    expect(buildRegisterBody(d)).toEqual({
      kind: 'complaint',
      content: '夜里广场舞噪音太大',
      channel: 'walk_in',
      anonymous: false,
      photoIds: [],
      idempotencyKey: 'k-12345678',
      contactName: '王先生',
      contactPhone: '13800138000',
      location: '中心广场',
    });
    const anon = buildRegisterBody({ ...d, anonymous: true });
    expect(anon).not.toHaveProperty('contactName');
    expect(anon).not.toHaveProperty('contactPhone');
  });

  it('restores a stored draft and drops what is malformed', () => {
    expect(restoreRegisterDraft(null)).toBeNull();
    const d = restoreRegisterDraft({
      channel: 'fax',
      kind: 'repair',
      content: '漏水',
      idempotencyKey: 'k-1',
    });
    expect(d).toMatchObject({ channel: 'phone', kind: 'repair', content: '漏水', idempotencyKey: 'k-1' });
  });

  it('lists the project’s households for the picker', () => {
    const tree = {
      buildings: [
        { units: [{ households: [{ id: 'a', label: '1栋1单元101', room: '101' }] }] },
        { units: [{ households: [{ id: 'b', label: '2栋1单元201', room: '201' }] }, { households: [] }] },
      ],
    };
    expect(flattenHouseholds(tree)).toEqual([
      { id: 'a', label: '1栋1单元101' },
      { id: 'b', label: '2栋1单元201' },
    ]);
  });
});
