/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 服务禁语 page (manager sub-package) with miniprogram-simulate: the project
 * manager edits the company's forbidden phrases with their better wording; the form says in Chinese what blocks
 * saving (a phrase too short, an empty wording) before anything is sent, and saves the whole list.
 */
const { createWx, fire: fireOn, loadPage, staffAccount: staff, waitFor } = require('./support/weapp');
const PM = staff('u-pm', 'project_manager', '项目经理');

const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
let list = [
  { phrase: '这不归我们管', better: '这件事我来帮您联系负责的部门' },
  { phrase: '我也没办法', better: '我马上向主管反映，尽快给您答复' },
];
const answer = (opts) => {
  const url = String(opts.url);
  if (!url.endsWith('/api/forbidden-phrases')) return undefined;
  if ((opts.method || 'GET') === 'PUT') list = body(opts).items;
  return { statusCode: 200, data: { items: list, editable: true, max: 200 } };
};

describe('weapp build: 服务禁语 (manager)', () => {
  let wx;
  let page;
  beforeAll(() => {
    wx = createWx({ me: PM, answer });
    const { render } = loadPage(wx, 'manager/pages/phrases/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const all = (selector) => Array.from(page.dom.querySelectorAll(selector));
  const button = (label) =>
    waitFor(() => all('wx-button').find((b) => b.textContent.trim() === label), { what: `button ${label}` });
  const puts = () => wx.calls.request.filter((r) => (r.method || 'GET') === 'PUT');

  it('lists the phrases, each with its better wording, for editing', async () => {
    await waitFor(() => text().includes('共 2 条（最多 200 条）'), { what: 'the list' });
    expect(all('wx-input')).toHaveLength(2);
    expect(all('wx-textarea')).toHaveLength(2);
    expect(text()).toContain('第 1 条 · 不能说');
    expect(text()).toContain('第 2 条 · 不能说');
    await button('保存清单');
    await button('添加一条');
  });

  it('says what blocks saving before sending anything, and saves the list when it is right', async () => {
    fire(all('wx-input')[0], 'input', { value: '不', cursor: 1 });
    await waitFor(() => text().includes('第 1 条禁语需 2–40 个字'), { what: 'the length problem' });
    fire(await button('保存清单'), 'tap');
    await new Promise((r) => setTimeout(r, 50));
    expect(puts()).toHaveLength(0);

    fire(all('wx-input')[0], 'input', { value: '这事不归我们管', cursor: 7 });
    await waitFor(() => !text().includes('第 1 条禁语需'), { what: 'the problem gone' });

    // a new, empty entry blocks saving until it is filled in or removed
    fire(await button('添加一条'), 'tap');
    await waitFor(() => text().includes('共 3 条'), { what: 'the third row' });
    expect(text()).toContain('第 3 条的建议说法需 1–200 个字');
    const removes = all('wx-button').filter((b) => b.textContent.trim() === '删除');
    expect(removes).toHaveLength(3);
    fire(removes[2], 'tap');
    await waitFor(() => text().includes('共 2 条'), { what: 'the row removed' });

    fire(await button('保存清单'), 'tap');
    await waitFor(() => puts().length === 1, { what: 'the PUT' });
    expect(String(puts()[0].url)).toMatch(/\/api\/forbidden-phrases$/);
    expect(body(puts()[0]).items).toEqual([
      { phrase: '这事不归我们管', better: '这件事我来帮您联系负责的部门' },
      { phrase: '我也没办法', better: '我马上向主管反映，尽快给您答复' },
    ]);
    await waitFor(() => text().includes('服务禁语已保存'), { what: 'the saved message' });
  });
});
