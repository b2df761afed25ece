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
  ])('%s is not an emergency (%s)', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('still reads a present danger told beside a past one', () => {
    expect(kinds('上次就漏过一次，现在又哗哗往外喷水了')).toContain('flooding');
  });
});
