/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 有偿服务价目表 page (staff sub-package) with miniprogram-simulate: the project
 * manager reads the list in yuan, is told in Chinese what is wrong with a line before anything is sent, adds,
 * edits and retires lines; front-desk staff only read it; HQ reads a project it picks.
 */
const { createWx, fire: fireOn, loadPage, staffAccount: staff, waitFor } = require('./support/weapp');
const PM = staff('u-pm', 'project_manager', '项目经理');
const FRONT_DESK = staff('u-fd', 'front_desk', '客服前台');
const HQ = staff('u-hq', 'hq', '集团总部', null);

/** The server's price list, per project (GET answers only the active lines, as the server does). */
const lists = {
  'p-1': [
    { id: 'i-1', kind: 'labour', name: '疏通下水道', unit: '次', priceFen: 8000, sort: 0, active: true },
    { id: 'i-2', kind: 'material', name: '水龙头', unit: '个', priceFen: 3899, sort: 0, active: true },
    { id: 'i-3', kind: 'labour', name: '更换灯泡', unit: '个', priceFen: 1550, sort: 0, active: true },
  ],
  'p-2': [{ id: 'i-9', kind: 'callout', name: '上门费', unit: '次', priceFen: 2000, sort: 0, active: true }],
};
/** Answers to the next writes, e.g. a refusal; empty → the write succeeds. Same for the next reads. */
const writeAnswers = [];
const readAnswers = [];

const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
const answer = (opts) => {
  const url = String(opts.url);
  const method = opts.method || 'GET';
  if (url.includes('/api/reports/projects'))
    return {
      statusCode: 200,
      data: {
        company: true,
        label: '阳光物业集团',
        projects: [
          { id: 'p-1', name: '阳光花园' },
          { id: 'p-2', name: '翠湖苑' },
        ],
      },
    };
  const m = /\/api\/pay\/price-items(?:\/([^?]+))?(?:\?projectId=(.+))?$/.exec(url);
  if (!m) return undefined;
  if (method === 'GET') {
    if (readAnswers.length) return readAnswers.shift();
    const list = lists[m[2] ? decodeURIComponent(m[2]) : 'p-1'] || [];
    return { statusCode: 200, data: { projectId: m[2] || 'p-1', items: list.filter((i) => i.active) } };
  }
  if (writeAnswers.length) return writeAnswers.shift();
  if (method === 'POST') {
    const item = { id: `i-new-${lists['p-1'].length}`, sort: 0, active: true, ...body(opts) };
    if (!item.unit) item.unit = '项';
    lists['p-1'].push(item);
    return { statusCode: 201, data: item };
  }
  if (method === 'PUT' && m[1]) {
    const item = lists['p-1'].find((i) => i.id === decodeURIComponent(m[1]));
    if (!item) return { statusCode: 404, data: { statusCode: 404, message: '没有找到这个收费项目' } };
    Object.assign(item, body(opts));
    if (!item.unit) item.unit = '项';
    return { statusCode: 200, data: item };
  }
  return { statusCode: 405, data: { statusCode: 405, message: 'Method Not Allowed' } };
};

