/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 事件处理 page (staff sub-package) with miniprogram-simulate: the lead sees a
 * hot event with its complaints, sends one reply that goes to every complainant (one request for the event, the
 * server's per-complaint answer told back), links a complaint by its number and takes one out.
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const LEAD = staffAccount('u-lead', 'cs_lead', '客服主管');

const incident = {
  id: 'inc-1',
  title: '3栋的电梯又坏了，停在5楼一动不动',
  category: '设备管理类',
  ticketCount: 3,
  complainantCount: 3,
  hot: true,
  hotAt: '2026-11-19T02:00:00Z',
  firstAt: '2026-11-05T02:00:00Z',
  lastAt: '2026-11-19T02:00:00Z',
  tickets: [
    {
      id: 't-1',
      number: 'TS20261105-0001',
      summary: '3栋的电梯又坏了',
      status: 'closed',
      statusLabel: '已办结',
      createdAt: '2026-11-05T02:00:00Z',
    },
    {
      id: 't-2',
      number: 'TS20261112-0001',
      summary: '3栋电梯坏了，又停了',
      status: 'received',
      statusLabel: '已受理',
      createdAt: '2026-11-12T02:00:00Z',
    },
    {
      id: 't-3',
      number: 'TS20261119-0001',
      summary: '3栋电梯又坏了！',
      status: 'received',
      statusLabel: '已受理',
      createdAt: '2026-11-19T02:00:00Z',
    },
  ],
};

const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
const answer = (opts) => {
  const url = String(opts.url);
  const method = opts.method || 'GET';
  if (url.endsWith('/api/incidents/inc-1') && method === 'GET') return { statusCode: 200, data: incident };
  if (url.endsWith('/api/incidents/inc-1/actions'))
    return {
      statusCode: 200,
      data: {
        incidentId: 'inc-1',
        action: body(opts).action,
        done: 2,
        total: 3,
        results: [
          { ticketId: 't-1', number: 'TS20261105-0001', ok: false, message: '已办结或已撤销，未处理' },
          { ticketId: 't-2', number: 'TS20261112-0001', ok: true, status: 'received' },
          { ticketId: 't-3', number: 'TS20261119-0001', ok: true, status: 'received' },
        ],
      },
    };
  if (url.endsWith('/api/incidents/inc-1/link')) {
    if (body(opts).number === 'TS404')
      return { statusCode: 404, data: { statusCode: 404, message: '没有找到这条投诉' } };
    return { statusCode: 200, data: { ...incident, ticketCount: 4 } };
  }
  if (url.endsWith('/api/incidents/inc-1/unlink')) return { statusCode: 200, data: { ...incident } };
  if (url.endsWith('/api/incidents/inc-1/visit-settings') && method === 'PUT')
    return {
      statusCode: 200,
      data: {
        incidentId: 'inc-1',
        done: 2,
        total: 3,
        results: [
          { ticketId: 't-1', number: 'TS20261105-0001', ok: false, message: '已办结或已撤销，未处理' },
          { ticketId: 't-2', number: 'TS20261112-0001', ok: true, status: 'received' },
          { ticketId: 't-3', number: 'TS20261119-0001', ok: true, status: 'received' },
        ],
      },
    };
  return undefined;
};

describe('weapp build: 事件处理 (staff)', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: LEAD, answer });
    wx.showModal = (o) => {
      wx.calls.modal.push(o);
      setTimeout(() => o.success && o.success({ confirm: true, cancel: false }), 0);
    };
    const { render } = loadPage(wx, 'staff/pages/incident/index', { id: 'inc-1' });
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const find = (selector, pred) => Array.from(page.dom.querySelectorAll(selector)).find(pred);
  const button = (label) =>
    waitFor(() => find('wx-button', (b) => b.textContent.trim() === label), { what: `button ${label}` });
  const posts = (path) =>
    wx.calls.request.filter((r) => String(r.url).endsWith(path) && (r.method || 'GET') === 'POST');

  it('shows the hot event with its people, complaints and their states', async () => {
    await waitFor(() => text().includes('TS20261119-0001'), { what: 'the complaints' });
    expect(text()).toContain('热点投诉');
    expect(text()).toContain('3 人 · 3 次');
    expect(text()).toContain('已办结');
    expect(text()).toContain('须一周内上报');
  });

  it('sends one reply for every complainant and says which were left and why', async () => {
    const area = await waitFor(() => page.dom.querySelector('wx-textarea'), { what: 'the reply box' });
    fire(area, 'input', { value: '好的', cursor: 2 });
    await waitFor(() => text().includes('至少 5 个字'), { what: 'too short' });
    const reply = '电梯主板已向厂家订购，预计周五前修复';
    fire(area, 'input', { value: reply, cursor: reply.length });
    await waitFor(() => !text().includes('至少 5 个字'), { what: 'the reply accepted' });
    fire(await button('发给全部投诉人'), 'tap');
    await waitFor(() => text().includes('已答复 2/3 条投诉'), { what: 'the summary' });
    expect(text()).toContain('TS20261105-0001（已办结或已撤销，未处理）');
    const sent = posts('/api/incidents/inc-1/actions');
    expect(sent).toHaveLength(1);
    expect(body(sent[0])).toEqual({ action: 'progress_note', note: reply });
  });

  it('sets one visit plan for the event: the level picked, one request', async () => {
    const chip = await waitFor(
      () => find('wx-view', (v) => v.textContent.trim() === '二级（项目经理会同部门）'),
      { what: 'the level chip' },
    );
    fire(chip, 'tap');
    // the chip shows it is picked before the plan is sent
    await waitFor(
      () =>
        find(
          'wx-view',
          (v) =>
            v.textContent.trim() === '二级（项目经理会同部门）' &&
            (v.getAttribute('class') || '').includes('chip--active'),
        ),
      { what: 'the level picked' },
    );
    fire(await button('设为本事件的回访安排'), 'tap');
    await waitFor(() => text().includes('已设定回访安排 2/3 条投诉'), { what: 'the plan summary' });
    const put = wx.calls.request.filter(
      (r) => String(r.url).endsWith('/api/incidents/inc-1/visit-settings') && r.method === 'PUT',
    );
    expect(put).toHaveLength(1);
    expect(body(put[0])).toEqual({ complaintLevel: 2 });
  });

  it('links a complaint by its number and takes one out', async () => {
    const input = await waitFor(() => page.dom.querySelector('wx-input'), { what: 'the number box' });
    fire(input, 'input', { value: 'TS20261120-0003', cursor: 15 });
    fire(await button('并入本事件'), 'tap');
    await waitFor(() => text().includes('已并入 TS20261120-0003'), { what: 'linked' });
    expect(body(posts('/api/incidents/inc-1/link')[0])).toEqual({ number: 'TS20261120-0003' });

    const out = await waitFor(() => find('wx-text', (x) => x.textContent.trim() === '移出'), {
      what: 'the 移出 link',
    });
    fire(out, 'tap');
    await waitFor(() => posts('/api/incidents/inc-1/unlink').length === 1, { what: 'the unlink' });
    expect(body(posts('/api/incidents/inc-1/unlink')[0])).toEqual({ ticketId: 't-1' });
    expect(wx.calls.modal[0].content).toContain('单独统计');
  });
});
