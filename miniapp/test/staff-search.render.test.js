/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 查找工单 page (staff sub-package) with miniprogram-simulate: the front desk
 * opens it on 我登记的, sees a registered ticket even though it is closed (with 已办结, not 无时限), searches by a
 * phone tail, narrows by kind and category, and is stopped before sending a date range that ends before it starts.
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const FRONT_DESK = staffAccount('u-fd', 'front_desk', '客服前台');
const item = (over) => ({
  id: 't-1',
  number: 'TS20261122-0001',
  kind: 'complaint',
  status: 'closed',
  statusLabel: '已关闭',
  summary: '北门岗亭晚上没人值班，外来车辆随便进',
  household: null,
  location: '北门岗亭',
  anonymous: false,
  department: '秩序部',
  assignee: '赵队长',
  dueAt: null,
  overdue: false,
  priority: 0,
  priorityReason: null,
  escalationLevel: null,
  category: '安全管理类',
  triage: false,
  emergency: false,
  createdAt: '2026-11-22T02:00:00.000Z',
  ...over,
});
const answer = (opts) => {
  const url = String(opts.url);
  if (url.includes('/api/staff/search')) {
    const q = new URL(url).searchParams;
    const items = q.get('kind') === 'repair' ? [] : [item({})];
    return { statusCode: 200, data: { total: items.length, page: 1, pageSize: 20, items } };
  }
  return undefined;
};

describe('weapp build: 查找工单 (staff)', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: FRONT_DESK, answer });
    const { render } = loadPage(wx, 'staff/pages/search/index', { registered: '1' });
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  const searches = () =>
    wx.calls.request.filter((r) => String(r.url).includes('/api/staff/search')).map((r) => new URL(r.url));
  const last = () => searches()[searches().length - 1].searchParams;

  it('opens on 我登记的 and shows a closed ticket she registered, 已办结', async () => {
    await waitFor(() => text().includes('TS20261122-0001'), { what: 'the registered ticket' });
    expect(last().get('registered')).toBe('true');
    expect(text()).toContain('共 1 条 · 我登记的');
    expect(text()).toContain('时限：已办结');
    expect(text()).not.toContain('无时限');
  });

  it('searches by a phone tail on 搜索', async () => {
    fire(page.dom.querySelector('wx-input'), 'input', { value: '4321', cursor: 4 });
    fire(byText('wx-button', '搜索'), 'tap');
    await waitFor(() => last().get('q') === '4321', { what: 'the search by phone tail' });
    expect(last().get('registered')).toBe('true');
  });

  it('narrows by kind and category at once, and says when nothing matches', async () => {
    fire(byText('wx-view', '报修'), 'tap');
    await waitFor(() => last().get('kind') === 'repair', { what: 'kind=repair' });
    await waitFor(() => text().includes('没有符合条件的工单'), { what: 'the empty sentence' });
    const category = page.dom.querySelectorAll('wx-picker')[0];
    fire(category, 'change', { value: 2 });
    await waitFor(() => last().get('category') === '设备管理类', { what: 'the category' });
    expect(last().get('q')).toBe('4321');
  });

  it('stops a date range that ends before it starts', async () => {
    const before = searches().length;
    const [, from, to] = page.dom.querySelectorAll('wx-picker');
    fire(from, 'change', { value: '2026-11-30' });
    await waitFor(() => last().get('from') === '2026-11-30', { what: 'from' });
    fire(to, 'change', { value: '2026-11-01' });
    await waitFor(() => text().includes('结束日期不能早于开始日期'), { what: 'the range error' });
    expect(searches().length).toBe(before + 1);
  });
});
