/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 员工工作台 (staff sub-package) with miniprogram-simulate:
 * - the front desk sees how many binding applications wait on 住户绑定, and a 我登记的 tab that lists what she
 *   registered from the search (not the queue);
 * - the project manager finds a ticket passed up to him (服务上移) in 我的待办, tagged 已上移项目经理, with its
 *   deadline rather than 无时限.
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const queueItem = (over) => ({
  id: 't-1',
  number: 'TS20261122-0003',
  kind: 'complaint',
  status: 'confirmed',
  statusLabel: '已确认',
  summary: '物业费涨价没有公示，我要求给个说法',
  household: { id: 'h-1', label: '1栋1单元101' },
  location: null,
  anonymous: false,
  department: '客服部',
  assignee: null,
  dueAt: '2026-11-23T09:30:00.000Z',
  overdue: false,
  priority: 0,
  priorityReason: null,
  escalationLevel: null,
  category: '综合服务类',
  triage: false,
  emergency: false,
  createdAt: '2026-11-22T02:00:00.000Z',
  ...over,
});
const page1 = (items) => ({ statusCode: 200, data: { total: items.length, page: 1, pageSize: 20, items } });

// One app load per file (miniprogram-simulate registers the page once); each describe renders it afresh as
// another person: `me` and `answer` are swapped in place.
const me = {};
let answer = () => undefined;
let loaded = null;
function mount(who, answers) {
  Object.keys(me).forEach((k) => delete me[k]);
  Object.assign(me, who);
  answer = answers;
  if (!loaded) {
    const wx = createWx({ me, answer: (opts) => answer(opts) });
    loaded = { wx, ...loadPage(wx, 'staff/pages/index/index') };
  }
  const { wx, render } = loaded;
  wx.storage.set('wuye.user', JSON.stringify(me));
  const page = render();
  const text = () => page.dom.textContent;
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  return { wx, page, text, byText, fire: (el, type, d = {}) => fireOn(page, el, type, d) };
}

describe('weapp build: 员工工作台 — front desk', () => {
  let w;
  beforeAll(() => {
    w = mount(staffAccount('u-fd', 'front_desk', '客服前台'), (opts) => {
      const url = String(opts.url);
      if (url.endsWith('/api/bindings/pending'))
        return { statusCode: 200, data: [{ id: 'b-1' }, { id: 'b-2' }] };
      if (url.includes('/api/staff/search?registered=true'))
        return page1([
          queueItem({
            id: 't-9',
            number: 'TS20261120-0009',
            status: 'closed',
            statusLabel: '已关闭',
            dueAt: null,
          }),
        ]);
      if (url.includes('/api/staff/queue')) return page1([]);
      if (url.includes('/api/notifications/unread-count')) return { statusCode: 200, data: { unread: 0 } };
      return undefined;
    });
  });

  it('shows the applications waiting on 住户绑定 and a 查找工单 button', async () => {
    await waitFor(() => w.text().includes('住户绑定 2'), { what: 'the badge' });
    expect(w.text()).toContain('查找工单');
    w.fire(w.byText('wx-view', '住户绑定 2'), 'tap');
    expect(w.wx.calls.navigateTo.pop().url).toBe('/staff/pages/bindings/index');
  });

  it('lists what she registered under 我登记的, closed ones too', async () => {
    const tab = await waitFor(() => w.byText('wx-view', '我登记的'), { what: 'the tab' });
    w.fire(tab, 'tap');
    await waitFor(() => w.text().includes('TS20261120-0009'), { what: 'the registered ticket' });
    expect(w.text()).toContain('时限：已办结');
    const asked = w.wx.calls.request.map((r) => String(r.url)).filter((u) => u.includes('/api/staff/'));
    expect(asked[asked.length - 1]).toMatch(/\/api\/staff\/search\?registered=true&page=1/);
  });
});

describe('weapp build: 员工工作台 — project manager', () => {
  let w;
  beforeAll(() => {
    w = mount(staffAccount('u-pm', 'project_manager', '项目经理'), (opts) => {
      const url = String(opts.url);
      if (url.endsWith('/api/bindings/pending')) return { statusCode: 200, data: [] };
      if (url.includes('/api/staff/queue?scope=mine'))
        return page1([queueItem({ escalationLevel: 'project_manager' })]);
      if (url.includes('/api/staff/queue')) return page1([]);
      if (url.includes('/api/notifications/unread-count')) return { statusCode: 200, data: { unread: 1 } };
      return undefined;
    });
  });

  it('finds a ticket passed up to him in 我的待办, tagged and with its deadline', async () => {
    await waitFor(() => w.text().includes('TS20261122-0003'), { what: 'the escalated ticket' });
    expect(w.text()).toContain('已上移项目经理');
    expect(w.text()).toContain('时限：11月23日 17:30 前');
    expect(w.text()).not.toContain('无时限');
    expect(w.text()).toContain('住户绑定');
    expect(w.text()).not.toContain('住户绑定 0');
  });
});
