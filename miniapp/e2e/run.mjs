#!/usr/bin/env node
// End-to-end test of the H5 build against the real server, in headless Chromium.
//
//   pnpm --filter miniapp e2e
//
// Builds what is missing (shared, server, miniapp H5; E2E_REBUILD=1 rebuilds the H5), starts
// `node server/dist/main.js` on a free port with a fresh embedded database (the server seeds the
// demo compound and serves the H5 at `/`), then as a demo resident: logs in, files a complaint
// with a photo, lands on its detail with a ticket number, and finds it under 我的反馈; then a repair
// goes resident → engineer (我的待办, 开始处理, 提出处理方案 with the forbidden-phrase warning) →
// resident (方案待您确认, accepts) → engineer (处理完毕 with a photo) → resident (every step on the
// timeline) → resident (去评价: rates it on the rating page; satisfied closes the ticket) → front desk
// (回访任务: the online answer among the completed visits).
// timeline); then the project manager opens 统计报表, the monthly classification table, and downloads it
// as Excel.
// Screenshots go to miniapp/e2e/artifacts/. The server is stopped at the end, even on failure.
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { managerSettingsSteps, residentPrivacySteps, staffReplySteps } from './privacy.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MINIAPP = resolve(HERE, '..');
const REPO = resolve(MINIAPP, '..');
const H5_DIR = join(MINIAPP, 'dist/h5');
const SERVER_MAIN = join(REPO, 'server/dist/main.js');
const ARTIFACTS = join(HERE, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20_000;

const log = (...args) => console.log('[e2e]', ...args);

// ---------------------------------------------------------------- preparation

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

/** A small PNG (a red house on a green lawn) made here, so the test needs no fixture files. */
function makePng(w = 96, h = 96) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let x = 0xffffffff;
    for (const b of buf) x = table[(x ^ b) & 255] ^ (x >>> 8);
    return (x ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const roof = y > 14 && y < 40 && Math.abs(x - w / 2) < y - 10;
      const wall = y >= 40 && y < 76 && x > 24 && x < w - 24;
      const [r, g, b] = roof
        ? [190, 50, 40]
        : wall
          ? [235, 220, 190]
          : y >= 76
            ? [60, 150, 70]
            : [150, 200, 240];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- server

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'wuye-e2e-data-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(ARTIFACTS, 'server.log');
  const out = createWriteStream(logFile);
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
  let output = '';
  const collect = (d) => {
    output += d;
    out.write(d);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const deadline = Date.now() + 5000;
      while (!exited && Date.now() < deadline) await sleep(50);
      if (!exited) child.kill('SIGKILL');
    }
    out.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(
        `server exited early (${JSON.stringify(exited)}); see ${logFile}\n${output.slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) {
        const health = await res.json();
        if (health.status === 'ok') {
          log(`server up at ${base} (database ${health.database?.type})`);
          break;
        }
      }
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /api/health within 60 s; see ${logFile}`);
    }
    await sleep(200);
  }
  return { base, stop, output: () => output };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- test steps

const results = [];
/** Set once the browser is up: what the page and the API showed when a step failed (CI keeps only the output). */
let diagnose = async () => '';

async function step(name, fn) {
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
    log(await diagnose().catch((d) => `(no diagnosis: ${d})`));
  }
}

/** Waits until no CSS animation or transition is running (Taro H5 slides pages in). */
async function settle(page) {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 5000,
    })
    .catch(() => undefined);
}

/** Waits until the element has slid fully into the viewport and stopped moving (weui picker). */
async function restingInViewport(page, locator, timeout = STEP_TIMEOUT_MS) {
  const { height } = page.viewportSize();
  const deadline = Date.now() + timeout;
  let last = null;
  for (;;) {
    const box = await locator.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= height && last && Math.abs(last.y - box.y) < 0.5) return;
    if (Date.now() > deadline)
      throw new Error(`element never came to rest in the viewport: ${JSON.stringify(box)}`);
    last = box;
    await sleep(50);
  }
}

/** The element among the stacked Taro pages that is actually shown. */
const visible = (locator) => locator.filter({ visible: true }).first();

// ---------------------------------------------------------------- satisfaction survey 满意度调查

/**
 * A sampled resident answers a satisfaction survey. Set up through the API: 品质部 (周敏) builds the
 * default questionnaire and starts a campaign (the sample is drawn and fixed); the front desk gives the
 * unbound demo resident a household code for one sampled flat. Then in the browser: the resident finds
 * the survey under 我的, answers it, keeps the answers through a lost connection, submits once, and
 * sees it answered; 周敏 sees the sample by building and the result.
 */
