import {
  activeBody,
  canEditPriceList,
  draftFromItem,
  fenToYuanText,
  groupPriceItems,
  newPriceDraft,
  parsePrice,
  priceDraftProblem,
  priceItemBody,
  priceItemPath,
  priceListPath,
  priceText,
  type PriceDraft,
} from './priceList';
import type { PriceItem } from '../services/types';

const item = (over: Partial<PriceItem> & { id: string }): PriceItem => ({
  kind: 'labour',
  name: over.id,
  unit: '次',
  priceFen: 5000,
  sort: 0,
  active: true,
  ...over,
});

const draft = (over: Partial<PriceDraft> = {}): PriceDraft => ({
  ...newPriceDraft(),
  name: '更换水龙头',
  priceYuan: '50',
  ...over,
});

describe('price list: who edits', () => {
  it('lets only the project manager edit; everyone else reads', () => {
    expect(canEditPriceList('project_manager')).toBe(true);
    for (const role of ['cs_lead', 'front_desk', 'dept_staff', 'hq', 'resident', undefined, null])
      expect(canEditPriceList(role)).toBe(false);
  });
});

describe('price list: showing it', () => {
  it('groups active lines by kind in the fixed order, by sort then as listed, retired lines last', () => {
    const groups = groupPriceItems([
      item({ id: 'pipe', kind: 'material', sort: 0 }),
      item({ id: 'tap', kind: 'labour', sort: 2 }),
      item({ id: 'old', kind: 'labour', active: false }),
      item({ id: 'door', kind: 'callout', sort: 0 }),
      item({ id: 'lock', kind: 'labour', sort: 1 }),
      item({ id: 'bulb', kind: 'labour', sort: 1 }),
    ]);
    expect(groups.map((g) => [g.key, g.title, g.items.map((i) => i.id)])).toEqual([
      ['labour', '人工费', ['lock', 'bulb', 'tap']],
      ['callout', '上门费', ['door']],
      ['material', '材料费（按成本价）', ['pipe']],
      ['retired', '已停用', ['old']],
    ]);
  });

  it('leaves out empty groups', () => {
    expect(groupPriceItems([]).length).toBe(0);
    expect(groupPriceItems([item({ id: 'a', kind: 'callout' })]).map((g) => g.key)).toEqual(['callout']);
  });

  it('shows prices in yuan with the unit', () => {
    expect(priceText({ priceFen: 5000, unit: '次' })).toBe('¥50.00 / 次');
    expect(priceText({ priceFen: 2550, unit: '米' })).toBe('¥25.50 / 米');
    expect(priceText({ priceFen: 123456, unit: '' })).toBe('¥1,234.56 / 项');
    expect(priceText({ priceFen: 0, unit: '项' })).toBe('¥0.00 / 项');
  });

  it('writes fen as the price field shows it, without floating point', () => {
    expect(fenToYuanText(5000)).toBe('50');
    expect(fenToYuanText(2550)).toBe('25.50');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(0)).toBe('0');
    expect(fenToYuanText(1999)).toBe('19.99');
  });
});

