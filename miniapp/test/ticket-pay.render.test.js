/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's ticket page (我的反馈 → a ticket) with a quote to pay: a double tap on
 * 接受并支付 asks the server for one order (the server answers slowly, as when it waits for WeChat), and the quote's
 * buttons show disabled until the payment is done.
 */
const { createWx, fire: fireOn, loadPage, waitFor } = require('./support/weapp');

const ME = {
  id: 'u-r1',
  name: '林女士',
  kind: 'resident',
  role: 'resident',
  roleLabel: '业主/住户',
  projectId: 'p-1',
  projectName: '阳光花园',
  households: [{ id: 'h-1', label: '1栋1单元101', projectId: 'p-1' }],
};

const ticket = {
  id: 't-1',
  number: 'BX20261123-0001',
  kind: 'repair',
  status: 'in_progress',
  statusLabel: '处理中',
  content: '卫生间水龙头一直滴水，需要更换',
  channel: 'miniapp',
  anonymous: false,
  location: null,
  household: { id: 'h-1', label: '1栋1单元101' },
  photos: [],
  events: [],
  allowedActions: [],
  version: 3,
  createdAt: '2026-11-23T01:00:00Z',
};

const quote = {
  id: 'q-1',
  seq: 1,
  supplementary: false,
  status: 'sent',
  statusLabel: '待业主确认',
  totalFen: 12550,
  note: '更换卫生间水龙头',
  createdByName: '张师傅',
  createdAt: '2026-11-23T02:00:00Z',
  paidAt: null,
  paidVia: null,
  paidViaLabel: null,
  declineReason: null,
  workStartedAt: null,
  actions: ['pay', 'decline'],
  items: [
    { kind: 'callout', name: '上门费', unit: '次', unitPriceFen: 12550, quantity: 1, amountFen: 12550 },
  ],
  payments: [],
  refunds: [],
};
const charges = {
  ticketId: 't-1',
  chargeable: true,
  payEnabled: true,
  payMessage: null,
  canQuote: false,
  quotes: [quote],
  totals: { quotedFen: 12550, paidFen: 0, refundedFen: 0, refundingFen: 0, netFen: 0 },
  summary: '待支付 ¥125.50',
};

const paid = {
  ...charges,
  quotes: [
    {
      ...quote,
      status: 'paid',
      statusLabel: '已支付',
      paidAt: '2026-11-23T03:00:00Z',
      paidVia: 'wechat',
      paidViaLabel: '微信支付',
      actions: [],
    },
  ],
  totals: { ...charges.totals, paidFen: 12550, netFen: 12550 },
  summary: '已支付 ¥125.50',
};

const answer = (opts) => {
  const url = String(opts.url);
  if (/\/api\/tickets\/t-1\/charges$/.test(url)) return { statusCode: 200, data: charges };
  if (/\/api\/tickets\/t-1\/quotes\/q-1\/refresh$/.test(url)) return { statusCode: 200, data: paid };
  if (/\/api\/tickets\/t-1\/quotes\/q-1\/pay$/.test(url))
    return {
      statusCode: 200,
      data: {
        orderId: 'o-1',
        amountFen: 12550,
        payParams: {
          appId: 'wx1',
          timeStamp: '1',
          nonceStr: 'n',
          package: 'prepay_id=wx1',
          signType: 'RSA',
          paySign: 's',
        },
      },
    };
  if (/\/api\/tickets\/t-1$/.test(url)) return { statusCode: 200, data: ticket };
  if (url.includes('/api/')) return { statusCode: 200, data: [] };
  return undefined;
};

describe('weapp build: paying a quote on the ticket page', () => {
  let wx;
  let page;
  const payRequests = [];

  beforeAll(() => {
    wx = createWx({ me: ME, answer });
    // The server takes a moment to make the order (it asks WeChat): the window a double tap falls into.
    const request = wx.request;
    wx.request = (opts) => {
      if (!String(opts.url).endsWith('/quotes/q-1/pay')) return request(opts);
      payRequests.push(opts);
      setTimeout(() => request(opts), 400);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    };
    wx.requestPayment = (o) => setTimeout(() => o.success && o.success({ errMsg: 'requestPayment:ok' }), 0);
    const { render } = loadPage(wx, 'pages/ticket-detail/index', { id: 't-1' });
    page = render();
  });

  const classOf = (el) => el.getAttribute('class') || '';
  const buttons = () =>
    Array.from(page.dom.querySelectorAll('wx-view')).filter((v) => classOf(v).includes('quote-card__button'));
  const payButton = () => buttons().find((b) => classOf(b).includes('--primary'));

  it('asks the server for one order on a double tap, buttons disabled until the payment is done', async () => {
    const pay = await waitFor(payButton, { what: 'the 接受并支付 button' });
    expect(pay.textContent.trim()).toBe('接受并支付');
    expect(buttons().some((b) => classOf(b).includes('--disabled'))).toBe(false);
    // Two taps in the same moment, before anything re-renders.
    fireOn(page, pay, 'tap');
    fireOn(page, pay, 'tap');
    await waitFor(() => buttons().length === 2 && buttons().every((b) => classOf(b).includes('--disabled')), {
      what: 'the quote buttons disabled',
    });
    expect(payButton().textContent.trim()).toBe('支付中…');
    // A third tap while the order is still being made does nothing either.
    fireOn(page, payButton(), 'tap');
    await waitFor(() => wx.calls.toast.some((t) => t.title === '支付成功'), { what: 'the payment done' });
    expect(payRequests).toHaveLength(1);
    // Paid: the card says so and offers nothing more to tap.
    await waitFor(() => page.dom.textContent.includes('已支付'), { what: 'the paid quote' });
    expect(buttons()).toHaveLength(0);
  });
});
