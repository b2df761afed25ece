import { emergencyCues } from './emergency';
import { normalizeText } from './normalize';

const kinds = (text: string) => emergencyCues(normalizeText(text)).map((c) => c.kind);

describe('the emergency detector reads danger happening now (紧急情况, dispatched at once)', () => {
  it.each([
    ['电梯停在两层中间，我妈在里面出不来', 'lift_entrapment'],
    ['3号梯卡住了里面有小孩在哭', 'lift_entrapment'],
    ['楼梯间一股臭鸡蛋味，越来越浓', 'gas'],
    ['厨房燃气表那里嘶嘶响', 'gas'],
    ['楼下车库有辆车在冒黑烟', 'fire_smoke'],
    ['门缝里一直往里进水，地板全湿了', 'flooding'],
    ['地库积水已经没过脚踝了', 'flooding'],
    ['走廊电表箱噼啪响还冒火星', 'live_wire'],
    ['单元门口电线垂下来泡在水里', 'live_wire'],
    ['20楼有块玻璃悬在外面晃晃悠悠', 'falling_object'],
    ['空调外机架子松了随时会掉下来', 'falling_object'],
    ['停电了我爸的制氧机用不了', 'medical'],
    ['有个老人在花园摔倒了起不来', 'medical'],
    ['有辆货车停在消防通道上堵死了', 'fire_lane'],
    ['楼顶的广告牌一角脱开了，一刮风就哐哐砸墙', 'falling_object'],
    ['昨天晚上开始水管爆了，水漫到客厅了', 'flooding'],
    ['一进楼道就一股怪味，不是垃圾味，是煤气那种，越往上越浓', 'gas'],
    ['车库里一辆车着了，火从引擎盖冒出来了', 'fire_smoke'],
    ['健身房有人跑步突然倒下了，没意识了，有人在做按压', 'medical'],
    ['道闸杆落下来砸到头了，现在头晕想吐', 'medical'],
    ['停电两个小时了，我妈的呼吸机用不了', 'medical'],
    ['路灯杆被撞歪了 底下的电线扯出来 还带电 有小孩差点踩到', 'live_wire'],
    ['我爸切菜把手切了，血止不住', 'medical'],
    ['配电箱门开着，里面铜排都露着，小孩在旁边玩', 'live_wire'],
    ['消防栓被车撞断了，水往单元门里灌', 'flooding'],
    ['洗衣机外壳摸着有电，地上还有水', 'live_wire'],
    ['孩子在泳池呛水了，现在趴在池边', 'medical'],
    ['电梯里面我奶奶，轮椅卡在门口，门关不上也打不开，她出不来', 'lift_entrapment'],
    ['地库出口的卷帘门锁住了，里面有烟味，人出不去', 'fire_lane'],
    ['安全出口的门被锁了', 'fire_lane'],
  ])('%s → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    ['要是着火了，这楼道堆的东西怎么办', 'a hypothetical'],
    ['万一电梯困人了有人管吗', 'a hypothetical'],
    ['上个月电梯困过人，到现在也没给说法', 'a past event'],
    ['谢谢保安小王上次把困在电梯里的老人救出来', 'praise for a past rescue'],
    ['师傅来查过了，没有煤气味', 'a negation'],
    ['建议每层楼加装灭火器', 'a suggestion'],
    ['楼道只有一楼有灭火器，现在这样不行，万一着火跑都来不及', 'a hypothetical after a "now"'],
    ['能不能装个除颤仪，现在老人多，万一谁犯心脏病能救命', 'a hypothetical with 救命 in it'],
    ['群里有人说楼道里有煤气味，我下去闻了没什么味，是不是误报', 'a false alarm checked'],
    ['昨天电梯困人的时候等了半天，能不能把维保电话贴出来', "yesterday's event"],
    ['厨房烟道堵了，炒菜的油烟反着往屋里灌', 'smoke pouring back, not water'],
    ['楼下天天有人烧纸，烟熏得受不了', 'burning paper, a nuisance'],
    ['家里有人用制氧机，以后计划停电能不能提前通知', 'a medical device named, no outage now'],
    ['电梯没有困人，是我按警铃试了一下，不好意思', 'negated inside the words'],
    ['燃气泄漏报警器是必须装的吗', 'a device named, not an event'],
    ['电视后面有点焦味，拔了插头就没了', 'over once unplugged'],
    ['水管爆了把我家淹了，地板衣柜一共一万六，物业赔', 'a claim for damage already done'],
    ['下周的跳蚤市场别又摆在消防通道上了', 'a future event'],
    ['楼道里一股酸臭味，不是煤气，像是谁家垃圾', 'the smell named and ruled out'],
    ['前天电梯关了我半小时，想问问查出原因没有', 'a trapping told afterwards'],
    ['刚才好像闻到一点煤气味，再闻又没有了', 'gone again'],
    ['外墙瓷砖上个月掉下来砸了我的车，到现在也没个说法', 'a past event, still unanswered'],
    ['昨晚水管爆了那事你们处理得很快，点个赞', 'praise'],
    ['电梯关人的时候里面的人应该怎么做？', 'a question about what to do'],
    ['烟感报警器多久换一次电池', 'a device named'],
    ['楼上在阳台烧东西，烟飘过来了，不是着火，是烧纸钱', 'fire ruled out'],
    ['树上那个大蜂窝麻烦快点摘掉', 'removing something'],
    ['卫生间的水龙头关不紧，麻烦明天来换一下', '麻烦 is a word, not a tingle'],
    ['昨天半夜那场火是哪家？有人受伤吗', 'a question about a past fire'],
  ])('%s is not an emergency (%s)', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('still reads a present danger told beside a past one', () => {
    expect(kinds('上次就漏过一次，现在又哗哗往外喷水了')).toContain('flooding');
  });
});
