/**
 * @jest-environment jsdom
 *
 * The emergency path on the built weapp 我要反馈 page (miniprogram-simulate): when the preview reads the text as
 * an emergency, the page shows the project's 24-hour duty phone and a tap calls it (wx.makePhoneCall), while the
 * ticket is still filed at once; "电梯困人" (four characters) is enough.
 */
const { createWx, fire: fireOn, loadPage, waitFor } = require('./support/weapp');

const ME = {
  id: 'u-1',
  name: '张三',
  kind: 'resident',
  role: 'resident',
  roleLabel: '业主/住户',
  projectId: 'p-1',
  projectName: '阳光花园',
  households: [{ id: 'h-1', label: '1栋1单元101', projectId: 'p-1' }],
};

const answer = (opts) => {
  const url = String(opts.url);
  if (url.endsWith('/api/classification/preview'))
    return {
      statusCode: 200,
      data: {
        category: '设备管理类',
        department: '工程部',
        sure: true,
        emergency: true,
        emergencyKind: 'lift_trapped',
        emergencyLabel: '电梯困人',
        kindSuggestion: null,
        dutyPhone: '021-58880110',
      },
    };
  if (url.endsWith('/api/tickets') && opts.method === 'POST')
    return { statusCode: 201, data: { id: 't-9', number: 'TS20261122-0009' } };
  return undefined;
};

describe('weapp build: the emergency path on 我要反馈', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: ME, answer });
    const { render } = loadPage(wx, 'pages/file/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);

  it('shows the duty phone for 电梯困人, calls it on a tap, and files the ticket at once', async () => {
    const complaint = await waitFor(() => byText('wx-view', '投诉'), { what: '投诉 chip' });
    fire(complaint, 'tap');
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '电梯困人', cursor: 4 });
    await waitFor(() => text().includes('24小时值班电话 021-58880110'), { what: 'duty phone' });
    const call = await waitFor(() => byText('wx-text', '立即拨打'), { what: '立即拨打' });
    fire(call, 'tap');
    await waitFor(() => wx.calls.makePhoneCall.length > 0, { what: 'wx.makePhoneCall' });
    expect(wx.calls.makePhoneCall[0].phoneNumber).toBe('02158880110');

    fire(page.dom.querySelector('wx-button'), 'tap');
    await waitFor(() => wx.calls.navigateTo.length > 0, { what: 'navigation to the new ticket' });
    const post = wx.calls.request.find((r) => String(r.url).endsWith('/api/tickets'));
    const body = typeof post.data === 'string' ? JSON.parse(post.data) : post.data;
    expect(body).toMatchObject({ kind: 'complaint', content: '电梯困人', householdId: 'h-1' });
  });
});
