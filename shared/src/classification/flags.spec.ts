import { detectFlags, parseChineseNumber, parseCompensation } from './flags';

describe('compensation amounts (重大投诉 at ≥ 10,000 yuan, docs/domain-rules.md "Levels and special complaints")', () => {
  it.each([
    ['要求赔偿一万五', 15000],
    ['赔偿2万元', 20000],
    ['楼上必须赔我15000元', 15000],
    ['要求物业赔1.5万', 15000],
    ['损失至少三千块', 3000],
    ['要求赔偿两万', 20000],
    ['索赔十万', 100000],
    ['赔偿5w', 50000],
    ['要求补偿一万二千元', 12000],
    ['赔偿金额８０００元', 8000],
    ['医药费花了3500元，要物业出', 3500],
    ['要求賠償兩萬', 20000],
    ['车泡坏了，要求赔偿1.86万', 18600],
    ['要求物业赔偿一万八千六', 18600],
    ['损失两万块你们必须赔', 20000],
    ['赔我3k', 3000],
    ['要求赔偿壹万贰仟元', 12000],
    ['医药费加误工费七八千，要求你们承担', 8000],
    ['损失2万多，要求赔偿', 20000],
  ])('%s → %d yuan', (text, yuan) => {
    expect(parseCompensation(text)).toBe(yuan);
  });

  it('finds no claim where no compensation is asked', () => {
    expect(parseCompensation('3栋1502电梯又坏了，已经三天了')).toBeNull();
    expect(parseCompensation('物业费每平3块太贵了')).toBeNull();
  });

  it('reads colloquial Chinese numerals', () => {
    expect(parseChineseNumber('一万五')).toBe(15000);
    expect(parseChineseNumber('三千五')).toBe(3500);
    expect(parseChineseNumber('一百五')).toBe(150);
    expect(parseChineseNumber('二十万')).toBe(200000);
    expect(parseChineseNumber('十二')).toBe(12);
  });

  it('marks a claim of ten thousand yuan or more as a major complaint', () => {
    expect(detectFlags('家里被泡了，要求赔偿一万五').majorComplaint).toBe(true);
    expect(detectFlags('要求赔偿9000元').majorComplaint).toBe(false);
    expect(detectFlags('要求赔偿10000元').majorComplaint).toBe(true);
  });
});

describe('emergencies (dispatched at once) and agitated residents (服务上移)', () => {
  it.each([
    ['楼道里好大的煤气味', 'gas'],
    ['配电箱漏电，冒火花了', 'live_wire'],
    ['5楼着火了！', 'fire_smoke'],
    ['地下室在冒烟', 'fire_smoke'],
    ['我被困在电梯里了', 'lift_entrapment'],
    ['电梯关人了快来', 'lift_entrapment'],
    ['楼道水管爆裂了，到处是水', 'flooding'],
    ['大堂有人晕倒了', 'medical'],
  ])('%s is an emergency (%s)', (text, kind) => {
    const f = detectFlags(text);
    expect(f.emergency).toBe(true);
    expect(f.emergencyKind).toBe(kind);
    expect(f.emergencyWords.length).toBeGreaterThan(0);
  });

  it('does not raise an emergency for ordinary or negated mentions', () => {
    expect(detectFlags('楼道灯坏了').emergency).toBe(false);
    expect(detectFlags('师傅来查过了，没有煤气味').emergency).toBe(false);
  });

  it.each([
    '再不处理我就投诉到12345',
    '我要找媒体曝光你们',
    '业主们准备拉横幅了',
    '再不处理我就找律师起诉',
    '电梯又坏了！！！',
  ])('%s is agitated', (text) => {
    expect(detectFlags(text).agitated).toBe(true);
  });

  it('a calm request is not agitated', () => {
    expect(detectFlags('麻烦派人来看看楼道灯，谢谢。').agitated).toBe(false);
  });
});