async function surveySteps({
  page,
  server,
  accounts,
  browserLog,
  step,
  shot,
  loginAs,
  openHash,
  quietToast,
}) {
  const call = async (accountId, method, path, body) => {
    const login = await fetch(`${server.base}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId }),
    });
    const { token } = await login.json();
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const qa = accounts.find((a) => a.departmentName === '品质部');
  const frontDesk = accounts.find((a) => a.role === 'front_desk');
  const newcomer = accounts.find((a) => a.kind === 'resident' && !a.householdLabel);
  const title = `四季度物业服务满意度调查（e2e ${Date.now()}）`;
  let campaign;
  let household;

  await step(
    '品质部 starts a survey: 20 households drawn and fixed; a newcomer binds a sampled flat',
    async () => {
      if (!qa || !frontDesk || !newcomer) throw new Error('demo accounts for the survey are missing');
      const q = await call(qa.id, 'POST', '/api/surveys/questionnaires/from-template');
      const created = await call(qa.id, 'POST', '/api/surveys/campaigns', { questionnaireId: q.id, title });
      campaign = await call(qa.id, 'POST', `/api/surveys/campaigns/${created.id}/start`, { seed: 'e2e' });
      if (campaign.sampleSize !== 20 || campaign.households?.length !== 20)
        throw new Error(`expected 20 sampled households, got ${campaign.sampleSize}`);
      household = campaign.households[0];
      const { code } = await call(frontDesk.id, 'POST', `/api/households/${household.householdId}/codes`);
      const bound = await call(newcomer.id, 'POST', '/api/bindings', { code });
      if (bound.status !== 'approved') throw new Error(`binding ${JSON.stringify(bound)}`);
      log(`survey "${title}": ${newcomer.name} now lives in sampled ${household.label}`);
    },
  );

  await step('the sampled resident finds the survey under 我的 and opens it', async () => {
    await loginAs(newcomer.name);
    await page.getByText('我的', { exact: true }).filter({ visible: true }).first().click();
    const entry = page.locator('.me-page__survey', { hasText: title }).filter({ visible: true }).first();
    await entry.waitFor();
    const text = await entry.textContent();
    if (!text.includes(household.label) || !text.includes('待填写')) throw new Error(`survey entry: ${text}`);
    await shot('20-me-survey');
    await entry.click();
    await page.waitForURL(/survey\/pages\/answer/);
    await page
      .locator('.survey-page__title', { hasText: '物业服务满意度调查问卷' })
      .filter({ visible: true })
      .first()
      .waitFor();
  });

  const questions = () => page.locator('.survey-q__points').filter({ visible: true });
  const choose = async (index, label) => {
    await questions()
      .nth(index)
      .locator('.survey-q__point', { hasText: new RegExp(`^${label}$`) })
      .click();
  };

  await step(
    'answers part of it, loses the connection, saves on the phone, and gets the answers back',
    async () => {
      const count = await questions().count();
      if (count !== 16) throw new Error(`expected 16 closed questions, saw ${count}`);
      for (let i = 0; i < 6; i++) await choose(i, '满意');
      await page
        .locator('.survey-page__count', { hasText: '已答 6/16 道评分题' })
        .filter({ visible: true })
        .first()
        .waitFor();
      const offlineFrom = browserLog.length;
      await page.context().setOffline(true);
      await page.locator('.survey-page__draft').filter({ visible: true }).first().click();
      await page
        .getByText('网络不佳，答案已保存在手机上', { exact: false })
        .filter({ visible: true })
        .first()
        .waitFor();
      await page.context().setOffline(false);
      // The failed request of the deliberate outage is expected, not a page error.
      for (let i = browserLog.length - 1; i >= offlineFrom; i--)
        if (browserLog[i].includes('ERR_INTERNET_DISCONNECTED')) browserLog.splice(i, 1);
      await quietToast();
      // A fresh load of the page: the six answers come back from the phone's storage.
      await openHash(
        `/survey/pages/answer/index?campaignId=${campaign.id}&householdId=${household.householdId}`,
      );
      await page
        .locator('.survey-page__count', { hasText: '已答 6/16 道评分题' })
        .filter({ visible: true })
        .first()
        .waitFor();
    },
  );

  await step('answers everything, saves a draft on the server, and submits once', async () => {
    for (let i = 6; i < 16; i++) await choose(i, i === 7 ? '不满意' : '满意');
    await page
      .locator('.survey-page__count--ok', { hasText: '已答 16/16 道评分题' })
      .filter({ visible: true })
      .first()
      .waitFor();
    await page
      .locator('.survey-q__open textarea')
      .filter({ visible: true })
      .first()
      .fill('希望维修人员上门前先电话联系。');
    const saved = page.waitForResponse((r) => r.url().endsWith('/draft') && r.request().method() === 'PUT');
    await page.locator('.survey-page__draft').filter({ visible: true }).first().click();
    if ((await saved).status() !== 200) throw new Error('draft not saved');
    await quietToast();
    await shot('21-survey-answer');
    const submitted = page.waitForResponse(
      (r) => r.url().endsWith('/submit') && r.request().method() === 'POST',
    );
    await page.locator('.survey-page__submit').filter({ visible: true }).first().click();
    const res = await submitted;
    const sent = res.request().postDataJSON();
    if (res.status() !== 201) throw new Error(`submit answered ${res.status()}: ${await res.text()}`);
    if (res.request().headers()['idempotency-key'] !== sent.idempotencyKey)
      throw new Error('Idempotency-Key header and body differ');
    if (sent.answers.length !== 17) throw new Error(`sent ${sent.answers.length} answers`);
    await page.getByText('感谢您的参与！', { exact: true }).filter({ visible: true }).first().waitFor();
    await quietToast();
    await shot('22-survey-thanks');
    const left = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('wuye.surveyDraft')),
    );
    if (left.length) throw new Error(`draft left in storage: ${left}`);
  });

  await step('我的 shows the survey as answered; opening it again says so', async () => {
    await openHash('/pages/me/index');
    const entry = page.locator('.me-page__survey', { hasText: title }).filter({ visible: true }).first();
    await entry.locator('.hint', { hasText: '已提交，感谢您的参与' }).waitFor();
    await entry.click();
    await page.getByText('您已提交本户的问卷，感谢您的参与！').filter({ visible: true }).first().waitFor();
  });

  await step('品质部 sees the sample by building and the result (满意度 71.7, 满意率 0%)', async () => {
    await loginAs(qa.name);
    await openHash(`/survey-admin/pages/campaign/index?id=${campaign.id}`);
    const rows = page.locator('[data-testid="sample-building"]').filter({ visible: true });
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    if (texts.length !== 3 || !texts.every((t) => /[67]\/24 户/.test(t)))
      throw new Error(`sample by building: ${JSON.stringify(texts)}`);
    // Every answer 满意 (75) but one 不满意 (25) under 秩序安全 (weight 20%): 75 − 0.2 × 50 / 3 = 71.7,
    // below the satisfied line of 75, so the one valid questionnaire is not satisfied: 满意率 0%.
    const kpi = async (id, text) =>
      page.locator(`[data-testid="${id}"]`, { hasText: text }).filter({ visible: true }).first().waitFor();
    await kpi('kpi-score', '71.7');
    await kpi('kpi-rate', /^0%$/);
    await page.getByText('希望维修人员上门前先电话联系。').filter({ visible: true }).first().waitFor();
    await shot('23-survey-results');
    // The list of campaigns, and the questionnaire the campaign froze.
    await openHash('/survey-admin/pages/index/index');
    await page.locator('.sa-campaign', { hasText: title }).filter({ visible: true }).first().waitFor();
    await page
      .locator('.sa-create .section__title', { hasText: '新建调查' })
      .filter({ visible: true })
      .first()
      .waitFor();
    await shot('24-survey-admin');
    await openHash(`/survey-admin/pages/questionnaire/index?id=${campaign.questionnaire.id}`);
    await page.getByText('另存为新版本', { exact: true }).filter({ visible: true }).first().waitFor();
    await page.getByText('已冻结', { exact: false }).filter({ visible: true }).first().waitFor();
    await shot('25-survey-questionnaire');
  });
}

/**
 * The return visit from the resident's side: the handled repair offers 去评价 on its page; the rating page
 * asks the four repair questions, whether satisfied, shows 收费情况 (no charges on a server without paid
 * repairs: GET …/charges answers 404) and asks whether the charge was right; an incomplete form is refused
 * on the page; a satisfied rating closes the ticket.
 */
async function rateStep({
  accounts,
  step,
  page,
  visible,
  loginAs,
  openHash,
  shot,
  quietToast,
  toTop,
  resident,
  repairId,
  repairNumber,
}) {
  await step(
    'the resident rates the handled repair from its page (去评价), and satisfied closes it',
    async () => {
      await loginAs(resident.name);
      await openHash(`/pages/ticket-detail/index?id=${repairId}`);
      const invite = visible(page.locator('.rate-invite', { hasText: '处理完毕，请您评价' }));
      await invite.waitFor();
      const charges = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${repairId}/charges`));
      await invite.locator('.rate-invite__button', { hasText: '去评价' }).click();
      await page.waitForURL(/visit\/pages\/rate\/index/);
      await visible(page.locator('.rate-page__number', { hasText: repairNumber })).waitFor();
      await visible(page.locator('.rate-page__handled-note', { hasText: '已更换水龙头阀芯' })).waitFor();
      // Nothing charged here: the block says so (404 tolerated), and still asks whether the charge was right.
      const chargesRes = await charges;
      if (![200, 404].includes(chargesRes.status()))
        throw new Error(`charges answered ${chargesRes.status()}`);
      await visible(page.locator('.charges__none')).waitFor();
      await visible(page.locator('.rate-page__question', { hasText: '收费是否合理' })).waitFor();

      // An incomplete form is refused on the page, before anything is sent.
      let posted = 0;
      const count = (r) => {
        if (r.url().endsWith(`/api/tickets/${repairId}/rating`) && r.method() === 'POST') posted++;
      };
      page.on('request', count);
      await visible(page.locator('.rate-page__submit')).click();
      await visible(page.locator('.rate-page__error', { hasText: '请为"维修是否及时"打分' })).waitFor();
      if (posted) throw new Error('an incomplete rating was sent');

      const questions = ['维修是否及时', '服务过程是否规范', '服务态度', '维修效果'];
      for (const [i, label] of questions.entries()) {
        const row = visible(
          page.locator('.stars').filter({ has: page.locator('.stars__label', { hasText: label }) }),
        );
        await row
          .locator('.stars__star')
          .nth(i === 2 ? 3 : 4)
          .click();
        await row.locator('.stars__meaning', { hasText: i === 2 ? '满意' : '非常满意' }).waitFor();
      }
      await visible(page.locator('.chip', { hasText: /^满意$/ })).click();
      await visible(page.locator('.chip', { hasText: /^合理$/ })).click();
      await visible(page.locator('.rate-page textarea')).fill('师傅准时上门，修得很好，谢谢！');
      await quietToast();
      await toTop();
      await shot('20-rate-form');
      await visible(page.locator('.charges')).scrollIntoViewIfNeeded();
      await shot('20-rate-charges');

      const sent = page.waitForResponse(
        (r) => r.url().endsWith(`/api/tickets/${repairId}/rating`) && r.request().method() === 'POST',
      );
      await visible(page.locator('.rate-page__submit')).click();
      const res = await sent;
      page.off('request', count);
      if (res.status() !== 201) throw new Error(`POST rating answered ${res.status()}: ${await res.text()}`);
      const body = res.request().postDataJSON();
      const expected = { timeliness: 5, process: 5, attitude: 4, result: 5 };
      if (
        JSON.stringify(body.scores) !== JSON.stringify(expected) ||
        body.satisfied !== true ||
        body.chargeCorrect !== true
      )
        throw new Error(`unexpected rating ${JSON.stringify(body)}`);
      await visible(page.locator('.rate-page__verdict', { hasText: '满意' })).waitFor();
      await quietToast();
      await shot('21-rated');

      await visible(page.locator('.rate-page__to-ticket')).click();
      await page.waitForURL(/ticket-detail/);
      await visible(page.locator('.detail-page__row', { hasText: '已办结' })).waitFor();
      await restingInViewport(page, visible(page.locator('.detail-page__number')));
      const newest = (await visible(page.locator('.timeline__status')).textContent()).trim();
      if (newest !== '回访满意，已办结') throw new Error(`newest timeline entry "${newest}"`);
      if (await page.locator('.rate-invite').filter({ visible: true }).count())
        throw new Error('a closed ticket still invites a rating');
      await shot('22-closed-after-rating');
    },
  );

  await step('the front desk finds the online answer among the completed return visits', async () => {
    const desk = accounts.find((a) => a.role === 'front_desk');
    await loginAs(desk.name);
    await page.waitForURL(/staff\/pages\/index/);
    await visible(page.locator('.staff-page__button', { hasText: '回访任务' })).click();
    await page.waitForURL(/staff\/pages\/visits/);
    await visible(page.locator('.staff-tabs__item--active', { hasText: '我的回访' })).waitFor();
    await visible(page.locator('.chip', { hasText: /^已完成$/ })).click();
    const card = visible(page.locator('.visit-card', { hasText: repairNumber }));
    await card.waitFor();
    const text = await card.textContent();
    for (const expected of ['已回访', '电话回访', '客服前台', '报修'])
      if (!text.includes(expected)) throw new Error(`visit card lacks "${expected}": ${text}`);
    await quietToast();
    await shot('23-staff-visits');
    await card.click();
    await page.waitForURL(/staff\/pages\/visit\/index/);
    await visible(page.locator('.visit-page__attempt-head', { hasText: '在线评价 · 满意' })).waitFor();
    await restingInViewport(page, visible(page.locator('.visit-page__number')));
    if (await page.locator('[data-testid="visit-form"]').filter({ visible: true }).count())
      throw new Error('a completed visit still offers its form');
    await shot('24-staff-visit');
  });
}

