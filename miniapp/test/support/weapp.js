/**
 * A harness for rendering pages of the built weapp (dist/weapp) headlessly with miniprogram-simulate: the real WXML
 * templates (compiled by the bundled Linux wcc), the real Taro runtime and React, and a `wx` whose requests are
 * answered by the test.
 */
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../dist/weapp');

/**
 * A wx stub: in-memory storage (logged in as `me`) and wx.request answered by `answer(opts)` — a response
 * `{ statusCode, data }`, the string 'network' for a dropped connection, or undefined for a 404.
 */
function createWx({ me, answer }) {
  const storage = new Map([
    ['wuye.token', 'test-token'],
    ['wuye.user', JSON.stringify(me)],
  ]);
  const calls = {
    request: [],
    reLaunch: [],
    toast: [],
    navigateTo: [],
    redirectTo: [],
    modal: [],
    makePhoneCall: [],
  };
  const ok = (opts, res) => {
    setTimeout(() => {
      opts.success && opts.success(res);
      opts.complete && opts.complete(res);
    }, 0);
  };
  const wx = {
    calls,
    storage,
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k, v) => storage.set(k, v),
    removeStorageSync: (k) => storage.delete(k),
    getStorage: (o) => ok(o, { data: storage.get(o.key) }),
    setStorage: (o) => (storage.set(o.key, o.data), ok(o, {})),
    request(opts) {
      calls.request.push(opts);
      const url = String(opts.url);
      const res = url.endsWith('/api/me') ? { statusCode: 200, data: me } : answer(opts);
      if (res === 'network') {
        setTimeout(() => {
          const err = { errMsg: 'request:fail timeout' };
          opts.fail && opts.fail(err);
          opts.complete && opts.complete(err);
        }, 0);
      } else
        ok(opts, {
          header: {},
          ...(res ?? { statusCode: 404, data: { statusCode: 404, message: '不存在' } }),
        });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    reLaunch: (o) => (calls.reLaunch.push(o), ok(o, {})),
    navigateTo: (o) => (calls.navigateTo.push(o), ok(o, {})),
    redirectTo: (o) => (calls.redirectTo.push(o), ok(o, {})),
    switchTab: (o) => ok(o, {}),
    showToast: (o) => (calls.toast.push(o), ok(o, {})),
    showModal: (o) => (calls.modal.push(o), ok(o, { confirm: false, cancel: true })),
    makePhoneCall: (o) => (calls.makePhoneCall.push(o), ok(o, {})),
    stopPullDownRefresh: () => {},
    getSystemInfoSync: () => ({
      platform: 'devtools',
      windowWidth: 375,
      windowHeight: 667,
      screenWidth: 375,
      pixelRatio: 2,
      SDKVersion: '3.0.0',
    }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2 }),
    getDeviceInfo: () => ({ platform: 'devtools' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
    nextTick: (fn) => setTimeout(fn, 0),
  };
  return wx;
}

/** A signed-in staff account as /api/me answers it (HQ: no project). */
const staffAccount = (id, role, roleLabel, projectId = 'p-1') => ({
  id,
  name: roleLabel,
  kind: 'staff',
  role,
  roleLabel,
  projectId,
  projectName: projectId ? '阳光花园' : null,
  households: [],
});

/** Polls until `fn` returns something truthy (no fixed sleeps). */
async function waitFor(fn, { timeout = 10000, interval = 20, what = 'condition' } = {}) {
  const start = Date.now();
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Loads the app with `wx` and registers the page at `route` (e.g. 'pages/file/index'); returns `render()`, which
 * mounts a fresh instance of it (pages are rendered as components: their lifecycles run on attach), and `simulate`.
 */
function loadPage(wx, route, query = {}) {
  global.wx = wx;
  const simulate = require('miniprogram-simulate');
  // simulate merges its own wx API under ours; keep our stubs on top.
  Object.assign(global.wx, wx);

  let app = null;
  const pages = [];
  global.App = (options) => {
    app = options;
  };
  global.getApp = () => app;
  global.getCurrentPages = () => pages;
  global.Page = (options) => {
    const methods = {};
    const rest = {};
    for (const [k, v] of Object.entries(options)) {
      if (typeof v === 'function') methods[k] = v;
      else rest[k] = v;
    }
    global.Component({
      ...rest,
      methods,
      lifetimes: {
        attached() {
          this.route = route;
          this.__route__ = route;
          this.options = query;
          pages.push(this);
          this.onLoad && this.onLoad(query);
          this.onShow && this.onShow();
          this.onReady && this.onReady();
        },
      },
    });
  };

  require(path.join(DIST, 'app.js'));
  if (app && app.onLaunch) app.onLaunch({ path: route, query });
  const id = simulate.load(path.join(DIST, route), route.replace(/\W+/g, '-'), { rootPath: DIST });
  const render = () => {
    const page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
    return page;
  };
  return { render, simulate };
}

/** Delivers a WeChat event to Taro's page event handler, as the mini-program runtime would. */
function fire(page, el, type, detail = {}) {
  const sid = el.getAttribute('data-sid');
  const target = { id: sid, dataset: { sid } };
  page.instance.eh({ type, detail, target, currentTarget: target, timeStamp: Date.now() });
}

module.exports = { DIST, createWx, waitFor, loadPage, fire, staffAccount };
