// Browser steps of "what each person sees" (docs/domain-rules.md "What each person sees"), run by e2e/run.mjs:
// an anonymous complaint from the file page (no flat preselected or sent, an optional call-back number, staff see
// no flat or name), the emergency path (the duty phone with a tel: link, the ticket filed at once), and the staff
// reply form asking for an unfilled template placeholder and showing the company's better wording.

/** The resident's side: 匿名 and the emergency path; then the lead's ticket page shows nobody behind it. */
export async function residentPrivacySteps({
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
}) {
  let anonId = '';
  const phone = '13912345678';

  await step(
    '匿名 on the file page: 我的房屋 is not preselected, no flat is sent, a call-back number is',
    async () => {
      await loginAs(resident.name);
      await openHash('/pages/file/index');
      await visible(page.locator('.kind-picker__item', { hasText: '投诉' })).click();
      // Not anonymous: the resident's own flat is chosen.
      await visible(page.getByText(resident.householdLabel, { exact: true })).waitFor();
      const row = visible(page.locator('.ticket-form__switch-row'));
      const toggle = row.locator('input[type="checkbox"], .weui-switch, taro-switch-core').first();
      await toggle.click();
      await visible(page.locator('.file-page__callback')).waitFor();
      // 匿名: no 我的房屋 chip, no flat shown, 公共区域 chosen.
      const householdChips = page
        .locator('.kind-picker__item', { hasText: '我的房屋' })
        .filter({ visible: true });
      if (await householdChips.count()) throw new Error('我的房屋 is still offered with 匿名 on');
      if (await page.getByText(resident.householdLabel, { exact: true }).filter({ visible: true }).count())
        throw new Error(`the flat ${resident.householdLabel} still shows with 匿名 on`);
      await visible(page.locator('.kind-picker__item--active', { hasText: '公共区域' })).waitFor();
      await visible(page.locator('textarea')).fill(`楼上邻居半夜拖椅子，吵得睡不着。（e2e ${Date.now()}）`);
      await visible(page.locator('.file-page__callback-input input, input.file-page__callback-input')).fill(
        phone,
      );
      await shot('30-file-anonymous');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST',
      );
      await visible(page.locator('.primary-button', { hasText: '提交反馈' })).click();
      const res = await created;
      if (res.status() !== 201)
        throw new Error(`POST /api/tickets answered ${res.status()}: ${await res.text()}`);
      const sent = res.request().postDataJSON();
      if (sent.anonymous !== true || sent.householdId || sent.callbackPhone !== phone)
        throw new Error(`unexpected anonymous body ${JSON.stringify(sent)}`);
      anonId = (await res.json()).id;
      await page.waitForURL(/ticket-detail/);
      await visible(page.locator('.detail-page__number')).waitFor();
      await quietToast();
    },
  );

  await step('the lead opens the anonymous ticket: no flat, no name, no number on the page', async () => {
    const lead = accounts.find((a) => a.role === 'cs_lead');
    await loginAs(lead.name);
    await openHash(`/staff/pages/ticket/index?id=${anonId}`);
    await visible(page.locator('.staff-ticket__status')).waitFor();
    await visible(page.getByText('楼上邻居半夜拖椅子', { exact: false })).waitFor();
    const text = await page.locator('body').innerText();
    for (const secret of [resident.householdLabel, resident.name, phone])
      if (text.includes(secret)) throw new Error(`the staff ticket page shows "${secret}"`);
    await shot('31-staff-anonymous');
    // The number itself: the lead taps to see it, and the look is logged (the project manager reads the log).
    await visible(page.locator('.staff-ticket__callback', { hasText: '查看业主留下的回电号码' })).click();
    await visible(page.locator('.staff-ticket__callback', { hasText: phone })).waitFor();
    await shot('31-staff-callback');
    const pm = accounts.find((a) => a.role === 'project_manager');
    const { token } = await (
      await fetch(`${server.base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: pm.id }),
      })
    ).json();
    const log = await (
      await fetch(`${server.base}/api/tickets/${anonId}/access-log`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    if (
      !Array.isArray(log) ||
      log.length !== 1 ||
      log[0].viewerName !== lead.name ||
      log[0].what !== 'callback_phone'
    )
      throw new Error(`access log ${JSON.stringify(log)}`);
  });

  await step(
    '电梯困人 reads as an emergency: the duty phone with a tel: link, and the ticket is filed at once',
    async () => {
      await loginAs(resident.name);
      await openHash('/pages/file/index');
      await visible(page.locator('.kind-picker__item', { hasText: '投诉' })).click();
      await visible(page.locator('textarea')).fill('电梯困人');
      const duty = visible(page.locator('[data-testid="duty-phone"]'));
      await duty.waitFor();
      if (!(await duty.textContent()).includes('021-58880110'))
        throw new Error(`duty phone block: ${await duty.textContent()}`);
      const href = await duty.locator('a').first().getAttribute('href');
      if (href !== 'tel:02158880110') throw new Error(`tap-to-call link is ${href}`);
      await shot('32-file-emergency');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/tickets') && r.request().method() === 'POST',
      );
      await visible(page.locator('.primary-button', { hasText: '提交反馈' })).click();
      const res = await created;
      if (res.status() !== 201) throw new Error(`电梯困人 answered ${res.status()}: ${await res.text()}`);
      await page.waitForURL(/ticket-detail/);
      await visible(page.locator('.detail-page__content', { hasText: '电梯困人' })).waitFor();
      await quietToast();
    },
  );
}

/**
 * The engineer's reply form (ticket in 处理中): a reply with {区域} left in it is not sent, the form asks for the value
 * and puts it in; a phrase from the company's list is flagged with its better wording. Nothing is sent (the form is
 * closed), so the ticket's timeline stays as the main flow expects.
 */
export async function staffReplySteps({ page, step, shot, visible, openAction }) {
  await step(
    'a reply with an unfilled {区域} cannot be sent: the form asks for it and fills it in',
    async () => {
      await openAction('告知进展');
      const note = visible(page.locator('.action-form__note textarea'));
      await note.fill('您好，师傅今天下午到{区域}查看。');
      let posted = 0;
      const count = (r) => {
        if (r.url().includes('/actions') && r.method() === 'POST') posted++;
      };
      page.on('request', count);
      await visible(page.locator('.action-form__submit')).click();
      await visible(page.locator('.error-text', { hasText: '{区域}' })).waitFor();
      const fill = visible(page.locator('[data-testid="placeholder-fill"]'));
      await fill.waitFor();
      await fill.locator('input').first().fill('3栋1单元水井');
      await shot('33-placeholder-fill');
      await fill.locator('.placeholder-fill__apply').click();
      const filled = await note.inputValue();
      if (!filled.includes('3栋1单元水井') || filled.includes('{')) throw new Error(`not filled: ${filled}`);
      await fill.waitFor({ state: 'hidden' });

      // A phrase of the company's list (seeded with the common ones): flagged with the better wording.
      await note.fill('这不归我们管，请您联系自来水公司。');
      const checked = page.waitForResponse((r) => r.url().endsWith('/api/reply-check'));
      await visible(page.locator('.action-form__submit')).click();
      await checked;
      const warning = visible(page.locator('.reply-warning'));
      await warning.waitFor();
      const text = await warning.textContent();
      if (!text.includes('这不归我们管') || !text.includes('这件事我先帮您记下来'))
        throw new Error(`warning lacks the phrase or its better wording: ${text}`);
      if (await page.locator('.reply-warning__anyway').filter({ visible: true }).count())
        throw new Error('a forbidden phrase may still be sent anyway');
      page.off('request', count);
      if (posted) throw new Error(`${posted} action(s) were sent`);
      await shot('34-forbidden-common');
      await visible(page.locator('.action-form__cancel')).click();
    },
  );
}

/**
 * The manager area's settings: the project manager edits the company's forbidden phrases (a new entry with its
 * better wording) and sets the project's 24-hour duty phone, which the emergency path then offers.
 */
export async function managerSettingsSteps({
  page,
  server,
  accounts,
  step,
  shot,
  loginAs,
  openHash,
  visible,
}) {
  const pm = accounts.find((a) => a.role === 'project_manager');
  const saved = (path, method = 'PUT') =>
    page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === method);

  await step('the project manager adds a forbidden phrase with its better wording (服务禁语)', async () => {
    await loginAs(pm.name);
    await openHash('/manager/pages/phrases/index');
    const count = visible(page.locator('.phrases-page__count'));
    await count.waitFor();
    const before = Number(/共 (\d+) 条/.exec(await count.innerText())?.[1] ?? NaN);
    if (!(before > 0)) throw new Error(`unexpected count: ${await count.innerText()}`);
    await visible(page.locator('.phrases-page__add')).click();
    await visible(page.locator('.phrases-page__count', { hasText: `共 ${before + 1} 条` })).waitFor();
    // An empty entry is named before anything is sent.
    await visible(
      page.locator('.phrases-page__problem', { hasText: `第 ${before + 1} 条禁语需 2–40 个字` }),
    ).waitFor();
    const phrase = page.locator('.phrases-page__phrase input, input.phrases-page__phrase').last();
    await phrase.fill('这个我管不了');
    await page
      .locator('.phrases-page__better textarea, textarea.phrases-page__better')
      .last()
      .fill('我马上帮您联系负责的同事');
    await page.locator('.phrases-page__problem').first().waitFor({ state: 'detached' });
    await shot('40-manager-phrases');
    const put = saved('/api/forbidden-phrases');
    await visible(page.locator('.phrases-page__save')).click();
    const res = await put;
    if (res.status() !== 200)
      throw new Error(`PUT /api/forbidden-phrases answered ${res.status()}: ${await res.text()}`);
    const items = (await res.json()).items;
    if (!items.some((i) => i.phrase === '这个我管不了' && i.better === '我马上帮您联系负责的同事'))
      throw new Error(`the new phrase is not in the saved list: ${JSON.stringify(items.slice(-3))}`);
    await visible(page.locator('.phrases-page__message', { hasText: '服务禁语已保存' })).waitFor();
  });

  await step(
    'the project manager sets the 24-hour duty phone; a wrong value is refused in Chinese',
    async () => {
      await openHash('/manager/pages/duty-phone/index');
      await visible(page.locator('.duty-phone-page__current', { hasText: '当前号码' })).waitFor();
      const input = page.locator('.duty-phone-page__input input, input.duty-phone-page__input').first();
      await input.fill('值班室');
      await visible(page.locator('.duty-phone-page__problem', { hasText: '值班电话格式不正确' })).waitFor();
      await input.fill('021-58880120');
      await page.locator('.duty-phone-page__problem').waitFor({ state: 'detached' });
      const put = saved(`/duty-phone`);
      await visible(page.locator('.duty-phone-page__save')).click();
      const res = await put;
      if (res.status() !== 200)
        throw new Error(`PUT duty-phone answered ${res.status()}: ${await res.text()}`);
      await visible(
        page.locator('.duty-phone-page__current', { hasText: '当前号码：021-58880120' }),
      ).waitFor();
      await shot('41-manager-duty-phone');
      const check = await (await fetch(`${server.base}/api/health`)).ok;
      if (!check) throw new Error('server unhealthy after saving the duty phone');
    },
  );
}
