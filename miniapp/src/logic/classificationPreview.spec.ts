import { shouldPreview } from './classificationPreview';

describe('predicting the department while the resident types', () => {
  it('asks for complaints and repairs from 8 characters on', () => {
    expect(shouldPreview('repair', '厨房水龙头一直漏水')).toBe(true);
    expect(shouldPreview('complaint', '电梯又坏了三天')).toBe(false); // 7 characters
    expect(shouldPreview('complaint', '  电梯又坏了三天了  ')).toBe(true);
  });
  it('does not ask for praise, suggestions, inquiries or before a kind is chosen', () => {
    expect(shouldPreview('praise', '保安师傅很负责任，值得表扬')).toBe(false);
    expect(shouldPreview(null, '厨房水龙头一直漏水')).toBe(false);
  });
});
