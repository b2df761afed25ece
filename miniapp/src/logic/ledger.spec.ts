import { contactName, dialNumber, ledgerPath } from './ledger';

describe('重点客户台账', () => {
  it('asks for the whole ledger, or by reason, special needs and words', () => {
    expect(ledgerPath({ reason: '', specialNeeds: false, q: ' ' })).toBe('/api/households/ledger');
    expect(ledgerPath({ reason: 'living_alone', specialNeeds: true, q: '制氧机' })).toBe(
      `/api/households/ledger?reason=living_alone&specialNeeds=true&q=${encodeURIComponent('制氧机')}`,
    );
  });
  it('reads a contact and dials only the digits', () => {
    expect(contactName({ name: '何小军', phone: '1', relation: '儿子' })).toBe('何小军（儿子）');
    expect(contactName({ name: '何小军', phone: '1' })).toBe('何小军');
    expect(dialNumber('136-0000 0001')).toBe('13600000001');
  });
});
