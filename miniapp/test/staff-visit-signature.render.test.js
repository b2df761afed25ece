/**
 * @jest-environment jsdom
 *
 * Headless render of the built weapp's staff 回访 page for a home visit: the resident's signature pad is drawn on
 * WeChat's Canvas 2D API — the <canvas type="2d"> node from a selector query, scaled to the pixel ratio, strokes on
 * its 2D context, exported with wx.canvasToTempFilePath({ canvas }) — and never on the unmaintained
 * wx.createCanvasContext. An empty pad is refused, 重写 clears it, and the signed record goes out with the uploaded
 * signature (POST /api/visits/:id/attempts with signatureUploadId).
 *
 * The simulator has no canvas of its own, so the test hands the page a canvas node that records what is drawn on it.
 */
const { createWx, loadPage, staffAccount, waitFor } = require('./support/weapp');

const VISITOR = staffAccount('u-cs', 'cs_lead', '客服主管');
const VISIT = {
  id: 'v-1',
  ticketId: 't-1',
  status: 'open',
  statusLabel: '待回访',
  form: 'home',
  formLabel: '上门回访',
  basis: '维修完成后上门回访',
  trigger: 'handled',
  round: 1,
  seq: 1,
  canRecord: true,
  asksCharge: false,
  attempts: [],
  ratings: [],
  questions: [],
  cancelReason: null,
  complaintLevel: null,
  complaintLevelLabel: null,
  doneAt: null,
  doneVia: null,
  dueAt: '2026-11-25T10:00:00.000Z',
  inviteDeadline: null,
  outcome: null,
  overdue: false,
  repairType: null,
  repairTypeLabel: null,
  repeatEveryDays: null,
  visitorRole: 'cs_lead',
  visitorRoleLabel: '客服主管',
  ticket: {
    id: 't-1',
    number: 'TS20261122-0007',
    kind: 'repair',
    kindLabel: '报修',
    content: '阳台推拉门轨道变形，推不动',
    household: { id: 'h-1', label: '1栋1单元101' },
    location: null,
    contact: { name: '林女士', phone: '139****0001' },
    handledNote: '已更换轨道',
  },
};
const DONE = {
  ...VISIT,
  status: 'done',
  statusLabel: '已回访',
  canRecord: false,
  attempts: [
    {
      id: 'a-1',
      createdAt: '2026-11-23T02:00:00.000Z',
      method: 'home',
      methodLabel: '上门回访',
      result: 'satisfied',
      resultLabel: '满意',
      visitorName: '客服主管',
      note: null,
      signatureUrl: '/api/files/up-sig',
    },
  ],
};

/** A Canvas 2D node as WeChat hands it out, recording the calls made on its context. */
function fakeCanvasNode() {
  const ops = [];
  const ctx = new Proxy(
    {},
    {
      get:
        (_t, name) =>
        (...args) =>
          ops.push([name, ...args]),
      set: (_t, name, value) => (ops.push([`set ${String(name)}`, value]), true),
    },
  );
  return { width: 300, height: 150, ops, getContext: (type) => (ops.push(['getContext', type]), ctx) };
}

