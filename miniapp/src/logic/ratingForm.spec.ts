import {
  emptyRatingForm,
  formatFen,
  lowScoreWarning,
  parseCharges,
  ratingBody,
  ratingProblem,
  scoreLabel,
  setScore,
  type RatingForm,
} from './ratingForm';
import {
  answered,
  canRecordRain,
  emptyVisitForm,
  isSigned,
  padPoint,
  visitBody,
  visitDueText,
  visitListPath,
  visitProblem,
  visitTabsFor,
} from './visitForm';

const fullRepair = (over: Partial<RatingForm> = {}): RatingForm => {
  let f = emptyRatingForm();
  for (const [k, s] of Object.entries({ timeliness: 5, process: 4, attitude: 5, result: 4 }))
    f = setScore(f, k, s);
  return { ...f, satisfied: true, chargeCorrect: true, ...over };
};

describe('the rating form', () => {
  it('asks every question of a repair, whether satisfied, and whether the charge was right', () => {
    let f = emptyRatingForm();
    expect(ratingProblem('repair', f, { hasCharges: false })).toBe('请为"维修是否及时"打分');
    f = setScore(f, 'timeliness', 5);
    f = setScore(f, 'process', 4);
    f = setScore(f, 'attitude', 5);
    f = setScore(f, 'result', 4);
    expect(ratingProblem('repair', f, { hasCharges: false })).toBe('请选择您对处理结果是否满意');
    f = { ...f, satisfied: true };
    expect(ratingProblem('repair', f, { hasCharges: false })).toBe('请确认收费是否合理');
    expect(ratingProblem('repair', { ...f, chargeCorrect: false }, { hasCharges: false })).toBeNull();
  });

  it("asks a complaint's three questions, and about the charge only when something was charged", () => {
    let f = emptyRatingForm();
    for (const k of ['process', 'measures', 'result']) f = setScore(f, k, 3);
    f = { ...f, satisfied: true };
    expect(ratingProblem('complaint', f, { hasCharges: false })).toBeNull();
    expect(ratingProblem('complaint', f, { hasCharges: true })).toBe('请确认收费是否合理');
  });

  it('asks what is wrong when not satisfied, and waits for photos still uploading', () => {
    expect(ratingProblem('repair', fullRepair({ satisfied: false }), { hasCharges: false })).toMatch(
      /哪里还不满意/,
    );
    expect(
      ratingProblem('repair', fullRepair({ satisfied: false, comment: '还在漏水' }), { hasCharges: false }),
    ).toBeNull();
    expect(ratingProblem('repair', fullRepair(), { hasCharges: false, uploading: true })).toBe(
      '照片还在上传，请稍候',
    );
  });

  it('keeps scores between 1 and 5 and names them', () => {
    expect(setScore(emptyRatingForm(), 'result', 9).scores.result).toBe(5);
    expect(setScore(emptyRatingForm(), 'result', 0).scores.result).toBe(1);
    expect(scoreLabel(5)).toBe('非常满意');
    expect(scoreLabel(undefined)).toBe('请点击星星打分');
  });

  it('double-checks "satisfied" next to a low score, without changing the answer', () => {
    expect(lowScoreWarning('repair', fullRepair())).toBeNull();
    const low = setScore(fullRepair(), 'result', 2);
    expect(lowScoreWarning('repair', low)).toBe('您给"维修效果"打了2分，确定对处理结果满意吗？');
    expect(lowScoreWarning('repair', { ...low, satisfied: false })).toBeNull();
  });

  it('sends only what was asked', () => {
    const f = { ...fullRepair(), comment: '  谢谢师傅 ', photoIds: ['p1'], declineVisits: true };
    expect(ratingBody('repair', f, false)).toEqual({
      scores: { timeliness: 5, process: 4, attitude: 5, result: 4 },
      satisfied: true,
      chargeCorrect: true,
      comment: '谢谢师傅',
      photoIds: ['p1'],
      declineVisits: true,
    });
    let c = setScore(setScore(setScore(emptyRatingForm(), 'process', 4), 'measures', 4), 'result', 5);
    c = { ...c, satisfied: true, chargeCorrect: true, scores: { ...c.scores, timeliness: 3 } };
    expect(ratingBody('complaint', c, false)).toEqual({
      scores: { process: 4, measures: 4, result: 5 },
      satisfied: true,
    });
  });
});

