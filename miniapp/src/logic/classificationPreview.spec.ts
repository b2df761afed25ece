import { shouldPreview, showsDepartment } from './classificationPreview';

describe('reading the text while the resident types', () => {
  it('asks from 2 characters on, once a kind is chosen ("电梯困人" must be read at once)', () => {
    expect(shouldPreview('complaint', '电梯困人')).toBe(true);
    expect(shouldPreview('repair', '漏水')).toBe(true);
    expect(shouldPreview('complaint', ' 漏 ')).toBe(false);
    expect(shouldPreview(null, '厨房水龙头一直漏水')).toBe(false);
  });
  it('asks for every kind (an emergency or a repair may be filed as praise or an inquiry)', () => {
    expect(shouldPreview('inquiry', '楼道有煤气味怎么办')).toBe(true);
  });
  it('shows the handling department only for complaints and repairs', () => {
    expect(showsDepartment('complaint')).toBe(true);
    expect(showsDepartment('repair')).toBe(true);
    expect(showsDepartment('praise')).toBe(false);
    expect(showsDepartment(null)).toBe(false);
  });
});
