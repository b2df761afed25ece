import { applicantLine, bindingsButton, decisionError, maskPhone, reviewsBindings } from './bindingReview';

describe('binding review', () => {
  it('is the service centre’s work', () => {
    expect(['front_desk', 'cs_lead', 'project_manager'].every(reviewsBindings)).toBe(true);
    expect(reviewsBindings('dept_staff')).toBe(false);
    expect(reviewsBindings('hq')).toBe(false);
    expect(reviewsBindings(undefined)).toBe(false);
  });

  it('masks the phone on the list', () => {
    expect(maskPhone('13811112222')).toBe('138****2222');
    expect(applicantLine({ name: '新住户', relation: 'tenant', phone: '13811112222' })).toBe(
      '新住户 · 租户 · 138****2222',
    );
    expect(applicantLine({ name: '新住户', relation: 'owner', phone: '13811112222' }, true)).toBe(
      '新住户 · 业主 · 13811112222',
    );
    expect(applicantLine({ name: '王', relation: 'family', phone: null })).toBe('王 · 家属 · 未留电话');
  });

  it('needs a reason to refuse, not to approve', () => {
    expect(decisionError(false, ' ')).toBe('请填写驳回原因，住户会看到');
    expect(decisionError(false, '产权信息不符')).toBeNull();
    expect(decisionError(true, '')).toBeNull();
    expect(decisionError(true, 'x'.repeat(201))).toBe('备注不能超过 200 字');
  });

  it('shows the number waiting on the workbench', () => {
    expect(bindingsButton(0)).toBe('住户绑定');
    expect(bindingsButton(3)).toBe('住户绑定 3');
    expect(bindingsButton(120)).toBe('住户绑定 99+');
  });
});
