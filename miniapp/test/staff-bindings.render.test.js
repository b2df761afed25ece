/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 住户绑定 page (staff sub-package) with miniprogram-simulate: the front desk
 * sees the applications waiting (phone masked until tapped), cannot refuse without a reason (nothing is sent),
 * refuses with one and approves another (each leaves the list), and issues a flat's one-time 登记码.
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
            { id: 'h-2', label: '2栋1单元101' },
          ],
        },
      ],
    },
  ],
};
const pending = [
  {
    id: 'b-1',
    status: 'pending',
    relation: 'tenant',
    name: '钱先生',
    phone: '13811112222',
    createdAt: '2026-11-23T02:00:00.000Z',
    household: { id: 'h-2', label: '2栋1单元101' },
  },
  {
    id: 'b-2',
    status: 'pending',
    relation: 'owner',
    name: '孙女士',
    phone: null,
    createdAt: '2026-11-23T03:00:00.000Z',
    household: { id: 'h-1', label: '1栋1单元101' },
  },
];
const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
const answer = (opts) => {
  const url = String(opts.url);
  if (url.endsWith('/api/bindings/pending')) return { statusCode: 200, data: pending };
  if (url.endsWith('/api/org/projects/p-1/tree')) return { statusCode: 200, data: TREE };
  const m = /\/api\/bindings\/(b-\d)\/(approve|reject)$/.exec(url);
  if (m && opts.method === 'POST')
    return {
      statusCode: 200,
      data: {
        id: m[1],
        status: m[2] === 'approve' ? 'approved' : 'rejected',
        decisionNote: body(opts).note ?? null,
      },
    };
  if (/\/api\/households\/h-2\/codes$/.test(url) && opts.method === 'POST')
    return {
      statusCode: 201,
      data: {
        code: 'K7M2QX9P',
        expiresAt: '2026-11-30T02:00:00.000Z',
        household: { id: 'h-2', label: '2栋1单元101' },
      },
    };
  return undefined;
};

describe('weapp build: 住户绑定 (staff)', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: FRONT_DESK, answer });
    const { render } = loadPage(wx, 'staff/pages/bindings/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label, root = page.dom) =>
    Array.from(root.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  // The weapp templates carry no data-testid: elements are found by their (page-prefixed) classes.
  const cards = () => Array.from(page.dom.querySelectorAll('[class*="bindings__item"]'));
  const decisions = () => wx.calls.request.filter((r) => /\/(approve|reject)$/.test(String(r.url)));

  it('lists the applications with the flat, the applicant and a masked phone', async () => {
    await waitFor(() => cards().length === 2, { what: 'two applications' });
    expect(text()).toContain('待审核的绑定申请（2）');
    expect(cards()[0].textContent).toContain('2栋1单元101');
    expect(cards()[0].textContent).toContain('钱先生 · 租户 · 138****2222');
    expect(cards()[1].textContent).toContain('孙女士 · 业主 · 未留电话');
    fire(byText('wx-text', '钱先生 · 租户 · 138****2222'), 'tap');
    await waitFor(() => text().includes('钱先生 · 租户 · 13811112222'), { what: 'the full phone' });
  });

  it('will not refuse without a reason, then refuses with one and the card leaves', async () => {
    fire(byText('wx-view', '驳回', cards()[0]), 'tap');
    await waitFor(() => text().includes('驳回申请'), { what: 'the refusal form' });
    fire(page.dom.querySelector('[class*="bindings__confirm"]'), 'tap');
    await waitFor(() => text().includes('请填写驳回原因，住户会看到'), { what: 'the missing reason' });
    expect(decisions()).toHaveLength(0);
    fire(page.dom.querySelector('wx-textarea'), 'input', { value: '租赁合同未提供', cursor: 7 });
    fire(page.dom.querySelector('[class*="bindings__confirm"]'), 'tap');
    await waitFor(() => cards().length === 1, { what: 'the card to leave' });
    expect(String(decisions()[0].url)).toMatch(/\/api\/bindings\/b-1\/reject$/);
    expect(body(decisions()[0])).toEqual({ note: '租赁合同未提供' });
    expect(wx.calls.toast.some((t) => t.title === '已驳回，已通知住户')).toBe(true);
  });

  it('approves without a note', async () => {
    fire(byText('wx-view', '通过', cards()[0]), 'tap');
    await waitFor(() => text().includes('通过申请'), { what: 'the approval form' });
    fire(page.dom.querySelector('[class*="bindings__confirm"]'), 'tap');
    await waitFor(() => cards().length === 0, { what: 'the list to empty' });
    expect(String(decisions()[1].url)).toMatch(/\/api\/bindings\/b-2\/approve$/);
    expect(body(decisions()[1])).toEqual({});
    expect(text()).toContain('暂无待审核的申请');
  });

  it('issues a 登记码 for the flat picked', async () => {
    await waitFor(() => text().includes('请选择房屋'), { what: 'the household picker' });
    fire(byText('wx-button', '生成登记码'), 'tap');
    await waitFor(() => wx.calls.toast.some((t) => t.title === '请选择房屋'), { what: 'pick a flat first' });
    fire(page.dom.querySelector('[class*="bindings__issue-section"] wx-picker'), 'change', { value: 1 });
    await waitFor(() => text().includes('2栋1单元101 ▾'), { what: 'the chosen flat' });
    fire(byText('wx-button', '生成登记码'), 'tap');
    const code = await waitFor(() => page.dom.querySelector('[class*="bindings__code"]'), {
      what: 'the code',
    });
    expect(code.textContent).toContain('K7M2QX9P');
    expect(code.textContent).toContain('2栋1单元101 的登记码');
    expect(code.textContent).toContain('只能使用一次');
  });
});
