import { autoCloseReason, visitExemption } from './exemptions';
import { asksCharge, ratingAverage, validateRating } from './rating';
import { dissatisfactionSteps, repeatOf } from './repeat';

const visited = { anonymous: false, hasContact: true, sensitive: false, declined: false };

describe('no visit where the handbook says none is needed (the customer-service handbook)', () => {
  it('visits an ordinary ticket', () => {
    expect(visitExemption(visited)).toBeNull();
  });
  it('skips one solved on the spot and confirmed', () => {
    expect(visitExemption({ ...visited, resolvedOnSpot: true })).toBe('on_spot');
  });
  it('skips anonymous complaints and ones with no way to reach anyone', () => {
    expect(visitExemption({ ...visited, anonymous: true })).toBe('anonymous');
    expect(visitExemption({ ...visited, hasContact: false })).toBe('no_contact');
  });
  it('skips complaints the lead marked sensitive', () => {
    expect(visitExemption({ ...visited, sensitive: true })).toBe('sensitive');
  });
  it('skips residents who asked not to be visited', () => {
    expect(visitExemption({ ...visited, declined: true })).toBe('declined');
  });
});

describe('closing by itself a week after handling', () => {
  it('closes with the exemption as the reason', () => {
    expect(autoCloseReason({ exemption: 'declined', attempts: [] })).toBe('declined');
    expect(autoCloseReason({ exemption: 'sensitive', attempts: [] })).toBe('sensitive');
  });
  const at = (s: string) => new Date(`${s}+08:00`);
  const miss = (s: string) => ({ result: 'unreachable' as const, at: at(s) });
  it('closes as unreachable only after 3 unanswered tries on 2 days', () => {
    const twoDays = [miss('2026-11-20T10:00:00'), miss('2026-11-20T16:00:00'), miss('2026-11-21T10:00:00')];
    expect(autoCloseReason({ exemption: null, attempts: twoDays })).toBe('unreachable');
    // One missed call, or three on one day, is not enough.
    expect(autoCloseReason({ exemption: null, attempts: [miss('2026-11-20T10:00:00')] })).toBeNull();
    const oneDay = [miss('2026-11-20T09:00:00'), miss('2026-11-20T12:00:00'), miss('2026-11-20T23:30:00')];
    expect(autoCloseReason({ exemption: null, attempts: oneDay })).toBeNull();
  });
  it('closes when the resident refused the visit at the door or on the phone', () => {
    expect(
      autoCloseReason({
        exemption: null,
        attempts: [miss('2026-11-20T10:00:00'), { result: 'declined', at: at('2026-11-20T11:00:00') }],
      }),
    ).toBe('declined');
  });
  it('never invents satisfaction: a visit nobody tried keeps it open', () => {
    expect(autoCloseReason({ exemption: null, attempts: [] })).toBeNull();
  });
});

describe('the rating form (the return-visit handbook)', () => {
  const repairScores = { timeliness: 5, process: 4, attitude: 5, result: 4 };
  it('asks a repair about timeliness, process, attitude, result and the charge', () => {
    expect(
      validateRating('repair', { scores: repairScores, satisfied: true, chargeCorrect: true }),
    ).toBeNull();
    expect(validateRating('repair', { scores: repairScores, satisfied: true })).toBe('请确认收费是否合理');
    expect(
      validateRating('repair', { scores: { ...repairScores, attitude: undefined }, satisfied: true }),
    ).toBe('请为"服务态度"打分');
  });
  it('asks a complaint about process, measures and result; the charge only when something was charged', () => {
    const scores = { process: 3, measures: 4, result: 4 };
    expect(validateRating('complaint', { scores, satisfied: true })).toBeNull();
    expect(validateRating('complaint', { scores, satisfied: true }, { hasCharges: true })).toBe(
      '请确认收费是否合理',
    );
    expect(asksCharge('complaint', false)).toBe(false);
    expect(validateRating('complaint', { scores: { ...scores, attitude: 5 }, satisfied: true })).toMatch(
      /没有这个评价项/,
    );
  });
  it('needs scores from 1 to 5 and an explicit satisfied or not', () => {
    expect(validateRating('repair', { scores: { ...repairScores, result: 6 }, chargeCorrect: true })).toMatch(
      /1到5分/,
    );
    expect(validateRating('repair', { scores: repairScores, chargeCorrect: true })).toBe(
      '请选择您对处理结果是否满意',
    );
  });
  it('asks what is still wrong when the resident is not satisfied', () => {
    expect(
      validateRating('repair', { scores: repairScores, satisfied: false, chargeCorrect: true, comment: ' ' }),
    ).toMatch(/哪里还不满意/);
    expect(
      validateRating('repair', {
        scores: repairScores,
        satisfied: false,
        chargeCorrect: true,
        comment: '还在漏',
      }),
    ).toBeNull();
  });
  it('averages the scores', () => {
    expect(ratingAverage(repairScores)).toBe(4.5);
    expect(ratingAverage({})).toBeNull();
  });
});

