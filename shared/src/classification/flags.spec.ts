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
    // A claim per household is the claim, not a unit price.
    ['售楼时说的地铁口是假的，我们要求开发商每户赔偿五万', 50000],
    // Asking for money back without the word 赔: a refund, a deposit held back.
    ['电动车充电桩多扣的18块要退', 18],
    ['预交了一年的停车月卡，车卖了，剩下的750块能不能退', 750],
    ['装修押金五千交了两年了，装修早完了，物业一直说流程中不退', 5000],
    // The cost of damage someone else did is what the resident wants paid.
    ['园林工人剪树枝砸中我电动车的后视镜，修了350', 350],
    ['保洁把我家新装的木地板用钢丝球擦花了一大片，又刮坏了踢脚线，修复要1200', 1200],
    // Repair costs, totals and deposits make a bare number money.
    ['道闸把我车顶刮了一道，补漆800，你们看着办', 800],
    ['污水从地漏返上来，清洁加扔掉的地毯算下来3200，这是公共管道请物业赔', 3200],
    ['装修押金5000什么时候能退？验收都过了', 5000],
    ['剩下半年的物业费1800能退给我吗', 1800],
    // A numeral ends where two digits meet: 九千二 + 一分不能少.
    ['道闸砸了我的车，修车费九千二一分不能少', 9200],
    // Across a space a following 楼 is another sentence, not a floor.
    ['楼上滴水把地板泡烂了 换了花了两千四百五 楼上不认', 2450],
    // Half of what was paid.
    ['交了2680的采暖费暖气不热，我要求退一半，1340', 1340],
    ['家政把油烟机洗坏了，新的一台2999，至少赔一半', 1499.5],
    // "You pay the fine": the claim word after the amount.
    ['你们收了我1500清运费垃圾没运走，被罚了两百，罚款那两百你们出', 200],
    // Thousands separators, small amounts right beside a refund, asking who pays the rest.
    ['保安把我的相机弄丢了，发票价12,800，不赔我就起诉', 12800],
    ['停了3个小时收了我30，多收的15退给我', 15],
    ['地库被淹那次保险只赔了一部分，剩下的4500能不能找你们要？', 4500],
    // The amount the resident settles on, a computed total, a loss named in other words.
    ['楼上刷栏杆的油漆弄脏了我晒的羽绒服，一件两千多的，就按2000算', 2000],
    ['要求开发商每平补偿2000，我家100平就是20万', 200000],
    ['保安推门把我手机撞飞了，屏幕碎了，换屏880', 880],
    ['保安放陌生人进来把我电动车偷了，一万八千六，少一分都不行', 18600],
    ['道闸刮花我新车，定损4500，你们经理说最多赔1000，4500一分不能少', 4500],
    ['拖车费300罚款200，打车去拿车花了86，一共586，你们出', 586],
    ['电信宽带断了一个礼拜，这个月129的月租要退', 129],
  ])('%s → %d yuan', (text, yuan) => {
    expect(parseCompensation(text)).toBe(yuan);
  });

  it('counts pieces of tile or glass as pieces, not yuan', () => {
    expect(parseCompensation('新房地砖大面积空鼓，一共十七块，要求开发商赔偿18600')).toBe(18600);
    expect(parseCompensation('碎了两块玻璃，要求赔偿')).toBeNull();
  });

  it('finds no claim where no compensation is asked', () => {
    // Asked of the resident, offered to them, or already paid: not their claim.
    expect(parseCompensation('搬家公司砸裂了电梯厅的大理石，你们要我出300，凭什么')).toBeNull();
    expect(parseCompensation('你们给的一百块补偿算什么？这点钱打发谁')).toBeNull();
    expect(parseCompensation('谢谢王经理协调，楼上已经赔了我3000，我很满意')).toBeNull();
    expect(parseCompensation('物业说要扣我押金1000，可墙是装修公司撞坏的，我让他们赔过了')).toBeNull();
    expect(parseCompensation('修个下水道花了80，师傅很负责，谢谢')).toBeNull();
    expect(parseCompensation('维修师傅报价修热水器要450，有点贵，能便宜点吗')).toBeNull();
    expect(parseCompensation('楼上已经同意赔2000了，想问物业能不能出个证明')).toBeNull();
    expect(parseCompensation('开发商说每平方补偿200块，这点钱谁稀罕')).toBeNull();
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

describe('an emergency told as a claim for money', () => {
  it('is damage done, unless the text says the danger is still going on', () => {
    expect(detectFlags('上周水泵房的管子爆了，我家储藏间全泡了，损失八千，你们赔').emergency).toBe(false);
    expect(detectFlags('水管爆了水还在往外喷，快来关阀门，泡坏的地板你们赔3000').emergency).toBe(true);
  });
});
