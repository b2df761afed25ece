/**
 * @jest-environment jsdom
 *
 * The 24小时值班电话 page (built weapp) opened by group HQ, who belongs to no project: it says the number is set
 * per project by its manager, and asks the server nothing (GET /api/duty-phone reads the caller's own project).
 */
const { createWx, loadPage, staffAccount: staff, waitFor } = require('./support/weapp');
const HQ = staff('u-hq', 'hq', '集团总部', null);

describe('weapp build: 24小时值班电话 for group HQ (manager)', () => {
  it('explains that the number is set per project, without asking for one', async () => {
    const wx = createWx({ me: HQ, answer: () => undefined });
    const { render } = loadPage(wx, 'manager/pages/duty-phone/index');
    const page = render();
    await waitFor(() => page.dom.textContent.includes('值班电话按项目设置'), { what: 'the explanation' });
    expect(wx.calls.request.some((r) => String(r.url).includes('duty-phone'))).toBe(false);
    expect(page.dom.querySelector('wx-input')).toBeNull();
  });
});
