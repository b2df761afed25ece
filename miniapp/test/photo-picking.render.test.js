/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp 我要反馈 page with miniprogram-simulate, for picking photos: the page asks
 * WeChat's current wx.chooseMedia for images only (not the unmaintained wx.chooseImage), uploads what comes back,
 * and leaves out with a clear message anything that is not a picture.
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

describe('weapp build: picking photos with wx.chooseMedia', () => {
  let wx;
  let page;
  const chosen = [];

  beforeAll(() => {
    wx = createWx({ me: ME, answer: () => undefined });
    wx.calls.chooseMedia = [];
    wx.calls.chooseImage = [];
    wx.calls.upload = [];
    wx.chooseMedia = (o) => {
      wx.calls.chooseMedia.push(o);
      const tempFiles = chosen.shift();
      const res = { tempFiles, type: 'image', errMsg: 'chooseMedia:ok' };
      setTimeout(() => {
        o.success && o.success(res);
        o.complete && o.complete(res);
      }, 0);
    };
    wx.chooseImage = (o) => {
      wx.calls.chooseImage.push(o);
      setTimeout(() => o.fail && o.fail({ errMsg: 'chooseImage:fail no longer used' }), 0);
    };
    wx.uploadFile = (o) => {
      wx.calls.upload.push(o);
      setTimeout(() => {
        const res = { statusCode: 201, data: JSON.stringify({ id: 'up-1', url: '/api/files/up-1' }) };
        o.success && o.success(res);
        o.complete && o.complete(res);
      }, 0);
      return { abort() {}, onProgressUpdate() {} };
    };
    const { render } = loadPage(wx, 'pages/file/index');
    page = render();
  });

  const text = () => page.dom.textContent;
  const fire = (el, type, detail = {}) => fireOn(page, el, type, detail);
  const addTile = () => page.dom.querySelector('[class*="photo-picker__add"]');

  it('asks chooseMedia for images only and uploads the photo', async () => {
    await waitFor(() => addTile(), { what: 'the add tile' });
    chosen.push([{ tempFilePath: 'wxfile://tmp/a.jpg', size: 2048, fileType: 'image' }]);
    fire(addTile(), 'tap');
    await waitFor(() => wx.calls.upload.length === 1, { what: 'the upload' });
    expect(wx.calls.chooseMedia[0]).toMatchObject({ mediaType: ['image'], sizeType: ['compressed'] });
    expect(wx.calls.chooseImage).toHaveLength(0);
    expect(wx.calls.upload[0].filePath).toBe('wxfile://tmp/a.jpg');
  });

  it('leaves out what is not a picture and says so', async () => {
    chosen.push([{ tempFilePath: 'wxfile://tmp/b.mp4', size: 4096, fileType: 'video' }]);
    fire(addTile(), 'tap');
    await waitFor(
      () => wx.calls.toast.some((t) => t.title === '只能上传图片（JPG、PNG 等），所选文件不是图片，已跳过'),
      { what: 'the not-a-picture message' },
    );
    expect(wx.calls.upload).toHaveLength(1);
    expect(text()).not.toContain('b.mp4');
  });
});
