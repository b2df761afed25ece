#!/usr/bin/env node
// End-to-end test of the staff screens that close loops (issue 26), on the H5 build against the real server in
// headless Chromium, each driven as the person who uses it:
//
//   pnpm --filter miniapp e2e:screens
//
// - 住户绑定: a newcomer applies (API); the front desk sees the badge on the workbench and the notice, cannot refuse
//   without a reason, refuses one application with a reason and approves another, issues a flat's 登记码; the
//   newcomer finds the result in 消息通知;
// - 查找工单 / 我登记的: the front desk finds the call she registered under 我登记的 and by the caller's phone tail,
//   and narrows by kind;
// - 服务上移: the front desk passes a complaint up to the project manager on the ticket page; the manager has the
//   notice, and the ticket in 我的待办 tagged 已上移项目经理 with its deadline (not 无时限);
// - 办理退款: the project manager refunds part of a repair paid in cash after work started;
// - 上门回访: the visitor records a home visit, the resident signs with the finger on the Canvas 2D pad (an empty or
//   cleared pad is refused), and the signature is uploaded and attached to the record;
// - the title bar with a back button, and dialog buttons on one line.
// Builds what is missing like e2e/run.mjs (E2E_REBUILD=1 rebuilds the H5; E2E_ONLY=<words> runs only the steps
// whose name contains them, for steps that set up their own data). Screenshots land in
// miniapp/e2e/artifacts/screens/. The server is stopped at the end, even on failure.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const MINIAPP = resolve(HERE, '..');
const REPO = resolve(MINIAPP, '..');
const H5_DIR = join(MINIAPP, 'dist/h5');
const SERVER_MAIN = join(REPO, 'server/dist/main.js');
const ARTIFACTS = join(HERE, 'artifacts', 'screens');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20_000;

const log = (...args) => console.log('[e2e:screens]', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, cwd = REPO) {
  log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
}

function ensureBuilt() {
  if (!existsSync(join(REPO, 'shared/dist/index.js'))) run('pnpm', ['--filter', '@wuye/shared', 'build']);
  if (!existsSync(SERVER_MAIN)) run('pnpm', ['--filter', '@wuye/server', 'build']);
  if (process.env.E2E_REBUILD || !existsSync(join(H5_DIR, 'index.html')))
    run('pnpm', ['run', 'build:h5'], MINIAPP);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'wuye-e2e-screens-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = createWriteStream(join(ARTIFACTS, 'server.log'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: join(REPO, 'server'),
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      H5_DIR,
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const deadline = Date.now() + 5000;
      while (!exited && Date.now() < deadline) await sleep(50);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(`server exited early (${JSON.stringify(exited)}); see ${ARTIFACTS}/server.log`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok && (await res.json()).status === 'ok') break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('server did not answer /api/health within 60 s');
    }
    await sleep(200);
  }
  log(`server up at ${base}`);
  return { base, stop };
}

const results = [];
async function step(name, fn) {
  if (process.env.E2E_ONLY && !name.includes(process.env.E2E_ONLY)) return;
  if (results.some((r) => r.status === 'failed')) {
    results.push({ name, status: 'skipped' });
    log(`- skipped: ${name}`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, status: 'passed' });
    log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, status: 'failed', error: e });
    log(`✗ ${name}\n${e?.stack ?? e}`);
  }
}

