import { EMPTY_FILTERS, filtersError, filtersSummary, searchPath } from './ticketSearch';

describe('查找工单', () => {
  it('asks for every ticket when nothing is filled in', () => {
    expect(searchPath(EMPTY_FILTERS)).toBe('/api/staff/search');
  });

  it('puts each filter in the query, encoded, and leaves empty ones out', () => {
    expect(
      searchPath({
        ...EMPTY_FILTERS,
        q: ' 1栋 ',
        status: 'open',
        kind: 'repair',
        category: '设备管理类',
        from: '2026-11-01',
        to: '2026-11-30',
        registered: true,
      }),
    ).toBe(
      `/api/staff/search?q=${encodeURIComponent('1栋')}&status=open&kind=repair&category=${encodeURIComponent('设备管理类')}&from=2026-11-01&to=2026-11-30&registered=true`,
    );
  });

  it('refuses a range that ends before it starts', () => {
    expect(filtersError({ ...EMPTY_FILTERS, from: '2026-11-30', to: '2026-11-01' })).toBe(
      '结束日期不能早于开始日期',
    );
    expect(filtersError({ ...EMPTY_FILTERS, from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('sums up what the list shows', () => {
    expect(filtersSummary({ ...EMPTY_FILTERS, registered: true, status: 'open', kind: 'repair' }, 3)).toBe(
      '共 3 条 · 我登记的 · 未办结 · 报修',
    );
    expect(filtersSummary({ ...EMPTY_FILTERS, from: '2026-11-01' }, 0)).toBe('共 0 条 · 2026-11-01 至 …');
  });
});
