import {
  isSatisfiedPoint,
  isSatisfiedScore,
  normaliseScore,
  SATISFIED_FROM,
  scalePointLabels,
  SURVEY_SCALES,
} from './scales';

describe('rating scales 评价等级', () => {
  it('maps the lowest point to 0 and the highest to 100 on every scale', () => {
    for (const scale of SURVEY_SCALES) {
      expect(normaliseScore(1, scale)).toBe(0);
      expect(normaliseScore(scale, scale)).toBe(100);
    }
    expect([1, 2, 3, 4, 5].map((p) => normaliseScore(p, 5))).toEqual([0, 25, 50, 75, 100]);
    expect(normaliseScore(8, 10)).toBeCloseTo(77.78, 2);
  });

  it('counts the top two points of a 5-point scale as satisfied (满意、很满意)', () => {
    expect([1, 2, 3, 4, 5].map((p) => isSatisfiedPoint(p, 5))).toEqual([false, false, false, true, true]);
  });

  it('scales "satisfied" to 7 and 10 points: top two of 7, top three of 10', () => {
    expect([5, 6, 7].map((p) => isSatisfiedPoint(p, 7))).toEqual([false, true, true]);
    expect([7, 8, 9, 10].map((p) => isSatisfiedPoint(p, 10))).toEqual([false, true, true, true]);
  });

  it('agrees point by point with "a 0–100 score of at least 75"', () => {
    for (const scale of SURVEY_SCALES)
      for (let p = 1; p <= scale; p++)
        expect([scale, p, isSatisfiedPoint(p, scale)]).toEqual([
          scale,
          p,
          isSatisfiedScore(normaliseScore(p, scale)),
        ]);
    expect(SATISFIED_FROM).toEqual({ 5: 4, 7: 6, 10: 8 });
  });

  it('labels the points in Chinese, lowest first', () => {
    expect(scalePointLabels(5)).toEqual(['很不满意', '不满意', '一般', '满意', '很满意']);
    const ten = scalePointLabels(10);
    expect([ten[0], ten[4], ten[9]]).toEqual(['很不满意', '5', '很满意']);
  });
});
