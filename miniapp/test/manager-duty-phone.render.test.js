/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's 24小时值班电话 page (manager sub-package) with miniprogram-simulate: the
 * project manager sees the number the emergency path offers, is told in Chinese when a value is not a phone
 * number, and saves it through PUT /api/projects/:id/duty-phone. (Group HQ, who belongs to no project, is told
 * the number is set per project: manager-duty-phone-hq.render.test.js.)
 */
const { createWx, fire: fireOn, loadPage, staffAccount: staff, waitFor } = require('./support/weapp');
const PM = staff('u-pm', 'project_manager', '项目经理');

const body = (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data);
let phone = '021-58880110';
const answer = (opts) => {
  const url = String(opts.url);
  if (url.endsWith('/api/duty-phone'))
    return { statusCode: 200, data: { projectId: 'p-1', dutyPhone: phone } };
  if (url.endsWith('/api/projects/p-1/duty-phone') && opts.method === 'PUT') {
    phone = body(opts).dutyPhone;
    return { statusCode: 200, data: { projectId: 'p-1', dutyPhone: phone } };
  }
  return undefined;
};

describe('weapp build: 24小时值班电话 (manager)', () => {
  let wx;
  let page;
  beforeAll(() => {
    wx = createWx({ me: PM, answer });
    const { render } = loadPage(wx, 'manager/pages/duty-phone/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const input = () => page.dom.querySelector('wx-input');
  const save = () =>
    waitFor(
      () => Array.from(page.dom.querySelectorAll('wx-button')).find((b) => b.textContent.trim() === '保存'),
      {
        what: 'the save button',
      },
    );
  const puts = () => wx.calls.request.filter((r) => r.method === 'PUT');

  it('shows the current number and what it is for', async () => {
    await waitFor(() => text().includes('当前号码：021-58880110'), { what: 'the current number' });
    expect(text()).toContain('电梯困人');
  });

  it('refuses what is not a phone number, in Chinese, and saves a good one', async () => {
    fire(input(), 'input', { value: '值班室', cursor: 3 });
    await waitFor(() => text().includes('值班电话格式不正确'), { what: 'the format problem' });
    fire(await save(), 'tap');
    await new Promise((r) => setTimeout(r, 50));
    expect(puts()).toHaveLength(0);

    fire(input(), 'input', { value: '021-58880119', cursor: 12 });
    await waitFor(() => !text().includes('值班电话格式不正确'), { what: 'the problem gone' });
    fire(await save(), 'tap');
    await waitFor(() => puts().length === 1, { what: 'the PUT' });
    expect(String(puts()[0].url)).toMatch(/\/api\/projects\/p-1\/duty-phone$/);
    expect(body(puts()[0])).toEqual({ dutyPhone: '021-58880119' });
    await waitFor(() => text().includes('当前号码：021-58880119'), { what: 'the saved number' });
  });
});
