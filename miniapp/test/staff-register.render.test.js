/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 代客登记 page (staff sub-package) with miniprogram-simulate: the front desk
 * registers a call on a resident's behalf with the form and the flow it shares with the resident's 我要反馈
 * (components/TicketForm, logic/useTicketDraft) — the households of the project load (a failure says so in one line
 * to tap), nothing is sent before the form is complete, a dropped connection is retried with the same key, and the
 * new ticket opens.
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const FRONT_DESK = staffAccount('u-fd', 'front_desk', '客服前台');

const TREE = {
  buildings: [
    {
      units: [
        {
          households: [
            { id: 'h-1', label: '1栋1单元101' },
            { id: 'h-2', label: '1栋1单元102' },
          ],
        },
      ],
    },
  ],
};

/** Answers of the project's tree and of POST /api/tickets, in order; 'network' drops the connection. */
const treeAnswers = [];
const ticketAnswers = [];
const answer = (opts) => {
  const url = String(opts.url);
  if (url.endsWith('/api/org/projects/p-1/tree'))
    return treeAnswers.shift() || { statusCode: 200, data: TREE };
  if (url.endsWith('/api/tickets') && opts.method === 'POST') {
    const next = ticketAnswers.shift() || 'network';
    return next === 'network' ? next : { statusCode: 201, data: next };
  }
  return undefined;
};

describe('weapp build: 代客登记 (staff)', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: FRONT_DESK, answer });
    treeAnswers.push({ statusCode: 503, data: { statusCode: 503, message: '服务暂时不可用，请稍后再试' } });
    const { render } = loadPage(wx, 'staff/pages/register/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  const posts = () => wx.calls.request.filter((r) => String(r.url).endsWith('/api/tickets'));
  const tap = async (label) => fire(await waitFor(() => byText('wx-view', label), { what: label }), 'tap');

  it('shows the channels, the five kinds, the count and where it happened', async () => {
    await waitFor(() => text().includes('来源渠道'), { what: '来源渠道' });
    for (const label of ['来电', '来访', '书面信函', '电子邮件', '投诉', '报修', '建议', '表扬', '咨询'])
      expect(text()).toContain(label);
    expect(text()).toContain('0/2000');
    expect(text()).toContain('业主房屋');
    expect(text()).toContain('公共区域');
    expect(byText('wx-button', '登记')).toBeTruthy();
  });

  it('says in one line when the households did not load, and loads them on a tap', async () => {
    const line = await waitFor(() => byText('wx-text', '房屋列表加载失败，点此重试'), {
      what: 'the failure line',
    });
    fire(line, 'tap');
    await waitFor(() => text().includes('请选择房屋'), { what: 'the household picker' });
    expect(text()).not.toContain('加载失败');
  });

  it('sends nothing before the form is complete, and says what is missing', async () => {
    fire(byText('wx-button', '登记'), 'tap');
    await waitFor(() => text().includes('请选择反馈类型'), { what: 'the missing kind' });
    await tap('报修');
    await waitFor(() => byText('wx-view', '报修').getAttribute('class').includes('chip--active'), {
      what: '报修 chosen',
    });
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '厨房水管漏水', cursor: 6 });
    await waitFor(() => text().includes('6/2000'), { what: 'count 6/2000' });
    fire(byText('wx-button', '登记'), 'tap');
    await waitFor(
      () => text().includes('请选择房屋') && wx.calls.toast.some((t) => t.title === '请选择房屋'),
      {
        what: 'the missing household',
      },
    );
    expect(posts()).toHaveLength(0);
  });

  it('retries a dropped connection with the same key, then opens the new ticket', async () => {
    await tap('来访');
    fire(page.dom.querySelector('wx-picker'), 'change', { value: 1 });
    await waitFor(() => text().includes('1栋1单元102'), { what: 'the chosen household' });
    fire(page.dom.querySelectorAll('wx-input')[0], 'input', { value: '王先生', cursor: 3 });
    const key = await waitFor(
      () => JSON.parse(wx.storage.get('wuye.staffRegisterDraft') || '{}').idempotencyKey,
      {
        what: 'the stored draft',
      },
    );

    wx.ticketAnswers = ticketAnswers;
    ticketAnswers.push('network', 'network', 'network');
    fire(byText('wx-button', '登记'), 'tap');
    await waitFor(() => text().includes('网络不佳，请重试'), { what: 'the network message' });
    expect(byText('wx-button', '网络不佳，点此重试')).toBeTruthy();
    expect(posts()).toHaveLength(3); // one send and two automatic retries

    ticketAnswers.push({ id: 't-9', number: 'TS20261122-0009' });
    fire(byText('wx-button', '网络不佳，点此重试'), 'tap');
    await waitFor(() => wx.calls.redirectTo.length > 0, { what: 'the new ticket' });
    expect(wx.calls.redirectTo[0].url).toBe('/staff/pages/ticket/index?id=t-9');
    for (const r of posts()) {
      const body = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
      expect(r.header['Idempotency-Key']).toBe(key);
      expect(body).toMatchObject({
        kind: 'repair',
        channel: 'walk_in',
        content: '厨房水管漏水',
        householdId: 'h-2',
        contactName: '王先生',
        anonymous: false,
        idempotencyKey: key,
      });
    }
    expect(wx.storage.has('wuye.staffRegisterDraft')).toBe(false);
  });
});