describe('price list: the form', () => {
  it('reads the price in yuan into fen', () => {
    expect(parsePrice('50')).toEqual({ fen: 5000 });
    expect(parsePrice(' 25.5 ')).toEqual({ fen: 2550 });
    expect(parsePrice('0.01')).toEqual({ fen: 1 });
    expect(parsePrice('¥19.99')).toEqual({ fen: 1999 });
    expect(parsePrice('0')).toEqual({ fen: 0 });
    expect(parsePrice('50000')).toEqual({ fen: 5_000_000 });
  });

  it('says in Chinese what is wrong with a price', () => {
    expect(parsePrice('')).toEqual({ message: '请填写价格' });
    expect(parsePrice('-5')).toEqual({ message: '价格不能为负数' });
    expect(parsePrice('1.234')).toEqual({ message: '请填写正确的价格（元），最多两位小数，如 25.50' });
    expect(parsePrice('abc')).toEqual({ message: '请填写正确的价格（元），最多两位小数，如 25.50' });
    expect(parsePrice('1,000')).toEqual({ message: '请填写正确的价格（元），最多两位小数，如 25.50' });
    expect(parsePrice('50000.01')).toEqual({ message: '价格不能超过 ¥50,000.00' });
  });

  it('says what blocks saving, as the server would', () => {
    expect(priceDraftProblem(draft())).toBeNull();
    expect(priceDraftProblem(draft({ kind: '' }))).toBe('请选择收费类别：人工费、上门费或材料费');
    expect(priceDraftProblem(draft({ name: '   ' }))).toBe('请填写收费项目名称');
    expect(priceDraftProblem(draft({ name: '字'.repeat(40) }))).toBeNull();
    expect(priceDraftProblem(draft({ name: '字'.repeat(41) }))).toBe('名称不能超过 40 字');
    expect(priceDraftProblem(draft({ unit: '单位单位单位单位单位' }))).toBeNull();
    expect(priceDraftProblem(draft({ unit: '单位单位单位单位单位长' }))).toBe('单位不能超过 10 字');
    expect(priceDraftProblem(draft({ priceYuan: '' }))).toBe('请填写价格');
    expect(priceDraftProblem(draft({ priceYuan: '12.345' }))).toMatch(/最多两位小数/);
    expect(priceDraftProblem(draft({ sort: '3' }))).toBeNull();
    expect(priceDraftProblem(draft({ sort: '-1' }))).toBe('排序请填写 0–9999 的整数');
    expect(priceDraftProblem(draft({ sort: '1.5' }))).toBe('排序请填写 0–9999 的整数');
  });

  it('builds the request body in fen, trimmed; a new line has no active flag', () => {
    expect(
      priceItemBody(draft({ name: ' 更换水龙头 ', unit: ' 个 ', priceYuan: '25.5', sort: '2' })),
    ).toEqual({
      kind: 'labour',
      name: '更换水龙头',
      unit: '个',
      priceFen: 2550,
      sort: 2,
    });
    expect(priceItemBody(draft({ kind: 'callout', sort: '' }))).toEqual({
      kind: 'callout',
      name: '更换水龙头',
      unit: '',
      priceFen: 5000,
      sort: 0,
    });
    expect(() => priceItemBody(draft({ priceYuan: 'x' }))).toThrow('请填写正确的价格');
  });

  it('edits a stored line through the form and back without losing a fen', () => {
    const stored = item({ id: 'p1', kind: 'material', name: '水龙头', unit: '个', priceFen: 3899, sort: 4 });
    const d = draftFromItem(stored);
    expect(d).toEqual({
      id: 'p1',
      kind: 'material',
      name: '水龙头',
      unit: '个',
      priceYuan: '38.99',
      sort: '4',
      active: true,
    });
    expect(priceItemBody(d)).toEqual({
      kind: 'material',
      name: '水龙头',
      unit: '个',
      priceFen: 3899,
      sort: 4,
      active: true,
    });
    // The default unit 项 shows as an empty field (the placeholder says so) and goes back as empty.
    expect(draftFromItem(item({ id: 'p2', unit: '项' })).unit).toBe('');
  });

  it('retires or restores the stored line, not the unsaved form', () => {
    const stored = item({ id: 'p1', name: '疏通下水道', priceFen: 8000, sort: 1 });
    expect(activeBody(stored, false)).toEqual({
      kind: 'labour',
      name: '疏通下水道',
      unit: '次',
      priceFen: 8000,
      sort: 1,
      active: false,
    });
    expect(activeBody({ ...stored, active: false }, true).active).toBe(true);
  });

  it('names the project for HQ and updates with PUT paths', () => {
    expect(priceListPath(null)).toBe('/api/pay/price-items');
    expect(priceListPath('a b')).toBe('/api/pay/price-items?projectId=a%20b');
    expect(priceItemPath('x/y')).toBe('/api/pay/price-items/x%2Fy');
  });
});