async function main() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  ensureBuilt();
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'wuye-e2e-chromium-'));
  let context;
  let page;
  const browserLog = [];
  const shot = async (name) => {
    // Let Taro's page-slide transition finish so the screenshot shows one page.
    if (page) await settle(page);
    if (page)
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
  };

  try {
    const accounts = await (await fetch(`${server.base}/api/auth/dev-accounts`)).json();
    const resident = accounts.find((a) => a.kind === 'resident' && a.householdLabel);
    if (!resident) throw new Error(`no bound demo resident in ${JSON.stringify(accounts)}`);
    log(`acting as ${resident.name} (${resident.householdLabel})`);
    const complaint = `楼道声控灯坏了三天，晚上回家很黑，老人上下楼不安全，请尽快维修。（e2e ${Date.now()}）`;
    let ticketNumber = '';
    let ticketStatus = '';

    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      const url = m.location()?.url;
      browserLog.push(`[console.${m.type()}] ${m.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.stack ?? e}`));
    page.on('requestfailed', (r) =>
      browserLog.push(`[requestfailed] ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
    );
    const apiCalls = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (!u.pathname.startsWith('/api/')) return;
      apiCalls.push(`${r.request().method()} ${u.pathname}${u.search} → ${r.status()}`);
      if (apiCalls.length > 20) apiCalls.shift();
    });
    diagnose = async () => {
      const text = (
        await page
          .locator('body')
          .innerText({ timeout: 2000 })
          .catch(() => '')
      ).replace(/\s+/g, ' ');
      const serverErrors = server
        .output()
        .split('\n')
        .filter((l) => /"level":"(error|warn)"|"level":[45]0/.test(l))
        .slice(-5)
        .map((l) => l.slice(0, 600));
      return [
        `page ${page.url()}`,
        `shows: ${text.slice(0, 600)}`,
        'last API answers:',
        ...apiCalls.map((c) => `  ${c}`),
        'last server warnings/errors:',
        ...serverErrors.map((l) => `  ${l}`),
      ].join('\n');
    };

    await step(
      'opens / and is sent to the login page with the demo accounts grouped 住户 / 员工',
      async () => {
        await page.goto(`${server.base}/`);
        await visible(
          page.getByText('选择演示账号登录', { exact: false }).or(page.getByText('点击任一账号直接登录')),
        ).waitFor();
        await visible(page.locator('.section__title', { hasText: '住户' })).waitFor();
        await visible(page.locator('.section__title', { hasText: '员工' })).waitFor();
        await visible(page.locator('.account', { hasText: resident.name })).waitFor();
        await shot('01-login');
      },
    );

    await step(`logs in as the resident ${resident.name}`, async () => {
      await visible(page.locator('.account', { hasText: resident.name })).click();
      await visible(page.locator('.section__title', { hasText: '反馈类型' })).waitFor();
      await visible(page.getByText(resident.householdLabel, { exact: true })).waitFor();
    });

    await step('fills in a complaint with a photo', async () => {
      await visible(page.locator('.kind-picker__item', { hasText: '投诉' })).click();
      await visible(page.locator('.kind-picker__item--active', { hasText: '投诉' })).waitFor();
      // The palette of app.css (CSS variables on body) reaches the H5 pages: the chosen chip is the brand green.
      const green = await visible(page.locator('.kind-picker__item--active')).evaluate(
        (el) => getComputedStyle(el).backgroundColor,
      );
      if (green !== 'rgb(31, 122, 92)') throw new Error(`chosen chip is ${green}, not the theme's #1f7a5c`);
      const textarea = visible(page.locator('textarea'));
      await textarea.fill(complaint);
      const count = `${Array.from(complaint).length}/2000`;
      await visible(page.getByText(count, { exact: true })).waitFor();

      const png = makePng();
      writeFileSync(join(ARTIFACTS, 'photo.png'), png);
      const chooser = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
      await visible(page.locator('.photo-picker__add')).click();
      const fc = await chooser;
      const file = { name: 'corridor-light.png', mimeType: 'image/png', buffer: png };
      if (fc) await fc.setFiles(file);
      else await page.locator('#taroChooseImage').setInputFiles(file);
      await visible(page.locator('.photo-picker__item')).waitFor();
      // Uploaded when the progress mask is gone and no failure shows.
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.photo-picker__item').length === 1 &&
          document.querySelectorAll('.photo-picker__mask').length === 0,
        null,
        { timeout: STEP_TIMEOUT_MS },
      );
      await shot('02-file-filled');
    });

    await step('submits and lands on the detail page with a ticket number like TS20261122-0001', async () => {
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST',
      );
      await visible(page.locator('.primary-button', { hasText: '提交反馈' })).click();
      const res = await created;
      if (res.status() !== 201 && res.status() !== 200) {
        throw new Error(`POST /api/tickets answered ${res.status()}: ${await res.text()}`);
      }
      const sent = res.request().postDataJSON();
      const header = res.request().headers()['idempotency-key'];
      if (!header || header !== sent.idempotencyKey) {
        throw new Error(`Idempotency-Key header ${header} does not match body ${sent.idempotencyKey}`);
      }
      if (sent.photoIds?.length !== 1)
        throw new Error(`expected one photo id, sent ${JSON.stringify(sent.photoIds)}`);
      await page.waitForURL(/ticket-detail/);
      const number = visible(page.locator('.detail-page__number'));
      await number.waitFor();
      ticketNumber = (await number.textContent()).trim();
      if (!/^TS\d{8}-\d{4,}$/.test(ticketNumber))
        throw new Error(`unexpected ticket number "${ticketNumber}"`);
      log(`ticket ${ticketNumber}`);
      await visible(page.locator('.detail-page__value', { hasText: '投诉' })).waitFor();
      // The server may already have routed it (已派单); whatever the status, it is shown in Chinese.
      const statusRow = visible(page.locator('.detail-page__row', { hasText: '当前状态' }));
      ticketStatus = (await statusRow.locator('.detail-page__value').textContent()).trim();
      if (!/^[\u4e00-\u9fa5]+$/.test(ticketStatus)) throw new Error(`status label "${ticketStatus}"`);
      await visible(page.locator('.detail-page__content', { hasText: '楼道声控灯坏了三天' })).waitFor();
      // The timeline starts with the creation (已受理) and lists the newest event first.
      await visible(page.locator('.timeline__status', { hasText: '已受理' })).waitFor();
      const first = (await visible(page.locator('.timeline__status')).textContent()).trim();
      if (first !== ticketStatus)
        throw new Error(`newest timeline entry "${first}" is not the status "${ticketStatus}"`);
      // The photo is shown from the server and really loads.
      const img = visible(page.locator('.photo-strip__photo img'));
      await img.waitFor();
      await page.waitForFunction(
        () => {
          const el = Array.from(document.querySelectorAll('.photo-strip__photo img')).find(
            (i) => i.offsetParent,
          );
          return el && el.complete && el.naturalWidth > 0;
        },
        null,
        { timeout: STEP_TIMEOUT_MS },
      );
      await shot('03-detail');
    });

    await step('finds the new ticket under 我的反馈', async () => {
      await visible(page.getByText('查看我的全部反馈')).click();
      await page.waitForURL(/pages\/tickets\/index/);
      const item = visible(page.locator('.ticket-item', { hasText: ticketNumber }));
      await item.waitFor();
      const itemText = await item.textContent();
      for (const expected of ['投诉', ticketStatus, '楼道声控灯坏了三天']) {
        if (!itemText.includes(expected)) throw new Error(`list item lacks "${expected}": ${itemText}`);
      }
      await shot('04-tickets');
    });

    await step('keeps no draft after success: the form is empty again', async () => {
      await visible(
        page
          .locator('.taro-tabbar__tabbar-item', { hasText: '我要反馈' })
          .or(page.getByText('我要反馈', { exact: true })),
      ).click();
      await visible(page.locator('.section__title', { hasText: '反馈类型' })).waitFor();
      await visible(page.getByText('0/2000', { exact: true })).waitFor();
      const draft = await page.evaluate(() => localStorage.getItem('wuye.ticketDraft'));
      if (draft) throw new Error(`draft still stored: ${draft}`);
    });
    await step('logs out and, as a resident without a household, applies to bind one', async () => {
      await visible(page.getByText('我的', { exact: true })).click();
      await visible(page.locator('.me-page__name', { hasText: resident.name })).waitFor();
      await visible(page.getByText(resident.householdLabel, { exact: true })).waitFor();
      if (await page.getByText('员工工作台').filter({ visible: true }).count()) {
        throw new Error('a resident must not see the 员工工作台 entry');
      }
      await visible(page.locator('.me-page__logout').getByText('退出登录')).click();
      await settle(page);
      await visible(
        page
          .locator('.taro-modal__foot div', { hasText: '确定' })
          .or(page.getByText('确定', { exact: true })),
      ).click();
      const newcomer = visible(
        page
          .locator('.account')
          .filter({ hasNot: page.locator('.account__detail', { hasText: /\S/ }) })
          .filter({ has: page.locator('.account__role', { hasText: '业主' }) }),
      );
      await newcomer.waitFor();
      const newcomerName = (await newcomer.locator('.account__name').textContent()).trim();
      await newcomer.click();
      await visible(page.getByText('去绑定房屋')).click();
      await visible(page.locator('.section__title', { hasText: '申请绑定' })).waitFor();
      // Building, unit, room: open each picker and confirm its first entry.
      for (let i = 0; i < 3; i++) {
        await visible(page.locator('.bind-page__picker--empty')).click();
        const ok = visible(page.locator('.weui-picker__action', { hasText: '确定' }));
        await restingInViewport(page, ok);
        await ok.click({ force: true });
        await ok.waitFor({ state: 'hidden' });
        await settle(page);
      }
      await visible(page.locator('.bind-page__chip', { hasText: '租户' })).click();
      await visible(page.locator('input[placeholder="用于物业核实身份"]')).fill('13800138000');
      const applied = page.waitForResponse(
        (r) => r.url().endsWith('/api/bindings') && r.request().method() === 'POST',
      );
      await visible(page.locator('.primary-button', { hasText: '提交申请' })).click();
      const res = await applied;
      const sent = res.request().postDataJSON();
      if (res.status() >= 300)
        throw new Error(`POST /api/bindings answered ${res.status()}: ${await res.text()}`);
      if (sent.relation !== 'tenant' || sent.name !== newcomerName || !sent.householdId) {
        throw new Error(`unexpected application ${JSON.stringify(sent)}`);
      }
      await visible(page.locator('.bind-page__status--pending', { hasText: '待物业审核' })).waitFor();
      await shot('05-bind-applied');
    });

    // ------------------------------------------------------------ the repair flow, resident ⇄ engineer
    const repairText = `卫生间水龙头一直滴水，关不紧，麻烦师傅来看看。（e2e ${Date.now()}）`;
    const planText = '师傅今天下午3点上门更换水龙头阀芯，材料费由物业承担，请您家中留人。';
    let repairId = '';
    let repairNumber = '';
    let engineer = '';

    /** A fresh load of the login page, then a tap on the demo account with exactly this name. */
    const loginAs = async (name) => {
      await page.goto('about:blank');
      await page.goto(`${server.base}/#/pages/login/index`);
      const account = visible(
        page
          .locator('.account')
          .filter({ has: page.locator('.account__name', { hasText: new RegExp(`^${name}$`) }) }),
      );
      await account.click();
      await page.waitForURL((u) => !u.hash.includes('pages/login'));
      await settle(page);
    };
    const openHash = async (hash) => {
      await page.goto('about:blank');
      await page.goto(`${server.base}/#${hash}`);
      await settle(page);
    };
    /** Uploads the generated photo through whatever file input Taro's chooseImage opens. */
    const choosePhoto = async (trigger, name) => {
      const chooser = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
      await trigger.click();
      const fc = await chooser;
      const file = { name, mimeType: 'image/png', buffer: makePng() };
      if (fc) await fc.setFiles(file);
      else await page.locator('#taroChooseImage').setInputFiles(file);
    };
    const staffStatus = async (label) =>
      visible(page.locator('.staff-ticket__status', { hasText: new RegExp(`^${label}$`) })).waitFor();
    /** Opens an action's form from the staff ticket page. */
    const openAction = async (label) => {
      await visible(page.locator('.staff-ticket__action', { hasText: new RegExp(`^${label}$`) })).click();
      await visible(page.locator('.action-form__title', { hasText: label })).waitFor();
    };
    const submitAction = () => visible(page.locator('.action-form__submit')).click();
    /** Waits until the success toast is gone, so screenshots show the page. */
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
    const toTop = () =>
      page.evaluate(() => {
        window.scrollTo(0, 0);
        document.querySelectorAll('.taro_page').forEach((p) => (p.scrollTop = 0));
      });

    await step(`the resident ${resident.name} files a repair and sees who will handle it`, async () => {
      await loginAs(resident.name);
      // Chosen as a complaint, the text reads as a repair: the page suggests 报修 and one tap switches.
      await visible(page.locator('.kind-picker__item', { hasText: '投诉' })).click();
      await visible(page.locator('textarea')).fill(repairText);
      await visible(page.locator('[data-testid="kind-suggestion"]', { hasText: '报修' })).waitFor();
      await visible(page.locator('.file-page__switch-kind', { hasText: '改为报修' })).click();
      await visible(page.locator('.kind-picker__item--active', { hasText: '报修' })).waitFor();
      // Debounced preview of the responsible department while typing.
      await visible(page.locator('.file-page__preview', { hasText: '预计由' })).waitFor();
      // The preview asked as a complaint still shows until the one asked as a repair arrives (debounced).
      await visible(page.locator('.file-page__preview-dept', { hasText: '工程部' }))
        .waitFor({ timeout: 8000 })
        .catch(() => undefined);
      const dept = (await visible(page.locator('.file-page__preview-dept')).textContent()).trim();
      if (dept !== '工程部') throw new Error(`preview says ${dept}, expected 工程部`);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST',
      );
      await visible(page.locator('.primary-button', { hasText: '提交反馈' })).click();
      const res = await created;
      if (res.status() >= 300) throw new Error(`POST /api/tickets answered ${res.status()}`);
      const body = await res.json();
      repairId = body.id;
      repairNumber = body.number;
      await page.waitForURL(/ticket-detail/);
      await visible(page.locator('.detail-page__number', { hasText: repairNumber })).waitFor();
      // The resident may withdraw or add information, nothing else yet.
      await visible(page.locator('.resident-actions__button', { hasText: '补充信息' })).waitFor();
      // Auto-assigned to whichever engineer had fewer open tickets: ask as the lead.
      const lead = accounts.find((a) => a.role === 'cs_lead');
      const { token } = await (
        await fetch(`${server.base}/api/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ accountId: lead.id }),
        })
      ).json();
      const asLead = await (
        await fetch(`${server.base}/api/tickets/${repairId}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json();
      if (asLead.department?.code !== 'eng' || !asLead.assignee)
        throw new Error(
          `repair not routed to an engineer: ${JSON.stringify(asLead.department)} ${JSON.stringify(asLead.assignee)}`,
        );
      engineer = asLead.assignee.name;
      log(`repair ${repairNumber} assigned to ${engineer}`);
    });

    await step('the engineer finds it under 我的待办 and taps 开始处理', async () => {
      await loginAs(engineer);
      await page.waitForURL(/staff\/pages\/index/);
      await visible(page.locator('.staff-tabs__item--active', { hasText: '我的待办' })).waitFor();
      const card = visible(page.locator('.queue-card', { hasText: repairNumber }));
      await card.waitFor();
      const text = await card.textContent();
      for (const expected of [
        '报修',
        '已派单',
        '卫生间水龙头',
        resident.householdLabel,
        '工程部',
        engineer,
        '前',
      ])
        if (!text.includes(expected)) throw new Error(`queue card lacks "${expected}": ${text}`);
      await quietToast();
      await shot('10-staff-queue');
      await card.click();
      await page.waitForURL(/staff\/pages\/ticket/);
      await staffStatus('已派单');
      await openAction('开始处理');
      await submitAction();
      await staffStatus('处理中');
    });

    await staffReplySteps({ page, step, shot, visible, openAction });

    await step(
      'a forbidden phrase in a proposal (这是公司的规定) is flagged with the better wording',
      async () => {
        await openAction('提出处理方案');
        await visible(page.locator('.action-form__template').first()).waitFor(); // reply templates offered
        const note = visible(page.locator('.action-form__note textarea'));
        await note.fill('您好，这是公司的规定，只能明天上门。');
        const checked = page.waitForResponse((r) => r.url().endsWith('/api/reply-check'));
        await submitAction();
        await checked;
        const warning = visible(page.locator('.reply-warning'));
        await warning.waitFor();
        const text = await warning.textContent();
        if (!text.includes('这是公司的规定') || !text.includes('这也是根据小区大多数业主的要求所制定的'))
          throw new Error(`warning lacks the phrase or the better wording: ${text}`);
        await quietToast();
        await shot('11-reply-warning');
        await visible(page.locator('.reply-warning__replace', { hasText: '替换为建议用语' })).click();
        await warning.waitFor({ state: 'hidden' });
        const replaced = await note.inputValue();
        if (
          replaced.includes('这是公司的规定') ||
          !replaced.includes('这也是根据小区大多数业主的要求所制定的')
        )
          throw new Error(`not replaced: ${replaced}`);
      },
    );

    await step('the engineer proposes a plan (提出处理方案) with a note', async () => {
      await visible(page.locator('.action-form__note textarea')).fill(planText);
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${repairId}/actions`));
      await submitAction();
      const res = await sent;
      const body = res.request().postDataJSON();
      if (body.action !== 'propose_solution' || body.note !== planText || typeof body.version !== 'number')
        throw new Error(`unexpected action body ${JSON.stringify(body)}`);
      // Staff wording on the staff page (the resident reads 方案待您确认).
      await staffStatus('方案待业主确认');
      await visible(page.locator('.timeline__note', { hasText: planText })).waitFor();
    });

    await step('the resident sees 方案待您确认 with the plan and accepts it', async () => {
      await loginAs(resident.name);
      await openHash(`/pages/ticket-detail/index?id=${repairId}`);
      const solution = visible(page.locator('.solution'));
      await solution.waitFor();
      const text = await solution.textContent();
      if (!text.includes('方案待您确认') || !text.includes(planText))
        throw new Error(`solution box: ${text}`);
      await shot('12-resident-solution');
      await visible(page.locator('.resident-actions__button', { hasText: '同意方案' })).click();
      await visible(page.locator('.detail-page__row', { hasText: '方案已确认' })).waitFor();
      await visible(page.locator('.timeline__status', { hasText: '业主同意处理方案' })).waitFor();
    });

    await step('the engineer marks it handled (处理完毕) with a photo', async () => {
      await loginAs(engineer);
      await openHash(`/staff/pages/ticket/index?id=${repairId}`);
      await staffStatus('方案已确认');
      await openAction('处理完毕');
      await visible(page.locator('.action-form__note textarea')).fill(
        '已更换水龙头阀芯，试水正常，不再滴水。',
      );
      await choosePhoto(visible(page.locator('.photo-picker__add')), 'faucet-fixed.png');
      await visible(page.locator('.photo-picker__item')).waitFor();
      await page.waitForFunction(
        () =>
          document.querySelectorAll('.photo-picker__item').length === 1 &&
          document.querySelectorAll('.photo-picker__mask').length === 0,
        null,
        { timeout: STEP_TIMEOUT_MS },
      );
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${repairId}/actions`));
      await submitAction();
      const res = await sent;
      if (res.request().postDataJSON().photoIds?.length !== 1) throw new Error('the photo was not sent');
      await staffStatus('已处理');
      await visible(page.locator('.timeline__status', { hasText: '已处理完毕' })).waitFor();
      await quietToast();
      await shot('13-staff-ticket-timeline');
      await toTop();
      await shot('13-staff-ticket');
    });

    await step('the resident sees every step on the ticket page', async () => {
      await loginAs(resident.name);
      await openHash(`/pages/ticket-detail/index?id=${repairId}`);
      await visible(page.locator('.detail-page__row', { hasText: '已处理' })).waitFor();
      const labels = (
        await page.locator('.timeline__status').filter({ visible: true }).allTextContents()
      ).map((t) => t.trim());
      const expected = [
        '已处理完毕',
        '业主同意处理方案',
        '提出处理方案，待业主确认',
        '开始处理',
        '已派单',
        '已受理',
      ];
      if (JSON.stringify(labels) !== JSON.stringify(expected))
        throw new Error(`timeline ${JSON.stringify(labels)}, expected ${JSON.stringify(expected)}`);
      await visible(page.locator('.timeline__note', { hasText: planText })).waitFor();
      await page.waitForFunction(
        () =>
          Array.from(document.querySelectorAll('.timeline__item img')).some(
            (i) => i.offsetParent && i.complete && i.naturalWidth > 0,
          ),
        null,
        { timeout: STEP_TIMEOUT_MS },
      );
      await toTop();
      await shot('14-resident-ticket');
      await page.locator('.timeline__item').filter({ visible: true }).last().scrollIntoViewIfNeeded();
      await shot('14-resident-timeline');
    });

    await step('the resident finds each step in 消息通知 and opens the ticket from it', async () => {
      await openHash('/pages/notifications/index');
      const handled = visible(page.locator('[data-testid="notice"]', { hasText: '您的报修已处理完成' }));
      await handled.waitFor();
      await visible(page.locator('[data-testid="notice"]', { hasText: '处理方案待您确认' })).waitFor();
      await visible(page.locator('[data-testid="notice"]', { hasText: '您的报修已受理' })).waitFor();
      await shot('15-notifications');
      await handled.click();
      await visible(page.locator('.detail-page__row', { hasText: '已处理' })).waitFor();
    });
    await residentPrivacySteps({
      page,
      server,
      accounts,
      step,
      shot,
      loginAs,
      openHash,
      visible,
      quietToast,
      resident,
    });
    await managerSettingsSteps({ page, server, accounts, step, shot, loginAs, openHash, visible });
    await surveySteps({ page, server, accounts, browserLog, step, shot, loginAs, openHash, quietToast });
    // ------------------------------------------------------------ a paid in-home repair (有偿维修)
    /** Calls the API as a demo account (by name), for the set-up the UI steps do not cover. */
    const apiAs = async (name, method, path, body) => {
      const who = accounts.find((a) => a.name === name);
      const { token } = await (
        await fetch(`${server.base}/api/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ accountId: who.id }),
        })
      ).json();
      const res = await fetch(`${server.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${method} ${path} as ${name}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    let paidRepairId = '';
    let quoter = '';

    await step('the engineer sends a quote from the price list (发送报价)', async () => {
      const pm = accounts.find((a) => a.role === 'project_manager');
      const lead = accounts.find((a) => a.role === 'cs_lead');
      await apiAs(pm.name, 'POST', '/api/pay/price-items', {
        kind: 'callout',
        name: '上门费',
        unit: '次',
        priceFen: 3000,
      });
      await apiAs(pm.name, 'POST', '/api/pay/price-items', {
        kind: 'labour',
        name: '更换配件',
        unit: '个',
        priceFen: 5000,
      });
      const me = await apiAs(resident.name, 'GET', '/api/me');
      const filed = await apiAs(resident.name, 'POST', '/api/tickets', {
        kind: 'repair',
        content: `阳台的升降晾衣架摇不上去了，摇杆好像坏了。（e2e ${Date.now()}）`,
        householdId: me.households[0].id,
      });
      paidRepairId = filed.id;
      // Auto-routing picks whichever engineer has fewer open tickets; that engineer quotes.
      let current = await apiAs(lead.name, 'GET', `/api/tickets/${paidRepairId}`);
      if (!current.assignee) {
        const engineerId = accounts.find((a) => a.name === engineer).id;
        current = await apiAs(lead.name, 'POST', `/api/tickets/${paidRepairId}/actions`, {
          action: 'assign',
          departmentCode: 'eng',
          assigneeId: engineerId,
          version: current.version,
        });
      }
      quoter = current.assignee.name;

      await loginAs(quoter);
      await openHash(`/staff/pages/ticket/index?id=${paidRepairId}`);
      await visible(page.locator('[data-testid="open-quote"]', { hasText: '发送报价' })).click();
      const form = visible(page.locator('.quote-form'));
      await form.waitFor();
      await visible(form.locator('.chip', { hasText: '上门费' })).click();
      await visible(form.locator('.chip', { hasText: '更换配件' })).click();
      await visible(form.locator('[data-testid="quote-form-total"]', { hasText: '¥80.00' })).waitFor();
      const sent = page.waitForResponse((r) => r.url().endsWith(`/api/tickets/${paidRepairId}/quotes`));
      await visible(form.locator('[data-testid="quote-send"]')).click();
      const res = await sent;
      if (res.status() !== 201) throw new Error(`POST quotes answered ${res.status()}: ${await res.text()}`);
      const body = res.request().postDataJSON();
      if (body.items.length !== 2 || !res.request().headers()['idempotency-key'])
        throw new Error(`unexpected quote request ${JSON.stringify(body)}`);
      const card = visible(page.locator('.quote-card'));
      await card.waitFor();
      const text = await card.textContent();
      for (const expected of [
        '维修报价',
        '待业主确认',
        '上门费',
        '更换配件',
        '¥80.00',
        '登记线下收款',
        '撤回报价',
      ])
        if (!text.includes(expected)) throw new Error(`staff quote card lacks "${expected}": ${text}`);
      await quietToast();
      await shot('15-staff-quote');
    });

    await step('the resident sees the quote card, and paying tells them it needs WeChat Pay', async () => {
      await loginAs(resident.name);
      await openHash(`/pages/ticket-detail/index?id=${paidRepairId}`);
      const card = visible(page.locator('.quote-card'));
      await card.waitFor();
      const text = await card.textContent();
      for (const expected of [
        '维修报价',
        '待业主确认',
        '上门费',
        '¥30.00 × 1次',
        '更换配件',
        '¥80.00',
        '接受并支付',
        '不接受',
      ])
        if (!text.includes(expected)) throw new Error(`resident quote card lacks "${expected}": ${text}`);
      await visible(page.locator('.timeline__status', { hasText: '报价已发送' })).waitFor();
      await card.scrollIntoViewIfNeeded();
      await shot('16-resident-quote');
      // This server has no merchant set up: the resident is told so instead of a payment sheet.
      await visible(card.locator('.quote-card__button', { hasText: '接受并支付' })).click();
      await visible(page.getByText('支付未开通，请联系工作人员线下收款')).waitFor();
      await shot('17-resident-pay-disabled');
      await visible(page.getByText('确定', { exact: true })).click();
    });

    await step(
      'the lead edits a reply template; a forbidden phrase is caught and replaced by the better wording',
      async () => {
        const lead = accounts.find((a) => a.role === 'cs_lead');
        await loginAs(lead.name);
        await openHash('/staff/pages/replies/index');
        const first = visible(page.locator('[data-testid="template"]')).first();
        await first.waitFor();
        await first.click();
        const text = visible(
          page.locator('[data-testid="template-text"] textarea, textarea[data-testid="template-text"]'),
        );
        await text.waitFor();
        await text.fill('您好，这是公司的规定，请您理解。');
        const warning = visible(page.locator('[data-testid="template-warning"]'));
        await warning.waitFor();
        if (!(await warning.textContent()).includes('这是公司的规定'))
          throw new Error('the forbidden phrase was not named');
        await shot('16-reply-template-warning');
        await visible(page.getByText('一键改为建议说法')).click();
        const fixed = await text.inputValue();
        if (fixed.includes('这是公司的规定')) throw new Error(`still forbidden: ${fixed}`);
        const saved = page.waitForResponse(
          (r) => r.url().includes('/api/reply-templates/') && r.request().method() === 'PUT',
        );
        await visible(page.locator('[data-testid="template-save"]')).click();
        const res = await saved;
        if (res.status() !== 200) throw new Error(`save answered ${res.status()}`);
        await visible(page.locator('[data-testid="template"]', { hasText: fixed.slice(0, 8) })).waitFor();
      },
    );
    await rateStep({
      accounts,
      step,
      page,
      visible,
      loginAs,
      openHash,
      shot,
      quietToast,
      toTop,
      resident,
      repairId,
      repairNumber,
    });

    await step('the project manager opens 统计报表 → 投诉分类统计表 and downloads it as Excel', async () => {
      const pm = accounts.find((a) => a.role === 'project_manager');
      await loginAs(pm.name);
      await openHash('/staff/pages/index/index');
      await visible(page.locator('.staff-page__reports', { hasText: '统计报表' })).click();
      await page.waitForURL(/manager\/pages\/index/);
      const received = visible(page.locator('.kpi-card', { hasText: '受理量' }).locator('.kpi-card__value'));
      await received.waitFor();
      // The figures may be up to 10 minutes old (a scheduled count may have run before this run filed anything):
      // 刷新数据 counts the month again now, and the page shows the new figures.
      await visible(page.locator('.report-header__refresh', { hasText: '刷新数据' })).click();
      const count = async () => Number((await received.textContent()).trim());
      for (const until = Date.now() + 10_000; (await count()) < 2 && Date.now() < until;)
        await page.waitForTimeout(200);
      // this run filed a complaint and a repair this month
      if ((await count()) < 2) throw new Error(`受理量 ${await received.textContent()}`);
      await visible(page.locator('.report-header__refresh', { hasText: '刷新数据' })).waitFor();
      await visible(page.locator('.column-chart')).waitFor();
      await shot('20-reports-home');
      await visible(page.locator('.report-link', { hasText: '投诉分类统计表' })).click();
      await page.waitForURL(/manager\/pages\/classification/);
      const table = visible(page.locator('.classification-table'));
      await table.waitFor();
      const rows = await table.locator('.data-table__row').allTextContents();
      if (rows.length !== 10 || !rows[0].includes('投诉件数') || !rows[9].startsWith('合计'))
        throw new Error(`table rows ${JSON.stringify(rows)}`);
      const total = Number(
        (await table.locator('.data-table__row--total .data-table__cell').nth(1).textContent()).trim(),
      );
      if (!(total >= 1)) throw new Error(`合计 ${total}`);
      const bars = await page.locator('.bar-chart__row').filter({ visible: true }).count();
      if (bars !== 8) throw new Error(`${bars} bars, expected one per category`);
      const month = (await visible(page.locator('.report-header__month')).textContent()).trim();
      if (!/^\d{4}年\d{1,2}月/.test(month)) throw new Error(`month picker shows "${month}"`);
      await shot('21-reports-classification');
      const download = page.waitForEvent('download');
      await visible(page.locator('.excel-button')).click();
      const file = await download;
      if (!/^顾客投诉分类统计表-\d{4}-\d{2}\.xlsx$/.test(file.suggestedFilename()))
        throw new Error(`downloaded ${file.suggestedFilename()}`);
      const path = await file.path();
      const { readFileSync } = await import('node:fs');
      if (readFileSync(path).subarray(0, 2).toString() !== 'PK')
        throw new Error('the download is not an xlsx (zip) file');
      await visible(page.locator('.excel-link', { hasText: '点此下载' })).waitFor();
    });

    await step('every other report page opens for the project manager without an error', async () => {
      for (const [hash, expected] of [
        ['/manager/pages/kpis/index', '按部门'],
        ['/manager/pages/analysis/index', '原因分析（人、机、料、法、环）'],
        ['/manager/pages/special/index', '重大投诉（索赔一万元以上）'],
        ['/manager/pages/developer/index', '原因分析'],
        ['/manager/pages/notice/index', '投诉处理情况公示'],
      ]) {
        await openHash(hash);
        await visible(page.getByText(expected, { exact: false })).waitFor();
        if (await page.locator('.state--error').filter({ visible: true }).count())
          throw new Error(`${hash} shows an error`);
      }
      await openHash('/manager/pages/analysis/index');
      await visible(page.locator('.analysis__totals')).waitFor();
      await shot('22-reports-analysis');
    });

    await step('the browser reported no errors', async () => {
      // A server without paid repairs answers GET …/charges with 404, which the rating page reads as "no
      // charges"; Chromium still logs the 404.
      const expected = (l) => /status of 404.*\/api\/tickets\/[\w-]+\/charges\)$/.test(l);
      const errors = browserLog.filter(
        (l) => (l.startsWith('[pageerror]') || l.startsWith('[console.error]')) && !expected(l),
      );
      if (errors.length) throw new Error(errors.join('\n'));
    });
  } catch (e) {
    results.push({ name: 'setup', status: 'failed', error: e });
    log(`✗ setup\n${e?.stack ?? e}`);
  } finally {
    if (results.some((r) => r.status === 'failed')) await shot('zz-failure');
    writeFileSync(join(ARTIFACTS, 'browser.log'), browserLog.join('\n'));
    if (context) await context.close().catch(() => undefined);
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }

  const count = (s) => results.filter((r) => r.status === s).length;
  const failed = count('failed');
  if (failed) log(`artifacts (screenshots, server.log, browser.log) in ${ARTIFACTS}`);
  console.log(
    `e2e: ${count('passed')} passed, ${failed} failed${count('skipped') ? `, ${count('skipped')} skipped` : ''}`,
  );
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});