describe('a repeat complaint within the week (the customer-service handbook)', () => {
  const original = {
    kind: 'complaint',
    householdId: 'h1',
    category: '设备管理类',
    text: '卫生间下水管漏水，楼下都渗水了',
    handledAt: new Date('2026-11-19T07:00:00Z'),
  };
  const again = (over: object = {}) => ({
    kind: 'complaint',
    householdId: 'h1',
    category: '设备管理类',
    text: '卫生间下水管又漏水了，楼下还在渗水',
    at: new Date('2026-11-22T07:00:00Z'),
    ...over,
  });

  it('is the same household, kind and category, alike, within 7 days of handling', () => {
    expect(repeatOf(again(), original).repeat).toBe(true);
  });
  it('is not a repeat from another household, another category or another matter', () => {
    expect(repeatOf(again({ householdId: 'h2' }), original).repeat).toBe(false);
    expect(repeatOf(again({ householdId: null }), original).repeat).toBe(false);
    expect(repeatOf(again({ category: '环境管理类' }), original).repeat).toBe(false);
    expect(repeatOf(again({ kind: 'repair' }), original).repeat).toBe(false);
    expect(repeatOf(again({ text: '小区门口的快递柜太少了，经常放不下' }), original).repeat).toBe(false);
  });
  it('is not a repeat after the week', () => {
    expect(repeatOf(again({ at: new Date('2026-11-26T07:00:01Z') }), original).repeat).toBe(false);
  });
  it('matches repairs, which have no category, among themselves', () => {
    const r = { ...original, kind: 'repair', category: null };
    expect(repeatOf(again({ kind: 'repair', category: null }), r).repeat).toBe(true);
  });
  it('keeps repairs of two different trades apart, however alike the words', () => {
    const r = {
      ...original,
      kind: 'repair',
      category: null,
      text: '卫生间灯不亮了，麻烦来修',
      trade: 'water_electric',
    };
    const wall = again({
      kind: 'repair',
      category: null,
      text: '卫生间墙皮脱落了，麻烦来修',
      trade: 'civil',
    });
    expect(repeatOf({ ...wall, trade: null }, r).repeat).toBe(true); // trade unknown: the words decide
    expect(repeatOf(wall, r).repeat).toBe(false);
    expect(
      repeatOf(again({ kind: 'repair', category: null, trade: 'general' }), { ...r, text: original.text })
        .repeat,
    ).toBe(true);
  });
});

describe('dissatisfaction at the visit (the return-visit handbook)', () => {
  it('reopens to the handler and tells the lead the first time', () => {
    expect(dissatisfactionSteps(1)).toEqual({ reopen: true, escalateTo: null, notify: ['cs_lead'] });
  });
  it('also goes up to the project manager the second time', () => {
    expect(dissatisfactionSteps(2)).toEqual({
      reopen: true,
      escalateTo: 'project_manager',
      notify: ['cs_lead', 'project_manager'],
    });
  });
});
