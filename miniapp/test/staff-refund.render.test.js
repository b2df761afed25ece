/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's staff 工单详情 page as the project manager with a paid repair whose work has
 * started: 办理退款 offers the payment, refuses a part refund above what was paid or without a reason before
 * anything is sent, asks to confirm, and sends the part refund (POST /api/tickets/:id/refunds); the charges then
 * show it and the button is gone.
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const PM = staffAccount('u-pm', 'project_manager', '项目经理');
const TICKET = {
  id: 't-1',
  number: 'TS20261122-0007',
  kind: 'repair',
  status: 'in_progress',
  statusLabel: '处理中',
  content: '阳台推拉门轨道变形，推不动',
  channel: 'miniapp',
  anonymous: false,
  location: null,
  household: { id: 'h-1', label: '1栋1单元101' },
  photos: [],
  events: [],
  allowedActions: ['progress_note'],
  version: 5,
  createdAt: '2026-11-22T02:00:00.000Z',
  contact: { name: '林女士', phone: '139****0001' },
  department: { id: 'd-1', code: 'eng', name: '工程部' },
  assignee: { id: 'u-e1', name: '张师傅' },
  firstReceiver: null,
  escalationLevel: null,
  replyDueAt: null,
  handleDueAt: '2026-11-25T10:00:00.000Z',
  dueAt: '2026-11-25T10:00:00.000Z',
  overdue: false,
  deferredUntil: null,
  handledAt: null,
  closedAt: null,
  cause: null,
  reopenCount: 0,
};
const payment = {
  id: 'o-1',
  channel: 'wechat',
  channelLabel: '微信支付',
  status: 'paid',
  statusLabel: '已支付',
  amountFen: 12550,
  paidAt: '2026-11-22T03:00:00.000Z',
  refundable: true,
};
const charges = (refunded) => ({
  ticketId: 't-1',
  chargeable: true,
  payEnabled: true,
  payMessage: null,
  canQuote: false,
  quotes: [
    {
      id: 'q-1',
      seq: 1,
      supplementary: false,
      status: 'paid',
      statusLabel: '已支付',
      totalFen: 12550,
      note: null,
      createdByName: '张师傅',
      createdAt: '2026-11-22T02:30:00.000Z',
      paidAt: '2026-11-22T03:00:00.000Z',
      paidVia: 'wechat',
      paidViaLabel: '微信支付',
      declineReason: null,
      workStartedAt: '2026-11-22T04:00:00.000Z',
      actions: [],
      canRefund: !refunded,
      items: [
        { kind: 'labour', name: '更换轨道', unit: '次', unitPriceFen: 12550, quantity: 1, amountFen: 12550 },
      ],
      payments: [{ ...payment, refundable: !refunded }],
      refunds: refunded
        ? [
            {
              id: 'r-1',
              channel: 'wechat',
              status: 'processing',
              statusLabel: '退款处理中',
              amountFen: 2000,
              reason: '上门超时，退还上门费',
              finishedAt: null,
            },
          ]
        : [],
    },
  ],
  totals: {
    quotedFen: 12550,
    paidFen: 12550,
    refundedFen: 0,
    refundingFen: refunded ? 2000 : 0,
    netFen: 12550,
  },
  summary: refunded ? '已收 ¥125.50，退款中 ¥20.00' : '已收 ¥125.50',
});
let refunded = false;
const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
const answer = (opts) => {
  const url = String(opts.url);
  if (url.endsWith('/api/tickets/t-1/refunds') && opts.method === 'POST') {
    refunded = true;
    return { statusCode: 201, data: charges(true) };
  }
  if (url.endsWith('/api/tickets/t-1/charges')) return { statusCode: 200, data: charges(refunded) };
  if (url.endsWith('/api/tickets/t-1')) return { statusCode: 200, data: TICKET };
  return undefined;
};

describe('weapp build: 办理退款 on the staff ticket page (project manager)', () => {
  let wx;
  let page;
  let modalAnswer = false;

  beforeAll(() => {
    wx = createWx({ me: PM, answer });
    wx.showModal = (o) => {
      wx.calls.modal.push(o);
      const confirm = modalAnswer; // the answer as of the question
      setTimeout(() => o.success && o.success({ confirm, cancel: !confirm }), 0);
    };
    const { render } = loadPage(wx, 'staff/pages/ticket/index', { id: 't-1' });
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  const refunds = () => wx.calls.request.filter((r) => String(r.url).endsWith('/refunds'));
  /** Taro commits a typed value on its next tick: the tap after it must see it. */
  const typed = () => new Promise((r) => setTimeout(r, 50));
  const submit = () =>
    fire(page.dom.querySelector('[class*="refund-form"] [class*="dialog-buttons__button--primary"]'), 'tap');

  it('offers 办理退款 for the paid repair after work started', async () => {
    const open = await waitFor(() => byText('wx-view', '办理退款'), { what: '办理退款' });
    fire(open, 'tap');
    await waitFor(() => text().includes('开工后仍可退款'), { what: 'the refund form' });
    expect(text()).toContain('报价 · 微信支付 ¥125.50');
  });

  it('says what is wrong before anything is sent', async () => {
    fire(byText('wx-view', '部分退款'), 'tap');
    await waitFor(() => text().includes('退款金额（元）'), { what: 'the amount field' });
    const amount = page.dom.querySelector('[class*="refund-form"] wx-input');
    fire(amount, 'input', { value: '200', cursor: 3 });
    await typed();
    submit();
    await waitFor(() => text().includes('退款金额不能超过实付金额 ¥125.50'), { what: 'too much' });
    fire(amount, 'input', { value: '20', cursor: 2 });
    await typed();
    submit();
    await waitFor(() => text().includes('请填写退款原因（至少 2 个字），住户会看到'), { what: 'no reason' });
    expect(refunds()).toHaveLength(0);
  });

  it('asks to confirm, then refunds ¥20 and the charges show it', async () => {
    fire(page.dom.querySelector('[class*="refund-form"] wx-textarea'), 'input', {
      value: '上门超时，退还上门费',
      cursor: 10,
    });
    await typed();
    modalAnswer = false;
    submit();
    await waitFor(() => wx.calls.modal.length === 1, { what: 'the confirmation' });
    expect(wx.calls.modal[0].content).toBe('确定退款 ¥20.00？将原路退回住户微信。每笔付款只能退一次。');
    await typed();
    expect(refunds()).toHaveLength(0);
    modalAnswer = true;
    submit();
    await waitFor(() => refunds().length === 1, { what: 'the refund request' });
    expect(body(refunds()[0])).toEqual({ orderId: 'o-1', amountFen: 2000, reason: '上门超时，退还上门费' });
    await waitFor(() => text().includes('已收 ¥125.50，退款中 ¥20.00'), { what: 'the new summary' });
    expect(byText('wx-view', '办理退款')).toBeFalsy();
  });
});
