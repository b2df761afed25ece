/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 微信支付对账 page (manager sub-package) with miniprogram-simulate: the lead
 * sees yesterday (Beijing) by default, the day's figures in yuan and the mismatches with WeChat Pay highlighted;
 * another day can be picked; HQ must pick a project first.
 */
const { createWx, fire: fireOn, loadPage, staffAccount: staff, waitFor } = require('./support/weapp');
const LEAD = staff('u-lead', 'cs_lead', '客服主管');
const HQ = staff('u-hq', 'hq', '集团总部', null);

/** Yesterday in Beijing, as the page should ask for it. */
const yesterday = () => new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
const at = (day, hhmm) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

const reportFor = (day, projectId) => ({
  projectId,
  day,
  source: 'tradebill',
  note: null,
  orders: [
    {
      outTradeNo: 'WY0001',
      ticketId: 't-1',
      channel: 'wechat',
      status: 'paid',
      amountFen: 12000,
      createdAt: at(day, '09:00'),
      paidAt: at(day, '09:01'),
      transactionId: '4200001',
    },
    {
      outTradeNo: 'WY0002',
      ticketId: 't-2',
      channel: 'wechat',
      status: 'created',
      amountFen: 8050,
      createdAt: at(day, '10:00'),
      paidAt: null,
      transactionId: null,
    },
    {
      outTradeNo: 'OFF0003',
      ticketId: 't-3',
      channel: 'offline',
      status: 'paid',
      amountFen: 3000,
      createdAt: at(day, '11:00'),
      paidAt: at(day, '11:00'),
      transactionId: null,
    },
  ],
  refunds: [
    {
      outRefundNo: 'RF0001',
      ticketId: 't-1',
      channel: 'wechat',
      status: 'succeeded',
      amountFen: 2000,
      createdAt: at(day, '15:00'),
      finishedAt: at(day, '15:02'),
    },
  ],
  totals: { paidFen: 15000, wechatPaidFen: 12000, offlinePaidFen: 3000, refundedFen: 2000 },
  mismatches: [
    {
      kind: 'paid_not_recorded',
      label: '微信已收款，系统未记为已支付',
      ref: 'WY0002',
      message: '微信已收款 ¥80.50，系统状态为“created”',
    },
    {
      kind: 'unknown_order',
      label: '微信有收款，系统无此订单',
      ref: 'WX9999',
      message: '微信订单 WX9999 收款 ¥1.00，系统中没有这笔订单',
    },
  ],
});

let wx;
const answer = (opts) => {
  const url = String(opts.url);
  if (url.includes('/api/reports/projects')) {
    // As the server answers: HQ gets the company's projects, the lead their own.
    const hq = JSON.parse(wx.storage.get('wuye.user')).role === 'hq';
    return {
      statusCode: 200,
      data: hq
        ? {
            company: true,
            label: '阳光物业集团',
            projects: [
              { id: 'p-1', name: '阳光花园' },
              { id: 'p-2', name: '翠湖苑' },
            ],
          }
        : { company: false, label: '阳光花园', projects: [{ id: 'p-1', name: '阳光花园' }] },
    };
  }
  const m = /\/api\/pay\/reconciliation\?day=([\d-]+)(?:&projectId=(.+))?$/.exec(url);
  if (m) return { statusCode: 200, data: reportFor(m[1], m[2] || 'p-1') };
  return undefined;
};