describe('weapp build: the home-visit signature on the Canvas 2D API', () => {
  let wx;
  let page;
  const node = fakeCanvasNode();
  const selects = [];

  beforeAll(() => {
    wx = createWx({
      me: VISITOR,
      answer: (o) => {
        const url = String(o.url);
        if (url.endsWith('/api/visits/v-1/attempts') && o.method === 'POST')
          return { statusCode: 201, data: DONE };
        if (url.endsWith('/api/visits/v-1')) return { statusCode: 200, data: VISIT };
        return undefined;
      },
    });
    wx.calls.createCanvasContext = [];
    wx.calls.canvasToTempFilePath = [];
    wx.calls.upload = [];
    wx.createCanvasContext = (...args) => {
      wx.calls.createCanvasContext.push(args);
      throw new Error('createCanvasContext is no longer maintained');
    };
    wx.createSelectorQuery = () => {
      const query = {
        in: () => query,
        select(selector) {
          const item = { selector, fields: null };
          selects.push(item);
          return {
            fields(f) {
              item.fields = f;
              return query;
            },
            boundingClientRect() {
              item.fields = { rect: true };
              return query;
            },
          };
        },
        exec(cb) {
          const item = selects[selects.length - 1];
          const res =
            item.fields && item.fields.node ? [{ node, width: 320, height: 160 }] : [{ left: 0, top: 0 }];
          setTimeout(() => cb && cb(res), 0);
        },
      };
      return query;
    };
    wx.canvasToTempFilePath = (o) => {
      wx.calls.canvasToTempFilePath.push(o);
      setTimeout(() => o.success && o.success({ tempFilePath: 'wxfile://tmp/signature.png' }), 0);
    };
    wx.uploadFile = (o) => {
      wx.calls.upload.push(o);
      setTimeout(() => {
        const res = { statusCode: 201, data: JSON.stringify({ id: 'up-sig', url: '/api/files/up-sig' }) };
        o.success && o.success(res);
        o.complete && o.complete(res);
      }, 0);
      return { abort() {}, onProgressUpdate() {} };
    };
    const { render } = loadPage(wx, 'staff/pages/visit/index', { id: 'v-1' });
    page = render();
  });

  const text = () => page.dom.textContent;
  const find = (selector, pred) => Array.from(page.dom.querySelectorAll(selector)).find(pred);
  const tap = (el) => send(el, 'tap');
  /** A WeChat event (canvas touches carry x/y on the canvas) delivered to Taro's page event handler. */
  function send(el, type, touches) {
    const sid = el.getAttribute('data-sid');
    const target = { id: sid, dataset: { sid } };
    const event = { type, detail: {}, target, currentTarget: target, timeStamp: Date.now() };
    if (touches) Object.assign(event, { touches, changedTouches: touches });
    page.instance.eh(event);
  }
  /** The data Taro's template renders the pad's <canvas> from. */
  const canvasData = () => {
    const sid = canvas().getAttribute('data-sid');
    const walk = (n) => {
      if (!n || typeof n !== 'object') return null;
      if (n.sid === sid) return n;
      for (const v of Object.values(n)) {
        const hit = walk(v);
        if (hit) return hit;
      }
      return null;
    };
    return walk(page.instance.data);
  };
  const canvas = () => page.dom.querySelector('[class*="signature-pad__canvas"]');
  const chip = (label) =>
    waitFor(
      () => find('wx-view', (v) => v.textContent.trim() === label && /chip/.test(v.getAttribute('class'))),
      {
        what: `chip ${label}`,
      },
    );
  const submit = () =>
    waitFor(() => find('wx-button', (b) => /visit-page__submit/.test(b.getAttribute('class'))), {
      what: 'the submit button',
    });
  const draw = (points) => {
    send(canvas(), 'touchstart', [points[0]]);
    for (const p of points.slice(1)) send(canvas(), 'touchmove', [p]);
    send(canvas(), 'touchend', []);
  };
  /** Lets React commit what the last touch changed, as the pause between a person's taps does. */
  const settle = () => new Promise((r) => setTimeout(r, 50));
  const posts = () => wx.calls.request.filter((r) => r.method === 'POST');

  it('shows the pad as a 2d canvas and sets it up through its node, scaled to the pixel ratio', async () => {
    await waitFor(() => text().includes('TS20261122-0007'), { what: 'the visit' });
    tap(await chip('满意'));
    await waitFor(() => canvas(), { what: 'the signature pad' });
    // The node Taro hands the template: <canvas type="2d" id="visit-signature"> (p2 is its `type`, see base.wxml).
    const data = canvasData();
    expect(data).toMatchObject({ uid: 'visit-signature', p2: '2d' });
    expect(data.p0).toBeUndefined(); // no canvas-id: that was the old API's handle
    await waitFor(() => node.ops.some((op) => op[0] === 'getContext'), { what: 'the 2D context' });
    expect(selects.find((s) => s.fields && s.fields.node)).toMatchObject({
      selector: '#visit-signature',
      fields: { node: true, size: true },
    });
    expect(node.ops).toContainEqual(['getContext', '2d']);
    // pixelRatio 2 (the wx stub's window info): the backing store is twice the laid-out size.
    expect(node.width).toBe(640);
    expect(node.height).toBe(320);
    expect(node.ops).toContainEqual(['scale', 2, 2]);
  });

  it('refuses an empty pad, draws strokes on the 2D context, and 重写 clears them', async () => {
    tap(await submit());
    await waitFor(() => text().includes('请业主在下方签名确认'), { what: 'the empty-pad refusal' });
    draw([
      { x: 10, y: 10 },
      { x: 60, y: 20 },
      { x: 120, y: 40 },
    ]);
    expect(node.ops).toContainEqual(['moveTo', 10, 10]);
    expect(node.ops).toContainEqual(['lineTo', 120, 40]);
    expect(node.ops.filter((op) => op[0] === 'stroke')).toHaveLength(2);
    await settle();
    tap(find('wx-text', (t) => t.textContent.trim() === '重写'));
    expect(node.ops.some((op) => op[0] === 'clearRect')).toBe(true);
    await settle();
    tap(await submit());
    // Refused at once (nothing exported): a signed pad would have been exported right after the tap.
    await settle();
    expect(text()).toContain('请业主在下方签名确认');
    expect(wx.calls.canvasToTempFilePath).toHaveLength(0);
    expect(posts()).toHaveLength(0);
    expect(wx.calls.upload).toHaveLength(0);
  });

  it('exports the signed pad from the canvas node, uploads it and records the visit with it', async () => {
    draw([
      { x: 20, y: 100 },
      { x: 80, y: 60 },
      { x: 160, y: 110 },
      { x: 240, y: 50 },
    ]);
    await settle();
    tap(await submit());
    await waitFor(() => posts().length === 1, { what: 'the visit record' });
    const exported = wx.calls.canvasToTempFilePath[0];
    expect(exported.canvas).toBe(node);
    expect(exported.canvasId).toBeUndefined();
    expect(exported.fileType).toBe('png');
    expect(wx.calls.upload[0].filePath).toBe('wxfile://tmp/signature.png');
    expect(posts()[0].url).toMatch(/\/api\/visits\/v-1\/attempts$/);
    expect(posts()[0].data).toMatchObject({
      method: 'home',
      result: 'satisfied',
      signatureUploadId: 'up-sig',
    });
    await waitFor(() => text().includes('上门回访 · 满意'), { what: 'the recorded attempt' });
    expect(wx.calls.createCanvasContext).toHaveLength(0);
  });
});