describe('weapp build: 有偿服务价目表 (staff)', () => {
  let wx;
  let page;
  let render;
  let modalAnswer = false;

  beforeAll(() => {
    wx = createWx({ me: PM, answer });
    wx.showModal = (o) => {
      wx.calls.modal.push(o);
      setTimeout(() => o.success && o.success({ confirm: modalAnswer, cancel: !modalAnswer }), 0);
    };
    ({ render } = loadPage(wx, 'staff/pages/prices/index'));
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const find = (selector, pred) => Array.from(page.dom.querySelectorAll(selector)).find(pred);
  const button = (label) =>
    waitFor(() => find('wx-button', (b) => b.textContent.trim() === label), { what: `button ${label}` });
  const itemRow = (name) =>
    waitFor(
      () =>
        find(
          'wx-view',
          (v) => (v.getAttribute('class') || '').includes('prices__item') && v.textContent.includes(name),
        ),
      { what: `row ${name}` },
    );
  const inputs = () => Array.from(page.dom.querySelectorAll('wx-input'));
  const writes = () =>
    wx.calls.request.filter(
      (r) => String(r.url).includes('/api/pay/price-items') && (r.method || 'GET') !== 'GET',
    );
  /** The node Taro rendered for an element (its props as the page's data holds them). */
  const nodeOf = (el) => {
    const sid = el.getAttribute('data-sid');
    const walk = (n) => (n.sid === sid ? n : (n.cn || []).reduce((hit, c) => hit || walk(c), null));
    return walk(page.instance.data.root);
  };
  /** Whether the n-th input shows `value` (React has committed it). */
  const inputShows = (n, value) =>
    waitFor(() => inputs()[n] && Object.values(nodeOf(inputs()[n]) || {}).includes(value), {
      what: `input ${n} showing ${value}`,
    });
  /** Types into the form's n-th input (name, price, unit, sort) and waits until the page shows it. */
  const type = async (n, value) => {
    const input = await waitFor(() => inputs()[n], { what: `input ${n}` });
    fire(input, 'input', { value, cursor: value.length });
    await inputShows(n, value);
  };

  it('lists the lines by kind with prices in yuan and offers 新增 to the project manager', async () => {
    await waitFor(() => text().includes('疏通下水道'), { what: 'the price list' });
    const t = text();
    expect(t.indexOf('人工费')).toBeLessThan(t.indexOf('疏通下水道'));
    expect(t.indexOf('更换灯泡')).toBeLessThan(t.indexOf('材料费（按成本价）'));
    expect(t.indexOf('材料费（按成本价）')).toBeLessThan(t.indexOf('水龙头'));
    expect(t).toContain('¥80.00 / 次');
    expect(t).toContain('¥38.99 / 个');
    expect(t).toContain('¥15.50 / 个');
    expect(t).toContain('阳光花园');
    expect(t).not.toContain('价目表由项目经理维护');
    await button('新增收费项目');
    const get = wx.calls.request.find((r) => String(r.url).includes('/api/pay/price-items'));
    expect(String(get.url)).toMatch(/\/api\/pay\/price-items$/); // staff get their own project
    expect(get.header.Authorization).toBe('Bearer test-token');
  });

  it('says in Chinese what is wrong with a new line and sends nothing', async () => {
    fire(await button('新增收费项目'), 'tap');
    await waitFor(() => inputs().length === 4, { what: 'the form' });
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('请填写收费项目名称'), { what: 'the missing name message' });
    await type(0, '上门检测');
    await type(1, '12.345');
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('请填写正确的价格（元），最多两位小数，如 25.50'), {
      what: 'bad price',
    });
    await type(1, '-3');
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('价格不能为负数'), { what: 'negative price' });
    expect(writes()).toHaveLength(0);
  });

  it('adds a call-out line in fen and shows it in the list', async () => {
    const chip = () => find('wx-view', (v) => v.textContent.trim() === '上门费');
    fire(await waitFor(chip, { what: '上门费 chip' }), 'tap');
    await waitFor(() => chip().getAttribute('class').includes('chip--active'), { what: '上门费 picked' });
    await type(1, '30');
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('¥30.00 / 项'), { what: 'the new line in the list' });
    expect(writes()).toHaveLength(1);
    expect(writes()[0].method).toBe('POST');
    expect(body(writes()[0])).toEqual({
      kind: 'callout',
      name: '上门检测',
      unit: '',
      priceFen: 3000,
      sort: 0,
    });
    expect(text()).toContain('上门费'); // its group
    expect(wx.calls.toast.some((t) => t.title === '已保存')).toBe(true);
  });

  it('edits a line with PUT (wx.request has no PATCH), the price read back in yuan', async () => {
    fire(await itemRow('疏通下水道'), 'tap');
    await waitFor(() => inputs().length === 4, { what: 'the edit form' });
    expect(text()).toContain('修改收费项目');
    expect(await inputShows(1, '80')).toBe(true);

    await type(1, '85.5');
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('¥85.50 / 次'), { what: 'the new price' });
    const put = writes()[1];
    expect(put.method).toBe('PUT');
    expect(String(put.url)).toMatch(/\/api\/pay\/price-items\/i-1$/);
    expect(body(put)).toEqual({
      kind: 'labour',
      name: '疏通下水道',
      unit: '次',
      priceFen: 8550,
      sort: 0,
      active: true,
    });
  });

  it('shows the server refusal in Chinese and keeps the form', async () => {
    fire(await itemRow('更换灯泡'), 'tap');
    await waitFor(() => inputs().length === 4, { what: 'the edit form' });
    writeAnswers.push({
      statusCode: 403,
      data: { statusCode: 403, message: '只有项目经理可以修改维修价目表' },
    });
    fire(await button('保存'), 'tap');
    await waitFor(() => text().includes('只有项目经理可以修改维修价目表'), { what: 'the refusal' });
    expect(inputs()).toHaveLength(4);
    fire(await button('取消'), 'tap');
    await waitFor(() => inputs().length === 0, { what: 'back to the list' });
  });

  it('retires a line only after confirming, and it leaves the list', async () => {
    const before = writes().length;
    fire(await itemRow('水龙头'), 'tap');
    modalAnswer = false;
    fire(await button('停用'), 'tap');
    await waitFor(() => wx.calls.modal.length === 1, { what: 'the confirmation' });
    expect(wx.calls.modal[0].content).toContain('已发出的报价不受影响');
    await new Promise((r) => setTimeout(r, 50));
    expect(writes()).toHaveLength(before);

    modalAnswer = true;
    fire(await button('停用'), 'tap');
    await waitFor(() => writes().length === before + 1, { what: 'the retire request' });
    expect(body(writes()[before])).toEqual({
      kind: 'material',
      name: '水龙头',
      unit: '个',
      priceFen: 3899,
      sort: 0,
      active: false,
    });
    // Back on the list (the form's inputs are not in the text), without the retired line.
    await waitFor(() => text().includes('疏通下水道') && !text().includes('水龙头'), {
      what: 'the line gone from the list',
    });
    expect(text()).not.toContain('材料费（按成本价）');
  });

  it('is read-only for front-desk staff', async () => {
    wx.storage.set('wuye.user', JSON.stringify(FRONT_DESK));
    page.detach();
    page = render();
    await waitFor(() => text().includes('疏通下水道'), { what: 'the price list' });
    expect(text()).toContain('价目表由项目经理维护，报价时按此收费');
    expect(find('wx-button', (b) => b.textContent.includes('新增收费项目'))).toBeUndefined();
    fire(await itemRow('疏通下水道'), 'tap');
    await new Promise((r) => setTimeout(r, 50));
    expect(inputs()).toHaveLength(0);
  });

  it('lets HQ read the list of a project it picks', async () => {
    wx.storage.set('wuye.user', JSON.stringify(HQ));
    page.detach();
    const asked = wx.calls.request.length;
    page = render();
    await waitFor(() => text().includes('疏通下水道'), { what: "the first project's list" });
    const gets = wx.calls.request.slice(asked).filter((r) => String(r.url).includes('/api/pay/price-items'));
    expect(String(gets[0].url)).toMatch(/\?projectId=p-1$/);
    expect(text()).toContain('阳光花园 ▾');
    expect(text()).toContain('价目表由项目经理维护');
    const picker = find('wx-picker', () => true);
    fire(picker, 'change', { value: 1 });
    await waitFor(() => text().includes('¥20.00 / 次'), { what: "the second project's list" });
    expect(text()).toContain('翠湖苑 ▾');
    expect(text()).not.toContain('疏通下水道');
  });

  it('says why the list did not load and retries', async () => {
    wx.storage.set('wuye.user', JSON.stringify(PM));
    page.detach();
    readAnswers.push({ statusCode: 503, data: { statusCode: 503, message: '服务暂时不可用，请稍后再试' } });
    page = render();
    await waitFor(() => text().includes('服务暂时不可用'), { what: 'the error' });
    expect(text()).not.toContain('疏通下水道');
    fire(await button('重试'), 'tap');
    await waitFor(() => text().includes('疏通下水道'), { what: 'the list after retrying' });
  });
});