describe('收费情况 on the return visit', () => {
  it('reads the paid-repair answer: quotes with items, the net paid', () => {
    const s = parseCharges({
      quotes: [
        {
          status: 'paid',
          statusLabel: '已支付',
          totalFen: 8000,
          items: [
            { name: '更换阀芯', amountFen: 5000 },
            { name: '上门费', amountFen: 3000 },
          ],
        },
      ],
      totals: { paidFen: 8000, refundedFen: 0, netFen: 8000 },
      summary: '已收 ¥80.00',
    });
    expect(s).toEqual({
      lines: [{ label: '更换阀芯、上门费', amountFen: 8000, status: '已支付' }],
      totalFen: 8000,
      summary: '已收 ¥80.00',
      hasCharges: true,
    });
  });

  it('reads a plain list of items too', () => {
    expect(parseCharges({ items: [{ title: '材料费', amountFen: 1250 }] })).toMatchObject({
      lines: [{ label: '材料费', amountFen: 1250 }],
      totalFen: 1250,
      hasCharges: true,
    });
    expect(parseCharges([{ name: '上门费', amountFen: 2000 }]).totalFen).toBe(2000);
  });

  it('treats free service and nonsense as no charge', () => {
    expect(
      parseCharges({ quotes: [], totals: { paidFen: 0, netFen: 0 }, summary: '免费维修，无收费' }),
    ).toMatchObject({
      hasCharges: false,
      summary: '免费维修，无收费',
    });
    expect(parseCharges(null).hasCharges).toBe(false);
    expect(parseCharges('oops').lines).toEqual([]);
  });

  it('formats fen as yuan', () => {
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(8000)).toBe('¥80.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-300)).toBe('-¥3.00');
  });
});

describe("the visitor's record", () => {
  it('needs a result, a reason when unsatisfied, and a signature for an answered home visit', () => {
    const f = emptyVisitForm('home');
    expect(visitProblem(f)).toBe('请选择回访结果');
    expect(visitProblem({ ...f, result: 'unsatisfied' })).toMatch(/哪里不满意/);
    expect(visitProblem({ ...f, result: 'satisfied' })).toBe('请业主在下方签名确认');
    expect(visitProblem({ ...f, result: 'satisfied', signed: true })).toBeNull();
    expect(visitProblem({ ...f, result: 'unreachable' })).toBeNull(); // nobody home: nothing to sign
    expect(visitProblem({ ...emptyVisitForm('phone'), result: 'satisfied' })).toBeNull();
  });

  it('sends scores and the charge only with an answer, the signature only for home visits', () => {
    const f = {
      ...emptyVisitForm('home', 7),
      result: 'satisfied' as const,
      scores: { result: 5 },
      chargeCorrect: true,
      signed: true,
    };
    expect(visitBody(f, 'sig-1')).toEqual({
      method: 'home',
      result: 'satisfied',
      scores: { result: 5 },
      chargeCorrect: true,
      signatureUploadId: 'sig-1',
      followUpDays: 7,
    });
    expect(visitBody({ ...f, result: 'unreachable', note: ' 无人应门 ' }, 'sig-1')).toEqual({
      method: 'home',
      result: 'unreachable',
      note: '无人应门',
    });
    expect(answered('declined')).toBe(false);
  });

  it('takes touches in pad coordinates on both platforms and wants real ink', () => {
    expect(padPoint({ x: 3, y: 4 }, null)).toEqual({ x: 3, y: 4 });
    expect(padPoint({ clientX: 110, clientY: 220 }, { left: 10, top: 20 })).toEqual({ x: 100, y: 200 });
    expect(padPoint({}, null)).toBeNull();
    expect(isSigned([[{ x: 0, y: 0 }]])).toBe(false);
    expect(
      isSigned([
        [
          { x: 0, y: 0 },
          { x: 30, y: 40 },
        ],
      ]),
    ).toBe(true);
  });
});

describe('the visit lists', () => {
  it('offers the project list to the desk and the leads only', () => {
    expect(visitTabsFor('dept_staff').map((t) => t.scope)).toEqual(['mine']);
    expect(visitTabsFor('front_desk').map((t) => t.scope)).toEqual(['mine', 'project']);
    expect(canRecordRain('cs_lead')).toBe(true);
    expect(canRecordRain('dept_staff')).toBe(false);
    expect(visitListPath('mine', 'open', 'today')).toBe('/api/visits?scope=mine&status=open&due=today');
  });

  it('reads due times, overdue ones and after-rain visits', () => {
    const fmt = (iso: string) => iso.slice(5, 10);
    expect(visitDueText({ dueAt: '2026-11-21T00:00:00Z', overdue: false, trigger: 'time' }, fmt)).toBe(
      '11-21 前',
    );
    expect(visitDueText({ dueAt: '2026-11-21T00:00:00Z', overdue: true, trigger: 'time' }, fmt)).toBe(
      '已逾期（应于 11-21 前）',
    );
    expect(visitDueText({ dueAt: null, overdue: false, trigger: 'after_rain' }, fmt)).toBe('下雨后回访');
  });
});
