/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 重点客户台账 (staff sub-package) with miniprogram-simulate: the front desk
 * sees households with their reasons, special needs and emergency contacts, calls a contact with one tap, filters
 * by reason and by special needs, and exports the ledger (a signed link WeChat downloads and opens).
 */
const { createWx, fire: fireOn, loadPage, staffAccount, waitFor } = require('./support/weapp');

const FRONT_DESK = staffAccount('u-fd', 'front_desk', '客服前台');
const FRAIL = {
  household: { id: 'h-3', label: '3栋1单元302' },
  keyCustomerReasons: [{ code: 'medical_equipment', label: '长期患病、需医疗设备维持生命的客户' }],
  specialNeeds: '家中有制氧机，停电须提前电话告知',
  emergencyContacts: [{ name: '何小军', phone: '13600000001', relation: '儿子' }],
  residents: [{ name: '何阿姨', relation: 'owner', phone: '13900000003' }],
  moveInDate: null,
};
const COMMITTEE = {
  household: { id: 'h-6', label: '2栋2单元602' },
  keyCustomerReasons: [{ code: 'owners_committee', label: '业主委员会成员' }],
  specialNeeds: null,
  emergencyContacts: [],
  residents: [],
  moveInDate: null,
};
const answer = (opts) => {
  const url = String(opts.url);
  if (url.includes('/api/households/ledger')) {
    const q = new URL(url).searchParams;
    let items = [FRAIL, COMMITTEE];
    if (q.get('reason') === 'owners_committee') items = [COMMITTEE];
    if (q.get('specialNeeds') === 'true') items = items.filter((i) => i.specialNeeds);
    return { statusCode: 200, data: { total: items.length, items } };
  }
  if (url.endsWith('/api/reports/exports') && opts.method === 'POST')
    return {
      statusCode: 201,
      data: { url: '/api/reports/download?token=abc', filename: '重点客户及特殊需求台账.xlsx' },
    };
  return undefined;
};

describe('weapp build: 重点客户台账 (staff)', () => {
  let wx;
  let page;

  beforeAll(() => {
    wx = createWx({ me: FRONT_DESK, answer });
    wx.calls.phone = [];
    wx.makePhoneCall = (o) => {
      wx.calls.phone.push(o);
      setTimeout(() => o.success && o.success({}), 0);
    };
    wx.calls.download = [];
    wx.downloadFile = (o) => {
      wx.calls.download.push(o);
      setTimeout(
        () => o.success && o.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/ledger.xlsx' }),
        0,
      );
      return { abort() {}, onProgressUpdate() {} };
    };
    wx.calls.open = [];
    wx.openDocument = (o) => {
      wx.calls.open.push(o);
      setTimeout(() => o.success && o.success({}), 0);
    };
    const { render } = loadPage(wx, 'staff/pages/ledger/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const byText = (selector, label) =>
    Array.from(page.dom.querySelectorAll(selector)).find((el) => el.textContent.trim() === label);
  const asked = () => wx.calls.request.filter((r) => String(r.url).includes('/api/households/ledger'));

  it('lists the households with reasons, needs and emergency contacts', async () => {
    await waitFor(() => text().includes('3栋1单元302'), { what: 'the ledger' });
    expect(text()).toContain('共 2 户');
    expect(text()).toContain('长期患病、需医疗设备维持生命的客户');
    expect(text()).toContain('特殊需求：家中有制氧机，停电须提前电话告知');
    expect(text()).toContain('何小军（儿子）');
    expect(text()).toContain('未登记紧急联系人');
  });

  it('calls an emergency contact with one tap', async () => {
    fire(byText('wx-text', '拨打 13600000001'), 'tap');
    await waitFor(() => wx.calls.phone.length === 1, { what: 'the call' });
    expect(wx.calls.phone[0].phoneNumber).toBe('13600000001');
  });

  it('filters by reason and by special needs', async () => {
    fire(byText('wx-view', '业主委员会成员'), 'tap');
    await waitFor(() => !text().includes('3栋1单元302'), { what: 'the filtered list' });
    expect(new URL(asked()[asked().length - 1].url).searchParams.get('reason')).toBe('owners_committee');
    fire(byText('wx-view', '全部'), 'tap');
    // The row holds this one chip only: the chip is the innermost view with the text.
    const needs = Array.from(page.dom.querySelectorAll('wx-view')).filter(
      (e) => e.textContent.trim() === '有特殊需求',
    );
    fire(needs[needs.length - 1], 'tap');
    await waitFor(
      () => new URL(asked()[asked().length - 1].url).searchParams.get('specialNeeds') === 'true',
      {
        what: 'specialNeeds=true',
      },
    );
    await waitFor(() => text().includes('共 1 户'), { what: 'one household' });
  });

  it('exports the ledger: WeChat downloads the signed link and opens the workbook', async () => {
    fire(byText('wx-text', '导出 Excel'), 'tap');
    await waitFor(() => wx.calls.open.length === 1, { what: 'the opened workbook' });
    expect(wx.calls.download[0].url).toBe('http://127.0.0.1:3000/api/reports/download?token=abc');
    expect(wx.calls.open[0]).toMatchObject({ filePath: 'wxfile://tmp/ledger.xlsx', fileType: 'xlsx' });
  });
});