async function main() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuilt();
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'wuye-e2e-screens-chromium-'));
  const browserLog = [];
  let context;
  let page;
  const shots = [];
  const settle = () =>
    page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
        timeout: 5000,
      })
      .catch(() => undefined);
  const quietToast = () =>
    page
      .waitForFunction(
        () =>
          !Array.from(document.querySelectorAll('.taro__toast, .taro__toast *')).some((t) => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(t).visibility !== 'hidden';
          }),
        null,
        { timeout: 5000 },
      )
      .catch(() => sleep(1600));
  /** A screenshot, and a line for the list of what each shows. */
  const shot = async (name, what) => {
    await settle();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    shots.push(`${name}.png — ${what}`);
  };
  const visible = (locator) => locator.filter({ visible: true }).first();

  /** The API as a person (dev login), for what the screens under test do not cover. */
  const tokens = new Map();
  const call = async (accountId, method, path, body) => {
    if (!tokens.has(accountId)) {
      const login = await fetch(`${server.base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId }),
      });
      tokens.set(accountId, (await login.json()).token);
    }
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(accountId)}`,
        'content-type': 'application/json',
        'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  try {
    const accounts = await (await fetch(`${server.base}/api/auth/dev-accounts`)).json();
    const who = (pred, what) => {
      const a = accounts.find(pred);
      if (!a) throw new Error(`no demo account: ${what}`);
      return a;
    };
    const frontDesk = who((a) => a.role === 'front_desk', 'front desk');
    const pm = who((a) => a.role === 'project_manager', 'project manager');
    const engineer = who((a) => a.role === 'dept_staff' && a.departmentName === '工程部', 'engineer');
    const resident = who((a) => a.kind === 'resident' && a.householdLabel, 'bound resident');
    const newcomer = who((a) => a.kind === 'resident' && !a.householdLabel, 'newcomer');

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.stack ?? e}`));
    page.on('console', (m) => m.type() === 'error' && browserLog.push(`[console.error] ${m.text()}`));

    const loginAs = async (name) => {
      await page.goto('about:blank');
      await page.goto(`${server.base}/#/pages/login/index`);
      await visible(
        page
          .locator('.account')
          .filter({ has: page.locator('.account__name', { hasText: new RegExp(`^${name}$`) }) }),
      ).click();
      await page.waitForURL((u) => !u.hash.includes('pages/login'));
      await settle();
    };
    const openHash = async (hash) => {
      await page.goto('about:blank');
      await page.goto(`${server.base}/#${hash}`);
      await settle();
    };

    let ledgerFlat = null;

    // ------------------------------------------------------------------ 住户绑定
    const { projectId } = await call(frontDesk.id, 'GET', '/api/me');
    const tree = await call(newcomer.id, 'GET', `/api/org/projects/${projectId}/tree`);
    const home = (await call(resident.id, 'GET', '/api/me')).households[0].id;
    const flats = tree.buildings.flatMap((b) => b.units.flatMap((u) => u.households));
    const [flatA, flatB] = [flats[flats.length - 1], flats[flats.length - 2]];

    await step(
      'a newcomer applies for two flats; the front desk sees 住户绑定 2 and the notice',
      async () => {
        await call(newcomer.id, 'POST', '/api/bindings', {
          householdId: flatA.id,
          relation: 'tenant',
          name: newcomer.name,
          phone: '13811112222',
        });
        await call(newcomer.id, 'POST', '/api/bindings', {
          householdId: flatB.id,
          relation: 'owner',
          name: newcomer.name,
        });
        await loginAs(frontDesk.name);
        await page.waitForURL(/staff\/pages\/index/);
        await visible(page.locator('.staff-page__button--badge', { hasText: '住户绑定 2' })).waitFor();
        await shot('s01-workbench-badge', '员工工作台（前台）：住户绑定 2 的角标、查找工单、我登记的页签');
        await openHash('/pages/notifications/index');
        await visible(page.getByText(`待审核：${flatA.label} 绑定申请`)).waitFor();
        await shot('s02-notice-binding', '消息通知（前台）：待审核的绑定申请');
      },
    );

    await step(
      'the front desk cannot refuse without a reason; refuses one with a reason, approves the other',
      async () => {
        await openHash('/staff/pages/bindings/index');
        const card = (label) => visible(page.locator('.bindings__item', { hasText: label }));
        await card(flatA.label).waitFor();
        await shot(
          's03-bindings-list',
          '住户绑定：待审核的申请（房屋、申请人、身份、打码的电话）与发放登记码',
        );
        await card(flatA.label).locator('.dialog-buttons__button', { hasText: '驳回' }).click();
        await visible(page.locator('.bindings__confirm')).click();
        await visible(page.getByText('请填写驳回原因，住户会看到')).waitFor();
        // The two buttons of the form sit on one line, the same height.
        const boxes = await Promise.all(
          ['取消', '确定'].map((t) =>
            visible(card(flatA.label).locator('.dialog-buttons__button', { hasText: t })).boundingBox(),
          ),
        );
        if (Math.abs(boxes[0].y - boxes[1].y) > 1 || Math.abs(boxes[0].height - boxes[1].height) > 1)
          throw new Error(`dialog buttons not aligned: ${JSON.stringify(boxes)}`);
        await shot('s04-bindings-reason', '住户绑定：驳回须填写原因（未填时的提示），取消/确定按钮同高同行');
        await visible(page.locator('.bindings__note textarea')).fill('租赁合同未提供，请带合同到服务中心');
        const rejected = page.waitForResponse((r) => r.url().endsWith('/reject'));
        await visible(page.locator('.bindings__confirm')).click();
        if ((await rejected).status() !== 200) throw new Error('reject failed');
        await card(flatA.label).waitFor({ state: 'detached' });
        await card(flatB.label).locator('.dialog-buttons__button', { hasText: '通过' }).click();
        const approved = page.waitForResponse((r) => r.url().endsWith('/approve'));
        await visible(page.locator('.bindings__confirm')).click();
        if ((await approved).status() !== 200) throw new Error('approve failed');
        await visible(page.getByText('暂无待审核的申请')).waitFor();
      },
    );

    await step('the front desk issues a 登记码 for a flat', async () => {
      await visible(page.locator('.bindings__picker')).click();
      const ok = visible(page.locator('.weui-picker__action', { hasText: '确定' }));
      await ok.waitFor();
      await sleep(400); // the weui picker slides up
      await ok.click({ force: true });
      await ok.waitFor({ state: 'hidden' });
      const issued = page.waitForResponse((r) => r.url().endsWith('/codes'));
      await visible(page.locator('.bindings__issue')).click();
      const { code } = await (await issued).json();
      await visible(page.locator('.bindings__code-text', { hasText: code })).waitFor();
      await quietToast();
      await shot('s05-bindings-code', '住户绑定：生成的一次性登记码与有效期');
    });

    await step('the newcomer is told both results in 消息通知', async () => {
      await loginAs(newcomer.name);
      await openHash('/pages/notifications/index');
      await visible(page.getByText(`房屋绑定已通过：${flatB.label}`)).waitFor();
      await visible(page.getByText(`房屋绑定未通过：${flatA.label}`)).waitFor();
      await visible(page.getByText('租赁合同未提供', { exact: false })).waitFor();
      await shot('s06-resident-told', '消息通知（住户）：绑定通过，以及驳回及其原因');
    });

    // ------------------------------------------------------------------ 我登记的 / 查找工单
    const call1 = await call(frontDesk.id, 'POST', '/api/tickets', {
      kind: 'complaint',
      channel: 'phone',
      content: '北门岗亭晚上没人值班，外来车辆随便进（e2e）',
      location: '北门岗亭',
      contactName: '赵先生',
      contactPhone: '13700004321',
    });
    await step('the front desk finds the call she registered under 我登记的', async () => {
      await loginAs(frontDesk.name);
      await visible(page.locator('.staff-tabs__item', { hasText: '我登记的' })).click();
      await visible(page.locator('.queue-card', { hasText: call1.number })).waitFor();
      await shot('s07-registered-tab', '员工工作台：我登记的（代客登记的工单，任何状态）');
    });

    await step('查找工单 by the caller’s phone tail, then narrowed by kind', async () => {
      await openHash('/staff/pages/search/index');
      await visible(page.locator('.search-page__input input')).fill('4321');
      const searched = page.waitForResponse((r) => r.url().includes('/api/staff/search?q=4321'));
      await visible(page.locator('.search-page__go')).click();
      await searched;
      await visible(page.locator('.queue-card', { hasText: call1.number })).waitFor();
      await visible(page.locator('.search-page__total', { hasText: '共 1 条' })).waitFor();
      await shot('s08-search-phone', '查找工单：按手机尾号 4321 找到来电登记的投诉');
      await visible(page.locator('.chip', { hasText: /^报修$/ })).click();
      await visible(page.getByText('没有符合条件的工单，换个条件试试')).waitFor();
      await shot('s09-search-filter', '查找工单：加上“报修”筛选后没有结果');
    });

    // ------------------------------------------------------------------ 服务上移
    const complaint = await call(resident.id, 'POST', '/api/tickets', {
      kind: 'complaint',
      content: '物业费涨价没有公示，我要求经理给个说法（e2e）',
      householdId: home,
    });
    await step('the front desk passes a complaint up to the project manager (服务上移)', async () => {
      await loginAs(frontDesk.name);
      await openHash(`/staff/pages/ticket/index?id=${complaint.id}`);
      await visible(page.locator('.staff-ticket__action', { hasText: /^服务上移$/ })).click();
      await visible(page.locator('.action-form__title', { hasText: '服务上移' })).waitFor();
      await visible(page.locator('.action-form .chip', { hasText: '项目经理' })).click();
      await visible(page.locator('.action-form__reason textarea')).fill('住户情绪激动，要求经理出面答复');
      // The form's 取消 and 提交 sit on one line, the same height.
      const [cancel, submit] = await Promise.all([
        visible(page.locator('.action-form__cancel')).boundingBox(),
        visible(page.locator('.action-form__submit')).boundingBox(),
      ]);
      if (Math.abs(cancel.y - submit.y) > 1 || Math.abs(cancel.height - submit.height) > 1)
        throw new Error(`action form buttons not aligned: ${JSON.stringify({ cancel, submit })}`);
      await shot('s10-escalate-form', '工单详情（前台）：服务上移给项目经理，填写原因；按钮同行');
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${complaint.id}/actions`));
      await visible(page.locator('.action-form__submit')).click();
      if ((await sent).status() !== 200) throw new Error('escalate failed');
    });

    await step('the project manager has the notice and the ticket in 我的待办, with a deadline', async () => {
      await loginAs(pm.name);
      await page.waitForURL(/staff\/pages\/index/);
      const card = visible(page.locator('.queue-card', { hasText: complaint.number }));
      await card.waitFor();
      const text = await card.textContent();
      if (!text.includes('已上移项目经理')) throw new Error(`no escalation tag: ${text}`);
      if (text.includes('无时限') || !/时限：.*前/.test(text)) throw new Error(`no deadline: ${text}`);
      await shot('s11-pm-queue', '员工工作台（项目经理）：我的待办里的上移工单，标签“已上移项目经理”和时限');
      await openHash('/pages/notifications/index');
      await visible(page.getByText(`服务上移：${complaint.number}`)).waitFor();
      await shot('s12-pm-notice', '消息通知（项目经理）：服务上移通知');
    });

    // ------------------------------------------------------------------ 办理退款
    const repair = await call(resident.id, 'POST', '/api/tickets', {
      kind: 'repair',
      content: '阳台推拉门轨道变形，推不动（e2e）',
      householdId: home,
    });
    await step('the project manager refunds part of a repair paid in cash after work started', async () => {
      const item = await call(pm.id, 'POST', '/api/pay/price-items', {
        kind: 'labour',
        name: '更换推拉门轨道',
        unit: '次',
        priceFen: 12550,
      });
      // Routed automatically to an engineer, or dispatched here to one.
      let t0 = await call(pm.id, 'GET', `/api/tickets/${repair.id}`);
      if (!t0.assignee) {
        await call(frontDesk.id, 'POST', `/api/tickets/${repair.id}/actions`, {
          version: t0.version,
          action: 'assign',
          departmentCode: 'eng',
          assigneeId: engineer.id,
        });
        t0 = await call(pm.id, 'GET', `/api/tickets/${repair.id}`);
      }
      const handler = t0.assignee.id;
      await call(handler, 'POST', `/api/tickets/${repair.id}/actions`, {
        version: t0.version,
        action: 'start',
      });
      const charges = await call(handler, 'POST', `/api/tickets/${repair.id}/quotes`, {
        items: [{ priceItemId: item.id, quantity: 1 }],
      });
      const quoteId = charges.quotes[0].id;
      await call(handler, 'POST', `/api/tickets/${repair.id}/quotes/${quoteId}/offline-payment`, {
        method: 'cash',
      });
      await call(handler, 'POST', `/api/tickets/${repair.id}/quotes/${quoteId}/start-work`);

      await loginAs(pm.name);
      await openHash(`/staff/pages/ticket/index?id=${repair.id}`);
      await visible(page.locator('.refund-form__open')).click();
      await visible(page.locator('.chip', { hasText: '部分退款' })).click();
      await visible(page.locator('.refund-form input')).fill('20');
      await visible(page.locator('.refund-form__reason textarea')).fill('上门超时，退还部分人工费');
      await shot('s13-refund-form', '工单详情（项目经理）：办理退款，部分退款 20 元并填写原因');
      await visible(page.locator('.refund-form .dialog-buttons__button--primary')).click();
      await visible(page.getByText('确定退款 ¥20.00？', { exact: false })).waitFor();
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${repair.id}/refunds`));
      await visible(
        page
          .locator('.taro-modal__foot div', { hasText: '确定' })
          .or(page.getByText('确定', { exact: true })),
      ).click();
      const res = await sent;
      if (res.status() !== 201) throw new Error(`refund answered ${res.status()}: ${await res.text()}`);
      await visible(page.locator('[data-testid="charges-summary"]', { hasText: '退款中 ¥20.00' })).waitFor();
      await quietToast();
      await shot('s14-refund-done', '工单详情（项目经理）：费用里显示退款中 ¥20.00，退款按钮消失');
      if (await page.locator('.refund-form__open').filter({ visible: true }).count())
        throw new Error('the refund button is still offered');
    });

    // ------------------------------------------------------------------ 重点客户 / 特殊需求台账
    await step('the front desk adds an emergency contact on the 业户档案 of a key customer', async () => {
      const frail = (await call(frontDesk.id, 'GET', '/api/households/ledger')).items.find(
        (i) => i.keyCustomerReasons.length > 0 && i.specialNeeds === null,
      );
      if (!frail) throw new Error('no key customer in the demo ledger');
      ledgerFlat = frail.household;
      await loginAs(frontDesk.name);
      await openHash(`/staff/pages/household/index?id=${frail.household.id}`);
      await visible(page.locator('.household__add-contact')).click();
      await visible(page.locator('.household__contact-name input')).fill('何小军');
      await visible(page.locator('.household__contact-phone input')).fill('13600000001');
      await visible(page.locator('.household__contact-relation input')).fill('儿子');
      await visible(page.locator('textarea')).fill('家中有制氧机，停电须提前电话告知');
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/profile') && r.request().method() === 'PUT',
      );
      await visible(
        page.locator('.household__save button, .household__save taro-button-core').first(),
      ).click();
      if ((await saved).status() !== 200) throw new Error('profile not saved');
      await quietToast();
      await visible(page.locator('.household__contacts')).scrollIntoViewIfNeeded();
      await shot('s16-household-contacts', '业户档案（前台）：特殊需求与紧急联系人（姓名、电话、关系）');
    });

    await step(
      '重点客户台账: filtered to special needs, contacts one tap away, exported to Excel',
      async () => {
        await openHash('/staff/pages/ledger/index');
        const item = visible(page.locator('.ledger__item', { hasText: ledgerFlat.label }));
        await item.waitFor();
        await item.locator('.contacts__call', { hasText: '拨打 13600000001' }).waitFor();
        await shot(
          's17-ledger',
          '重点客户台账：按原因的标签、特殊需求、住户、紧急联系人与拨打按钮、导出 Excel',
        );
        const withNeeds = (await call(frontDesk.id, 'GET', '/api/households/ledger?specialNeeds=true')).total;
        await visible(page.locator('.chip', { hasText: '有特殊需求' })).click();
        await visible(page.locator('.hint', { hasText: `共 ${withNeeds} 户` })).waitFor();
        const shown = await page.locator('.ledger__item').filter({ visible: true }).allTextContents();
        if (shown.length !== withNeeds || !shown.every((t) => t.includes('特殊需求：')))
          throw new Error(`not only households with special needs: ${JSON.stringify(shown)}`);
        await shot('s18-ledger-needs', '重点客户台账：只看有特殊需求的住户');
        const linked = page.waitForResponse((r) => r.url().endsWith('/api/reports/exports'));
        const download = page.waitForEvent('download', { timeout: 10000 }).catch(() => null);
        await visible(page.locator('.ledger__export')).click();
        const { url, filename } = await (await linked).json();
        if (filename !== '重点客户及特殊需求台账.xlsx') throw new Error(`export named ${filename}`);
        await download;
        const file = await fetch(`${server.base}${url}`);
        const bytes = Buffer.from(await file.arrayBuffer());
        if (file.status !== 200 || bytes.subarray(0, 2).toString() !== 'PK')
          throw new Error(`the export is no workbook (${file.status})`);
      },
    );

    await step('an emergency at that household shows its contacts on the ticket page', async () => {
      const residentThere = accounts.find(
        (a) => a.kind === 'resident' && a.householdLabel === ledgerFlat.label,
      );
      const emergency = await call(residentThere?.id ?? frontDesk.id, 'POST', '/api/tickets', {
        kind: 'repair',
        content: '家里闻到很浓的煤气味，快来人（e2e）',
        householdId: ledgerFlat.id,
        ...(residentThere ? {} : { channel: 'phone', contactName: '住户', contactPhone: '13900000003' }),
      });
      await openHash(`/staff/pages/ticket/index?id=${emergency.id}`);
      const box = visible(page.locator('.staff-ticket__emergency-contacts'));
      await box.locator('.contacts__call', { hasText: '拨打 13600000001' }).waitFor();
      await shot('s19-emergency-contacts', '工单详情（前台）：紧急工单上该户的紧急联系人，一键拨打');
    });

    // ------------------------------------------------------------------ thanks after rating
    await step(
      'after an unsatisfied rating reopened the repair, the rating page thanks the resident',
      async () => {
        const r = await call(resident.id, 'POST', '/api/tickets', {
          kind: 'repair',
          content: '卫生间地漏反味（e2e）',
          householdId: home,
        });
        let t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        if (!t.assignee) {
          await call(frontDesk.id, 'POST', `/api/tickets/${r.id}/actions`, {
            version: t.version,
            action: 'assign',
            departmentCode: 'eng',
            assigneeId: engineer.id,
          });
          t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        }
        await call(t.assignee.id, 'POST', `/api/tickets/${r.id}/actions`, {
          version: t.version,
          action: 'start',
        });
        t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        await call(t.assignee.id, 'POST', `/api/tickets/${r.id}/actions`, {
          version: t.version,
          action: 'mark_handled',
          note: '已更换地漏芯',
        });
        await call(resident.id, 'POST', `/api/tickets/${r.id}/rating`, {
          scores: { timeliness: 3, process: 3, attitude: 4, result: 1 },
          satisfied: false,
          chargeCorrect: true,
          comment: '还是有味道',
        });
        await loginAs(resident.name);
        await openHash(`/visit/pages/rate/index?id=${r.id}`);
        await visible(
          page.locator('.rate-page__reason', {
            hasText: '感谢您的评价！我们已重新安排处理，处理完毕后您可以再次评价',
          }),
        ).waitFor();
        if (await page.getByText('工单处理完毕后才能评价').filter({ visible: true }).count())
          throw new Error('still says 工单处理完毕后才能评价');
        await shot(
          's21-rate-thanks',
          '评价页（住户）：不满意的评价使工单重新处理后，页面致谢而不是“工单处理完毕后才能评价”',
        );
      },
    );

    // ------------------------------------------------------------------ a picked file that is not a picture
    await step(
      'a resident who picks a file that is not a picture is told so, and nothing is uploaded',
      async () => {
        await loginAs(resident.name);
        await openHash('/pages/file/index');
        let uploads = 0;
        const count = (r) => r.url().endsWith('/api/uploads') && uploads++;
        page.on('request', count);
        const chooser = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
        await visible(page.locator('.photo-picker__add')).click();
        const file = {
          name: '物业合同.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4 not a picture'),
        };
        const fc = await chooser;
        if (fc) await fc.setFiles(file);
        else await page.locator('#taroChooseImage').setInputFiles(file);
        await visible(page.getByText('只能上传图片（JPG、PNG 等），所选文件不是图片，已跳过')).waitFor();
        await shot('s20-not-image', '我要反馈（住户）：所选文件不是图片时的提示');
        page.off('request', count);
        // Taro's H5 chooseMedia logs the picture that failed to load (console.error(Event)): expected here.
        for (let i = browserLog.length - 1; i >= 0; i--)
          if (browserLog[i] === '[console.error] Event') browserLog.splice(i, 1);
        if (uploads) throw new Error('a file that is not a picture was uploaded');
        if (await page.locator('.photo-picker__item').filter({ visible: true }).count())
          throw new Error('the file was added to the photos');
      },
    );

    // ------------------------------------------------------------------ 上门回访 signature (Canvas 2D)
    await step(
      'a home visit is signed with the finger on the 2D canvas; an empty or cleared pad is refused, the signature uploaded',
      async () => {
        const r = await call(resident.id, 'POST', '/api/tickets', {
          kind: 'repair',
          content: '厨房水龙头滴水（e2e 上门回访）',
          householdId: home,
        });
        let t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        if (!t.assignee) {
          await call(frontDesk.id, 'POST', `/api/tickets/${r.id}/actions`, {
            version: t.version,
            action: 'assign',
            departmentCode: 'eng',
            assigneeId: engineer.id,
          });
          t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        }
        await call(t.assignee.id, 'POST', `/api/tickets/${r.id}/actions`, {
          version: t.version,
          action: 'start',
        });
        t = await call(pm.id, 'GET', `/api/tickets/${r.id}`);
        await call(t.assignee.id, 'POST', `/api/tickets/${r.id}/actions`, {
          version: t.version,
          action: 'mark_handled',
          note: '已更换阀芯',
        });
        const task = (await call(pm.id, 'GET', `/api/tickets/${r.id}/visits`)).tasks.find((v) =>
          ['open', 'invited'].includes(v.status),
        );
        if (!task) throw new Error('the handled repair has no open return visit');
        const visitor = accounts.find((a) => a.role === task.visitorRole) ?? pm;

        await loginAs(visitor.name);
        await openHash(`/staff/pages/visit/index?id=${task.id}`);
        const form = visible(page.locator('[data-testid="visit-form"]'));
        await form.locator('.chip', { hasText: '上门回访' }).click();
        await form.locator('.chip', { hasText: /^满意$/ }).click();
        const pad = visible(page.locator('[data-testid="signature-pad"] canvas'));
        await pad.waitFor();
        await pad.scrollIntoViewIfNeeded();
        await settle();
        const ink = () =>
          pad.evaluate((c) => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
          });
        const submit = visible(page.locator('.visit-page__submit'));
        const refused = visible(page.getByText('请业主在下方签名确认'));
        let uploads = 0;
        const countUpload = (q) => q.url().endsWith('/api/uploads') && uploads++;
        page.on('request', countUpload);

        await submit.click();
        await refused.waitFor();

        // Real touches, as a finger on a phone (Chromium's touch emulation through the DevTools protocol).
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        const sign = async (path) => {
          const box = await pad.boundingBox();
          const at = ([fx, fy]) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(path[0])] });
          for (const p of path.slice(1)) {
            await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(p)] });
          }
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        };
        const name = [
          [0.1, 0.6],
          [0.2, 0.3],
          [0.3, 0.7],
          [0.45, 0.35],
          [0.6, 0.65],
          [0.75, 0.3],
          [0.9, 0.55],
        ];
        await sign(name);
        if (!(await ink())) throw new Error('nothing was drawn on the pad');
        // The 2D canvas is the pad's <canvas>, its backing store scaled to the pixel ratio (2 here).
        const sizes = await pad.evaluate((c) => ({
          w: c.width,
          h: c.height,
          css: c.getBoundingClientRect(),
        }));
        if (sizes.w !== Math.round(sizes.css.width * 2) || sizes.h !== Math.round(sizes.css.height * 2))
          throw new Error(`the pad is not scaled to the pixel ratio: ${JSON.stringify(sizes)}`);
        await visible(page.locator('.signature-pad__clear')).click();
        if (await ink()) throw new Error('重写 left ink on the pad');
        await submit.click();
        await refused.waitFor();
        await sleep(300);
        if (uploads) throw new Error('an empty pad was uploaded');

        await sign(name);
        const drawn = await ink();
        if (drawn < 200) throw new Error(`too little ink on the pad: ${drawn} pixels`);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
        await cdp.detach();
        await shot('s22-visit-signature', '回访（上门回访）：业主在 2D 画布上签名');
        const uploaded = page.waitForResponse((q) => q.url().endsWith('/api/uploads'));
        const recorded = page.waitForResponse((q) => q.url().endsWith(`/api/visits/${task.id}/attempts`));
        await submit.click();
        const up = await uploaded;
        if (up.status() !== 201)
          throw new Error(`the signature upload answered ${up.status()}: ${await up.text()}`);
        const { id: uploadId } = await up.json();
        const rec = await recorded;
        if (rec.status() !== 201)
          throw new Error(`the visit record answered ${rec.status()}: ${await rec.text()}`);
        const sent = rec.request().postDataJSON();
        if (sent.method !== 'home' || sent.signatureUploadId !== uploadId)
          throw new Error(`the visit went out without its signature: ${JSON.stringify(sent)}`);
        page.off('request', countUpload);
        await visible(page.locator('.visit-page__attempt-head', { hasText: '上门回访 · 满意' })).waitFor();
        const img = visible(page.locator('.visit-page__signature img'));
        await img.waitFor();
        await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
        await quietToast();
        await shot('s23-visit-signed', '回访（上门回访）：记录里附着业主签名');
      },
    );

    // ------------------------------------------------------------------ H5 title bar
    await step('every page has a title bar; a sub-page has a back button that goes back', async () => {
      await loginAs(frontDesk.name);
      const bar = page.locator('#taro-navigation-bar');
      await bar.waitFor();
      if (!(await bar.evaluate((e) => e.classList.contains('taro-navigation-bar-show'))))
        throw new Error('no title bar on the workbench');
      await visible(page.locator('[data-testid="staff-search"]')).click();
      await page.waitForURL(/staff\/pages\/search/);
      await settle();
      await visible(page.locator('.taro-navigation-bar-title', { hasText: '查找工单' })).waitFor();
      const back = page.locator(
        '#taro-navigation-bar.taro-navigation-bar-back-icon .taro-navigation-bar-back',
      );
      await back.waitFor();
      await shot('s15-title-bar', '查找工单：H5 顶部标题栏与返回按钮');
      await back.click();
      await page.waitForURL(/staff\/pages\/index/);
    });

    await step('the browser reported no errors', async () => {
      if (browserLog.length) throw new Error(browserLog.join('\n'));
    });
  } catch (e) {
    results.push({ name: 'setup', status: 'failed', error: e });
    log(`✗ setup\n${e?.stack ?? e}`);
  } finally {
    if (page && results.some((r) => r.status === 'failed'))
      await page
        .screenshot({ path: join(ARTIFACTS, 'zz-failure.png'), fullPage: true })
        .catch(() => undefined);
    writeFileSync(join(ARTIFACTS, 'browser.log'), browserLog.join('\n'));
    writeFileSync(join(ARTIFACTS, 'screenshots.txt'), `${shots.join('\n')}\n`);
    if (context) await context.close().catch(() => undefined);
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  console.log(
    `e2e:screens: ${count('passed')} passed, ${count('failed')} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}`,
  );
  process.exitCode = count('failed') ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('e2e:screens: 0 passed, 1 failed');
  process.exitCode = 1;
});
