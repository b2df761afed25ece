import ExcelJS from 'exceljs';
import { Clock } from '../src/common/clock';
import { Household, HouseholdBinding, Project, User } from '../src/org/entities';
import { SurveyCampaignHousehold, SurveyResponse } from '../src/surveys/entities';
import { DRIVERS, idemKey, startTestApp, TestApp } from './support/test-app';

/** GETs a binary body (the xlsx) through supertest. */
const binary = (
  res: NodeJS.ReadableStream & { setEncoding(e: string): void },
  cb: (e: Error | null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(DRIVERS)('satisfaction surveys 满意度调查 (%s)', (driver) => {
  let t: TestApp;
  const auth = async (key: string) => ({ Authorization: `Bearer ${await t.login(key)}` });
  let questionnaire: {
    id: string;
    drivers: { code: string; weight: number }[];
    sections: { title: string; questions: { id: string; kind: string; driver?: string }[] }[];
  };
  let campaignId = '';
  let sampled: SurveyCampaignHousehold[] = [];
  let unsampled: Household;

  /** A resident account bound (approved) to a household, logged in by its demo key. */
  async function resident(key: string, name: string, householdId: string) {
    const project = await t.ds.getRepository(Project).findOneByOrFail({ name: '阳光花园' });
    const u = await t.ds.getRepository(User).save({
      companyId: project.companyId,
      projectId: project.id,
      departmentId: null,
      kind: 'resident',
      role: 'resident',
      name,
      phone: null,
      openid: null,
      demoKey: key,
    });
    await t.ds.getRepository(HouseholdBinding).save({
      userId: u.id,
      householdId,
      projectId: project.id,
      relation: 'owner',
      status: 'approved',
      name,
      phone: null,
      decidedById: null,
      decidedAt: new Date(),
      decisionNote: 'test',
    });
    return u;
  }

  const closed = () => questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'scale');
  const open = () => questionnaire.sections.flatMap((s) => s.questions).filter((q) => q.kind === 'open');
  /** Every closed question answered `point`, except the drivers in `per`. */
  const answers = (point: number, per: Record<string, number> = {}, text?: string) => [
    ...closed().map((q) => ({ questionId: q.id, point: per[q.driver!] ?? point })),
    ...(text ? [{ questionId: open()[0].id, text }] : []),
  ];
  const formUrl = (h: string, what: 'form' | 'draft' | 'submit', c = campaignId) =>
    `/api/surveys/campaigns/${c}/households/${h}/${what}`;

  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(() => t?.close());

  it('builds a questionnaire from the default template (品质部 only)', async () => {
    const tpl = await t.http
      .get('/api/surveys/template')
      .set(await auth('qa-1'))
      .expect(200);
    expect(tpl.body.title).toBe('物业服务满意度调查问卷');

    await t.http
      .post('/api/surveys/questionnaires/from-template')
      .set(await auth('front-desk'))
      .expect(403);
    const pm = await t.http
      .post('/api/surveys/questionnaires/from-template')
      .set(await auth('pm'))
      .expect(403);
    expect(pm.body.message).toBe('问卷和样本由品质部或集团确定，服务中心不能修改');

    const res = await t.http
      .post('/api/surveys/questionnaires/from-template')
      .set(await auth('qa-1'))
      .expect(201);
    questionnaire = res.body;
    expect(res.body).toMatchObject({ version: 1, frozen: false });
    expect(closed()).toHaveLength(16);
    expect(open()).toHaveLength(2);

    // The builder: edits are checked by the shared rules, in Chinese.
    const def = {
      title: '2026 年第四季度物业服务满意度调查',
      intro: tpl.body.intro,
      closing: tpl.body.closing,
      drivers: tpl.body.drivers,
      sections: tpl.body.sections,
    };
    const bad = await t.http
      .put(`/api/surveys/questionnaires/${questionnaire.id}`)
      .set(await auth('qa-1'))
      .send({ ...def, drivers: def.drivers.slice(1) })
      .expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining(['题目 “客服人员的服务态度和礼仪” 须对应一个已设置的驱动因素']),
    );
    const ok = await t.http
      .put(`/api/surveys/questionnaires/${questionnaire.id}`)
      .set(await auth('qa-1'))
      .send(def)
      .expect(200);
    expect(ok.body.title).toBe('2026 年第四季度物业服务满意度调查');
    questionnaire = ok.body; // question ids are new after an edit
  });

  it('creates a campaign: 20 of the 72 households, settings editable by 品质部 only before the start', async () => {
    const low = await t.http
      .post('/api/surveys/campaigns')
      .set(await auth('qa-1'))
      .send({ questionnaireId: questionnaire.id, title: '四季度满意度调查', samplePercent: 10 })
      .expect(400);
    expect(low.body.message).toContain('抽样比例不能低于 20%');

    const res = await t.http
      .post('/api/surveys/campaigns')
      .set(await auth('qa-1'))
      .send({ questionnaireId: questionnaire.id, title: '四季度满意度调查' })
      .expect(201);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'draft',
      samplePercent: 20,
      minSample: 20,
      minAnsweredPercent: 80,
      preview: { population: 72, sampleSize: 20 },
      createdBy: '周敏',
    });
    await t.http
      .patch(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('pm'))
      .send({ minSample: 30 })
      .expect(403);
    const edited = await t.http
      .patch(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('qa-1'))
      .send({ title: '2026 年四季度满意度调查' })
      .expect(200);
    expect(edited.body.title).toBe('2026 年四季度满意度调查');
  });

  it('starts: draws 20 households spread over the buildings, stored with the seed and who started it', async () => {
    for (const who of ['pm', 'cs-lead', 'front-desk'])
      await t.http
        .post(`/api/surveys/campaigns/${campaignId}/start`)
        .set(await auth(who))
        .send({})
        .expect(403);
    const res = await t.http
      .post(`/api/surveys/campaigns/${campaignId}/start`)
      .set(await auth('qa-1'))
      .send({ seed: 'e2e-seed-1' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'running',
      seed: 'e2e-seed-1',
      populationSize: 72,
      sampleSize: 20,
      startedBy: '周敏',
      preview: null,
    });
    const byBuilding = res.body.sample.byBuilding;
    expect(byBuilding.map((b: { building: string }) => b.building)).toEqual(['1栋', '2栋', '3栋']);
    for (const b of byBuilding) {
      expect(b.population).toBe(24);
      expect([6, 7]).toContain(b.sample);
    }
    expect(byBuilding.reduce((a: number, b: { sample: number }) => a + b.sample, 0)).toBe(20);
    expect(res.body.sample.byCustomerType.reduce((a: number, b: { sample: number }) => a + b.sample, 0)).toBe(
      20,
    );
    expect(res.body.households).toHaveLength(20);
    expect(res.body.events.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['created', '周敏'],
      ['updated', '周敏'],
      ['started', '周敏'],
    ]);
    sampled = await t.ds.getRepository(SurveyCampaignHousehold).find({ where: { campaignId } });
    expect(sampled).toHaveLength(20);
    const ids = new Set(sampled.map((s) => s.householdId));
    unsampled = (await t.ds.getRepository(Household).find()).find((h) => !ids.has(h.id))!;

    // Same population, same seed → the same households (a second campaign drawn the same way).
    const twin = await t.http
      .post('/api/surveys/campaigns')
      .set(await auth('qa-1'))
      .send({ questionnaireId: questionnaire.id, title: '复核抽样' })
      .expect(201);
    const twinStarted = await t.http
      .post(`/api/surveys/campaigns/${twin.body.id}/start`)
      .set(await auth('qa-1'))
      .send({ seed: 'e2e-seed-1' })
      .expect(200);
    expect(twinStarted.body.households.map((h: { label: string }) => h.label)).toEqual(
      res.body.households.map((h: { label: string }) => h.label),
    );
    await t.http
      .post(`/api/surveys/campaigns/${twin.body.id}/close`)
      .set(await auth('qa-1'))
      .expect(200);
  });

  it('keeps the sample fixed after the start, and never shows it to the service centre', async () => {
    const again = await t.http
      .post(`/api/surveys/campaigns/${campaignId}/start`)
      .set(await auth('qa-1'))
      .send({ seed: 'another' })
      .expect(409);
    expect(again.body.message).toBe('调查已经开始，样本已固定，不能重新抽样');
    await t.http
      .patch(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('qa-1'))
      .send({ samplePercent: 50 })
      .expect(409);
    for (const who of ['pm', 'cs-lead', 'front-desk', 'eng-1']) {
      const r = await t.http
        .patch(`/api/surveys/campaigns/${campaignId}`)
        .set(await auth(who))
        .send({ samplePercent: 50 })
        .expect(403);
      expect(r.body.message).toMatch(/品质部或集团/);
    }
    const after = await t.ds.getRepository(SurveyCampaignHousehold).find({ where: { campaignId } });
    expect(after.map((s) => s.householdId).sort()).toEqual(sampled.map((s) => s.householdId).sort());

    // The questionnaire the campaign uses is frozen; changes go into a new version.
    const def = { title: 'x', intro: '', closing: '', drivers: [], sections: [] };
    await t.http
      .put(`/api/surveys/questionnaires/${questionnaire.id}`)
      .set(await auth('qa-1'))
      .send(def)
      .expect(400);
    const frozen = await t.http
      .put(`/api/surveys/questionnaires/${questionnaire.id}`)
      .set(await auth('qa-1'))
      .send({ ...(await t.http.get('/api/surveys/template').set(await auth('qa-1'))).body })
      .expect(409);
    expect(frozen.body.message).toMatch(/已冻结/);
    const v2 = await t.http
      .post(`/api/surveys/questionnaires/${questionnaire.id}/versions`)
      .set(await auth('qa-1'))
      .expect(201);
    expect(v2.body).toMatchObject({ version: 2, frozen: false, familyId: questionnaire.id });

    // The project manager sees counts per building, not the sampled addresses nor the seed.
    const pm = await t.http
      .get(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('pm'))
      .expect(200);
    expect(pm.body).toMatchObject({ canManage: false, seed: null, households: null, events: null });
    expect(pm.body.sample.byBuilding).toHaveLength(3);
    await t.http
      .get(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('front-desk'))
      .expect(403);
    const hq = await t.http
      .get('/api/surveys/campaigns')
      .set(await auth('hq'))
      .expect(200);
    expect(hq.body.items.map((c: { id: string }) => c.id)).toContain(campaignId);
  });

  it('lets a sampled resident answer (draft, then submit once, idempotently); nobody else', async () => {
    const [h1] = sampled;
    await resident('survey-a1', '测试业主甲', h1.householdId);
    await resident('survey-a2', '测试家属乙', h1.householdId);
    await resident('survey-u', '未抽中业主', unsampled.id);

    const mine = await t.http
      .get('/api/surveys/mine')
      .set(await auth('survey-a1'))
      .expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({ campaignId, householdId: h1.householdId, status: 'pending', byMe: false }),
    ]);
    expect(
      (
        await t.http
          .get('/api/surveys/mine')
          .set(await auth('survey-u'))
          .expect(200)
      ).body,
    ).toEqual([]);

    // Not sampled, not bound, staff: refused by the server whatever the client shows.
    const notSampled = await t.http
      .post(formUrl(unsampled.id, 'submit'))
      .set(await auth('survey-u'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: answers(5) })
      .expect(403);
    expect(notSampled.body.message).toBe('您的房屋不在本次调查的样本中，感谢您的关注');
    await t.http
      .get(formUrl(unsampled.id, 'form'))
      .set(await auth('survey-u'))
      .expect(403);
    const notBound = await t.http
      .post(formUrl(h1.householdId, 'submit'))
      .set(await auth('survey-u'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: answers(5) })
      .expect(403);
    expect(notBound.body.message).toBe('您还没有绑定这户房屋，不能填写它的问卷');
    for (const staff of ['front-desk', 'qa-1', 'pm']) {
      const r = await t.http
        .post(formUrl(h1.householdId, 'submit'))
        .set(await auth(staff))
        .set('Idempotency-Key', idemKey())
        .send({ answers: answers(5) })
        .expect(403);
      expect(r.body.message).toBe('满意度问卷须由住户本人填写，员工不能代填');
    }
    await t.http
      .put(formUrl(h1.householdId, 'draft'))
      .set(await auth('front-desk'))
      .send({ answers: [] })
      .expect(403);

    const form = await t.http
      .get(formUrl(h1.householdId, 'form'))
      .set(await auth('survey-a1'))
      .expect(200);
    expect(form.body).toMatchObject({
      closedCount: 16,
      minAnswered: 13,
      household: { label: h1.householdLabel },
      response: { status: 'pending' },
      answers: [],
    });
    expect(form.body.questionnaire.sections[0].questions[0]).toMatchObject({
      kind: 'scale',
      scale: 5,
      driverName: '客户服务',
    });

    // A draft on a weak network: saved, and seen by the other member of the household.
    const draft = answers(4).slice(0, 5);
    await t.http
      .put(formUrl(h1.householdId, 'draft'))
      .set(await auth('survey-a1'))
      .send({ answers: draft })
      .expect(200);
    const seen = await t.http
      .get(formUrl(h1.householdId, 'form'))
      .set(await auth('survey-a2'))
      .expect(200);
    expect(seen.body.response.status).toBe('draft');
    expect(seen.body.answers).toHaveLength(5);
    const offScale = await t.http
      .put(formUrl(h1.householdId, 'draft'))
      .set(await auth('survey-a1'))
      .send({ answers: [{ questionId: closed()[0].id, point: 6 }] })
      .expect(400);
    expect(offScale.body.message).toBe('“客服人员的服务态度和礼仪”的评分应在 1–5 之间');

    // Submit: engineering rated 2 (不满意), everything else 4 (满意), one open remark.
    const key = idemKey();
    const body = { answers: answers(4, { engineering: 2 }, '电梯维修太慢，报修三天才来') };
    const first = await t.http
      .post(formUrl(h1.householdId, 'submit'))
      .set(await auth('survey-a1'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({ status: 'submitted', answeredClosed: 16, valid: true });
    const retry = await t.http
      .post(formUrl(h1.householdId, 'submit'))
      .set(await auth('survey-a1'))
      .set('Idempotency-Key', key)
      .send(body)
      .expect(200);
    expect(retry.body).toEqual(first.body);
    await t.http
      .post(formUrl(h1.householdId, 'submit'))
      .set(await auth('survey-a1'))
      .set('Idempotency-Key', key)
      .send({ answers: answers(5) })
      .expect(422);
    expect(
      await t.ds.getRepository(SurveyResponse).countBy({ campaignId, householdId: h1.householdId }),
    ).toBe(1);

    // One answer per household: the second resident sees it answered and cannot answer again.
    const second = await t.http
      .post(formUrl(h1.householdId, 'submit'))
      .set(await auth('survey-a2'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: answers(1) })
      .expect(409);
    expect(second.body.message).toBe('本户已提交过问卷，每户只能提交一份，感谢您的参与');
    await t.http
      .put(formUrl(h1.householdId, 'draft'))
      .set(await auth('survey-a2'))
      .send({ answers: [] })
      .expect(409);
    const theirs = await t.http
      .get('/api/surveys/mine')
      .set(await auth('survey-a2'))
      .expect(200);
    expect(theirs.body[0]).toMatchObject({ status: 'submitted', byMe: false });
    const theirForm = await t.http
      .get(formUrl(h1.householdId, 'form'))
      .set(await auth('survey-a2'))
      .expect(200);
    expect(theirForm.body.response).toMatchObject({ status: 'submitted', byMe: false });
    expect(theirForm.body.answers).toEqual([]); // another member's answers stay private
    const myForm = await t.http
      .get(formUrl(h1.householdId, 'form'))
      .set(await auth('survey-a1'))
      .expect(200);
    expect(myForm.body.answers).toHaveLength(17);
  });

  it('computes satisfaction rate, score, drivers and buildings, excluding invalid questionnaires', async () => {
    const [h1, h2, h3] = sampled;
    await resident('survey-b', '测试业主丙', h2.householdId);
    await resident('survey-c', '测试业主丁', h3.householdId);
    // Only 10 of 16 closed questions answered (< 13): invalid, excluded and counted.
    const partial = [...answers(1).slice(0, 10), { questionId: open()[1].id, text: '无效问卷的意见' }];
    const inv = await t.http
      .post(formUrl(h2.householdId, 'submit'))
      .set(await auth('survey-b'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: partial })
      .expect(201);
    expect(inv.body).toMatchObject({ answeredClosed: 10, valid: false });
    await t.http
      .post(formUrl(h3.householdId, 'submit'))
      .set(await auth('survey-c'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: answers(5) })
      .expect(201);

    await t.http
      .get(`/api/surveys/campaigns/${campaignId}/results`)
      .set(await auth('front-desk'))
      .expect(403);
    const r = (
      await t.http
        .get(`/api/surveys/campaigns/${campaignId}/results`)
        .set(await auth('pm'))
        .expect(200)
    ).body;
    // h1: drivers 75 except 工程维修 25 → 0.2·75·3 + 0.2·25 + 0.1·75·2 = 65 (not satisfied); h3: 100.
    expect(r).toMatchObject({
      sampled: 20,
      submitted: 3,
      valid: 2,
      invalid: 1,
      closedQuestions: 16,
      minAnswered: 13,
    });
    expect(r.responseRate).toBeCloseTo(0.15, 10);
    expect(r.score).toBeCloseTo(82.5, 10);
    expect(r.rate).toBe(0.5);
    const eng = r.drivers.find((d: { code: string }) => d.code === 'engineering');
    expect(eng).toMatchObject({ score: 62.5, rate: 0.5, weightShare: 0.2, count: 2 });
    expect(eng.dissatisfactionImpact).toBeCloseTo(7.5, 10);
    expect(r.dissatisfactionDrivers[0]).toBe('engineering');
    const cs = r.drivers.find((d: { code: string }) => d.code === 'customer_service');
    expect(cs).toMatchObject({ score: 87.5, rate: 1 });
    const b1 = r.buildings.find((b: { building: string }) => b.building === h1.buildingName);
    expect(b1.sampled).toBe(sampled.filter((s) => s.buildingName === h1.buildingName).length);
    expect(r.openAnswers).toEqual([
      {
        questionId: open()[0].id,
        question: '您对物业服务最不满意的地方是什么？',
        building: h1.buildingName,
        text: '电梯维修太慢，报修三天才来',
      },
    ]);
    const text = JSON.stringify(r);
    for (const secret of ['测试业主甲', '测试业主丙', '测试业主丁', h1.householdLabel, '无效问卷的意见'])
      expect(text).not.toContain(secret);
  });

  it('exports the results to Excel through a signed, expiring link', async () => {
    await t.http
      .post(`/api/surveys/campaigns/${campaignId}/export`)
      .set(await auth('front-desk'))
      .expect(403);
    const link = await t.http
      .post(`/api/surveys/campaigns/${campaignId}/export`)
      .set(await auth('qa-1'))
      .expect(200);
    expect(link.body.url).toMatch(new RegExp(`^/api/surveys/exports/${campaignId}\\?u=.+&exp=\\d+&sig=`));
    const file = await t.http
      .get(link.body.url)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Uint8Array.from(file.body as Buffer).buffer);
    const summary = wb.getWorksheet('汇总')!;
    const value = (label: string) => {
      let v: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) v = row.getCell(2).value;
      });
      return v;
    };
    expect(value('样本户数')).toBe(20);
    expect(value('回收问卷')).toBe(3);
    expect(value('有效问卷')).toBe(2);
    expect(value('无效问卷')).toBe(1);
    expect(value('满意率')).toBe(0.5);
    expect(value('满意度（百分制）')).toBe(82.5);
    expect(summary.getRow(9).getCell(2).numFmt).toBe('0.0%');
    const drivers = wb.getWorksheet('驱动因素')!;
    const engRow = drivers.getRows(2, 6)!.find((row) => row.getCell(1).value === '工程维修')!;
    expect([
      engRow.getCell(2).value,
      engRow.getCell(5).value,
      engRow.getCell(6).value,
      engRow.getCell(8).value,
    ]).toEqual([20, 62.5, 0.5, 1]);
    const openSheet = wb.getWorksheet('开放意见')!;
    expect(openSheet.getRow(2).values).toEqual([
      undefined,
      '您对物业服务最不满意的地方是什么？',
      sampled[0].buildingName,
      '电梯维修太慢，报修三天才来',
    ]);
    expect(openSheet.rowCount).toBe(2);

    // Tampered or expired links are refused.
    await t.http.get(link.body.url.replace(/sig=.{4}/, 'sig=AAAA')).expect(403);
    t.app.get(Clock).advance(11 * 60 * 1000);
    const expired = await t.http.get(link.body.url).expect(403);
    expect(expired.body.message).toBe('下载链接已过期，请重新导出');
    t.app.get(Clock).reset();
    const detail = await t.http
      .get(`/api/surveys/campaigns/${campaignId}`)
      .set(await auth('qa-1'))
      .expect(200);
    expect(detail.body.events.map((e: { action: string }) => e.action)).toContain('exported');
  });

  it("closes the campaign; no more answers, and it leaves the residents' list", async () => {
    const h4 = sampled[3];
    await resident('survey-d', '测试业主戊', h4.householdId);
    await t.http
      .post(`/api/surveys/campaigns/${campaignId}/close`)
      .set(await auth('pm'))
      .expect(403);
    await t.http
      .post(`/api/surveys/campaigns/${campaignId}/close`)
      .set(await auth('qa-1'))
      .expect(200);
    const late = await t.http
      .post(formUrl(h4.householdId, 'submit'))
      .set(await auth('survey-d'))
      .set('Idempotency-Key', idemKey())
      .send({ answers: answers(5) })
      .expect(409);
    expect(late.body.message).toBe('本次调查已结束，不能再填写');
    expect(
      (
        await t.http
          .get('/api/surveys/mine')
          .set(await auth('survey-d'))
          .expect(200)
      ).body,
    ).toEqual([]);
    const results = await t.http
      .get(`/api/surveys/campaigns/${campaignId}/results`)
      .set(await auth('qa-1'))
      .expect(200);
    expect(results.body.campaign.statusLabel).toBe('已结束');
  });
});
