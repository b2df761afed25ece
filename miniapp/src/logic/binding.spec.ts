import { BINDING_STATUS_LABELS, normalizeCode, validateApplication } from './binding';

const app = { householdId: 'h1', relation: 'owner' as const, name: '张三', phone: '13800138000' };

describe('household binding application', () => {
  it('accepts a complete application', () => expect(validateApplication(app)).toBeNull());
  it('needs a household, a relation, a name and an 11-digit mobile number', () => {
    expect(validateApplication({ ...app, householdId: null })).toMatch(/房号/);
    expect(validateApplication({ ...app, relation: null })).toMatch(/关系/);
    expect(validateApplication({ ...app, name: ' ' })).toMatch(/姓名/);
    expect(validateApplication({ ...app, phone: '1380013800' })).toMatch(/手机号/);
  });
  it('normalizes a typed code', () => expect(normalizeCode(' ab 12 cd ')).toBe('AB12CD'));
  it('labels every status in Chinese', () => {
    expect(Object.values(BINDING_STATUS_LABELS)).toEqual(['待物业审核', '已绑定', '未通过']);
  });
});
