import type { PriceItemView } from '../services/types';
import { addMaterial, addPriceItem, previewQuote, quoteRequest, setQuantity } from './quoteForm';

const list: PriceItemView[] = [
  { id: 'p-call', kind: 'callout', name: '上门费', unit: '次', priceFen: 3000 },
  { id: 'p-tap', kind: 'labour', name: '更换水龙头', unit: '个', priceFen: 5000 },
];

describe('the staff quote form (报价单)', () => {
  it('adds price-list items once, counting repeats as quantity', () => {
    let lines = addPriceItem([], list[0]);
    lines = addPriceItem(lines, list[1]);
    lines = addPriceItem(lines, list[1]);
    expect(lines).toEqual([
      { priceItemId: 'p-call', quantity: 1 },
      { priceItemId: 'p-tap', quantity: 2 },
    ]);
    expect(setQuantity(lines, 0, 0)).toEqual([{ priceItemId: 'p-tap', quantity: 2 }]);
  });

  it('prices the quote as the server will, materials typed in yuan at cost', () => {
    const lines = addMaterial(addPriceItem(addPriceItem([], list[0]), list[1]), ' 水龙头 ', '45.5', '个');
    expect(previewQuote(lines, list)).toEqual({
      ok: true,
      message: null,
      totalText: '¥125.50',
      rows: [
        { name: '上门费', kind: '上门费', detail: '¥30.00 × 1次', amount: '¥30.00' },
        { name: '更换水龙头', kind: '人工费', detail: '¥50.00 × 1个', amount: '¥50.00' },
        { name: '水龙头', kind: '材料费（按成本价）', detail: '¥45.50 × 1个', amount: '¥45.50' },
      ],
    });
    expect(quoteRequest(lines, '  ')).toEqual({
      items: [
        { priceItemId: 'p-call', quantity: 1 },
        { priceItemId: 'p-tap', quantity: 1 },
        { kind: 'material', name: '水龙头', unit: '个', unitPriceFen: 4550, quantity: 1 },
      ],
    });
  });

  it('says what is wrong before anything is sent', () => {
    expect(previewQuote([], list).message).toBe('请至少添加一项收费项目');
    expect(previewQuote(addMaterial([], '水管', '12.345', '米'), list).message).toBe(
      '请填写正确的成本单价，如 25.50',
    );
    expect(previewQuote([{ priceItemId: 'gone', quantity: 1 }], list).ok).toBe(false);
  });
});
