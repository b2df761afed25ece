import { detectTrade } from './trades';

describe('detectTrade', () => {
  it.each([
    ['3栋电梯又坏了，按钮没反应', 'elevator'],
    ['升降梯门关不上', 'elevator'],
    ['单元门禁刷卡没反应', 'low_voltage'],
    ['可视对讲没有图像', 'low_voltage'],
    ['厨房水龙头一直滴水', 'water_electric'],
    ['卧室插座没电，一插就跳闸', 'water_electric'],
    ['马桶堵了冲不下去', 'water_electric'],
    ['客厅墙面开裂好几条裂缝', 'civil'],
    ['卫生间地砖空鼓，踩上去有声音', 'civil'],
    ['窗户玻璃裂了', 'civil'],
    ['帮忙看一下家里的东西', 'general'],
  ])('%s → %s', (text, trade) => {
    expect(detectTrade(text).trade).toBe(trade);
  });

  it('reads traditional characters and says which words decided', () => {
    const g = detectTrade('電梯壞了');
    expect(g.trade).toBe('elevator');
    expect(g.matched).toContain('电梯');
  });
});
