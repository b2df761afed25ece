/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp (dist/weapp) 我要反馈 page with miniprogram-simulate:
 * the real WXML templates (compiled by the bundled Linux wcc), the real Taro runtime and React.
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

/** POST /api/tickets answers, per test: 'network' fails the request like a dropped connection. */
const ticketAnswers = [];
const answer = (opts) => {
  if (String(opts.url).endsWith('/api/tickets') && opts.method === 'POST') {
    const next = ticketAnswers.shift() || 'network';
    return next === 'network' ? next : { statusCode: 201, data: next };
  }
  return undefined;
};

describe('weapp build: 我要反馈 page', () => {
  let wx;
  let page;
  let render;

  beforeAll(() => {
    wx = createWx({ me: ME, answer });
    wx.ticketAnswers = ticketAnswers;
    ({ render } = loadPage(wx, 'pages/file/index'));
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);

  it('shows the type picker with the five Chinese kinds', async () => {
    await waitFor(() => text().includes('反馈类型'), { what: '反馈类型' });
    for (const label of ['投诉', '报修', '建议', '表扬', '咨询']) expect(text()).toContain(label);
  });

  it('has a textarea with a live character count and the submit button', async () => {
    await waitFor(() => page.dom.querySelector('wx-textarea'), { what: 'textarea' });
    expect(text()).toContain('0/2000');
    const button = await waitFor(() => page.dom.querySelector('wx-button'), { what: 'button' });
    expect(button.textContent).toContain('提交反馈');
  });

  it('shows photo upload, location and the anonymous switch with its explanation', async () => {
    await waitFor(() => text().includes('匿名反馈'), { what: '匿名反馈' });
    expect(text()).toContain('添加图片');
    expect(text()).toContain('公共区域');
    expect(text()).toContain('无法回电');
    expect(page.dom.querySelector('wx-switch')).not.toBeNull();
  });

  it('loads the resident from /api/me and offers the bound household', async () => {
    await waitFor(() => wx.calls.request.some((r) => String(r.url).endsWith('/api/me')), { what: '/api/me' });
    const me = wx.calls.request.find((r) => String(r.url).endsWith('/api/me'));
    expect(me.header.Authorization).toBe('Bearer test-token');
    await waitFor(() => text().includes('1栋1单元101'), { what: 'household label' });
  });

  it('selects a kind on tap and counts characters as the resident types', async () => {
    const complaint = await waitFor(() => byText('wx-view', '投诉'), { what: '投诉 chip' });
    fire(complaint, 'tap');
    await waitFor(
      () => byText('wx-view', '投诉').getAttribute('class').includes('kind-picker__item--active'),
      {
        what: '投诉 selected',
      },
    );
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '楼道灯坏了三天', cursor: 7 });
    await waitFor(() => text().includes('7/2000'), { what: 'live count 7/2000' });
  });

  it('refuses to send a too-short complaint and says why in Chinese', async () => {
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '灯', cursor: 1 });
    await waitFor(() => text().includes('1/2000'), { what: 'count 1/2000' });
    fire(page.dom.querySelector('wx-button'), 'tap');
    await waitFor(() => text().includes('请至少写 2 个字'), { what: 'too-short message' });
    expect(wx.calls.request.some((r) => String(r.url).endsWith('/api/tickets'))).toBe(false);
  });

  it('keeps the draft with its idempotency key in storage, so it survives a crash', async () => {
    const stored = await waitFor(() => wx.storage.get('wuye.ticketDraft'), { what: 'stored draft' });
    const draft = JSON.parse(stored);
    expect(draft.kind).toBe('complaint');
    expect(draft.idempotencyKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('on a dropped connection says 网络不佳，请重试 and retries with the same key until it lands', async () => {
    const key = JSON.parse(wx.storage.get('wuye.ticketDraft')).idempotencyKey;
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '楼道灯坏了三天了，晚上很黑', cursor: 13 });
    await waitFor(() => text().includes('13/2000'), { what: 'count 13/2000' });
    wx.ticketAnswers.push('network', 'network', 'network');
    fire(page.dom.querySelector('wx-button'), 'tap');
    fire(page.dom.querySelector('wx-button'), 'tap'); // a double tap sends nothing extra
    await waitFor(() => text().includes('网络不佳，请重试'), { what: 'network message' });
    const posts = () => wx.calls.request.filter((r) => String(r.url).endsWith('/api/tickets'));
    expect(posts()).toHaveLength(3); // one send + two automatic retries, never a duplicate from the double tap
    expect(JSON.parse(wx.storage.get('wuye.ticketDraft')).idempotencyKey).toBe(key);

    wx.ticketAnswers.push({ id: 't-1', number: 'TS20261122-0001' });
    fire(page.dom.querySelector('wx-button'), 'tap');
    await waitFor(() => wx.calls.navigateTo.length > 0, { what: 'navigation to detail' });
    expect(wx.calls.navigateTo[0].url).toBe('/pages/ticket-detail/index?id=t-1');
    for (const r of posts()) {
      const body = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
      expect(r.header['Idempotency-Key']).toBe(key);
      expect(body).toMatchObject({
        kind: 'complaint',
        content: '楼道灯坏了三天了，晚上很黑',
        householdId: 'h-1',
        anonymous: false,
        channel: 'miniapp',
        idempotencyKey: key,
        photoIds: [],
      });
    }
    expect(wx.storage.has('wuye.ticketDraft')).toBe(false); // key cleared only after success
  });

  it('brings back an unsent draft after the app was killed', async () => {
    const key = '0b7e4c1a-5d2f-4a8b-9c3d-1e2f3a4b5c6d';
    wx.storage.set(
      'wuye.ticketDraft',
      JSON.stringify({
        userId: ME.id,
        kind: 'repair',
        content: '厨房水管漏水了',
        idempotencyKey: key,
        photos: [],
      }),
    );
    page.detach();
    page = render();
    await waitFor(() => text().includes('7/2000'), { what: 'restored content count' });
    const repair = byText('wx-view', '报修');
    expect(repair.getAttribute('class')).toContain('kind-picker__item--active');
    expect(JSON.parse(wx.storage.get('wuye.ticketDraft')).idempotencyKey).toBe(key);
  });
});
