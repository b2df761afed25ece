import { computeResults, minAnsweredFor, type ResultsInput } from './results';

/**
 * A hand-checked survey: driver A (weight 3, share 0.75) with two 5-point questions, driver B
 * (weight 1, share 0.25) with one 10-point question, one open question; valid from 2 of 3 closed answers.
 */
const input = (): ResultsInput => ({
  drivers: [
    { code: 'a', name: '客户服务', weight: 3 },
    { code: 'b', name: '工程维修', weight: 1 },
  ],
  questions: [
    { id: 'a1', kind: 'scale', scale: 5, driver: 'a', text: '服务态度' },
    { id: 'a2', kind: 'scale', scale: 5, driver: 'a', text: '受理及时' },
    { id: 'b1', kind: 'scale', scale: 10, driver: 'b', text: '维修质量' },
    { id: 'o1', kind: 'open', text: '意见和建议' },
  ],
  sampleByBuilding: [
    { building: '1栋', sampled: 3 },
    { building: '2栋', sampled: 4 },
    { building: '3栋', sampled: 2 },
  ],
  minAnsweredRatio: 0.6,
  responses: [
    // A = (100 + 75)/2 = 87.5, B = 100 → 0.75·87.5 + 0.25·100 = 90.625 (satisfied)
    {
      building: '1栋',
      answers: [
        { questionId: 'a1', point: 5 },
        { questionId: 'a2', point: 4 },
        { questionId: 'b1', point: 10 },
        { questionId: 'o1', text: ' 电梯经常坏 ' },
      ],
    },
    // A = (50 + 25)/2 = 37.5, B = 7/9·100 = 77.78 → 28.125 + 19.444 = 47.569 (not satisfied)
    {
      building: '1栋',
      answers: [
        { questionId: 'a1', point: 3 },
        { questionId: 'a2', point: 2 },
        { questionId: 'b1', point: 8 },
      ],
    },
    // a2 skipped: A = 75, B = 0 → 56.25 (not satisfied)
    {
      building: '2栋',
      answers: [
        { questionId: 'a1', point: 4 },
        { questionId: 'a2', point: null },
        { questionId: 'b1', point: 1 },
      ],
    },
    // one closed answer of three (and a point off the scale): invalid, its open answer is not listed
    {
      building: '2栋',
      answers: [
        { questionId: 'a1', point: 5 },
        { questionId: 'b1', point: 11 },
        { questionId: 'o1', text: '无效问卷里的意见' },
      ],
    },
    // B skipped: only driver A counts → 87.5 (satisfied); a blank open answer is not listed
    {
      building: '2栋',
      answers: [
        { questionId: 'a1', point: 4 },
        { questionId: 'a2', point: 5 },
        { questionId: 'o1', text: '   ' },
      ],
    },
  ],
});

describe('survey results 调查结果', () => {
  const r = computeResults(input());

  it('excludes questionnaires with too few answers and counts them (无效问卷)', () => {
    expect(r.minAnswered).toBe(2);
    expect(r.closedQuestions).toBe(3);
    expect([r.sampled, r.submitted, r.valid, r.invalid]).toEqual([9, 5, 4, 1]);
    expect(r.responseRate).toBeCloseTo(5 / 9, 10);
  });

  it('reports the satisfaction score 满意度 as the mean of weighted questionnaire scores', () => {
    // (90.625 + 47.5694 + 56.25 + 87.5) / 4
    expect(r.score).toBeCloseTo(70.486111, 5);
    expect(r.count).toBe(4);
  });

  it('reports the satisfaction rate 满意率 as the share of satisfied questionnaires', () => {
    expect(r.rate).toBe(0.5);
  });

  it('scores every driver and ranks the dissatisfaction drivers by lost points × weight', () => {
    const [a, b] = r.drivers;
    expect(a).toMatchObject({ code: 'a', count: 4, weightShare: 0.75, rate: 0.75 });
    expect(a.score).toBeCloseTo(71.875, 10); // (87.5 + 37.5 + 75 + 87.5) / 4
    expect(a.dissatisfactionImpact).toBeCloseTo(21.09375, 10); // (100 − 71.875) · 0.75
    expect(b).toMatchObject({ code: 'b', count: 3, weightShare: 0.25 });
    expect(b.score).toBeCloseTo(59.259259, 5); // (100 + 77.78 + 0) / 3
    expect(b.rate).toBeCloseTo(2 / 3, 10);
    expect(b.dissatisfactionImpact).toBeCloseTo(10.185185, 5);
    expect(r.dissatisfactionDrivers).toEqual(['a', 'b']);
    expect(r.satisfactionDrivers).toEqual(['a', 'b']);
  });

  it('lets a low score on a light driver rank below a middling score on a heavy one, and vice versa', () => {
    const x = input();
    x.drivers[0].weight = 1; // now a and b weigh the same
    const y = computeResults(x);
    expect(y.dissatisfactionDrivers).toEqual(['b', 'a']); // b lost more points
    expect(y.satisfactionDrivers).toEqual(['a', 'b']);
  });

  it('breaks the results down per building with response rates', () => {
    const [one, two, three] = r.buildings;
    expect(one).toMatchObject({ building: '1栋', sampled: 3, submitted: 2, valid: 2, invalid: 0, rate: 0.5 });
    expect(one.responseRate).toBeCloseTo(2 / 3, 10);
    expect(one.score).toBeCloseTo((90.625 + 47.569444) / 2, 5);
    expect(two).toMatchObject({ building: '2栋', sampled: 4, submitted: 3, valid: 2, invalid: 1, rate: 0.5 });
    expect(two.score).toBeCloseTo(71.875, 10);
    expect(two.responseRate).toBe(0.75);
    expect(three).toMatchObject({
      building: '3栋',
      sampled: 2,
      submitted: 0,
      count: 0,
      score: null,
      rate: null,
    });
  });

  it('gives each closed question its answer distribution, score and rate', () => {
    const a1 = r.questions.find((q) => q.id === 'a1')!;
    expect(a1).toMatchObject({ answered: 4, score: 75, rate: 0.75, distribution: [0, 0, 1, 2, 1] });
    const b1 = r.questions.find((q) => q.id === 'b1')!;
    expect(b1.answered).toBe(3);
    expect(b1.distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(b1.rate).toBeCloseTo(2 / 3, 10);
  });

  it('lists open answers of valid questionnaires with the building only', () => {
    expect(r.openAnswers).toEqual([
      { questionId: 'o1', question: '意见和建议', building: '1栋', text: '电梯经常坏' },
    ]);
  });

  it('reports nothing but the response rate before any answer arrives', () => {
    const empty = computeResults({ ...input(), responses: [] });
    expect([empty.submitted, empty.valid, empty.score, empty.rate, empty.responseRate]).toEqual([
      0,
      0,
      null,
      null,
      0,
    ]);
    expect(empty.dissatisfactionDrivers).toEqual([]);
  });

  it('needs ⌈80%⌉ of the closed questions by default: 13 of 16', () => {
    expect(minAnsweredFor(16, 0.8)).toBe(13);
    expect(minAnsweredFor(10, 0.8)).toBe(8);
    expect(minAnsweredFor(3, 0.6)).toBe(2);
  });
});