describe('weapp build: 微信支付对账 (manager)', () => {
  let page;
  let render;

  beforeAll(() => {
    wx = createWx({ me: LEAD, answer });
    ({ render } = loadPage(wx, 'manager/pages/reconciliation/index'));
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const asked = () => wx.calls.request.filter((r) => String(r.url).includes('/api/pay/reconciliation'));
  const rows = (cls) =>
    Array.from(page.dom.querySelectorAll('wx-view')).filter((v) =>
      (v.getAttribute('class') || '').split(/\s+/).some((c) => c.endsWith(cls)),
    );

  it("asks for yesterday's reconciliation of the lead's own project", async () => {
    await waitFor(() => asked().length > 0, { what: 'the request' });
    expect(String(asked()[0].url)).toMatch(new RegExp(`/api/pay/reconciliation\\?day=${yesterday()}$`));
    const [y, mo, d] = yesterday().split('-').map(Number);
    await waitFor(() => text().includes(`${y}年${mo}月${d}日`), { what: 'the day label' });
    expect(text()).toContain('阳光花园');
  });

  it('shows the figures in yuan with counts, and the net', async () => {
    await waitFor(() => text().includes('¥150.00'), { what: 'the figures' });
    expect(text()).toContain('收款 · 2 笔');
    expect(text()).toContain('¥120.00');
    expect(text()).toContain('微信支付 · 1 笔');
    expect(text()).toContain('线下收款 · 1 笔');
    expect(text()).toContain('¥20.00');
    expect(text()).toContain('退款 · 1 笔');
    expect(text()).toContain('¥130.00'); // net
  });

  it('says there are mismatches and highlights them, the affected order first', () => {
    expect(text()).toContain('有 2 处与微信支付不符，请核实处理');
    expect(text()).toContain('已与微信支付当日交易账单逐笔核对');
    expect(text()).toContain('不符项（2）');
    expect(text()).toContain('微信订单 WX9999 收款 ¥1.00，系统中没有这笔订单');
    const bad = rows('recon-row--bad');
    expect(bad).toHaveLength(1);
    expect(bad[0].textContent).toContain('订单 WY0002');
    expect(bad[0].textContent).toContain('微信已收款，系统未记为已支付');
    expect(bad[0].textContent).toContain('待支付');
    const all = rows('recon-row');
    expect(all[0]).toBe(bad[0]);
    expect(all.map((r) => r.textContent).join('|')).toContain('退款 RF0001');
    expect(rows('recon-verdict--bad')).toHaveLength(1);
  });

  it('opens the ticket of an order for the lead', async () => {
    fire(rows('recon-row--bad')[0], 'tap');
    await waitFor(() => wx.calls.navigateTo.length > 0, { what: 'navigation' });
    expect(wx.calls.navigateTo[0].url).toMatch(/^\/staff\/pages\/ticket\/index\?id=t-2/);
  });

  it('loads another day when one is picked', async () => {
    const picker = page.dom.querySelector('wx-picker');
    fire(picker, 'change', { value: '2026-01-05' });
    await waitFor(() => text().includes('2026年1月5日 周一'), { what: 'the picked day' });
    await waitFor(() => asked().some((r) => String(r.url).endsWith('day=2026-01-05')), {
      what: 'the request',
    });
    await waitFor(() => text().includes('¥150.00'), { what: 'the figures of that day' });
  });

  it('asks HQ to pick a project before reconciling, then reconciles that one', async () => {
    wx.storage.set('wuye.user', JSON.stringify(HQ));
    wx.storage.delete('wuye.reportParams');
    page.detach();
    const before = asked().length;
    page = render();
    await waitFor(() => text().includes('对账按小区进行，请先在上方选择项目'), { what: 'the prompt' });
    expect(asked()).toHaveLength(before);
    const projectPicker = await waitFor(() => page.dom.querySelectorAll('wx-picker')[1], {
      what: 'the project picker',
    });
    fire(projectPicker, 'change', { value: 1 }); // 全公司 is not offered: 阳光花园, 翠湖苑
    await waitFor(() => asked().length > before, { what: 'the request' });
    expect(String(asked()[before].url)).toMatch(/projectId=p-2$/);
    await waitFor(() => text().includes('不符项（2）'), { what: "the project's reconciliation" });
    // HQ reads the figures but does not open the project's tickets.
    const navigations = wx.calls.navigateTo.length;
    fire(rows('recon-row--bad')[0], 'tap');
    await new Promise((r) => setTimeout(r, 50));
    expect(wx.calls.navigateTo).toHaveLength(navigations);
  });
});
